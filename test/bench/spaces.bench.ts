// Benchmark of <spaces-chat> from the built bundle (cdn/spaces-chat.js) in headless Chromium:
// 10,000 messages of history, then a burst of 5,000 MESSAGE_SENT events from the server, then the
// same burst handed straight to the element's socket (headless Chromium delivers only a few
// thousand WebSocket frames a second on a small machine, so the network burst measures the socket,
// the in-page one the element). Reports; asserts nothing.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startBackend } from '../../demo/server/backend.js';
import { bundleSize } from '../tools/bundle-size.mjs';

const HISTORY = 10_000;
const BURST = 5_000;
const SPACE = 'sp-design';
const repo = fileURLToPath(new URL('../../', import.meta.url));

if (!existsSync(`${repo}cdn/spaces-chat.js`)) {
  console.error('cdn/spaces-chat.js is missing: run `npx rollup -c` (or npm run build) first');
  process.exit(0);
}

const backend = await startBackend({ port: 0, host: '127.0.0.1', demoBots: false, reactionDelayMs: 0, cdnRoot: `${repo}cdn`, demoRoot: `${repo}test/bench/pages` });
const inject = async (count: number, label: string) => {
  for (let i = 0; i < count; i += 1) {
    await backend.command('spaces', 'injectMessage', { spaceId: SPACE, bodyText: `${label} message ${i} with a little text to wrap`, senderId: i % 3 === 0 ? 'u-alice' : 'u-bob' });
  }
};

const seedStart = performance.now();
await inject(HISTORY, 'history');
const seedMs = performance.now() - seedStart;
const token = await (await fetch(`${backend.url}/demo/token?service=spaces&user=u-alice`)).text();

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--enable-precise-memory-info'] });
try {
  const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
  // tsx compiles with esbuild's keepNames, so functions sent to the page call a `__name` helper.
  // The WebSocket wrapper keeps the element's socket at hand for the in-page burst below.
  await page.addInitScript({
    content: `window.__name = (f) => f; window.benchToken = ${JSON.stringify(token)};
      window.benchSockets = []; const NativeWebSocket = WebSocket;
      window.WebSocket = class extends NativeWebSocket { constructor(...args) { super(...args); window.benchSockets.push(this); } };`,
  });
  await page.goto(`${backend.url}/spaces.html`);
  await page.waitForFunction(() => customElements.get('spaces-chat') !== undefined);

  type Room = { historyLoaded: boolean; hasMoreHistory: boolean; timeline: { size: number }; loadOlder(): Promise<void> };
  type Chat = HTMLElement & { controller: { room?: Room } };

  // Time to first paint of history: from adding the element to the first message row on screen.
  const firstPaintMs = await page.evaluate(
    ({ url, space }) =>
      new Promise<number>((resolve) => {
        const el = document.createElement('spaces-chat');
        el.setAttribute('space-id', space);
        el.setAttribute('server-url', `${url}/chat`);
        el.setAttribute('api-url', `${url}/api`);
        el.setAttribute('token-provider', 'bench.getToken');
        const start = performance.now();
        document.body.append(el);
        const check = () => {
          if (el.shadowRoot?.querySelector('[part~="message"]')) requestAnimationFrame(() => resolve(performance.now() - start));
          else requestAnimationFrame(check);
        };
        check();
      }),
    { url: backend.url, space: SPACE },
  );

  // The rest of the history, page by page, as scrolling up would load it.
  const historyMs = await page.evaluate(async () => {
    const el = document.querySelector('spaces-chat') as unknown as Chat;
    const start = performance.now();
    while (el.controller.room?.hasMoreHistory) await el.controller.room.loadOlder();
    return performance.now() - start;
  });
  const loaded = await page.evaluate(() => (document.querySelector('spaces-chat') as unknown as Chat).controller.room!.timeline.size);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const domAfterHistory = await page.evaluate(() => document.querySelector('spaces-chat')!.shadowRoot!.querySelectorAll('[part~="message"]').length);

  // The burst: the page notes when the first and the last burst message reach the room.
  await page.evaluate(
    ({ target }) => {
      const el = document.querySelector('spaces-chat') as unknown as Chat;
      const bench = (window as unknown as { bench: Record<string, number> }).bench;
      bench.longest = 0;
      bench.burstStart = 0;
      bench.burstEnd = 0;
      el.addEventListener('spaces-message', () => {
        const size = el.controller.room!.timeline.size;
        if (!bench.burstStart) bench.burstStart = performance.now();
        if (size >= target && !bench.burstEnd) bench.burstEnd = performance.now();
      });
    },
    { target: loaded + BURST },
  );
  const burstSend = performance.now();
  await inject(BURST, 'burst');
  const serverMs = performance.now() - burstSend;
  await page.waitForFunction(() => (window as unknown as { bench: { burstEnd: number } }).bench.burstEnd > 0, undefined, { timeout: 60_000 });
  await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
  const burst = await page.evaluate(() => {
    const b = (window as unknown as { bench: { burstStart: number; burstEnd: number; longest: number } }).bench;
    const el = document.querySelector('spaces-chat')!;
    const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
    return {
      ms: b.burstEnd - b.burstStart,
      longest: b.longest,
      dom: el.shadowRoot!.querySelectorAll('[part~="message"]').length,
      total: (el as unknown as Chat).controller.room!.timeline.size,
      heap: memory ? memory.usedJSHeapSize : Number.NaN,
    };
  });

  // The same burst with the network taken out: frames handed to the element's socket one per task
  // (as a WebSocket delivers them), to measure what the element itself can ingest.
  const synthetic = await page.evaluate(
    ({ count, space }) =>
      new Promise<{ ms: number; longest: number; dom: number }>((resolve) => {
        const el = document.querySelector('spaces-chat') as unknown as Chat;
        const bench = (window as unknown as { bench: { longest: number } }).bench;
        const ws = (window as unknown as { benchSockets: WebSocket[] }).benchSockets.at(-1)!;
        const room = el.controller.room!;
        const target = room.timeline.size + count;
        const base = Date.now() + 60_000;
        const sender = { _id: 'u-bob', type: 'user', username: 'bob@example.com', displayname: 'Bob Martins', picture_url: '' };
        const frames = Array.from({ length: count }, (_, i) =>
          `42/chat,${JSON.stringify(['MESSAGE_SENT', { _id: `synthetic-${i}`, topicId: space, category: 'chat', created: new Date(base + i).toISOString(), sender, content: { bodyText: `synthetic message ${i} with a little text to wrap` } }])}`,
        );
        bench.longest = 0;
        const channel = new MessageChannel();
        let next = 0;
        const start = performance.now();
        channel.port1.onmessage = () => {
          ws.onmessage?.(new MessageEvent('message', { data: frames[next++] }));
          if (next < frames.length) {
            channel.port2.postMessage(0);
            return;
          }
          const done = () => {
            if (room.timeline.size < target) return requestAnimationFrame(done);
            const ms = performance.now() - start;
            requestAnimationFrame(() =>
              setTimeout(() => resolve({ ms, longest: bench.longest, dom: el.shadowRoot!.querySelectorAll('[part~="message"]').length }), 100),
            );
          };
          done();
        };
        channel.port2.postMessage(0);
      }),
    { count: BURST, space: SPACE },
  );

  const gzipKb = bundleKb();
  const rate = (ms: number) => Math.round(BURST / (ms / 1000)).toLocaleString('en');
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  const rows: [string, string, string][] = [
    ['history seeded on the server', `${HISTORY} in ${seedMs.toFixed(0)} ms`, ''],
    ['time to first paint of history', `${firstPaintMs.toFixed(0)} ms`, ''],
    ['all history loaded (REST pages of 50)', `${loaded} messages in ${historyMs.toFixed(0)} ms`, ''],
    ['message elements in the DOM (10,000 loaded)', String(domAfterHistory), '≤ 200'],
    ['network burst: server emitted', `${BURST} in ${serverMs.toFixed(0)} ms`, ''],
    ['network burst: received and stored', `${burst.ms.toFixed(0)} ms → ${rate(burst.ms)} msg/s (socket-bound)`, ''],
    ['network burst: longest main-thread task', `${burst.longest.toFixed(0)} ms`, '≤ 50 ms'],
    ['in-page burst (1 frame per task): ingested', `${synthetic.ms.toFixed(0)} ms → ${rate(synthetic.ms)} msg/s`, '≥ 20,000 msg/s'],
    ['in-page burst: longest main-thread task', `${synthetic.longest.toFixed(0)} ms`, '≤ 50 ms'],
    ['message elements in the DOM after bursts', `${synthetic.dom} (of ${burst.total + BURST})`, '≤ 200'],
    ['JS heap used', `${mb(burst.heap)} MB`, ''],
    ['cdn/spaces-chat.js + static chunks, gzip', `${gzipKb.toFixed(1)} KB`, '≤ 40 KB'],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  const valueWidth = Math.max(...rows.map((r) => r[1].length));
  console.log(`${'measure'.padEnd(width)}  ${'result'.padEnd(valueWidth)}  target`);
  for (const [name, value, target] of rows) console.log(`${name.padEnd(width)}  ${value.padEnd(valueWidth)}  ${target}`);
} finally {
  await browser.close();
  await backend.close();
}

/** gzip KB of the bundle as a page loads it before the element works. */
function bundleKb(): number {
  return bundleSize(`${repo}cdn/spaces-chat.js`).static / 1024;
}
