// The accessibility check every spec runs on each page state it reaches: axe-core (pinned in
// package-lock.json) in the page, failing on any violation of impact serious or critical, each
// printed with its rule, its help and the elements' selectors. The server's
// Content-Security-Policy (default-src 'self') refuses an injected <script>, so axe's source
// is evaluated through the DevTools protocol, which the policy does not govern.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect } from '@playwright/test';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const BLOCKING = new Set(['serious', 'critical']);

// The violations of impact serious or critical on the page as it stands, one line each.
export async function violations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return found.filter((v) => BLOCKING.has(v.impact)).map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.targets.join(' | ')}`);
}

// Fails the test when the page as it stands (`where`: which state) has such violations.
export async function checkA11y(page, where) {
  expect(await violations(page), `accessibility (axe-core, serious or critical) on ${where}`).toEqual([]);
}
