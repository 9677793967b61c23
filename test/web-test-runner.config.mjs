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
    launchOptions: { browser: 'firefox', executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr', headless: true },
  }));
}

// Tests that make the whole backend unreachable (`*.serial.test.ts`) would cut every file running
// beside them, in either browser, so they run in a second pass, one file and one browser at a time.
const serial = process.env.WTR_SERIAL === '1';

export default {
  rootDir: new URL('..', import.meta.url).pathname,
  files: serial ? ['test/**/*.serial.test.ts', '!test/server/**'] : ['test/**/*.test.ts', '!test/**/*.serial.test.ts', '!test/server/**'],
  nodeResolve: { browser: true, exportConditions: ['browser', 'development'] },
  concurrentBrowsers: serial ? 1 : 2,
  concurrency: serial ? 1 : 2,
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
