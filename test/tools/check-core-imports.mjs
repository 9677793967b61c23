// The core must run without Lit (in a worker, a test, another framework): fail if it imports it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const FRAMEWORK_FREE = ['src/core', 'src/spaces', 'src/ccaas', 'src/pubsub'];
const LIT_IMPORT = /\b(?:from|import)\s*\(?\s*['"](?:lit|lit\/[^'"]*|@lit\/[^'"]*|@lit-labs\/[^'"]*|lit-html|lit-element)['"]/;

function* files(dir) {
  let entries = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(ts|js|mjs)$/.test(name)) yield path;
  }
}

const offenders = [];
for (const dir of FRAMEWORK_FREE) {
  for (const file of files(dir)) {
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      if (LIT_IMPORT.test(line)) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
    });
  }
}
if (offenders.length) {
  console.error(`The framework-free core must not import lit:\n${offenders.join('\n')}`);
  process.exit(1);
}
console.log(`core imports no lit (${FRAMEWORK_FREE.join(', ')})`);
