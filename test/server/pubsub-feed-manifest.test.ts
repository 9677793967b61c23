import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type * as TypeScript from 'typescript';
import { DEFAULT_BASE_URL } from '../../src/pubsub/addressing.js';
import { DEFAULT_TIMEOUT } from '../../src/pubsub/subscriber.js';

// What the build's `cem analyze --litelement` documents for <pubsub-feed>, from the same analyzer.

/** The analyzer's entry (with the TypeScript it bundles) and the plugin `--litelement` loads; neither is typed for import. */
interface Analyzer {
  create(options: { modules: TypeScript.SourceFile[]; plugins: unknown[] }): unknown;
  ts: typeof TypeScript;
}
const analyzer = (await import('@custom-elements-manifest/analyzer' as string)) as Analyzer;
const { litPlugin } = (await import('@custom-elements-manifest/analyzer/src/features/framework-plugins/lit/lit.js' as string)) as { litPlugin(): unknown[] };

interface Attribute {
  name: string;
  default?: string;
  type?: { text: string };
}

function analyzedFeed(): { attributes: Attribute[]; members: { name: string; privacy?: string }[] } {
  const files = ['src/elements/pubsub-feed/pubsub-feed.ts', 'src/elements/pubsub-feed/define.ts'];
  const { create, ts } = analyzer;
  const modules = files.map((file) => ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true));
  const manifest = create({ modules, plugins: litPlugin() }) as { modules: { declarations: { customElement?: boolean; tagName?: string }[] }[] };
  const element = manifest.modules.flatMap((module) => module.declarations).find((declaration) => declaration.customElement);
  assert.equal(element?.tagName, 'pubsub-feed');
  return element as unknown as ReturnType<typeof analyzedFeed>;
}

describe('<pubsub-feed> in custom-elements.json', () => {
  it('lists only the configuration attributes, not view state', () => {
    const { attributes } = analyzedFeed();
    assert.deepEqual(
      attributes.map((attribute) => attribute.name),
      ['base-url', 'account-sid', 'topic', 'session-provider', 'timeout', 'max-events', 'allow-publish', 'paused', 'locale', 'theme'],
    );
  });

  it('shows real default values, the same as the client’s', () => {
    const defaults = Object.fromEntries(analyzedFeed().attributes.map((attribute) => [attribute.name, attribute.default]));
    assert.equal(defaults['base-url'], `'${DEFAULT_BASE_URL}'`);
    assert.equal(defaults.timeout, `'${DEFAULT_TIMEOUT}'`);
    assert.equal(defaults['max-events'], '200');
  });

  it('has no public member besides its documented API', () => {
    const publicMembers = analyzedFeed()
      .members.filter((member) => member.privacy !== 'private' && !member.name.startsWith('#'))
      .map((member) => member.name);
    assert.deepEqual(publicMembers, ['baseUrl', 'accountSid', 'topic', 'sessionProvider', 'timeout', 'maxEvents', 'allowPublish', 'paused', 'locale', 'theme', 'state', 'events', 'clear', 'publish']);
  });
});
