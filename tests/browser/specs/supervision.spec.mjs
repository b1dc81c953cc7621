// 督导: the district's supervisor zhao reviews the schools' semester reports run.sh seeded —
// each project its own term (desktop last-term: school-a and school-b submitted late, school-c
// still a draft, so late; phone this-term: school-a and school-b submitted, school-c none
// opened). The roll-up groups the schools under the district with subtotals per status; one
// school shows its findings (each opening its item and history), its submitted report and
// the audit chain's verification; school-b's report is returned (desktop) or accepted (phone)
// with a comment, after a return without one is refused in the API's words. The principal li
// is no supervisor: no such view, and no review on his own school's submitted report.
import { checkA11y } from './a11y.mjs';
import { expect, shot, signIn, test } from './fixtures.mjs';

const TERM = { desktop: 'last-term', phone: 'this-term' };
// The third school in each project's term: late in last-term, not opened in this-term.
const THIRD = { desktop: ['late', '逾期未报', 'red'], phone: ['not_opened', '未开启', 'none'] };

const school = (page, org) => page.locator(`li.school[data-org="${org}"]`);
const subtotal = (scope, status) => scope.locator(`.subtotal[data-status="${status}"]`);

async function openRollup(page, term) {
  await expect(page.getByRole('heading', { name: '学期工作报告督导' })).toBeVisible();
  await page.getByRole('textbox', { name: '学期' }).fill(term);
  await page.getByRole('button', { name: '查看' }).click();
  await expect(page).toHaveURL(new RegExp(`#supervision/${term}$`));
  await expect(page.locator('li.school')).toHaveCount(3);
}

test('the principal has no supervision view and no review of his school\'s report', async ({ page }, testInfo) => {
  const term = TERM[testInfo.project.name];
  await signIn(page, 'li');
  await expect(page.getByRole('heading', { name: '我的任务' })).toBeVisible();
  await expect(page.getByRole('link', { name: '督导' })).toBeHidden();
  await page.goto(`/#supervision/${term}/school-a`);
  const card = page.locator('article.school-page');
  await expect(card.locator('.school-status')).toContainText('已报送');
  await expect(card.getByRole('button', { name: '核验审计链' })).toBeVisible();
  await expect(card.locator('button[data-action]')).toHaveCount(0);
  await expect(card.getByLabel('审阅意见')).toHaveCount(0);
  await checkA11y(page, 'a school\'s page for its principal');
  await page.goto('/#supervision');
  await expect(page.getByText('您没有督导的单位')).toBeVisible();
});

test('the supervisor sees the schools with their statuses and subtotals, a finding\'s item and history', async ({ page }, testInfo) => {
  const project = testInfo.project.name;
  const term = TERM[project];
  const [third, thirdText, thirdLight] = THIRD[project];
  await signIn(page, 'zhao');
  await openRollup(page, term);
  const rollup = page.locator('section.rollup[data-org="district"]');
  await expect(rollup.getByRole('heading', { name: '示例区教育工委' })).toBeVisible();
  const district = page.locator('.district[data-org="district"]');
  await expect(district.getByRole('heading', { name: '直属学校' })).toBeVisible();
  await expect(subtotal(rollup.locator('.total-line'), 'submitted')).toHaveAttribute('data-count', '2');
  await expect(school(page, 'school-a').locator('.school-status')).toContainText('已报送');
  await expect(school(page, 'school-b').locator('.school-status')).toContainText('已报送');
  await expect(school(page, 'school-c').locator('.school-status')).toContainText(thirdText);
  await expect(school(page, 'school-c').locator('.light')).toHaveAttribute('data-light', thirdLight);
  await expect(subtotal(district, 'submitted')).toHaveAttribute('data-count', '2');
  await expect(subtotal(district, third)).toHaveAttribute('data-count', '1');
  await expect(district.locator('.subtotal')).toHaveCount(2);
  await shot(page, testInfo, 'supervision');
  await checkA11y(page, 'the roll-up');

  // Finding schools: by status, by a part of the name.
  await page.getByRole('combobox', { name: '报告状态' }).selectOption(third);
  await expect(page.locator('li.school:visible')).toHaveCount(1);
  await expect(school(page, 'school-c')).toBeVisible();
  await page.getByRole('combobox', { name: '报告状态' }).selectOption('');
  await page.getByRole('searchbox', { name: '查找学校' }).fill('实验');
  await expect(page.locator('li.school:visible')).toHaveCount(1);
  await expect(school(page, 'school-b')).toBeVisible();
  await page.getByRole('searchbox', { name: '查找学校' }).fill('');
  await expect(page.locator('li.school:visible')).toHaveCount(3);

  // The roll-up as CSV and as Excel, as the links download them, in the page's language; each
  // school's audit chain as its export file.
  const rollupUrl = `/api/reports/semester/district/${term}/rollup`;
  const csvLink = page.getByRole('link', { name: '导出汇总表（CSV）' });
  await expect(csvLink).toHaveAttribute('href', `${rollupUrl}?format=csv&lang=zh`);
  await expect(csvLink).toHaveAttribute('download', `semester-rollup-district-${term}.csv`);
  const csv = await page.request.get(await csvLink.getAttribute('href'));
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(await csv.text()).toContain('示例区第二中学');
  const xlsxLink = page.getByRole('link', { name: '导出汇总表（Excel）' });
  await expect(xlsxLink).toHaveAttribute('href', `${rollupUrl}?format=xlsx&lang=zh`);
  await expect(xlsxLink).toHaveAttribute('download', `semester-rollup-district-${term}.xlsx`);
  for (const org of ['school-a', 'school-b', 'school-c']) {
    const chainLink = school(page, org).getByRole('link', { name: /^导出审计链/ });
    await expect(chainLink).toHaveAttribute('href', `/api/orgs/${org}/audit/export`);
    await expect(chainLink).toHaveAttribute('download', `${org}-audit.jsonl`);
  }
  // The workbook arrives through the browser's own download, reached by the keyboard.
  await xlsxLink.focus();
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toBe(`semester-rollup-district-${term}.xlsx`);
  const saved = await download.path();
  const { readFileSync } = await import('node:fs');
  const bytes = readFileSync(saved);
  expect(bytes.subarray(0, 4).toString('binary')).toBe('PK\x03\x04');  // a zip, as XLSX is
  expect(bytes.length).toBeGreaterThan(1000);

  // One school: its findings, an item's history, the submitted report, the chain verified.
  await school(page, 'school-a').getByRole('link', { name: '示例区第一中学' }).click();
  const card = page.locator('article.school-page');
  await expect(card.getByRole('heading', { name: '示例区第一中学' })).toBeVisible();
  await expect(card.getByRole('link', { name: '导出审计链' })).toHaveAttribute('href', '/api/orgs/school-a/audit/export');
  const finding = page.locator('li.finding').filter({ has: page.locator('details.finding-item') }).first();
  await expect(finding).toBeVisible();
  // What the check found, in the page's language (Chinese first).
  await expect(page.locator('li.finding .finding-detail').first()).toHaveText(/[\u4e00-\u9fff]/);
  await finding.locator('details.finding-item summary').click();
  await expect(finding.locator('.history[open] .entries li').first()).toBeVisible();
  await card.getByText('报送的报告').click();
  await expect(card.locator('.report-doc table').first()).toBeVisible();
  // The submitted copy as a workbook: a download link in the page's language, a real XLSX.
  const reportXlsx = `/api/reports/semester/school-a/${term}?submitted=true&format=xlsx&lang=zh`;
  await expect(card.getByRole('link', { name: '导出报告（Excel）' })).toHaveAttribute('href', reportXlsx);
  const workbook = await page.request.get(reportXlsx);
  expect(workbook.status()).toBe(200);
  expect((await workbook.body()).subarray(0, 4).toString('binary')).toBe('PK\x03\x04');
  await card.getByRole('button', { name: '核验审计链' }).click();
  await expect(card.locator('.verify-result')).toContainText('审计链核验通过');
  await shot(page, testInfo, 'supervision-school');
  await checkA11y(page, 'a school with a finding\'s history and its report open');

  // In English: the page's words and the API's.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Findings' })).toBeVisible();
  await expect(card.locator('.school-status')).toContainText('Submitted');
  await page.getByRole('link', { name: '← Back to the roll-up' }).click();
  await expect(school(page, 'school-c').locator('.school-status')).toContainText(third === 'late' ? 'Late' : 'Not opened');
  await checkA11y(page, 'the roll-up in English');
  await expect(page.getByRole('link', { name: 'Export the roll-up (Excel)' }))
    .toHaveAttribute('href', `/api/reports/semester/district/${term}/rollup?format=xlsx&lang=en`);
  await page.getByRole('button', { name: '中文' }).click();
});

test('the supervisor returns or accepts a submitted report with a comment; the status changes', async ({ page }, testInfo) => {
  const project = testInfo.project.name;
  const term = TERM[project];
  const accept = project === 'phone';
  await signIn(page, 'zhao');
  // A term the calendar lacks: the API's words, and the term box to correct it.
  await expect(page.getByRole('heading', { name: '学期工作报告督导' })).toBeVisible();
  await page.getByRole('textbox', { name: '学期' }).fill('no-such-term');
  await page.getByRole('button', { name: '查看' }).click();
  await expect(page.locator('#supervision-error')).toContainText('no-such-term');
  await expect(page.locator('li.school')).toHaveCount(0);
  await openRollup(page, term);
  await expect(page.locator('#supervision-error')).toBeHidden();
  const district = page.locator('.district[data-org="district"]');
  await expect(subtotal(district, 'submitted')).toHaveAttribute('data-count', '2');
  await school(page, 'school-b').getByRole('link', { name: '示例区实验小学' }).click();
  const card = page.locator('article.school-page');
  await expect(card.locator('.school-status')).toContainText('已报送');

  // A return needs a comment: refused in the API's words, nothing changed.
  await card.getByRole('button', { name: '退回修改' }).click();
  await expect(card.locator('.review-form .error')).toBeVisible();
  await expect(card.locator('.review-form .error')).toContainText('须填写字段“审阅意见');
  await expect(card.locator('.school-status')).toContainText('已报送');
  await shot(page, testInfo, 'supervision-refused');
  await checkA11y(page, 'a refused review');

  const comment = accept ? '报告内容完整，同意' : '请补充第二次党委会的决定执行情况';
  await card.getByLabel('审阅意见').fill(comment);
  await card.getByRole('button', { name: accept ? '审阅通过' : '退回修改' }).click();
  await expect(card.locator('.school-status')).toContainText(accept ? '已通过' : '已退回');
  await expect(card.locator('.light')).toHaveAttribute('data-light', accept ? 'green' : 'amber');
  await expect(card.locator('button[data-action]')).toHaveCount(0);
  await expect(card.locator('.review-said')).toContainText(comment);
  await shot(page, testInfo, 'supervision-reviewed');
  await checkA11y(page, 'a reviewed report');

  await page.getByRole('link', { name: '← 返回汇总' }).click();
  await expect(school(page, 'school-b').locator('.school-status')).toContainText(accept ? '已通过' : '已退回');
  await expect(subtotal(district, 'submitted')).toHaveAttribute('data-count', '1');
  await expect(subtotal(district, accept ? 'accepted' : 'returned')).toHaveAttribute('data-count', '1');
});
