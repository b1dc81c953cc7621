// 我的任务 of the principal li (run.sh seeds them): due lights, acting, a refusal's words, and
// the English switch.
import { checkA11y } from './a11y.mjs';
import { expect, shot, signIn, test } from './fixtures.mjs';

const task = (page, title) => page.locator('li.task', { hasText: title });

test('my tasks show the principal\'s tasks with their due lights', async ({ page }, testInfo) => {
  await signIn(page, 'li');
  await expect(page.locator('li.task')).toHaveCount(4);
  await expect(task(page, '逾期的事项').locator('.light')).toHaveAttribute('data-light', 'red');
  await expect(task(page, '两天后到期的事项').locator('.light')).toHaveAttribute('data-light', 'amber');
  await expect(task(page, '下月到期的事项').locator('.light')).toHaveAttribute('data-light', 'green');
  await expect(page.locator('li.task', { hasText: '陈静的事项' })).toHaveCount(0);  // another owner's
  await shot(page, testInfo, 'my-tasks');
  await checkA11y(page, 'my tasks');
});

test('acting on a task changes it; a refused action shows the rule\'s words', async ({ page }, testInfo) => {
  await signIn(page, 'li');
  // Each project acknowledges the first task still assigned.
  const assigned = page.locator('li.task', { has: page.locator('button[data-action="acknowledge"]') }).first();
  const id = await assigned.getAttribute('data-item');
  const card = page.locator(`li.task[data-item="${id}"]`);
  await card.getByRole('button', { name: '签收' }).click();
  await expect(card.locator('.task-state')).toContainText('已签收');
  await expect(card.getByRole('button', { name: '开始办理' })).toBeVisible();

  const running = task(page, '办理中的事项');
  await running.getByRole('button', { name: '报告进度' }).click();
  await running.getByLabel('进度（%）').fill('150');
  await running.getByRole('button', { name: /提交/ }).click();
  await expect(running.locator('.error')).toBeVisible();
  await expect(running.locator('.error')).toContainText('报告进度');
  await shot(page, testInfo, 'refused');
  await checkA11y(page, 'my tasks with an action\'s form open and a refusal');
});

test('the English switch changes the labels and is remembered', async ({ page }, testInfo) => {
  await signIn(page, 'li');
  await expect(page.getByRole('heading', { name: '我的任务' })).toBeVisible();
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'My tasks' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(task(page, '办理中的事项').getByRole('button', { name: 'Report progress' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'My tasks' })).toBeVisible();
  await shot(page, testInfo, 'my-tasks-en');
  await checkA11y(page, 'my tasks in English');
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { name: '我的任务' })).toBeVisible();
});
