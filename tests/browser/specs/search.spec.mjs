// Long lists a page at a time (web/paged_list.js) on 我的任务 of the principal li (run.sh
// seeds four of her tasks among school-a's): a page of two items (docket.page_size), "更多"
// until every task is shown, by mouse and by keyboard, and the search box asking the server
// for the tasks with a text, the count read out by the status line.
import { checkA11y } from './a11y.mjs';
import { expect, shot, signIn, test } from './fixtures.mjs';

async function smallPages(page) {
  await signIn(page, 'li');
  await expect(page.getByRole('heading', { name: '我的任务' })).toBeVisible();
  await page.evaluate(() => localStorage.setItem('docket.page_size', '2'));
  await page.reload();
  await expect(page.locator('#tasks-status')).toContainText('项');
}

test('更多 loads the next page until every task is shown', async ({ page }, testInfo) => {
  await smallPages(page);
  const more = page.getByRole('button', { name: '更多' });
  const status = page.locator('#tasks-status');
  await expect(status).toHaveAttribute('aria-live', 'polite');
  await expect(status).toContainText('还有更多');
  await expect(more).toBeVisible();
  const first = await page.locator('li.task').count();
  expect(first).toBeLessThanOrEqual(2);  // a page holds two of school-a's tasks, not all li's
  await more.click();
  await expect(status).toContainText('项');
  // The rest by keyboard: Enter on the focused button, while it stays.
  for (let i = 0; i < 20 && await more.isVisible(); i += 1) {
    await more.focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('#tasks-more')).toBeEnabled();  // loaded (and maybe hidden: none left)
  }
  await expect(more).toBeHidden();
  await expect(page.locator('li.task')).toHaveCount(4);
  await expect(status).toHaveText('显示 4 项');
  await expect(page.locator('li.task', { hasText: '陈静的事项' })).toHaveCount(0);
  await shot(page, testInfo, 'tasks-paged');
  await checkA11y(page, 'my tasks, paged');
});

test('the search box shows the tasks with its text, and clearing it the first page again', async ({ page }, testInfo) => {
  await smallPages(page);
  const box = page.getByRole('searchbox', { name: '搜索' });
  await box.fill('逾期');
  await expect(page.locator('#tasks-status')).toHaveText('含“逾期”的 1 项');
  await expect(page.locator('li.task')).toHaveCount(1);
  await expect(page.locator('li.task')).toContainText('逾期的事项');
  await expect(page.getByRole('button', { name: '更多' })).toBeHidden();
  await shot(page, testInfo, 'tasks-search');
  await box.fill('到期的事项');
  await box.press('Enter');
  await expect(page.locator('#tasks-status')).toContainText('含“到期的事项”的 2 项');
  await expect(page.locator('li.task')).toHaveCount(2);
  await box.fill('没有这样的事项');
  await expect(page.locator('#tasks-status')).toHaveText('含“没有这样的事项”的 0 项');
  await expect(page.locator('li.task')).toHaveCount(0);
  await box.fill('');
  await expect(page.locator('#tasks-status')).toContainText('还有更多');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('searchbox', { name: 'Search' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'More' })).toBeVisible();
});
