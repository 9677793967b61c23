// The build's guard that the framework-free folders never reach lit, run on small made-up trees.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./check-core-imports.mjs', import.meta.url));
const roots: string[] = [];
after(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

function check(tree: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), 'core-imports-'));
  roots.push(root);
  for (const [path, text] of Object.entries(tree)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const run = spawnSync(process.execPath, [script], { cwd: root, encoding: 'utf8' });
  return { ok: run.status === 0, output: run.stdout + run.stderr };
}

describe('check-core-imports', () => {
  it('passes a core that imports only itself and other packages', () => {
    const result = check({
      'src/core/a.ts': "import { b } from './b.js';\nimport { jwtDecode } from 'jwt-decode';\n",
      'src/core/b.ts': 'export const b = 1;\n',
      'src/ui/view.ts': "import { html } from 'lit';\n",
    });
    assert.equal(result.ok, true, result.output);
  });

  it('fails a direct import of lit, a lit subpath or @lit-labs', () => {
    for (const line of ["import { html } from 'lit';", "import 'lit/directives/guard.js';", "export { x } from '@lit-labs/virtualizer';", "const m = () => import('lit-html');"]) {
      const result = check({ 'src/spaces/room.ts': `${line}\n` });
      assert.equal(result.ok, false, line);
      assert.match(result.output, /src\/spaces\/room\.ts → /);
    }
  });

  it('fails a core file that reaches lit through a relative import elsewhere, naming the chain', () => {
    const result = check({
      'src/pubsub/feed.ts': "import { row } from '../ui/row.js';\n",
      'src/ui/row.ts': "import { html } from 'lit';\nexport const row = html``;\n",
    });
    assert.equal(result.ok, false);
    assert.match(result.output, /src\/pubsub\/feed\.ts → src\/ui\/row\.ts → lit/);
  });

  it('ignores lit named in comments and non-lit packages with lit in their name', () => {
    const result = check({
      'src/ccaas/a.ts': "// import { html } from 'lit';\n/* from 'lit' */\nimport split from 'split-lit';\n",
    });
    assert.equal(result.ok, true, result.output);
  });
});
