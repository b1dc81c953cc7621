// 党务公开 / 校务公开: a school's published decisions (workflows/decision.yaml `publish`), served
// at /public/ORG to anyone, no sign-in, in the browser's language (Accept-Language) or the
// one ?lang= names, with a link to the other language on the page;
// the fields the workflow publishes, each with its label, and values by their labels.
import { checkA11y } from './a11y.mjs';
import { expect, shot, test } from './fixtures.mjs';

test('anyone reads a school\'s published decisions with their labels, in Chinese and in English', async ({ page }, testInfo) => {
  const started = Date.now();
  await page.goto('/public/school-a?lang=zh');
  await expect(page.getByText('暑期修缮教学楼')).toBeVisible();  // the decision run.sh made public
  expect(Date.now() - started, 'first paint under 1 s').toBeLessThan(1000);
  await expect(page.getByText('重大项目安排')).toBeVisible();  // its category, by the value's label
  await expect(page.getByText('完成期限').first()).toBeVisible();  // the field's label
  await expect(page.locator('html')).toHaveAttribute('lang', /zh/);
  await expect(page.locator('input[type=password]')).toHaveCount(0);  // no sign-in asked
  await checkA11y(page, 'the public page (zh)');
  await shot(page, testInfo, 'public');

  // The other language is one link away, named in its own; it keeps the school.
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/public\/school-a\?lang=en$/);
  await expect(page.getByText('Major project')).toBeVisible();
  await expect(page.getByRole('link', { name: '中文' })).toHaveAttribute('hreflang', 'zh');
  await page.getByRole('link', { name: '中文' }).click();
  await expect(page.getByText('重大项目安排')).toBeVisible();

  await page.goto('/public/school-a?lang=en');
  await expect(page.getByText('Major project')).toBeVisible();
  await expect(page.getByText('Due date').first()).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await checkA11y(page, 'the public page (en)');
  await shot(page, testInfo, 'public-en');

  // Another school has published nothing; an unknown school is not found.
  await page.goto('/public/school-c?lang=zh');
  await expect(page.getByText('暑期修缮教学楼')).toHaveCount(0);
  await checkA11y(page, 'a public page with nothing published');
  const missing = await page.request.get('/public/school-z');
  expect(missing.status()).toBe(404);
});
