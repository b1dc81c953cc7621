// 书记工作台: the secretary wang finds a matter awaiting the pre-meeting sign-off (R8) in the
// queue, with only his own sign-off's button, and gives it — a routine matter, which R8 asks
// no sign-off of, is not in the queue (the API offers the sign-off blocked with R8's words), nor
// is the matter once he has signed it (offered blocked: 书记已确认); he records this week's
// secretary–principal communication (R11): the record started when the school keeps none, the
// conversation's topics and notes, the week shown among the past weeks with the day it was
// recorded; 结束 asks before it ends the record. In zh and in English. The principal li then
// finds the matter awaiting his sign-off alone and gives it by keyboard.
import { checkA11y } from './a11y.mjs';
import { as, submittedMatter } from './api-as.mjs';
import { expect, shot, signIn, test } from './fixtures.mjs';

test('the secretary signs off a matter from the queue and records the week\'s communication', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  const p = testInfo.project.name;
  const title = `修订教师绩效方案（${p}）`;
  const liu = await as('liu');
  const matter = await submittedMatter(liu, { title, category: 'major-decision' });
  const routineTitle = `调整课间操时间（${p}）`;
  const routine = await submittedMatter(liu, { title: routineTitle, category: 'routine' });
  const wang = await as('wang');
  const kept = (await wang('GET', '/api/items?org=school-a&workflow=communication')).some((c) => c.state === 'active');

  await signIn(page, 'wang');
  await page.getByRole('link', { name: '书记工作台' }).click();
  await expect(page.getByRole('heading', { name: '书记工作台' })).toBeVisible();
  const entry = page.locator('li.signoff-entry', { hasText: title });
  await expect(entry).toContainText('重大事项决策');
  await expect(page.locator('li.signoff-entry', { hasText: routineTitle })).toHaveCount(0);
  const offered = (item, name) => item.actions.find((a) => a.name === name);
  expect(offered(await wang('GET', `/api/items/${routine}`), 'presign_secretary').blocked.words.zh).toBe('R8：此类事项无须会前沟通确认');
  await expect(entry).toContainText('校长会前沟通：未确认');
  // The secretary's own sign-off only: the principal's is not his to give.
  await expect(entry.getByRole('button', { name: /校长会前沟通确认/ })).toHaveCount(0);
  await shot(page, testInfo, 'secretary');
  await checkA11y(page, 'the secretary\'s page');
  await entry.getByRole('button', { name: `书记会前沟通确认 ${title}` }).click();
  await expect(entry).toHaveCount(0);
  const signed = await wang('GET', `/api/items/${matter}`);
  expect(signed.fields.presigned_secretary).toBe('wang');
  expect(signed.state).toBe('submitted');
  expect(offered(signed, 'presign_secretary').blocked.words).toEqual({ zh: 'R8：书记已确认', en: 'R8: The secretary has already signed off' });

  // The weekly communication of school-a: started here when the school keeps none.
  const card = page.locator('article.communication[data-org="school-a"]');
  const start = card.getByRole('button', { name: '建立沟通记录' });
  if (kept) {
    await expect(start).toHaveCount(0);
  } else {
    await start.click();
  }
  await expect(card.locator('.this-week')).toContainText('本周期截止');
  const topic = `研究期末考试安排（${p}）`;
  await card.getByRole('button', { name: '记录沟通', exact: true }).click();
  await card.getByLabel('沟通事项').fill(topic);
  await card.getByLabel('沟通情况').fill(`书记与校长就监考安排交换意见（${p}）`);
  await checkA11y(page, 'the communication form');
  await card.getByRole('button', { name: /记录沟通 · 提交/ }).click();
  const week = card.locator('.communication-weeks li', { hasText: topic });
  await expect(week).toBeVisible();
  await expect(week).toContainText(`书记与校长就监考安排交换意见（${p}）`);
  await expect(week).toContainText('王明');  // recorded by wang, by name
  // $today is the school's day (Asia/Shanghai), which may be the day after UTC's.
  const today = new Date().toLocaleDateString('zh-CN', { dateStyle: 'medium', timeZone: 'Asia/Shanghai' });
  await expect(card.locator('.last-met')).toHaveText(`最近沟通：${today}`);
  // The week closed by the supervisor's `miss` is not the secretary's to record.
  await expect(card.getByRole('button', { name: '记录未沟通' })).toHaveCount(0);
  // 结束 ends the record for good: it asks first, and 取消 leaves it running.
  await card.getByRole('button', { name: '结束', exact: true }).click();
  await expect(card.locator('.communication-close')).toContainText('不再按周记录');
  await card.locator('.communication-close').getByRole('button', { name: '取消' }).click();
  await expect(card.getByRole('button', { name: '记录沟通', exact: true })).toBeVisible();
  await shot(page, testInfo, 'secretary-communication');
  await checkA11y(page, 'the secretary\'s page after recording');

  // In English.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: "Secretary's desk" })).toBeVisible();
  await expect(card.locator('.communication-weeks li', { hasText: topic })).toContainText('Notes:');
  await shot(page, testInfo, 'secretary-en');
  await checkA11y(page, 'the secretary\'s page in English');

  // The principal li: the matter still awaits his sign-off, and his only.
  await page.getByRole('button', { name: 'English' }).or(page.getByRole('button', { name: '中文' })).click();
  await page.getByRole('button', { name: '退出' }).click();
  await signIn(page, 'li');
  await page.goto('/#secretary');
  const his = page.locator('li.signoff-entry', { hasText: title });
  await expect(his).toContainText('书记会前沟通：王明 已确认');
  await expect(his.getByRole('button', { name: `校长会前沟通确认 ${title}` })).toBeVisible();
  await expect(his.getByRole('button', { name: /书记会前沟通确认/ })).toHaveCount(0);
  await checkA11y(page, 'the principal\'s sign-off queue');
  // By keyboard: his sign-off takes focus and Enter gives it; the matter leaves his queue.
  await his.getByRole('button', { name: `校长会前沟通确认 ${title}` }).focus();
  await page.keyboard.press('Enter');
  await expect(his).toHaveCount(0);
  const both = await liu('GET', `/api/items/${matter}`);
  expect([both.fields.presigned_secretary, both.fields.presigned_principal]).toEqual(['wang', 'li']);
  for (const call of [liu, wang]) await call.dispose();
});
