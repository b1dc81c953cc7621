// A topic's own attendance on the clerk's meeting page (issue 16): at the held 第5次党委会, all
// seven members present, the clerk liu records gao's recusal on a topic (a form of checkboxes),
// then, in the positions form, that he left before the topic with the reason: the quorum shown
// for the topic falls from 7 to 6 to 5 of 7, he has no row, gao's row is fixed to 回避, and the
// record holds the topic's attendance and the reason. zh and en, axe on each state.
import { checkA11y } from './a11y.mjs';
import { expect, shot, signIn, test } from './fixtures.mjs';

const LEFT = '何志远因公提前离会';

test('the clerk records a recusal and who left for one topic, and the quorum follows', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  const project = testInfo.project.name;
  const topicTitle = `新建风雨操场（${project}）`;
  await signIn(page, 'liu');
  await page.getByRole('link', { name: `第5次党委会（出席，${project}）` }).click();
  const row = page.locator('li.topic', { hasText: topicTitle });
  const id = await row.getAttribute('data-item');

  // Recusal: gao, from a list of those at the meeting.
  await row.getByRole('button', { name: '登记回避' }).click();
  await expect(row.getByRole('group', { name: '回避人员（勾选需回避的成员）' })).toBeVisible();
  await checkA11y(page, 'the recusal form');
  await row.getByRole('button', { name: /登记回避 · 提交/ }).click();
  await expect(row.getByRole('alert')).toHaveText('请勾选需回避的成员');
  await row.getByLabel('高峰', { exact: true }).check();
  await row.getByRole('button', { name: /登记回避 · 提交/ }).click();
  await expect(page.locator('li.topic', { hasText: topicTitle }).getByRole('button', { name: '记录表决' })).toBeVisible();
  let topic = await (await page.request.get(`/api/items/${id}`)).json();
  expect(topic.fields.recused).toEqual(['gao']);

  // The positions with the topic's attendance: he leaves before it.
  await row.getByRole('button', { name: '记录表决' }).click();
  const quorum = row.locator('.topic-quorum');
  await expect(quorum).toHaveText('本议题出席 6 人 / 应到 7 人，须超过半数 · 已达到法定人数');
  await expect(row.locator('li.position-row:visible')).toHaveCount(7);
  await expect(row.locator('li.position-row[data-person="gao"] .fixed')).toHaveText('回避');
  await expect(row.locator('#topic-present-' + id + '-gao')).toHaveCount(0);
  await row.getByLabel('何志远', { exact: true }).uncheck();
  await expect(quorum).toHaveText('本议题出席 5 人 / 应到 7 人，须超过半数 · 已达到法定人数');
  await expect(row.locator('li.position-row:visible')).toHaveCount(6);
  await expect(row.locator('li.position-row[data-person="he"]')).toBeHidden();
  await row.getByRole('button', { name: '全部同意' }).click();
  await row.getByRole('button', { name: /记录表决 · 提交/ }).click();
  await expect(row.getByRole('alert')).toHaveText('有出席会议的成员未参加本议题，请填写本议题缺席说明');
  await row.getByLabel('本议题缺席说明（谁、何故离席）').fill(LEFT);
  await shot(page, testInfo, 'topic-attendance');
  await checkA11y(page, 'the positions form with the topic\'s attendance');
  await row.getByRole('button', { name: /记录表决 · 提交/ }).click();
  await expect(page.locator('li.topic', { hasText: topicTitle }).locator('.positions-text')).toContainText('高峰 回避');

  // In English, the form opened again starts from the topic's attendance as recorded.
  await page.getByRole('button', { name: 'English' }).click();
  await row.getByRole('button', { name: 'Record the positions' }).click();
  await expect(row.locator('.topic-quorum')).toHaveText('For this topic 5 present of 7 members; needs more than half · quorum met');
  await expect(row.getByLabel('He Zhiyuan', { exact: true })).not.toBeChecked();
  await expect(row.getByLabel('Why they were not present for this topic (who, and why)')).toHaveValue(LEFT);
  await checkA11y(page, 'the positions form in English');
  await row.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: '中文' }).click();

  topic = await (await page.request.get(`/api/items/${id}`)).json();
  expect(topic.fields.present).toEqual(['wang', 'li', 'chen', 'ma', 'xu']);
  expect(topic.fields.attendance_note).toBe(LEFT);
  expect(topic.fields.votes.map(([p]) => p)).not.toContain('he');
  expect(topic.fields.votes).toContainEqual(['gao', 'recused']);
  expect(topic.fields.votes.at(-1)).toEqual(['wang', 'agree']);
});
