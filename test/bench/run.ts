// `npm run bench`: runs each element's benchmark against the built bundles (never part of npm test).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const scenarios = ['spaces', 'ccaas'];
let failed = false;
for (const name of scenarios) {
  const file = `test/bench/${name}.bench.ts`;
  if (!existsSync(file)) {
    console.log(`(${name}: no benchmark)`);
    continue;
  }
  console.log(`\n=== ${name} ===`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
  failed ||= run.status !== 0;
}
console.log('\n=== bundle sizes ===');
const sizes = spawnSync(process.execPath, ['test/tools/check-sizes.mjs'], { stdio: 'inherit' });
process.exit(failed || sizes.status !== 0 ? 1 : 0);
