// 登录: a wrong password shows the API's words; the right one shows the home page; sign out.
import { expect, shot, signIn, test } from './fixtures.mjs';

test('a wrong password shows the refusal in words', async ({ page }, testInfo) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  const paint = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime);
  expect(paint, 'first paint under 1 s').toBeLessThan(1000);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await shot(page, testInfo, 'sign-in');
  await signIn(page, 'li', 'not-the-password');
  const error = page.locator('#sign-in-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText('密码');
  await expect(page.getByRole('heading', { name: '我的任务' })).toBeHidden();
  await shot(page, testInfo, 'sign-in-refused');
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
