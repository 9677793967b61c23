import { expect } from '@open-wc/testing';
import { StringTables, languageOf } from '../../src/ui/string-tables.js';

const en = { hello: 'Hello', bye: 'Bye' };
type Table = typeof en;

function tables(loads: string[] = []) {
  return new StringTables<Table>(en, {
    fr: () => {
      loads.push('fr');
      return Promise.resolve({ default: { hello: 'Bonjour', bye: 'Au revoir' } });
    },
    de: () => {
      loads.push('de');
      return Promise.reject(new Error('chunk not found'));
    },
  });
}

describe('StringTables', () => {
  it('reads the primary language of a tag, English for anything unusable', () => {
    expect(languageOf('fr-CA')).to.equal('fr');
    expect(languageOf('PT_br')).to.equal('pt');
    expect(languageOf(' de ')).to.equal('de');
    for (const bad of [undefined, null, '', 'not a locale!', '12-34', '-fr']) expect(languageOf(bad)).to.equal('en');
  });

  it('gives English until a language is loaded, then that language for every region of it', async () => {
    const t = tables();
    expect(t.get('fr-CA').hello).to.equal('Hello');
    const loaded = await t.load('fr-CA');
    expect(loaded?.hello).to.equal('Bonjour');
    expect(t.get('fr').hello).to.equal('Bonjour');
    expect(t.get('fr-BE').bye).to.equal('Au revoir');
    expect(t.get('en-GB').hello).to.equal('Hello');
  });

  it('loads a language once however many elements ask at the same time', async () => {
    const loads: string[] = [];
    const t = tables(loads);
    await Promise.all([t.load('fr'), t.load('fr-FR'), t.load('fr-CA')]);
    await t.load('fr');
    expect(loads).to.deep.equal(['fr']);
  });

  it('has nothing to load for English or an unknown language', async () => {
    const loads: string[] = [];
    const t = tables(loads);
    expect(await t.load('en-US')).to.equal(undefined);
    expect(await t.load('xx')).to.equal(undefined);
    expect(t.get('xx').hello).to.equal('Hello');
    expect(loads).to.deep.equal([]);
  });

  it('stays in English with one warning when a table fails to load, and tries again later', async () => {
    const loads: string[] = [];
    const t = tables(loads);
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      expect(await t.load('de')).to.equal(undefined);
      expect(t.get('de').hello).to.equal('Hello');
      expect(warnings).to.have.length(1);
      expect(String(warnings[0]?.[0])).to.contain('"de"');
      await t.load('de');
      expect(loads).to.deep.equal(['de', 'de']);
    } finally {
      console.warn = warn;
    }
  });
});
