// Attachments on a task of the principal li: a scanned PDF uploaded from the task's history,
// listed, downloaded byte for byte; a page (HTML) refused in words; all by keyboard.
import fs from 'node:fs';
import { checkA11y } from './a11y.mjs';
import { expect, shot, signIn, test } from './fixtures.mjs';

// A PDF with bytes no text holds (a NUL among them), one per project: both projects attach
// to the same task of the shared database, and one file is attached to an item once.
const pdf = (project) => Buffer.concat([Buffer.from('%PDF-1.4\n%\xE2\xE3\xCF\xD3\n', 'latin1'), Buffer.from([0, 1, 2, 255]),
  Buffer.from(`\n1 0 obj\n<<>>\nendobj\n% ${project}\n%%EOF\n`)]);

test('a task\'s evidence is uploaded, listed and downloaded; a page is refused', async ({ page }, testInfo) => {
  const PDF = pdf(testInfo.project.name);
  const name = `签字页-${testInfo.project.name}.pdf`;
  await signIn(page, 'li');
  const card = page.locator('li.task', { hasText: '下月到期的事项' });
  const summary = card.locator('details.history > summary');
  // By keyboard: the history opens with Enter, the chooser and the button are reached by Tab.
  await summary.focus();
  await page.keyboard.press('Enter');
  await expect(card.locator('.attachment-list > li').first()).toBeVisible();  // a file each, or 尚无附件
  const before = await card.getByRole('link').count();
  await card.getByLabel(/选择文件/).setInputFiles({ name, mimeType: 'application/pdf', buffer: PDF });
  await card.getByLabel(/选择文件/).focus();
  await page.keyboard.press('Tab');
  await expect(card.getByRole('button', { name: '上传附件' })).toBeFocused();
  await page.keyboard.press('Enter');
  const link = card.getByRole('link', { name });
  await expect(link).toBeVisible();
  await expect(card.locator('.attachment-list')).toContainText('li');
  await shot(page, testInfo, 'attachments');
  await checkA11y(page, 'a task with its attachments');

  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toBe(name);
  expect(fs.readFileSync(await download.path()).equals(PDF)).toBe(true);

  await card.getByLabel(/选择文件/).setInputFiles({ name: 'page.html', mimeType: 'text/html', buffer: Buffer.from('<html><body>hi</body></html>') });
  await card.getByRole('button', { name: '上传附件' }).click();
  await expect(card.locator('.attachments .error')).toBeVisible();
  await expect(card.locator('.attachments .error')).toContainText('HTML');
  await expect(card.getByRole('link')).toHaveCount(before + 1);
});
