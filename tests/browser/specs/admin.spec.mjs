// 系统管理: the district's administrator zhao (admin of district, so of every school below)
// loads a broken organization file and sees each linter message under its line, then a valid
// one that adds a person to school-c (each project its own: desktop ding, phone bai), and
// invites that person; the person opens the link in a fresh browser, a weak password is
// refused in the API's words, a good one is set and signs them in, the link does not work
// twice. The principal li is no administrator: no 管理 link, and #admin shows the API's
// refusal. In English the page and the linter speak English.
import { checkA11y } from './a11y.mjs';
import { expect, shot, signIn, test } from './fixtures.mjs';

const NEWCOMER = { desktop: ['ding', '丁一', 'Ding Yi'], phone: ['bai', '白雪', 'Bai Xue'] };
const NEW_PASSWORD = 'Harbor#2027x';

function orgFile(id, zh, en) {
  return `people:\n  - id: ${id}\n    name: {zh: ${zh}, en: ${en}}\n    roles:\n      - {org: school-c, role: staff_representative}\n`;
}
// Line 3 has a misspelt key (nam), so line 2's person lacks its name.
const BROKEN = 'people:\n  - id: nobody\n    nam: {zh: 无名, en: Nobody}\n    roles:\n      - {org: school-c, role: clerk}\n';

const people = (page, org) => page.locator(`section.org-people[data-org="${org}"]`);
const row = (page, org, person) => people(page, org).locator(`tr[data-person="${person}"]`);

async function openAdmin(page) {
  await signIn(page, 'zhao');
  await expect(page.getByRole('heading', { name: '学期工作报告督导' })).toBeVisible();
  await page.getByRole('link', { name: '管理' }).click();
  await expect(page).toHaveURL(/#admin$/);
  await expect(page.getByRole('heading', { name: '系统管理' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '人员与权限' })).toBeVisible();
}

async function load(page, text) {
  await page.getByLabel('文件类型').selectOption('orgs');
  await page.getByLabel('文件内容（可直接粘贴）').fill(text);
  await page.getByRole('button', { name: '加载', exact: true }).click();
}

// A page in a fresh browser context of the project's size, failing on console errors as the
// fixture's page does.
async function freshPage(browser, testInfo) {
  const { viewport, isMobile, hasTouch, deviceScaleFactor } = testInfo.project.use;
  const context = await browser.newContext({ viewport, isMobile, hasTouch, deviceScaleFactor });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/status of (400|401|403)/.test(msg.text())) errors.push(msg.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, errors };
}

test('a non-administrator has no 管理 link, and #admin shows the API\'s refusal', async ({ page }, testInfo) => {
  await signIn(page, 'li');
  await expect(page.getByRole('heading', { name: '我的任务' })).toBeVisible();
  await expect(page.getByRole('link', { name: '会议', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: '管理' })).toBeHidden();
  await page.goto('/#admin');
  await expect(page.getByRole('heading', { name: '系统管理' })).toBeVisible();
  await expect(page.locator('#admin-error')).toContainText('“li”不是管理员');
  await expect(page.getByLabel('文件内容（可直接粘贴）')).toHaveCount(0);
  await expect(page.locator('button[data-invite]')).toHaveCount(0);
  await shot(page, testInfo, 'admin-refused');
  await checkA11y(page, 'the administrator\'s page refused');
});

test('the administrator loads a broken file, then a valid one, and invites the new person', async ({ page, browser }, testInfo) => {
  const [id, zh, en] = NEWCOMER[testInfo.project.name];
  await openAdmin(page);
  await expect(row(page, 'school-a', 'li').locator('.account')).toHaveText('已开通');
  await expect(row(page, 'school-a', 'li').locator('button')).toHaveCount(0);
  await expect(row(page, 'school-a', 'ma').locator('.account')).toHaveText('未开通');
  await expect(row(page, 'school-a', 'ma').getByRole('button', { name: '邀请' })).toBeVisible();
  await expect(row(page, 'district', 'zhao')).toContainText('系统管理员、上级督导');
  await checkA11y(page, 'the administrator\'s page');

  // The broken file: each message under its own line, the lines numbered and marked.
  await load(page, BROKEN);
  const refused = page.locator('.load-refused');
  await expect(refused).toContainText('未加载，文件有误');
  const line3 = page.locator('.lint-line[data-line="3"]');
  await expect(line3).toHaveClass(/erring/);
  await expect(line3.locator('.lint-number')).toHaveText('3');
  await expect(line3.locator('.lint-text')).toHaveText('    nam: {zh: 无名, en: Nobody}');
  await expect(line3.locator('.lint-message')).toContainText('第 3 行第 5 列：人员“nobody”中有未知的键“nam”');
  await expect(page.locator('.lint-line[data-line="2"] .lint-message')).toContainText('缺少“name”');
  await expect(page.locator('.lint-line[data-line="1"]')).not.toHaveClass(/erring/);
  await expect(page.locator('.lint-line.erring')).toHaveCount(2);
  await shot(page, testInfo, 'admin-lint');
  await checkA11y(page, 'a file refused with the linter\'s messages');
  await expect(row(page, 'school-c', 'nobody')).toHaveCount(0);

  // A valid file, picked: what was loaded is shown; the person appears without an account.
  await page.getByLabel('选择文件（YAML）').setInputFiles({ name: `${id}.yaml`, mimeType: 'text/yaml', buffer: Buffer.from(orgFile(id, zh, en)) });
  await expect(page.getByLabel('文件内容（可直接粘贴）')).toHaveValue(orgFile(id, zh, en));
  await page.getByRole('button', { name: '加载', exact: true }).click();
  const done = page.locator('.load-done');
  await expect(done).toContainText('已加载');
  await expect(done.locator('dt', { hasText: '人员' }).locator('+ dd')).toHaveText('1');
  await expect(done.locator('dt', { hasText: '有变更' }).locator('+ dd')).toHaveText('是');
  await expect(page.locator('.load-refused')).toHaveCount(0);
  await checkA11y(page, 'a file loaded');
  await expect(row(page, 'school-c', id)).toContainText(zh);
  await expect(row(page, 'school-c', id)).toContainText('教职工代表');
  await expect(row(page, 'school-c', id).locator('.account')).toHaveText('未开通');

  // The invitation: its link shown once, with a copy button.
  await row(page, 'school-c', id).getByRole('button', { name: '邀请' }).click();
  const link = page.getByLabel(`给 ${id} 的邀请链接（仅显示这一次）`);
  await expect(link).toHaveValue(/\/invite#token=[0-9a-f]{64}$/);
  await expect(people(page, 'school-c').locator('tr.invite-row').getByRole('button', { name: '复制' })).toBeVisible();
  await expect(row(page, 'school-c', id).getByRole('button', { name: '邀请' })).toHaveCount(0);
  await shot(page, testInfo, 'admin-invited');
  await checkA11y(page, 'an invitation\'s link');
  const url = await link.inputValue();

  // The person, in a browser of their own: a weak password refused in the rule's words, a
  // good one set and signed in with.
  const fresh = await freshPage(browser, testInfo);
  const guest = fresh.page;
  await guest.goto(url);
  await expect(guest.getByRole('heading', { name: '设置密码' })).toBeVisible();
  await expect(guest.locator('#nav')).toBeHidden();
  await checkA11y(guest, 'the invitation\'s page');
  await guest.getByLabel('新密码', { exact: true }).fill('short');
  await guest.getByLabel('再次输入新密码').fill('short');
  await guest.getByRole('button', { name: '设置密码' }).click();
  await expect(guest.locator('#invitation-error')).toHaveText('密码至少需要 10 个字符');
  await shot(guest, testInfo, 'invitation-refused');
  await checkA11y(guest, 'the invitation\'s page with a refusal');
  await guest.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
  await guest.getByLabel('再次输入新密码').fill(`${NEW_PASSWORD}!`);
  await guest.getByRole('button', { name: '设置密码' }).click();
  await expect(guest.locator('#invitation-error')).toHaveText('两次输入的密码不一致');
  await guest.getByLabel('再次输入新密码').fill(NEW_PASSWORD);
  await guest.getByRole('button', { name: '设置密码' }).click();
  await expect(guest.getByRole('heading', { name: '我的任务' })).toBeVisible();
  await expect(guest.locator('#who')).toContainText(id);
  expect(new URL(guest.url()).pathname + new URL(guest.url()).hash).toBe('/');
  await guest.getByRole('button', { name: '退出' }).click();
  await signIn(guest, id, NEW_PASSWORD);
  await expect(guest.getByRole('heading', { name: '我的任务' })).toBeVisible();
  await guest.goto(url);
  await guest.getByLabel('新密码', { exact: true }).fill('Another#2028y');
  await guest.getByLabel('再次输入新密码').fill('Another#2028y');
  await guest.getByRole('button', { name: '设置密码' }).click();
  await expect(guest.locator('#invitation-error')).toContainText('此邀请不存在、已使用或已过期');
  expect(fresh.errors, 'console errors on the invitation\'s page').toEqual([]);
  await fresh.context.close();

  // The administrator sees the account.
  await page.reload();
  await expect(row(page, 'school-c', id).locator('.account')).toHaveText('已开通');
  await expect(row(page, 'school-c', id).locator('button')).toHaveCount(0);
});

test('the administrator makes an API token that reads its organization, and revokes it', async ({ page, request }, testInfo) => {
  const org = testInfo.project.name === 'desktop' ? 'school-a' : 'school-b';
  await openAdmin(page);
  const tokens = page.locator('section.tokens');
  await expect(tokens.getByRole('heading', { name: 'API 令牌' })).toBeVisible();
  await tokens.getByLabel('令牌持有人').selectOption('zhao');
  await tokens.getByLabel('单位').selectOption(org);
  await tokens.getByLabel('权限').selectOption('read');
  await tokens.getByLabel('有效天数（1–366）').fill('400');
  await tokens.getByRole('button', { name: '生成令牌' }).click();
  await expect(tokens.locator('.token-form .error')).toHaveText('令牌有效期为 1 至 366 天，而不是 400');
  await checkA11y(page, 'a token refused');
  await tokens.getByLabel('有效天数（1–366）').fill('30');
  await tokens.getByRole('button', { name: '生成令牌' }).click();
  const secretBox = tokens.locator('.token-secret input');
  await expect(secretBox).toHaveValue(/^dkt_[0-9a-f]{16}_[0-9a-f]{64}$/);
  const secret = await secretBox.inputValue();
  const id = secret.split('_')[1];
  await expect(tokens.locator('.token-form .error')).toBeHidden();
  const tokenRow = tokens.locator(`tr[data-token="${id}"]`);
  await expect(tokenRow).toContainText('赵建国（zhao）');
  await expect(tokenRow).toContainText('只读');
  await expect(tokenRow.locator('.token-state')).toHaveText('有效');
  await shot(page, testInfo, 'admin-token');
  await checkA11y(page, 'a token made');
  const bearer = { Authorization: `Bearer ${secret}` };
  expect((await request.get(`/api/items?org=${org}`, { headers: bearer })).status()).toBe(200);
  await tokenRow.getByRole('button', { name: '撤销' }).click();
  await expect(tokenRow.locator('.token-state')).toContainText('撤销');
  await expect(tokenRow.getByRole('button', { name: '撤销' })).toHaveCount(0);
  expect((await request.get(`/api/items?org=${org}`, { headers: bearer })).status()).toBe(401);
});

test('in English the page and the linter speak English', async ({ page }, testInfo) => {
  await openAdmin(page);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Administration' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Administration' })).toBeVisible();
  await expect(row(page, 'school-a', 'li').locator('.account')).toHaveText('Has a password');
  await page.getByLabel('Kind of file').selectOption('orgs');
  await page.getByLabel('The file\'s text (or paste it)').fill(BROKEN);
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(page.locator('.lint-line[data-line="3"] .lint-message')).toContainText('Line 3, column 5: ');
  await expect(page.locator('.lint-line[data-line="3"] .lint-message')).toContainText('nam');
  await shot(page, testInfo, 'admin-english');
  await checkA11y(page, 'the administrator\'s page in English');
});
