// 我的会议 of a member of the Party committee (chen on the desktop, xu on the phone:
// sign-in.spec.mjs leaves gao locked out): the project's meeting with its agenda and a
// topic's papers (category, amount, the R8 sign-offs); nothing to act on but a topic's
// written opinion (opinion.spec.mjs); tang, who sits on the principal's office meeting only, does not see it.
import { checkA11y } from './a11y.mjs';
import { expect, shot, signIn, test } from './fixtures.mjs';

test('a member sees the meeting\'s agenda and a topic\'s papers', async ({ page }, testInfo) => {
  const project = testInfo.project.name;
  await signIn(page, project === 'desktop' ? 'chen' : 'xu');
  await page.getByRole('link', { name: '我的会议' }).click();
  await expect(page.getByRole('heading', { name: '我的会议', level: 1 })).toBeVisible();
  await expect(page.getByText('可在会前就议题提交书面意见，由会议记录人在记录表决时登记')).toBeVisible();
  const meeting = page.locator('li.my-meeting', { hasText: `第1次党委会（${project}）` });
  await expect(meeting).toHaveCount(1);
  await expect(meeting.locator('.agenda > li')).toHaveCount(5);
  await expect(meeting.getByRole('link', { name: '会议通知' })).toHaveAttribute('href', /\/documents\/notice\?lang=zh$/);
  await expect(meeting.getByRole('link', { name: '议程' })).toHaveAttribute('href', /\/documents\/agenda\?lang=zh$/);
  const topic = meeting.locator('.agenda > li', { hasText: '食堂改造' });
  await topic.locator('summary', { hasText: '议题材料' }).click();
  const papers = topic.locator('dl.fields');
  await expect(papers).toContainText('大额资金使用');
  await expect(papers).toContainText('800,000');
  await expect(papers).toContainText('会前沟通（书记）王明');
  await expect(papers).toContainText('会前沟通（校长）李华');
  // No action on the meeting or its topics but a written opinion before it is held.
  await expect(meeting.locator('button').filter({ hasNotText: '提交书面意见' })).toHaveCount(0);
  // The held meeting is listed too, after the coming ones.
  await expect(page.locator('li.my-meeting', { hasText: '第2次党委会（已召开）' })).toHaveCount(1);
  await shot(page, testInfo, 'my-meetings');
  await checkA11y(page, 'my meetings with a topic\'s papers open');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'My meetings', level: 1 })).toBeVisible();
  await topic.locator('summary', { hasText: 'Papers' }).click();
  await expect(topic.locator('dl.fields')).toContainText('Large-sum spending');
  await checkA11y(page, 'my meetings in English');
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { name: '我的会议', level: 1 })).toBeVisible();
});

test('a person who is not a member does not see the meeting', async ({ page }, testInfo) => {
  await signIn(page, 'tang');
  await page.getByRole('link', { name: '我的会议' }).click();
  await expect(page.getByRole('heading', { name: '我的会议', level: 1 })).toBeVisible();
  await expect(page.getByText('您所在的会议机构没有会议')).toBeVisible();
  await expect(page.locator('li.my-meeting')).toHaveCount(0);
  await expect(page.getByText('第1次党委会')).toHaveCount(0);
  await shot(page, testInfo, 'my-meetings-none');
  await checkA11y(page, 'my meetings of a person on no body that met');
});
