// Benchmark of <ccaas-chat> from the built bundle (cdn/ccaas-chat.js) in headless Chromium:
// a 1,000-message history rendered after a reload, then a burst of agent messages. Reports figures;
// asserts nothing (exit 0).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startBackend } from '../../demo/server/backend.js';
import { bundleSize } from '../tools/bundle-size.mjs';
import { DEMO_CCAAS } from '../../demo/server/demo-data.js';

const HISTORY = 1_000;
const BURST = 500;
const repo = fileURLToPath(new URL('../../', import.meta.url));

if (!existsSync(`${repo}cdn/ccaas-chat.js`)) {
  console.error('cdn/ccaas-chat.js is missing: run `npx rollup -c` (or npm run build) first');
  process.exit(0);
}

const backend = await startBackend({ port: 0, host: '127.0.0.1', demoBots: false, reactionDelayMs: 0, cdnRoot: `${repo}cdn` });
await backend.command('ccaas', 'setAgentDelays', { joinMs: 0, replyMs: 0 });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--enable-precise-memory-info'] });

type Chat = HTMLElement & { view: string; sdk?: { getEngagements(): Promise<{ engagementId: string }[]> } };

try {
  const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
  // tsx compiles with esbuild's keepNames, so functions sent to the page call a `__name` helper.
  await page.addInitScript({
    content: `window.__name = (f) => f;
      window.bench = { longest: 0, getToken: () => fetch('/demo/token?service=ccaas&user=bench-customer').then((r) => r.text()) };
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.bench.longest = Math.max(window.bench.longest, e.duration); }).observe({ type: 'longtask', buffered: true });`,
  });
  const mount = async () => {
    await page.goto(`${backend.url}/demo/config`);
    await page.setContent('<!doctype html><html lang="en"><body></body></html>');
    await page.addScriptTag({ url: '/cdn/ccaas-chat.js', type: 'module' });
    await page.waitForFunction(() => customElements.get('ccaas-chat') !== undefined);
    return page.evaluate(
      ({ url, integrationId, appkey }) =>
        new Promise<number>((resolve) => {
          const el = document.createElement('ccaas-chat');
          Object.assign(el, { id: 'bench' });
          for (const [name, value] of Object.entries({ 'host-url': url, 'integration-id': integrationId, 'app-key': appkey, 'token-provider': 'bench.getToken', 'display-name': 'Bench', 'auto-start': '' })) el.setAttribute(name, value);
          el.style.cssText = 'display:block;width:640px;height:800px';
          const start = performance.now();
          document.body.append(el);
          const check = () => (el.shadowRoot?.querySelector('.line.agent') ? requestAnimationFrame(() => resolve(performance.now() - start)) : requestAnimationFrame(check));
          check();
        }),
      { url: backend.url, ...DEMO_CCAAS },
    );
  };

  await mount();
  const engagementId = await page.evaluate(async () => (await (document.querySelector('ccaas-chat') as unknown as Chat).sdk!.getEngagements())[0]!.engagementId);
  const seedStart = performance.now();
  for (let i = 1; i < HISTORY; i += 1) await backend.command('ccaas', 'agentSay', { engagementId, text: `history message ${i} with a little text to wrap across the bubble` });
  const seedMs = performance.now() - seedStart;

  // "Reload": a fresh page resumes the session from sessionStorage and renders the newest page.
  const firstPaintMs = await mount();
  const allMs = await page.evaluate(async () => {
    const root = document.querySelector('ccaas-chat')!.shadowRoot!;
    const start = performance.now();
    for (;;) {
      const more = root.querySelector<HTMLButtonElement>('[part~="load-earlier"]');
      if (!more) break;
      if (!more.disabled) more.click();
      await new Promise((r) => requestAnimationFrame(r));
    }
    return performance.now() - start;
  });
  const domAfterHistory = await page.evaluate(() => document.querySelector('ccaas-chat')!.shadowRoot!.querySelectorAll('[part~="message"]').length);

  await page.evaluate(() => ((window as unknown as { bench: { longest: number } }).bench.longest = 0));
  const target = domAfterHistory + BURST;
  const watch = page.evaluate(
    (count) =>
      new Promise<{ first: number; last: number }>((resolve) => {
        const root = document.querySelector('ccaas-chat')!;
        let first = 0;
        root.addEventListener('ccaas-event', (e) => {
          if ((e as CustomEvent).detail.type === 'MESSAGE_ARRIVED' && !first) first = performance.now();
        });
        const check = () => (root.shadowRoot!.querySelectorAll('[part~="message"]').length >= count ? resolve({ first, last: performance.now() }) : requestAnimationFrame(check));
        check();
      }),
    target,
  );
  const burstSend = performance.now();
  for (let i = 0; i < BURST; i += 1) await backend.command('ccaas', 'agentSay', { engagementId, text: `burst message ${i}` });
  const serverMs = performance.now() - burstSend;
  const burst = await watch;
  const stats = await page.evaluate(() => {
    const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
    return { longest: (window as unknown as { bench: { longest: number } }).bench.longest, heap: memory ? memory.usedJSHeapSize : Number.NaN };
  });

  const rows: [string, string][] = [
    ['history seeded on the server', `${HISTORY} messages in ${seedMs.toFixed(0)} ms`],
    ['reload → newest page (50) painted', `${firstPaintMs.toFixed(0)} ms`],
    ['all history loaded and rendered ("load earlier", pages of 50)', `${domAfterHistory} rows in ${allMs.toFixed(0)} ms`],
    ['burst: server emitted', `${BURST} in ${serverMs.toFixed(0)} ms`],
    ['burst: first arrival → last row rendered', `${(burst.last - burst.first).toFixed(0)} ms`],
    ['longest main-thread task during burst', `${stats.longest.toFixed(0)} ms`],
    ['JS heap used', `${(stats.heap / 1024 / 1024).toFixed(1)} MB`],
    ['cdn/ccaas-chat.js + static chunks, gzip', `${bundleKb().toFixed(1)} KB (budget 22 KB)`],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  for (const [name, value] of rows) console.log(`${name.padEnd(width)}  ${value}`);
} finally {
  await browser.close();
  await backend.close();
}

/** gzip KB of the bundle as a page loads it before the element works. */
function bundleKb(): number {
  return bundleSize(`${repo}cdn/ccaas-chat.js`).static / 1024;
}
