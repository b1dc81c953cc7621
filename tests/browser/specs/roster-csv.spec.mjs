// 系统管理, from Excel: the district's administrator zhao downloads an organization's roster
// as CSV, uploads it back with one bad line added, sees the error under that line (the CSV's
// line and column), fixes it in place and loads it, and downloads the export with the new
// person in it. Desktop and phone each their own organization and newcomer, so that the two
// projects never edit one roster.
import fs from 'node:fs';
import { checkA11y } from './a11y.mjs';
import { expect, shot, signIn, test } from './fixtures.mjs';

const CASE = {
  desktop: { org: 'school-b', id: 'wu', zh: '吴敏', role: 'staff_representative', body: 'staff-congress' },
  phone: { org: 'district', id: 'xin', zh: '辛悦', role: 'supervisor', body: '' },
};

test('the administrator uploads a roster CSV with a bad line, fixes and loads it, and downloads the export', async ({ page }, testInfo) => {
  const c = CASE[testInfo.project.name];
  await signIn(page, 'zhao');
  await expect(page.getByRole('heading', { name: '学期工作报告督导' })).toBeVisible();
  await page.getByRole('link', { name: '管理' }).click();
  await expect(page.getByRole('heading', { name: '系统管理' })).toBeVisible();
  await page.getByLabel('文件类型').selectOption('roster');
  await page.getByLabel('名单所属组织').selectOption(c.org);
  const link = page.getByRole('link', { name: '下载当前的 CSV' });
  await expect(link).toHaveAttribute('download', `roster-${c.org}.csv`);
  const [first] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const exported = fs.readFileSync(await first.path(), 'utf8');
  expect(exported.startsWith('\uFEFF编号,姓名,英文名,角色,表决成员,列席,电子邮箱\r\n')).toBe(true);
  const line = exported.split('\r\n').filter((l) => l).length + 1;  // where the newcomer goes
  const bad = `${c.id},${c.zh},,${c.role},食堂,,\r\n`;
  await page.getByLabel('选择文件（CSV UTF-8）').setInputFiles({
    name: `roster-${c.org}.csv`, mimeType: 'text/csv', buffer: Buffer.from(exported + bad),
  });
  const text = page.getByLabel('文件内容（可直接粘贴）');
  await expect(text).toHaveValue(/食堂/);
  await page.getByRole('button', { name: '加载', exact: true }).click();
  await expect(page.locator('.load-refused')).toContainText('未加载，文件有误');
  const erring = page.locator(`.lint-line[data-line="${line}"]`);
  await expect(erring).toHaveClass(/erring/);
  await expect(erring.locator('.lint-text')).toHaveText(bad.trim());
  await expect(erring.locator('.lint-message')).toContainText(`第 ${line} 行第 5 列：“食堂”不是组织“${c.org}”的会议机构`);
  await expect(page.locator('.lint-line.erring')).toHaveCount(1);
  await shot(page, testInfo, 'admin-roster-refused');
  await checkA11y(page, 'a roster refused at its line and column');

  // Fixed in place (the right body, or none), then loaded.
  await text.fill((await text.inputValue()).replace('食堂', c.body));
  await page.getByRole('button', { name: '加载', exact: true }).click();
  const done = page.locator('.load-done');
  await expect(done).toContainText('已加载');
  await expect(done.locator('dt', { hasText: '有变更' }).locator('+ dd')).toHaveText('是');
  await expect(page.locator('.load-refused')).toHaveCount(0);
  await checkA11y(page, 'a roster loaded');
  await shot(page, testInfo, 'admin-roster-loaded');

  const [second] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const after = fs.readFileSync(await second.path(), 'utf8');
  expect(after).toContain(`\r\n${c.id},${c.zh},,${c.role},${c.body},,\r\n`);
});
