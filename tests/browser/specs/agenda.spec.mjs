// 编排议程: the clerk liu builds the agenda of a planned Party committee meeting from the
// matters that are ready. Each is judged by the API against this meeting before any click: a
// routine matter belongs before the principal's office meeting (R1) — its words shown, no
// button; a large-spending matter lacks the pre-meeting sign-offs (R8) — its words and the
// sign-offs shown, no button; a major project signed off by the secretary and the principal
// is added, and stands on the agenda. A refusal shows the rule's short words; the engine's whole
// account (the table's id and the values) is folded under 详细说明. In English the page and the
// rules speak English.
import { checkA11y } from './a11y.mjs';
import { as, submittedMatter } from './api-as.mjs';
import { expect, shot, signIn, test } from './fixtures.mjs';

const day = (days) => new Date(Date.now() + days * 24 * 3600 * 1000).toISOString().slice(0, 10);

test('the clerk builds an agenda: R1 and R8 refusals shown before the click, a ready matter added', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  const p = testInfo.project.name;
  const titles = { r1: `调整作息时间（${p}）`, r8: `购置校车（${p}）`, ready: `新建图书馆（${p}）` };
  const liu = await as('liu');
  const { item: meeting } = await liu('POST', '/api/items', {
    workflow: 'meeting', org: 'school-a',
    fields: { title: `第4次党委会（议程，${p}）`, body: 'party-meeting', scheduled_at: `${day(10)}T09:00:00Z` },
  });
  await submittedMatter(liu, { title: titles.r1, category: 'routine' });
  await submittedMatter(liu, { title: titles.r8, category: 'large-spending', amount: '500000' });
  const ready = await submittedMatter(liu, { title: titles.ready, category: 'major-project' });
  const wang = await as('wang');
  await wang('POST', `/api/items/${ready}/actions/presign_secretary`, {});
  const li = await as('li');
  await li('POST', `/api/items/${ready}/actions/presign_principal`, {});

  await signIn(page, 'liu');
  await expect(page.getByRole('heading', { name: '会议', exact: true })).toBeVisible();
  await expect(page.locator('#nav-secretary')).toBeHidden();  // a clerk holds neither post
  await page.goto(`/#meeting/${meeting.id}`);
  const builder = page.locator('section.agenda-builder');
  await expect(builder.getByRole('heading', { name: '编排议程' })).toBeVisible();
  const candidate = (title) => builder.locator('li.agenda-candidate', { hasText: title });

  // R1: the body the decision-matter list names is the office meeting; no button.
  await expect(candidate(titles.r1).locator('.agenda-refusal')).toContainText('该类事项须由议事清单规定的机构决定');
  await expect(candidate(titles.r1).locator('.agenda-refusal')).toHaveAttribute('data-rule', 'R1');
  await expect(candidate(titles.r1).locator('.agenda-refusal')).toHaveText('R1：该类事项须由议事清单规定的机构决定');
  await expect(candidate(titles.r1).locator('.refusal-details')).toContainText('decision-matters');
  await expect(candidate(titles.r1).locator('.refusal-details p')).toBeHidden();  // folded until opened
  await expect(candidate(titles.r1).getByRole('button')).toHaveCount(0);
  await expect(candidate(titles.r1)).toContainText('日常事务');
  // R8: neither sign-off given; no button.
  await expect(candidate(titles.r8).locator('.agenda-refusal')).toContainText('会前沟通确认');
  await expect(candidate(titles.r8).locator('.agenda-refusal')).toHaveAttribute('data-rule', 'R8');
  await expect(candidate(titles.r8).locator('.agenda-refusal')).toHaveText('R8：重大事项上会前须经书记和校长会前沟通确认');
  await expect(candidate(titles.r8).locator('[data-signoff="presigned_secretary"]')).toHaveText('书记会前沟通：未确认');
  await expect(candidate(titles.r8).locator('[data-signoff="presigned_principal"]')).toHaveText('校长会前沟通：未确认');
  await expect(candidate(titles.r8).getByRole('button')).toHaveCount(0);
  // Signed off by both: it may be added.
  await expect(candidate(titles.ready).locator('[data-signoff="presigned_secretary"]')).toContainText('已确认');
  await expect(candidate(titles.ready).locator('[data-signoff="presigned_principal"]')).toContainText('已确认');
  await expect(candidate(titles.ready).locator('.agenda-refusal')).toHaveCount(0);
  await shot(page, testInfo, 'agenda-builder');
  await checkA11y(page, 'the agenda builder');

  // By keyboard: the add button takes focus and Enter adds the matter.
  const add = candidate(titles.ready).getByRole('button', { name: `列入本次议程 ${titles.ready}` });
  await add.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('li.topic', { hasText: titles.ready })).toBeVisible();
  await expect(candidate(titles.ready)).toHaveCount(0);
  await expect(candidate(titles.r1)).toHaveCount(1);  // still refused, still listed
  const topic = await liu('GET', `/api/items/${ready}`);
  expect(topic.state).toBe('on_agenda');
  expect(String(topic.fields.meeting)).toBe(String(meeting.id));

  // In English: the rules' words in English, still no button.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(builder.getByRole('heading', { name: 'Build the agenda' })).toBeVisible();
  await expect(candidate(titles.r1).locator('.agenda-refusal')).toContainText('decision-matter list');
  await expect(candidate(titles.r8).locator('.agenda-refusal')).toContainText("pre-meeting sign-off");
  await expect(candidate(titles.r8).locator('[data-signoff="presigned_secretary"]')).toHaveText("Secretary's sign-off: not yet");
  await expect(candidate(titles.r1).getByRole('button')).toHaveCount(0);
  await expect(candidate(titles.r8).getByRole('button')).toHaveCount(0);
  await shot(page, testInfo, 'agenda-builder-en');
  await checkA11y(page, 'the agenda builder in English');
  for (const call of [liu, wang, li]) await call.dispose();
});
