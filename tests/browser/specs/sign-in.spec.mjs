// 登录: a wrong password and a lock-out show the API's words; the right password shows the home
// page; sign out.
import { checkA11y } from './a11y.mjs';
import { expect, shot, signIn, test } from './fixtures.mjs';

test('a wrong password shows the refusal in words', async ({ page }, testInfo) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  const paint = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime);
  expect(paint, 'first paint under 1 s').toBeLessThan(1000);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await shot(page, testInfo, 'sign-in');
  await checkA11y(page, 'the sign-in page');
  await signIn(page, 'li', 'not-the-password');
  const error = page.locator('#sign-in-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText('密码');
  await expect(page.getByRole('heading', { name: '我的任务' })).toBeHidden();
  await shot(page, testInfo, 'sign-in-refused');
  await checkA11y(page, 'the sign-in page with a refusal');
});

test('the right password shows my tasks, and signing out the sign-in page', async ({ page }, testInfo) => {
  await signIn(page, 'li');
  await expect(page.getByRole('heading', { name: '我的任务' })).toBeVisible();
  await expect(page.locator('#who')).toContainText('li');
  await page.reload();
  await expect(page.getByRole('heading', { name: '我的任务' })).toBeVisible();
  await page.getByRole('button', { name: '退出' }).click();
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  await shot(page, testInfo, 'signed-out');
});

test('after five failed sign-ins the lock-out is shown in words', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'one lock-out per run: the person stays locked for 15 minutes');
  for (let i = 0; i < 5; i += 1) {
    await signIn(page, 'gao', `wrong-${i}`);
    await expect(page.locator('#sign-in-error')).toContainText('密码');
  }
  await signIn(page, 'gao');
  await expect(page.locator('#sign-in-error')).toContainText('登录失败次数过多');
  await expect(page.getByRole('heading', { name: '我的任务' })).toBeHidden();
  await shot(page, testInfo, 'locked-out');
});
