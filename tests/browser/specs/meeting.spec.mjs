// 会议: the clerk liu records the planned Party committee meeting run.sh seeded for this
// project (five topics on its agenda) — notice, attendance taken once, positions per topic in
// speaking order — and the secretary wang records the outcomes; an outcome the rules refuse
// is a disabled button with the rule's words; the history and the minutes show the record. Every click and keystroke spent
// recording it is counted and compared with the CLI path's (meeting-cli.mjs): the goal is
// fewer than half.
import { writeFileSync } from 'node:fs';
import { cliCommands, keystrokes } from './meeting-cli.mjs';
import { checkA11y } from './a11y.mjs';
import { expect, shot, signIn, test } from './fixtures.mjs';

const TEXTS = {
  he: '外出培训',
  xu: '病假',
  canteen: '同意改造食堂，分两期实施，暑期前完成第一期',
  greening: '同意实施校园绿化工程',
  cadre: '到会成员意见分歧，进一步考察后再议',
};

// Clicks and keystrokes, as a person spends them.
class Effort {
  clicks = 0;
  keys = 0;

  async click(locator) {
    await locator.click();
    this.clicks += 1;
  }

  async check(locator, on = true) {
    await (on ? locator.check() : locator.uncheck());
    this.clicks += 1;
  }

  // Typing into the field the page has just focused (no click to reach it).
  async type(locator, text) {
    await expect(locator).toBeFocused();
    await locator.fill(text);
    this.keys += [...text].length;
  }
}

const topic = (page, title) => page.locator('li.topic', { hasText: title });

test('the clerk records a meeting and the secretary its outcomes, in under half the CLI\'s effort', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const title = `第1次党委会（${testInfo.project.name}）`;
  const web = new Effort();

  await signIn(page, 'liu');
  await expect(page.getByRole('heading', { name: '会议' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '待召开' })).toBeVisible();
  await shot(page, testInfo, 'meetings');
  await checkA11y(page, 'the meetings list');
  await web.click(page.getByRole('link', { name: title }));
  const card = page.locator('article.meeting');
  await expect(card.getByRole('heading', { name: title })).toBeVisible();
  const meeting = await card.getAttribute('data-item');
  await expect(page.locator('li.topic')).toHaveCount(5);
  await expect(card.getByRole('link', { name: '会议通知' })).toHaveAttribute('href', `/api/items/${meeting}/documents/notice?lang=zh`);
  await checkA11y(page, 'one meeting');
  const topics = await page.locator('li.topic').evaluateAll((lis) => lis.map((li) => li.dataset.item));

  // The notice, then attendance, once: he and xu absent with their reasons, liu attending.
  await web.click(card.getByRole('button', { name: '发出通知' }));
  await expect(card.locator('.task-state')).toContainText('已通知');
  await web.click(card.getByRole('button', { name: '召开会议' }));
  await expect(card.locator('.live')).toContainText('出席 7 人 / 应到 7 人');
  await web.check(page.locator(`#present-${meeting}-he`), false);
  await web.type(page.locator(`#absent-${meeting}-he`), TEXTS.he);
  await web.check(page.locator(`#present-${meeting}-xu`), false);
  await web.type(page.locator(`#absent-${meeting}-xu`), TEXTS.xu);
  await web.check(page.locator(`#attendee-${meeting}-liu`));
  await expect(card.locator('.live')).toContainText('出席 5 人 / 应到 7 人，须超过半数 · 已达到法定人数');
  await shot(page, testInfo, 'meeting-attendance');
  await checkA11y(page, 'a meeting\'s attendance form');
  await web.click(card.getByRole('button', { name: /召开会议 · 提交/ }));
  await expect(card.locator('.task-state')).toContainText('已召开');

  // Positions per topic, in speaking order: the secretary wang's row stands last (R5).
  const positions = async (name, choices) => {
    const row = topic(page, name);
    await web.click(row.getByRole('button', { name: '记录表决' }));
    await expect(row.locator('li.position-row')).toHaveCount(5);
    await expect(row.locator('li.position-row').last()).toHaveAttribute('data-person', 'wang');
    for (const [person, value] of Object.entries(choices)) {
      await web.check(row.locator(`[id$="-${person}-${value}"]`));
    }
    if (Object.keys(choices).length < 5) await web.click(row.getByRole('button', { name: '全部同意' }));
    if (name === '购置实验室设备') {
      await shot(page, testInfo, 'meeting-positions');
      await checkA11y(page, 'a topic\'s positions form');
    }
    await web.click(row.getByRole('button', { name: /记录表决 · 提交/ }));
    await expect(row.locator('.positions-text')).toBeVisible();
  };
  await positions('食堂改造', {});
  await positions('校园绿化工程', { gao: 'disagree' });
  await positions('购置实验室设备', { li: 'disagree', chen: 'disagree', gao: 'abstain', ma: 'disagree', wang: 'disagree' });
  await positions('任命教务处主任', { chen: 'defer', ma: 'defer' });
  await expect(topic(page, '校园绿化工程').locator('.positions-text')).toHaveText('李华 同意、陈静 同意、高峰 不同意、马云霞 同意、王明 同意');
  // The clerk may withdraw a topic, not decide one: adopt is not offered to liu.
  await expect(topic(page, '食堂改造').getByRole('button', { name: '表决通过' })).toHaveCount(0);
  await web.click(topic(page, '修订学校发展规划').getByRole('button', { name: '撤回' }));
  await expect(topic(page, '修订学校发展规划').locator('.task-state')).toContainText('已撤回');
  await shot(page, testInfo, 'meeting-positions-recorded');

  // The secretary records the outcomes. The canteen has its majority, so it cannot be
  // rejected (R4): 表决未通过 is offered blocked — a disabled button described by the rule's
  // words, never clicked.
  await page.getByRole('button', { name: '退出' }).click();
  await signIn(page, 'wang');
  await web.click(page.getByRole('link', { name: title }));
  const canteen = topic(page, '食堂改造');
  const reject = canteen.getByRole('button', { name: '表决未通过' });
  await expect(reject).toBeDisabled();
  await expect(reject).toHaveAccessibleDescription(/该议题已获通过，不能记为未通过/);
  await expect(canteen.locator('.blocked-reason')).toContainText('该议题已获通过，不能记为未通过');
  await shot(page, testInfo, 'meeting-refused');
  await checkA11y(page, 'a meeting with a refused outcome');
  const outcome = async (name, button, text, state) => {
    const row = topic(page, name);
    await web.click(row.getByRole('button', { name: button }));
    if (text) {
      await web.type(row.locator('form input'), text);
      if (name === '食堂改造') await checkA11y(page, 'an outcome\'s fields form');
      await web.click(row.getByRole('button', { name: new RegExp(`${button} · 提交`) }));
    }
    await expect(row.locator('.task-state')).toHaveText(`状态：${state}`);
  };
  await outcome('食堂改造', '表决通过', TEXTS.canteen, '通过');
  await outcome('校园绿化工程', '表决通过', TEXTS.greening, '通过');
  await outcome('购置实验室设备', '表决未通过', '', '未通过');
  await outcome('任命教务处主任', '缓议', TEXTS.cadre, '缓议');
  await expect(topic(page, '修订学校发展规划').locator('.task-state')).toHaveText('状态：已撤回');
  await shot(page, testInfo, 'meeting-outcomes');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Topics' })).toBeVisible();
  await expect(topic(page, '食堂改造').locator('.task-state')).toHaveText('State: Adopted');
  await expect(topic(page, '校园绿化工程').locator('.positions-text')).toContainText('Gao Feng Disagree, Ma Yunxia Agree');
  await shot(page, testInfo, 'meeting-outcomes-en');
  await checkA11y(page, 'a meeting in English');
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { name: '议题' })).toBeVisible();

  // The history shows each step; the minutes show attendance, positions and outcomes.
  await card.locator('summary', { hasText: '办理记录' }).click();
  await expect(card.locator('.entries li')).toHaveCount(3);
  await expect(card.locator('.entries li[data-action="hold"]')).toContainText('liu 召开会议 已通知 → 已召开');
  await checkA11y(page, 'a meeting with its history open');
  const minutesUrl = `/api/items/${meeting}/documents/minutes`;
  const minutes = await (await page.request.get(minutesUrl)).text();
  for (const text of ['何志远', '外出培训', '高峰', '不同意', TEXTS.canteen, TEXTS.cadre, '未通过']) expect(minutes).toContain(text);
  await page.goto(minutesUrl);
  await shot(page, testInfo, 'meeting-minutes');
  await checkA11y(page, 'the minutes document');

  // Both paths, counted.
  const lines = cliCommands({ meeting, topics, texts: TEXTS });
  const cli = keystrokes(lines);
  const spent = web.clicks + web.keys;
  const counts = { project: testInfo.project.name, web: { clicks: web.clicks, keystrokes: web.keys, total: spent }, cli: { lines: lines.length, keystrokes: cli } };
  console.log(`meeting recorded: page ${web.clicks} clicks + ${web.keys} keystrokes = ${spent}; CLI ${lines.length} command lines, ${cli} keystrokes`);
  writeFileSync(`${process.env.DOCKET_OUT || 'test-results'}/meeting-counts-${testInfo.project.name}.json`, JSON.stringify({ ...counts, lines }, null, 2));
  expect(spent * 2, 'fewer than half the CLI path\'s clicks and keystrokes').toBeLessThan(cli);
});
