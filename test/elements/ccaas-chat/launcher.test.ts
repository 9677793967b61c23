import { expect, fixture, html } from '@open-wc/testing';
import { backendCommand, fetchToken, until } from '../../support/backend.js';
import { ccaasConfig, freshUser } from '../../ccaas/support.js';
import { chatFixture, messageTexts, part, settled, startChat, untilView } from './support.js';

describe('<ccaas-chat launcher>', () => {
  before(async () => {
    await backendCommand('ccaas', 'setAgentDelays', { joinMs: 0, replyMs: 0 });
  });

  it('opens and closes the panel from the launcher and with Escape, moving focus, with events', async () => {
    const el = await chatFixture({ launcher: true, displayName: 'Ada' });
    const events: string[] = [];
    el.addEventListener('ccaas-open', () => events.push('open'));
    el.addEventListener('ccaas-close', () => events.push('close'));
    const launcher = part(el, 'launcher')!;
    expect(part(el, 'panel')).to.equal(null);
    expect(launcher.getAttribute('aria-expanded')).to.equal('false');
    await expect(el).to.be.accessible();

    launcher.click();
    await el.updateComplete;
    expect(el.open).to.equal(true);
    expect(part(el, 'panel')!.getAttribute('role')).to.equal('dialog');
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'start-button'));
    expect(launcher.getAttribute('aria-expanded')).to.equal('true');
    await expect(el).to.be.accessible();

    part(el, 'panel')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(el.open).to.equal(false);
    expect(part(el, 'panel')).to.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'launcher'));
    expect(events).to.deep.equal(['open', 'close']);
  });

  it('counts unread agent messages on the badge while closed and clears them on open', async () => {
    const el = await chatFixture({ launcher: true, displayName: 'Bo' });
    el.show();
    await el.updateComplete;
    part(el, 'start-button')!.click();
    await until(() => messageTexts(el).some((t) => t.includes('Hi Bo')), 'greeting');
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'input'));
    el.hide();
    await el.updateComplete;
    const [engagement] = await el.sdk!.getEngagements();
    await backendCommand('ccaas', 'agentSay', { engagementId: engagement!.engagementId, text: 'one' });
    await backendCommand('ccaas', 'agentSay', { engagementId: engagement!.engagementId, text: 'two' });
    await until(() => part(el, 'badge')?.textContent === '2', 'badge 2');
    expect(part(el, 'launcher')!.getAttribute('aria-label')).to.contain('2 unread');
    await expect(el).to.be.accessible();
    part(el, 'launcher')!.click();
    await el.updateComplete;
    expect(part(el, 'badge')).to.equal(null);
    expect(messageTexts(el).some((t) => t.includes('two'))).to.equal(true);
  });

  it('keeps two widgets on one page apart', async () => {
    const a = await chatFixture({ displayName: 'Ann', id: 'pair-a' });
    const b = await chatFixture({ displayName: 'Ben', id: 'pair-b', theme: 'dark' });
    part(a, 'start-button')!.click();
    part(b, 'start-button')!.click();
    await until(() => messageTexts(a).some((t) => t.includes('Hi Ann')) && messageTexts(b).some((t) => t.includes('Hi Ben')), 'both greetings');
    expect(a.sdk!.sessionId).to.not.equal(b.sdk!.sessionId);
    const [ea] = await a.sdk!.getEngagements();
    await backendCommand('ccaas', 'agentSay', { engagementId: ea!.engagementId, text: 'only for Ann' });
    await until(() => messageTexts(a).some((t) => t.includes('only for Ann')), 'Ann message');
    await settled(b);
    expect(messageTexts(b).some((t) => t.includes('Ann'))).to.equal(false);
    const keys = Object.keys(sessionStorage).filter((k) => k.startsWith('ccaas-chat:'));
    expect(keys.some((k) => k.endsWith('|pair-a'))).to.equal(true);
    expect(keys.some((k) => k.endsWith('|pair-b'))).to.equal(true);
    part(a, 'end-button')!.click();
    await untilView(a, 'ended');
    expect(b.view).to.equal('chatting');
    await expect(b).to.be.accessible();
    await b.sdk!.shutdown();
    await a.sdk!.shutdown();
  });

  it('keeps chats without an id apart, in the document and in a shadow root; removing one moves no other\'s session', async () => {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith('ccaas-chat:')) sessionStorage.removeItem(key);
    const { hostURL, integrationId, appkey } = await ccaasConfig();
    const [amy, bea] = [freshUser(), freshUser()];
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      const page = await fixture<HTMLElement>(html`<div>
        <ccaas-chat host-url=${hostURL} integration-id=${integrationId} app-key=${appkey} display-name="Amy" .tokenProvider=${() => fetchToken('ccaas', amy)}></ccaas-chat>
        <div class="shadow-host"></div>
      </div>`);
      const a = page.querySelector('ccaas-chat')!;
      const b = Object.assign(document.createElement('ccaas-chat'), { hostUrl: hostURL, integrationId, appKey: appkey, displayName: 'Bea', tokenProvider: () => fetchToken('ccaas', bea) });
      page.querySelector('.shadow-host')!.attachShadow({ mode: 'open' }).append(b);
      await b.updateComplete;
      await startChat(a, 'Amy');
      await startChat(b, 'Bea');
      const sessionA = a.sdk!.sessionId!;
      expect(b.sdk!.sessionId).to.not.equal(sessionA);
      const stored = sessionStorage.getItem(`ccaas-chat:${new URL(hostURL).origin}|${integrationId}`);
      expect(JSON.parse(stored!).sessionId, 'the first to start keeps the key').to.equal(sessionA);
      expect(warnings.some((w) => w.includes('will not survive a reload') && w.includes('storage-key'))).to.equal(true);
      b.remove();
      a.remove();
      page.prepend(a);
      await until(() => a.sdk?.initialized === true && a.view === 'chatting', 'resumed');
      expect(a.sdk!.sessionId, 'resumes its own session').to.equal(sessionA);
      await a.sdk!.shutdown();
    } finally {
      console.warn = warn;
    }
  });

  it('leaks nothing when added and removed 20 times: each removal stops its engine and its polling', async () => {
    const el = await chatFixture({ displayName: 'Leo', id: 'leak-test' });
    part(el, 'start-button')!.click();
    await until(() => messageTexts(el).some((t) => t.includes('Hi Leo')), 'greeting');
    const [engagement] = await el.sdk!.getEngagements();
    const parent = el.parentElement!;
    // Every poll's request signal: stopping an engine aborts its request in flight at once.
    const polls: AbortSignal[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      if (String(input).includes('/events') && init?.signal) polls.push(init.signal);
      return realFetch(input, init);
    };
    try {
      const engines = [el.sdk!];
      for (let i = 0; i < 20; i += 1) {
        el.remove();
        expect(engines.at(-1)!.initialized).to.equal(false);
        expect(polls.every((signal) => signal.aborted), `no poll left running after removal ${i}`).to.equal(true);
        parent.append(el);
        await until(() => el.sdk?.initialized === true && el.view === 'chatting', `resumed ${i}`);
        engines.push(el.sdk!);
      }
      el.remove();
      expect(engines.every((sdk) => !sdk.initialized)).to.equal(true);
      expect(polls.every((signal) => signal.aborted)).to.equal(true);
      // Attached again, the element's new engine holds one again and picks up what was said meanwhile.
      await backendCommand('ccaas', 'agentSay', { engagementId: engagement!.engagementId, text: 'anyone listening?' });
      parent.append(el);
      await until(() => messageTexts(el).some((t) => t.includes('anyone listening?')), 'the message after re-attaching');
    } finally {
      window.fetch = realFetch;
      el.remove();
    }
  });
});
