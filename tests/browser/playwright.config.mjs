// The browser tests (run.sh starts the server and sets DOCKET_URL and DOCKET_OUT): Debian's
// Chromium, the office PC (1280×800) and a phone's in-app browser (390×844).
import { defineConfig } from '@playwright/test';

const out = process.env.DOCKET_OUT || 'test-results';

export default defineConfig({
  testDir: './specs',
  outputDir: `${out}/results`,
  timeout: 20_000,
  workers: 1,
  fullyParallel: false,
  reporter: [['list']],
  use: {
    baseURL: process.env.DOCKET_URL,
    launchOptions: { executablePath: process.env.DOCKET_CHROMIUM || '/usr/bin/chromium' },
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'desktop', use: { viewport: { width: 1280, height: 800 } } },
    { name: 'phone', use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } },
  ],
});
