// Takes the README screenshot: starts the backend with the demo, opens it in Debian's Chromium,
// lets the widgets connect and talk a little, and saves demo/screenshot.png.
// Usage: npm run build && node --import tsx test/tools/screenshot.ts [out.png]
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startBackend } from '../../demo/server/backend.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const out = process.argv[2] ?? `${root}demo/screenshot.png`;
const backend = await startBackend({ port: 0, host: '127.0.0.1', demoBots: true, reactionDelayMs: 300, demoRoot: `${root}demo`, cdnRoot: `${root}cdn` });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1500 }, colorScheme: (process.env.SCHEME as 'light' | 'dark') ?? 'light' });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') console.log(`[page ${message.type()}] ${message.text()}`);
  });
  page.on('pageerror', (error) => console.log(`[page error] ${error.message}`));
  await page.goto(`${backend.url}/`);
  await page.waitForTimeout(2500);
  // Alice asks the helper something so the room shows a conversation, typing and an answer.
  const input = page.locator('spaces-chat[data-user="u-alice"]').locator('textarea');
  if (await input.count()) {
    await input.first().fill('Hi Ada, can you show me some code?');
    await input.first().press('Enter');
  }
  const start = page.locator('#ccaas-inline').locator('[part~="start-button"]');
  if (await start.count()) await start.first().click();
  await page.waitForTimeout(3500);
  await page.screenshot({ path: out, fullPage: true });
  console.log(`saved ${out}`);
} finally {
  await browser.close();
  await backend.close();
}
