// 会议记录: the clerk liu drafts the minutes of a held meeting run.sh seeded for this project —
// 起草会议记录 opens a text box holding the draft made from the record (attendance with the
// absentee's reason, the topic with its positions in the order stated and its outcome) — edits
// and saves them; the secretary wang sees them and signs them, and the page then shows who
// signed, when, and the SHA-256 of the text signed (short, the whole in its title), which is
// the hash of the minutes as saved.
import { createHash } from 'node:crypto';
import { checkA11y } from './a11y.mjs';
import { expect, shot, signIn, test } from './fixtures.mjs';

const ADDED = '会议要求各部门按期落实。';

test('the clerk drafts the minutes from the record, the secretary signs them and sees their hash', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  const project = testInfo.project.name;
  const title = `第3次党委会（纪要，${project}）`;

  await signIn(page, 'liu');
  await page.getByRole('link', { name: title }).click();
  const card = page.locator('article.meeting');
  await expect(card.getByRole('heading', { name: title })).toBeVisible();
  await expect(card.locator('.task-state')).toContainText('已召开');
  await card.getByRole('button', { name: '起草会议记录' }).click();
  const text = card.getByLabel('会议记录（可编辑）');
  await expect(text).toBeVisible();
  // The draft from the record: the meeting, the absentee and why, the topic's positions in
  // the order stated, its outcome.
  await expect(text).toHaveValue(new RegExp(`^${title}纪要\\n`));
  const draft = await text.inputValue();
  for (const shown of ['缺席：何志远（外出培训）', `议题1：增设课后服务（${project}）`, '2. 陈静：同意', '3. 高峰：弃权',
    '结果：缓议', '缓议原因：征求家长意见后再议']) {
    expect(draft).toContain(shown);
  }
  await expect(card.locator('.minutes-form .live')).toContainText('已根据会议记录起草');
  await shot(page, testInfo, 'minutes-draft');
  await checkA11y(page, 'the minutes drafted from the record');
  // Edited, then saved.
  const saved = `${draft}\n${ADDED}`;
  await text.fill(saved);
  await card.getByRole('button', { name: /起草会议记录 · 提交/ }).click();
  await expect(card.locator('.task-state')).toContainText('记录已起草');
  const shown = card.locator('section.minutes pre.minutes-text');
  await expect(shown).toContainText(ADDED);
  await expect(card.locator('section.minutes')).toContainText('会议记录尚未签发');
  // Drafting again starts from the minutes saved, not from the record.
  await card.getByRole('button', { name: '起草会议记录' }).click();
  await expect(card.getByLabel('会议记录（可编辑）')).toHaveValue(saved);
  await card.getByRole('button', { name: '取消' }).click();

  // The secretary signs.
  await page.getByRole('button', { name: '退出' }).click();
  await signIn(page, 'wang');
  await page.getByRole('link', { name: title }).click();
  await expect(card.locator('section.minutes pre.minutes-text')).toContainText(ADDED);
  await card.getByRole('button', { name: '签发会议记录' }).click();
  await expect(card.locator('.task-state')).toContainText('记录已签发');
  const signedLine = card.locator('.minutes-signed');
  await expect(signedLine).toContainText('签发人：王明');
  await expect(signedLine).toContainText('签发时间：');
  const hash = signedLine.locator('.minutes-hash code');
  const sha256 = createHash('sha256').update(saved, 'utf8').digest('hex');
  await expect(hash).toHaveAttribute('title', sha256);
  await expect(hash).toHaveText(`${sha256.slice(0, 12)}…`);
  await expect(card.getByRole('button', { name: '起草会议记录' })).toHaveCount(0);
  await shot(page, testInfo, 'minutes-signed');
  await checkA11y(page, 'the signed minutes');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(signedLine).toContainText('Signed by: Wang Ming');
  await expect(signedLine).toContainText('SHA-256 of the signed text:');
  await page.getByRole('button', { name: '中文' }).click();
  await expect(signedLine).toContainText('签发人：王明');

  // The 会议纪要 document shows the text signed and its hash.
  const meeting = await card.getAttribute('data-item');
  const doc = await (await page.request.get(`/api/items/${meeting}/documents/minutes`)).text();
  expect(doc).toContain(ADDED);
  expect(doc).toContain(sha256);
});
