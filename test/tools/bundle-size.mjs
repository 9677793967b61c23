// What a page downloads before an element works: a cdn/ entry plus every chunk it imports or
// re-exports statically (lazily imported chunks are counted apart). Shared by the size check and
// the benchmarks.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

const STATIC_IMPORT = /(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["'](\.[^"']+)["']/g;
const DYNAMIC_IMPORT = /import\(\s*["'](\.[^"']+)["']\s*\)/g;

/** gzip (level 9) size in bytes of one file. */
export const gzipBytes = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

/** The entry and every file it reaches through static imports and re-exports. */
export function staticClosure(entry, seen = new Set()) {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  for (const [, spec] of readFileSync(entry, 'utf8').matchAll(STATIC_IMPORT)) staticClosure(join(dirname(entry), spec), seen);
  return seen;
}

/** Sizes of an entry: `static` (entry + static chunks) and `lazy` (every chunk reached only through dynamic imports, at any depth), gzip bytes. */
export function bundleSize(entry) {
  const files = [...staticClosure(entry)];
  const lazy = new Set();
  const visit = (f) => {
    for (const [, spec] of readFileSync(f, 'utf8').matchAll(DYNAMIC_IMPORT)) {
      const chunk = join(dirname(f), spec);
      if (files.includes(chunk) || lazy.has(chunk) || !existsSync(chunk)) continue;
      for (const reached of staticClosure(chunk)) {
        if (files.includes(reached) || lazy.has(reached)) continue;
        lazy.add(reached);
        visit(reached);
      }
    }
  };
  files.forEach(visit);
  return {
    files: files.length,
    static: files.reduce((sum, f) => sum + gzipBytes(f), 0),
    lazy: [...lazy].reduce((sum, f) => sum + gzipBytes(f), 0),
  };
}
