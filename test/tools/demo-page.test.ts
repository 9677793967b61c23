// The demo page as a person sees it after `npm start`: demo/index.html with the built cdn bundles,
// served by the embedded backend, in Debian's Chromium. Each element on it has to work, not only
// load: the two Spaces users talk, the agent answers, the launcher opens, the PubSub feeds show
// what is published. Needs the build (npm test builds before it runs the Node tests).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startBackend, type Backend } from '../../demo/server/backend.js';
import { DEMO_PUBSUB_ACCOUNTS } from '../../demo/server/demo-data.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const WAIT = { timeout: 20_000 };

let backend: Backend;
let browser: Browser;
let page: Page;
const pageProblems: string[] = [];

before(async () => {
  if (!existsSync(`${root}cdn/avaya-chat-elements.js`)) throw new Error('cdn/avaya-chat-elements.js is missing: run `npm run build` first');
  // No unsolicited traffic: what shows up on the page is what the test did (helpers and agents still answer).
  backend = await startBackend({ port: 0, host: '127.0.0.1', demoBots: false, reactionDelayMs: 0, demoRoot: `${root}demo`, cdnRoot: `${root}cdn` });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  page = await browser.newPage({ viewport: { width: 1440, height: 1500 } });
  page.on('pageerror', (error) => pageProblems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') pageProblems.push(`console error: ${message.text()}`);
  });
  await page.goto(`${backend.url}/`);
  await page.locator('#demo-status', { hasText: 'Connected to the embedded backend' }).waitFor(WAIT);
});

after(async () => {
  await browser?.close();
  await backend?.close();
});

/** The `<spaces-chat>` of a demo user. */
const spacesOf = (user: string) => page.locator(`spaces-chat[data-user="${user}"]`);

describe('the demo page', () => {
  it('connects the three Spaces panels, and what Alice sends reaches Bob and Carol', async () => {
    for (const user of ['u-alice', 'u-bob', 'u-carol']) {
      await spacesOf(user).locator('[part~="status"]', { hasText: 'Connected' }).waitFor(WAIT);
    }
    const text = `Hello from the demo test ${Date.now()}`;
    const input = spacesOf('u-alice').locator('textarea');
    await input.fill(text);
    await input.press('Enter');
    for (const user of ['u-bob', 'u-carol']) {
      await spacesOf(user).locator('[part~="message"]', { hasText: text }).waitFor(WAIT);
    }
  });

  it('shows Carol’s panel in its dark theme next to the light ones', async () => {
    for (const user of ['u-alice', 'u-carol']) await spacesOf(user).locator('[part~="messages"]').waitFor(WAIT);
    const background = (user: string) => spacesOf(user).evaluate((el) => getComputedStyle(el.shadowRoot!.querySelector('[part~="messages"]') ?? el).backgroundColor);
    const lightness = (color: string) => {
      const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? []).map(Number);
      return ((r ?? 0) + (g ?? 0) + (b ?? 0)) / 3;
    };
    assert.ok(lightness(await background('u-alice')) > 200, `Alice's list is light (${await background('u-alice')})`);
    assert.ok(lightness(await background('u-carol')) < 80, `Carol's list is dark (${await background('u-carol')})`);
  });

  it('starts the inline agent chat, and an agent joins and greets the customer', async () => {
    const chat = page.locator('#ccaas-inline');
    await chat.locator('[part~="start-button"]').click();
    await chat.locator('[part~="agent"]').filter({ hasText: /\S/ }).waitFor(WAIT);
    await chat.locator('[part~="message"]', { hasText: 'Jordan Customer' }).waitFor(WAIT);
    const typed = 'Where is my order?';
    await chat.locator('[part~="input"]').fill(typed);
    await chat.locator('[part~="send-button"]').click();
    // The agent may already have answered, quoting it: the customer's line is the first to hold it.
    await chat.locator('[part~="message"]', { hasText: typed }).first().waitFor(WAIT);
  });

  it('opens the launcher bubble’s chat panel', async () => {
    const launcher = page.locator('#ccaas-launcher');
    await launcher.locator('[part~="launcher"]').click();
    await launcher.locator('[part~="panel"]').waitFor({ state: 'visible', ...WAIT });
    await launcher.locator('[part~="start-button"]').waitFor({ state: 'visible', ...WAIT });
  });

  it('shows the PubSub feeds live, with the SMS and the call the platform publishes on the demo account', async () => {
    const sms = page.locator('pubsub-feed[topic="SMS"]');
    const calls = page.locator('pubsub-feed[topic="Calls"]');
    for (const feed of [sms, calls]) await feed.locator('[part~="status"]', { hasText: 'Live' }).waitFor(WAIT);
    const account = DEMO_PUBSUB_ACCOUNTS[0]!.accountSid;
    // As the platform posts its callbacks: form-encoded, no session.
    const post = (queue: string, params: Record<string, string>) => fetch(`${backend.url}/pubsub/${account}/${queue}`, { method: 'POST', body: new URLSearchParams(params) });
    await post('SMS', { AccountSid: account, From: '+15550100', To: '+15550199', Body: 'Is the demo live?', SmsSid: 'SM0000demo', SmsStatus: 'received' });
    await post('Calls', { AccountSid: account, From: '+15550111', To: '+15550199', CallSid: 'CA0000demo', CallStatus: 'ringing' });
    await sms.locator('[part~="row"]', { hasText: '+15550100 → +15550199: Is the demo live?' }).waitFor(WAIT);
    await calls.locator('[part~="row"]', { hasText: 'ringing' }).waitFor(WAIT);
  });

  it('publishes from the SMS feed’s form, and the event comes back into the feed', async () => {
    const sms = page.locator('pubsub-feed[topic="SMS"]');
    const form = sms.locator('[part~="publish-form"]');
    await form.locator('input').nth(0).fill('Note');
    await form.locator('input').nth(1).fill('published from the page');
    await form.getByRole('button', { name: 'Publish' }).click();
    await sms.locator('[part~="row"]', { hasText: 'published from the page' }).waitFor(WAIT);
  });

  it('logs no page error or console error along the way', () => {
    assert.deepEqual(pageProblems, []);
  });
});
