// What every spec shares: a page that fails its test on any console error or uncaught
// exception, sign-in as a person run.sh gave a password, and screenshots under the build
// folder (DOCKET_OUT/screenshots/PROJECT-NAME.png), each after checking the first paint.
import { test as base, expect } from '@playwright/test';

export const PASSWORD = 'Lantern#2026';

export const test = base.extend({
  page: async ({ page }, use) => {
    const errors = [];
    page.on('console', (msg) => {
      // A refused request (401 before sign-in, a refusal shown in words: 400 for a review
      // without its required comment) is the page at work.
      if (msg.type() === 'error' && !/status of (400|401|403|404|409|412|413|415|422|429)/.test(msg.text())) errors.push(msg.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    await use(page);
    expect(errors, 'console errors').toEqual([]);
  },
});

// A screenshot of the page as it is, after checking that its document painted first in
// under 1 s (issue 16: every page a spec opens is shot, so every page is checked; a document
// just opened may not have its paint entry yet, so it is waited for).
export async function shot(page, testInfo, name) {
  const paint = await page.waitForFunction(
    () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime, null, { timeout: 5000 });
  expect(await paint.jsonValue(), `first paint of the document shot as ${name}`).toBeLessThan(1000);
  const dir = `${process.env.DOCKET_OUT || 'test-results'}/screenshots`;
  await page.screenshot({ path: `${dir}/${testInfo.project.name}-${name}.png`, fullPage: true });
}

export async function signIn(page, person, password = PASSWORD) {
  await page.goto('/');
  await page.getByLabel('人员编号').fill(person);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

export { expect };
