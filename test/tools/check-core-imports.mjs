// The core must run without Lit (in a worker, a test, another framework): fail if anything under
// the framework-free folders imports it, directly or through a relative import of another file
// (a core module reaching into src/ui would pull lit in just the same).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const FRAMEWORK_FREE = ['src/core', 'src/spaces', 'src/ccaas', 'src/pubsub'];
const LIT_PACKAGE = /^(?:lit|lit-html|lit-element|@lit\/.*|@lit-labs\/.*|lit\/.*)$/;
// Static imports, re-exports, side-effect imports and dynamic imports.
const SPECIFIER = /\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g;

function* files(dir) {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(ts|js|mjs|cjs)$/.test(name) && !name.endsWith('.d.ts')) yield path;
  }
}

/** The source file a relative specifier names (TypeScript sources are imported as `.js`). */
function resolveRelative(from, specifier) {
  const base = resolve(dirname(from), specifier);
  const candidates = [base, base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')];
  return candidates.find((file) => existsSync(file) && statSync(file).isFile());
}

const importsCache = new Map();
function importsOf(file) {
  if (!importsCache.has(file)) {
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
    importsCache.set(file, [...text.matchAll(SPECIFIER)].map((match) => match[1]));
  }
  return importsCache.get(file);
}

/** The import chain from `file` to a lit package, or undefined when there is none. */
function litChain(file, seen = new Set()) {
  if (seen.has(file)) return undefined;
  seen.add(file);
  for (const specifier of importsOf(file)) {
    if (LIT_PACKAGE.test(specifier)) return [specifier];
    if (!specifier.startsWith('.')) continue;
    const target = resolveRelative(file, specifier);
    const rest = target && litChain(target, seen);
    if (rest) return [relative(process.cwd(), target), ...rest];
  }
  return undefined;
}

const offenders = [];
for (const dir of FRAMEWORK_FREE) {
  for (const file of files(dir)) {
    const chain = litChain(resolve(file));
    if (chain) offenders.push(`${file} → ${chain.join(' → ')}`);
  }
}
if (offenders.length) {
  console.error(`The framework-free core must not import lit:\n${offenders.join('\n')}`);
  process.exit(1);
}
console.log(`core imports no lit (${FRAMEWORK_FREE.join(', ')}, followed through relative imports)`);
