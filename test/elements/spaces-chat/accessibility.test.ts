// axe on <spaces-chat> in the states the other files do not check it in: no token provider, older
// history on its way, and the composer's kind picker on each kind (a task while its people load).
import { expect, fixture, html } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { SpacesChat } from '../../../src/elements/spaces-chat/define.js';
import { backendUrl, until } from '../../support/backend.js';
import { countingSockets, holdFetches, mount, shadow, withOlderHistoryHeld } from './helpers.js';

/** Runs `body` with console.warn collected instead of printed. */
async function collectingWarnings(body: () => Promise<void>): Promise<string[]> {
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
  try {
    await body();
  } finally {
    console.warn = warn;
  }
  return warnings;
}

describe('<spaces-chat> accessibility', () => {
  for (const [what, provider] of [
    ['a token-provider naming no global function', 'nowhere.getToken'],
    ['no token provider at all', undefined],
  ] as const) {
    it(`is accessible with ${what}, saying what to set in an alert with the composer off`, async () => {
      const base = await backendUrl();
      const warnings = await collectingWarnings(async () => {
        const el = await fixture<SpacesChat>(html`<spaces-chat space-id="sp-general" server-url=${`${base}/chat`} api-url=${`${base}/api`} theme="light"
          token-provider=${ifDefined(provider)}></spaces-chat>`);
        await until(() => el.controller.problem?.code === 'missing-provider', 'the problem found');
        await el.updateComplete;
        const alert = shadow(el).querySelector('[part="error"]')!;
        expect(alert.getAttribute('role')).to.equal('alert');
        expect(alert.textContent).to.contain('token-provider');
        expect(shadow(el).querySelector<HTMLTextAreaElement>('[part="input"]')!.disabled).to.equal(true);
        await expect(el).to.be.accessible();
      });
      expect(warnings.some((w) => w.startsWith('[spaces-chat]'))).to.equal(true);
    });
  }

  it('is accessible while older history is loading, and says so', async () => {
    const { el, older } = await withOlderHistoryHeld();
    const room = el.controller.room!;
    older.armed = true;
    const loading = el.loadOlder();
    await until(() => older.held > 0, 'older page asked for');
    const notice = () => shadow(el).querySelector('.notice')?.textContent ?? '';
    await until(() => notice() === 'Loading older messages…', 'the notice shown');
    expect(room.loadingHistory).to.equal(true);
    await expect(el).to.be.accessible();
    older.release();
    await loading;
    await until(() => !notice().includes('Loading'), 'loaded');
  });

  it('is accessible with the kind picker on Post, and on Task while the people to assign are loading and once they are there', async () => {
    const members = holdFetches((url) => /\/spaces\/[^/]+\/members/.test(url));
    let el: SpacesChat;
    try {
      el = await mount('u-alice', 'sp-design', { socketFactory: countingSockets() });
    } finally {
      members.restore();
    }
    const select = shadow(el).querySelector('select')!;
    const pick = async (kind: string) => {
      select.value = kind;
      select.dispatchEvent(new Event('change'));
      await el.updateComplete;
    };
    await pick('idea');
    expect(shadow(el).querySelector('.task-fields')).to.equal(null);
    await expect(el).to.be.accessible();
    await pick('task');
    await until(() => members.held > 0, 'members asked for');
    await el.updateComplete;
    const fields = shadow(el).querySelector('.task-fields')!;
    expect(fields.textContent).to.contain('Loading members…');
    await expect(el).to.be.accessible();
    members.release();
    await until(() => fields.querySelectorAll('input[name="assignee"]').length === 2, 'members listed');
    await expect(el).to.be.accessible();
  });
});
