// Everything by keyboard alone (Tab, Enter, Space): the principal li signs in, reaches an
// action on my tasks and one on the project's meeting, opens each one's form and closes it
// again (nothing is changed: the other specs act on these items); the supervisor zhao goes
// through the roll-up to a school and opens its submitted report; the principal's decisions and
// temporary actions (a decision's history opened), a member's meetings. Every element Tab stops at
// shows the stylesheet's focus outline and has an accessible name.
import { expect, signIn, test } from './fixtures.mjs';

// The element focused now (null for none): what it is, and its text. Each one must show the
// stylesheet's own outline (:focus-visible in app.css, not the browser's thin default ring)
// and have an accessible name.
async function focused(page) {
  const info = await page.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const style = getComputedStyle(e);
    const text = (e.getAttribute('aria-label') || e.textContent || '').trim();
    return {
      index: [...document.querySelectorAll('*')].indexOf(e),
      text,
      what: `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''} "${text.slice(0, 30)}"`,
      outline: `${style.outlineStyle} ${style.outlineWidth}`,
    };
  });
  if (!info) return null;
  expect(info.outline, `the focus outline of ${info.what}`).toMatch(/^(solid|dashed|double) ([2-9]|\d\d)/);
  await expect(page.locator(':focus'), `the accessible name of ${info.what}`).toHaveAccessibleName(/\S/);
  return info;
}

// Presses Tab until the focused element's text is `name`, checking each stop.
async function tabTo(page, name) {
  for (let i = 0; i < 80; i += 1) {
    await page.keyboard.press('Tab');
    if ((await focused(page))?.text === name) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

// Presses Tab through every stop of the page (until focus comes round again), checking
// each; the number of stops.
async function tabThrough(page) {
  const seen = new Set();
  for (let i = 0; i < 200; i += 1) {
    await page.keyboard.press('Tab');
    const info = await focused(page);
    if (info && seen.has(info.index)) return seen.size;
    if (info) seen.add(info.index);
  }
  throw new Error('Tab did not come round');
}

test('sign-in, my tasks and a meeting\'s action by keyboard alone, each stop focused visibly and named', async ({ page }, testInfo) => {
  test.setTimeout(45_000);
  await page.goto('/');
  await expect(page.locator('#person')).toBeFocused();  // the page focuses the first field
  expect(await tabThrough(page)).toBeGreaterThanOrEqual(4);  // English, the two fields, 登录
  await page.keyboard.press('Shift+Tab');  // round again to the password: back to the person
  await expect(page.locator('#person')).toBeFocused();
  await page.keyboard.type('li');
  await page.keyboard.press('Tab');
  await expect(page.locator('#password')).toBeFocused();
  await page.keyboard.type('Lantern#2026');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '我的任务' })).toBeVisible();
  expect(await tabThrough(page)).toBeGreaterThan(8);

  // My tasks: 报告进度 on the running task opens its form with the field focused; 取消 by Space.
  const running = page.locator('li.task', { hasText: '办理中的事项' });
  await page.evaluate(() => document.activeElement?.blur());
  await tabTo(page, '报告进度');
  await expect(running.getByRole('button', { name: '报告进度' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(running.getByLabel('进度（%）')).toBeFocused();
  await page.keyboard.type('40');
  await tabTo(page, '取消');
  await page.keyboard.press('Space');
  await expect(running.locator('form')).toHaveCount(0);
  await expect(running.getByRole('button', { name: '报告进度' })).toBeVisible();

  // The meetings by the top bar's link, the project's meeting, its 延期 (postpone) form.
  const title = `第1次党委会（${testInfo.project.name}）`;
  await page.evaluate(() => document.activeElement?.blur());
  await tabTo(page, '会议');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '会议', exact: true })).toBeVisible();
  expect(await tabThrough(page)).toBeGreaterThan(4);
  await page.evaluate(() => document.activeElement?.blur());
  await tabTo(page, title);
  await page.keyboard.press('Enter');
  const card = page.locator('article.meeting');
  await expect(card.getByRole('heading', { name: title })).toBeVisible();
  expect(await tabThrough(page)).toBeGreaterThan(8);
  await page.evaluate(() => document.activeElement?.blur());
  const state = await card.locator('.task-state').textContent();
  await tabTo(page, '延期');
  await page.keyboard.press('Enter');
  const reason = card.getByLabel('延期原因');
  await expect(reason).toBeFocused();
  await page.keyboard.type('场地冲突');
  await tabTo(page, '取消');
  await page.keyboard.press('Space');
  await expect(card.locator('form')).toHaveCount(0);
  await expect(card.locator('.task-state')).toHaveText(state);
});

test('the supervisor\'s roll-up and one school by keyboard alone, each stop focused visibly and named', async ({ page }) => {
  test.setTimeout(45_000);
  await signIn(page, 'zhao');
  await expect(page.getByRole('heading', { name: '学期工作报告督导' })).toBeVisible();
  await expect(page.locator('li.school')).toHaveCount(3);
  expect(await tabThrough(page)).toBeGreaterThan(8);  // the bar, the term, the filter, three schools
  await page.evaluate(() => document.activeElement?.blur());
  await tabTo(page, '示例区第一中学');
  await page.keyboard.press('Enter');
  const card = page.locator('article.school-page');
  await expect(card.getByRole('heading', { name: '示例区第一中学' })).toBeVisible();
  // The submitted report opened by Enter on its summary: its tables scroll by keyboard too.
  await page.evaluate(() => document.activeElement?.blur());
  await tabTo(page, '报送的报告');
  await page.keyboard.press('Enter');
  await expect(card.locator('.report-doc table').first()).toBeVisible();
  expect(await tabThrough(page)).toBeGreaterThan(12);
  await expect(card.locator('.school-status')).toContainText('已报送');  // nothing changed
});

test('the administrator\'s page and the invitation\'s page by keyboard alone, each stop focused visibly and named', async ({ page }) => {
  test.setTimeout(45_000);
  await signIn(page, 'zhao');
  await expect(page.getByRole('heading', { name: '学期工作报告督导' })).toBeVisible();
  await page.evaluate(() => document.activeElement?.blur());
  await tabTo(page, '管理');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '系统管理' })).toBeVisible();
  await expect(page.locator('section.tokens')).toBeVisible();
  // The bar, the load form (kind, file, text, 加载), the people's tables with their 邀请, the
  // token form.
  expect(await tabThrough(page)).toBeGreaterThan(20);
  // The invitation's page (a token the API does not know: nothing is sent).
  await page.goto('/invite#token=00');
  await expect(page.getByRole('heading', { name: '设置密码' })).toBeVisible();
  await expect(page.locator('#new-password')).toBeFocused();
  expect(await tabThrough(page)).toBeGreaterThanOrEqual(4);  // English, the two fields, 设置密码
});

test('the principal\'s decisions and temporary actions by keyboard alone, each stop focused visibly and named', async ({ page }) => {
  test.setTimeout(45_000);
  await signIn(page, 'li');
  await expect(page.getByRole('heading', { name: '我的任务' })).toBeVisible();
  // Each page on its first visit (a page visited before shows its earlier rendering until the
  // new one replaces it, taking the focus with it).
  for (const [link, heading] of [['决定事项', '决定事项及执行情况'], ['临机处置', '临机处置事项']]) {
    await page.evaluate(() => document.activeElement?.blur());
    await tabTo(page, link);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: heading })).toBeVisible();
    expect(await tabThrough(page), heading).toBeGreaterThan(8);  // the bar, then the page's own
    if (link !== '决定事项') continue;
    // A decision's history opened by Enter on its summary.
    await page.evaluate(() => document.activeElement?.blur());
    await tabTo(page, '办理记录');
    await page.keyboard.press('Enter');
    await expect(page.locator('details.history[open] ol.entries li').first()).toBeVisible();
  }
});

test('a member\'s meetings by keyboard alone, each stop focused visibly and named', async ({ page }, testInfo) => {
  test.setTimeout(45_000);
  await signIn(page, testInfo.project.name === 'desktop' ? 'chen' : 'xu');
  await expect(page.getByRole('heading', { name: '我的任务' })).toBeVisible();
  await page.evaluate(() => document.activeElement?.blur());
  await tabTo(page, '我的会议');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '我的会议', level: 1 })).toBeVisible();
  expect(await tabThrough(page)).toBeGreaterThan(8);  // the bar, each meeting's documents and papers
  // A topic's papers opened by Enter on their summary.
  await page.evaluate(() => document.activeElement?.blur());
  await tabTo(page, '议题材料');
  await page.keyboard.press('Enter');
  await expect(page.locator('details[open] dl.fields').first()).toBeVisible();
});
