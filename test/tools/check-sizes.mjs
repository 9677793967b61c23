// Size budgets of the script-tag bundles, in gzip bytes of an entry plus every chunk it imports
// statically (what a page downloads before the element works). Lazily imported chunks are listed
// apart. Fails the build when a budget is exceeded.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

// target: the budget the element's issue sets. ceiling: where a target is not met yet, the size
// the build must not grow past meanwhile (reported as such, never as met).
const BUDGETS_KB = {
  'spaces-chat.js': { target: 40 },
  'ccaas-chat.js': { target: 22 },
  'pubsub-feed.js': { target: 14, ceiling: 20 },
  'avaya-chat-elements.js': { target: 70 },
};
const STATIC_IMPORT = /(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["'](\.[^"']+)["']/g;
const DYNAMIC_IMPORT = /import\(\s*["'](\.[^"']+)["']\s*\)/g;

function closure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const [, spec] of code.matchAll(STATIC_IMPORT)) closure(join(dirname(file), spec), seen);
  return seen;
}

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const kb = (bytes) => (bytes / 1024).toFixed(1);
let over = false;
const rows = [];
for (const [entry, { target, ceiling = target }] of Object.entries(BUDGETS_KB)) {
  const file = join('cdn', entry);
  if (!existsSync(file)) continue;
  const files = [...closure(file)];
  const total = files.reduce((sum, f) => sum + gz(f), 0);
  const lazy = new Set();
  for (const f of files) for (const [, spec] of readFileSync(f, 'utf8').matchAll(DYNAMIC_IMPORT)) lazy.add(join(dirname(f), spec));
  const lazyTotal = [...lazy].filter((f) => !files.includes(f) && existsSync(f)).reduce((sum, f) => sum + gz(f), 0);
  over ||= total > ceiling * 1024;
  const limits = ceiling === target ? `budget ${target} KB` : `target ${target} KB NOT MET, interim ceiling ${ceiling} KB`;
  rows.push(`${total <= target * 1024 ? 'ok  ' : 'OVER'} ${entry.padEnd(24)} ${kb(total).padStart(6)} KB gzip (${limits}, ${files.length} files)${lazyTotal ? `, lazy ${kb(lazyTotal)} KB` : ''}`);
}
console.log(rows.length ? rows.join('\n') : 'no bundles to check yet');
if (over) {
  console.error('A bundle is over its size budget.');
  process.exit(1);
}
