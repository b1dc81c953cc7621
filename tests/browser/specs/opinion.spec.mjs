// A member's written opinion when absent (issue 16): xu, on the Party committee, writes one on
// a topic of the coming 第4次党委会 from 我的会议 (on the phone too), and still sees hers as hers
// after he writes another (every member's opinion is kept); li, who attends the staff
// congress without a vote, is not offered the form there (the API offers the action blocked)
// though he is on his own body's topic; the clerk liu holds the meeting with xu absent, sees
// the opinion on the topic, records xu's position as absent-with-opinion, and the minutes
// drafted from the record carry the text. zh and en, axe on each state.
import { checkA11y } from './a11y.mjs';
import { as } from './api-as.mjs';
import { expect, shot, signIn, test } from './fixtures.mjs';

const OPINION = '同意增设，建议配备专职心理教师';

const myMeetings = async (page) => {
  await page.getByRole('link', { name: '我的会议' }).click();
  await expect(page.getByRole('heading', { name: '我的会议', level: 1 })).toBeVisible();
};

test('a member writes an opinion; the clerk records it and the minutes carry it', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  const project = testInfo.project.name;
  const title = `第4次党委会（意见，${project}）`;
  const topicTitle = `增设心理咨询室（${project}）`;

  // xu writes the opinion before the meeting.
  await signIn(page, 'xu');
  await myMeetings(page);
  const meeting = page.locator('li.my-meeting', { hasText: title });
  const topic = meeting.locator('.agenda > li', { hasText: topicTitle });
  const box = topic.getByLabel(`书面意见：${topicTitle}`);
  await expect(box).toBeVisible();
  await checkA11y(page, 'my meetings with the written-opinion form');
  await topic.getByRole('button', { name: '提交书面意见' }).click();
  await expect(topic.getByRole('alert')).toHaveText('请填写书面意见');  // nothing typed: nothing sent
  await box.fill(OPINION);
  await topic.getByRole('button', { name: '提交书面意见' }).click();
  await expect(page.locator('li.my-meeting', { hasText: title }).locator('.opinion-yours')).toContainText(OPINION);
  await shot(page, testInfo, 'opinion-written');
  // Another member writes one after her: hers is still shown as hers.
  const opinionTopic = await topic.getAttribute('data-item');
  const chen = await as('chen');  // not gao: sign-in.spec.mjs locks gao out
  await chen('POST', `/api/items/${opinionTopic}/actions/submit_opinion`, { fields: { opinion: '同意，另建议加强家校沟通' } });
  await chen.dispose();
  await page.reload();
  await expect(page.getByRole('heading', { name: '我的会议', level: 1 })).toBeVisible();
  await expect(topic.locator('.opinion-yours')).toContainText(OPINION);
  await expect(topic.locator('.opinion-yours')).not.toContainText('家校沟通');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'My meetings', level: 1 })).toBeVisible();
  await expect(topic.getByLabel(`Written opinion: ${topicTitle}`)).toBeVisible();
  await expect(topic.getByRole('button', { name: 'Submit the written opinion' })).toBeVisible();
  await checkA11y(page, 'my meetings with the written-opinion form in English');
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('button', { name: '退出' }).click();

  // li attends the staff congress without a vote: no form there, one on his own body's topic.
  await signIn(page, 'li');
  await myMeetings(page);
  const congress = page.locator('li.my-meeting', { hasText: `第1次教代会（${project}）` });
  await expect(congress.locator('.agenda > li')).toHaveCount(1);
  await expect(congress.locator('form.opinion-form, textarea')).toHaveCount(0);
  const staffTopic = await congress.locator('.agenda > li').getAttribute('data-item');
  const { actions } = await (await page.request.get(`/api/items/${staffTopic}`)).json();
  expect(actions.find((a) => a.name === 'submit_opinion')?.blocked?.zh).toContain('只有本会议所属机构的成员可以提交书面意见');
  await expect(page.locator('li.my-meeting', { hasText: title }).getByLabel(`书面意见：${topicTitle}`)).toBeVisible();
  await page.getByRole('button', { name: '退出' }).click();

  // The clerk holds the meeting with xu absent, and records the positions.
  await signIn(page, 'liu');
  await page.getByRole('link', { name: title }).click();
  const card = page.locator('article.meeting');
  const id = await card.getAttribute('data-item');
  await card.getByRole('button', { name: '召开会议' }).click();
  await page.locator(`#present-${id}-xu`).uncheck();
  await page.locator(`#absent-${id}-xu`).fill('外出学习');
  await card.getByRole('button', { name: /召开会议 · 提交/ }).click();
  await expect(card.locator('.task-state')).toContainText('已召开');
  const row = page.locator('li.topic', { hasText: topicTitle });
  await expect(row.locator('.opinions')).toContainText(`徐文博的书面意见：${OPINION}`);
  await row.getByRole('button', { name: '记录表决' }).click();
  const xu = row.locator('li.position-row[data-person="xu"]');
  await expect(xu).toBeVisible();
  await expect(xu.getByLabel('登记书面意见（缺席）')).toBeChecked();
  await expect(xu).toContainText(OPINION);
  await expect(row.locator('li.position-row:visible')).toHaveCount(7);
  await expect(row.locator('li.position-row:visible').last()).toHaveAttribute('data-person', 'wang');
  await shot(page, testInfo, 'opinion-positions');
  await checkA11y(page, 'the positions form with a written opinion');
  await row.getByRole('button', { name: '全部同意' }).click();
  await row.getByRole('button', { name: /记录表决 · 提交/ }).click();
  await expect(row.locator('.positions-text')).toContainText('徐文博 书面意见（缺席）');
  const topicId = await row.getAttribute('data-item');
  const recorded = await (await page.request.get(`/api/items/${topicId}`)).json();
  expect(recorded.fields.votes).toContainEqual(['xu', 'absent-with-opinion']);
  for (const lang of ['zh', 'en']) {
    const { text } = await (await page.request.get(`/api/meetings/${id}/minutes-draft?lang=${lang}`)).json();
    expect(text).toContain(lang === 'zh' ? `徐文博：${OPINION}` : `Xu Wenbo: ${OPINION}`);
    expect(text).toContain(lang === 'zh' ? '缺席成员书面意见' : 'Written opinions of absent members');
  }
  await page.getByRole('button', { name: 'English' }).click();
  await expect(row.locator('.opinions')).toContainText('Written opinions of absent members');
  await checkA11y(page, 'a topic with a written opinion in English');
  await page.getByRole('button', { name: '中文' }).click();
});
