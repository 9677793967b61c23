// Runs every browser test in Debian's Chromium (Playwright) and Firefox ESR (Puppeteer over
// WebDriver BiDi), against the embedded backend started in-process on a free port.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { chromeLauncher, puppeteerCore } from '@web/test-runner-chrome';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { socketIoClientPlugin } from './support/wtr-socketio-plugin.mjs';
import { backendPlugin } from './support/wtr-backend-plugin.mjs';
import { countingReporter } from './support/wtr-counting-reporter.mjs';

const only = process.env.BROWSERS?.split(',') ?? ['chromium', 'firefox'];
const browsers = [];
if (only.includes('chromium')) {
  browsers.push(playwrightLauncher({ product: 'chromium', launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' } }));
}
if (only.includes('firefox')) {
  browsers.push(chromeLauncher({
    puppeteer: puppeteerCore,
    launchOptions: {
      browser: 'firefox',
      executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
      headless: true,
      // Test files run side by side in tabs of one Firefox, each holding 30 s long-polls to the
      // same backend; Firefox's default of 6 connections per server (shared by all tabs) would
      // queue a test's requests behind another file's polls. A real page has one or two widgets.
      extraPrefsFirefox: { 'network.http.max-persistent-connections-per-server': 64 },
    },
  }));
}

export default {
  rootDir: new URL('..', import.meta.url).pathname,
  files: ['test/**/*.test.ts', '!test/server/**', '!test/tools/**'],
  nodeResolve: { browser: true, exportConditions: ['browser', 'development'] },
  // One browser and one file at a time: the files share one backend whose simulated people and
  // long-polls run in real time, some tests take the whole backend down (suspendBackend), and on
  // a 2-core machine parallel files starve each other.
  concurrentBrowsers: 1,
  concurrency: 1,
  browsers,
  testFramework: { config: { timeout: 15000 } },
  testsFinishTimeout: 5 * 60 * 1000,
  browserStartTimeout: 60000,
  plugins: [
    socketIoClientPlugin(),
    backendPlugin(),
    esbuildPlugin({ ts: true, tsconfig: new URL('../tsconfig.json', import.meta.url).pathname, target: 'es2022' }),
  ],
  reporters: [
    process.env.CI ? summaryReporter({ flatten: false }) : defaultReporter(),
    countingReporter({ outFile: process.env.WTR_COUNTS_FILE }),
  ],
};
