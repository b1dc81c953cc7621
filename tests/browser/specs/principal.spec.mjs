// The principal's pages (run.sh seeds them): 决定事项 — the decision 修缮教学楼 adopted at the
// held 第2次党委会, its two execution tasks (chen's closed, tang's assigned) and the roll-up's
// 50 %; 临机处置 (R10) — recording one, a missing field refused in the API's words, the one
// explained at the meeting, and an explanation at a meeting held before the action refused.
import { checkA11y } from './a11y.mjs';
import { expect, shot, signIn, test } from './fixtures.mjs';

test('the principal sees his decisions with the roll-up of their execution', async ({ page }, testInfo) => {
  await signIn(page, 'li');
  await page.getByRole('link', { name: '决定事项' }).click();
  await expect(page.getByRole('heading', { name: '决定事项及执行情况' })).toBeVisible();
  const card = page.locator('li.decision', { hasText: '修缮教学楼' });
  await expect(card.locator('.task-state')).toContainText('执行中');
  await expect(card.locator('.rollup-text')).toHaveAttribute('data-percent', '50');
  await expect(card.locator('.rollup-text')).toContainText('执行进度 50%（2 项任务中 1 项已办结）');
  await expect(card.locator('progress')).toHaveAttribute('value', '50');
  const tasks = card.locator('li.sub-task');
  await expect(tasks).toHaveCount(2);
  await expect(tasks.filter({ hasText: '陈静' })).toContainText('已办结');
  await expect(tasks.filter({ hasText: '唐晓东' })).toContainText('已交办');
  // The actions the API offers: on the closed task none; on the open one what the task
  // workflow gives a principal (签收: the owner or the principal, R12). 执行完毕 is offered
  // blocked while a task is open: a disabled button described by R12's words, never clicked.
  await expect(tasks.filter({ hasText: '陈静' }).locator('button')).toHaveCount(0);
  await expect(tasks.filter({ hasText: '唐晓东' }).locator('button[data-action="acknowledge"]')).toBeEnabled();
  await expect(card.locator('button[data-action="add_tasks"]')).toBeEnabled();
  const complete = card.locator(':scope > .task-actions button[data-action="complete"]');
  await expect(complete).toBeDisabled();
  const reason = card.locator(`#${await complete.getAttribute('aria-describedby')}`);
  await expect(reason).toContainText('R12');
  await expect(reason).toContainText('督办事项全部办结后方可报告执行完毕');
  await expect(complete).toHaveAccessibleDescription(/督办事项全部办结后方可报告执行完毕/);
  await expect(card.locator('.task-state').first()).toContainText('执行中');
  await card.locator(':scope > details.history > summary').click();
  await expect(card.locator(':scope > details.history')).toContainText('wang 分解督办 已通过 → 执行中');
  await shot(page, testInfo, 'decisions');
  await checkA11y(page, 'the decisions with a history open');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Decisions and their execution' })).toBeVisible();
  await expect(card.locator('.rollup-text')).toContainText('Executed 50% (1 of 2 tasks finished)');
  await expect(card.locator('.task-state')).toContainText('In execution');
  await expect(card.locator(':scope > .task-actions .blocked-reason')).toContainText('Every execution task must be finished first');
  await checkA11y(page, 'the decisions in English');
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { name: '决定事项及执行情况' })).toBeVisible();
});

test('the principal records a temporary action; a missing field shows the API\'s words', async ({ page }, testInfo) => {
  const title = `停电应急处置（${testInfo.project.name}）`;
  await signIn(page, 'li');
  await page.getByRole('link', { name: '临机处置' }).click();
  await expect(page.getByRole('heading', { name: '临机处置事项' })).toBeVisible();
  // The one explained at the held meeting, with that meeting.
  const explained = page.locator('.temporary-explained li.temporary', { hasText: '暴雨停课' });
  await expect(explained.locator('.explained-at')).toContainText('第2次党委会（已召开）');
  await expect(explained).toContainText('处置人：王明');
  await expect(explained.locator('button')).toHaveCount(0);

  const form = page.locator('form.record-form');
  await form.getByLabel('事项').fill(title);
  await form.getByLabel('紧急情况说明').fill('');
  await form.getByRole('button', { name: '登记' }).click();
  await expect(form.locator('.error')).toBeVisible();
  await expect(form.locator('.error')).toContainText('须填写字段');
  await expect(page.locator('li.temporary', { hasText: title })).toHaveCount(0);
  await shot(page, testInfo, 'temporary-refused');
  await checkA11y(page, 'a temporary action refused');

  await form.getByLabel('紧急情况说明').fill('教学楼突然停电');
  await form.getByLabel('处置措施').fill('启用备用电源，学生有序疏散');
  await form.getByRole('button', { name: '登记' }).click();
  const taken = page.locator('.temporary-taken li.temporary', { hasText: title });
  await expect(taken).toBeVisible();
  await expect(taken.locator('.task-state')).toContainText('已处置待说明');
  await expect(taken).toContainText('处置人：李华');
  const due = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  await expect(taken.locator('.explain-due')).toContainText(due);

  // The explanation: the held Party committee meeting offered as a choice; it was held
  // before the action, so the API refuses it in R10's words.
  await taken.getByRole('button', { name: '向会议说明' }).click();
  const meeting = taken.getByLabel('说明会议');
  await expect(meeting).toBeFocused();
  await expect(meeting.locator('option', { hasText: '第2次党委会（已召开）' })).toHaveCount(1);
  await meeting.selectOption({ label: await meeting.locator('option', { hasText: '第2次党委会（已召开）' }).textContent() });
  await taken.getByLabel('向会议的说明').fill('向党委会说明停电处置');
  await taken.getByRole('button', { name: /提交/ }).click();
  await expect(taken.locator('.error')).toBeVisible();
  await expect(taken.locator('.error')).toContainText('其后召开的第一次党组织会议');
  await expect(taken.locator('.task-state')).toContainText('已处置待说明');
  await shot(page, testInfo, 'temporary');
  await checkA11y(page, 'a temporary action recorded, its explanation refused');
});

test('a clerk sees the temporary actions without the form to record one', async ({ page }) => {
  await signIn(page, 'liu');
  await page.getByRole('link', { name: '临机处置' }).click();
  await expect(page.locator('.temporary-explained li.temporary', { hasText: '暴雨停课' })).toBeVisible();
  await expect(page.locator('form.record-form')).toHaveCount(0);
  await expect(page.getByRole('link', { name: '决定事项' })).toBeHidden();
});
