import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/ccaas-chat/define.js';
import type { CcaasChat } from '../../../src/elements/ccaas-chat/ccaas-chat.js';
import { backendCommand, fetchToken, until } from '../../support/backend.js';
import { ccaasConfig, freshUser, platformSession } from '../../ccaas/support.js';
import { chatFixture, messageTexts, part, parts, settled, startChat, typeAndSend, untilView } from './support.js';

describe('<ccaas-chat>', () => {
  before(async () => {
    await backendCommand('ccaas', 'setAgentDelays', { joinMs: 0, replyMs: 0 });
  });
  afterEach(async () => {
    await backendCommand('ccaas', 'setAgentDelays', { joinMs: 0, replyMs: 0 });
  });

  describe('misconfiguration', () => {
    const cases: [string, (c: { hostURL: string; integrationId: string; appkey: string }) => ReturnType<typeof html>, RegExp][] = [
      ['a missing host-url', (c) => html`<ccaas-chat integration-id=${c.integrationId} app-key=${c.appkey} token-provider="Math.random"></ccaas-chat>`, /host-url attribute is required/],
      ['a token-provider that names nothing', (c) => html`<ccaas-chat host-url=${c.hostURL} integration-id=${c.integrationId} app-key=${c.appkey} token-provider="nowhere.getToken"></ccaas-chat>`, /token-provider/],
      ['invalid JSON in session-parameters', (c) => html`<ccaas-chat host-url=${c.hostURL} integration-id=${c.integrationId} app-key=${c.appkey} token-provider="Math.random" session-parameters="{model: 1"></ccaas-chat>`, /session-parameters is not valid JSON/],
      ['a JSON array in engagement-parameters', (c) => html`<ccaas-chat host-url=${c.hostURL} integration-id=${c.integrationId} app-key=${c.appkey} token-provider="Math.random" engagement-parameters="[1]"></ccaas-chat>`, /engagement-parameters must be a JSON object/],
      ['an idle-timeout out of range', (c) => html`<ccaas-chat host-url=${c.hostURL} integration-id=${c.integrationId} app-key=${c.appkey} token-provider="Math.random" idle-timeout="100"></ccaas-chat>`, /idle-timeout must be a whole number of seconds from 300 to 3300/],
      ['an idle-grace-timeout out of range', (c) => html`<ccaas-chat host-url=${c.hostURL} integration-id=${c.integrationId} app-key=${c.appkey} token-provider="Math.random" idle-grace-timeout="10"></ccaas-chat>`, /idle-grace-timeout must be a whole number of seconds from 30 to 300; got 10/],
      ['a reconnection-timeout that is not a number', (c) => html`<ccaas-chat host-url=${c.hostURL} integration-id=${c.integrationId} app-key=${c.appkey} token-provider="Math.random" reconnection-timeout="soon"></ccaas-chat>`, /reconnection-timeout/],
    ];
    for (const [what, template, message] of cases) {
      it(`shows an alert and warns once for ${what}`, async () => {
        const warnings: string[] = [];
        const original = console.warn;
        console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
        let el: CcaasChat;
        try {
          el = await fixture<CcaasChat>(template(await ccaasConfig()));
        } finally {
          console.warn = original;
        }
        const error = part(el, 'error')!;
        expect(error.getAttribute('role')).to.equal('alert');
        expect(error.textContent).to.match(message);
        expect(warnings.filter((w) => w.startsWith('[ccaas-chat]'))).to.have.length(1);
        expect(warnings[0]).to.match(message);
        await expect(el).to.be.accessible();
      });
    }

    it('shows an auth error when the token provider throws', async () => {
      const { hostURL, integrationId, appkey } = await ccaasConfig();
      const original = console.warn;
      console.warn = () => undefined;
      try {
        const el = await fixture<CcaasChat>(html`<ccaas-chat host-url=${hostURL} integration-id=${integrationId} app-key=${appkey} auto-start
          .tokenProvider=${() => Promise.reject(new Error('no session on the site'))}></ccaas-chat>`);
        const errors: string[] = [];
        el.addEventListener('ccaas-error', (e) => errors.push(e.detail.code));
        await untilView(el, 'auth-error', 15_000);
        expect(part(el, 'error')!.textContent).to.contain('could not sign you in');
        await expect(el).to.be.accessible();
      } finally {
        console.warn = original;
      }
    });
  });

  it('goes start → waiting → agent joined → conversation → ended → new chat, accessible in each state', async () => {
    const user = freshUser();
    const el = await chatFixture({ user });
    const sdkEvents: string[] = [];
    const views: string[] = [];
    el.addEventListener('ccaas-event', (e) => sdkEvents.push(e.detail.type));
    el.addEventListener('ccaas-state', (e) => views.push(e.detail.view));
    expect(el.view).to.equal('start');
    expect(part(el, 'start-button')!.textContent).to.contain('Start chat');
    expect(part(el, 'name-input')).to.exist;
    await expect(el).to.be.accessible();

    await backendCommand('ccaas', 'holdAgent', { hold: true, customer: user });
    part<HTMLInputElement>(el, 'name-input')!.value = 'Robin';
    part(el, 'start-button')!.click();
    await untilView(el, 'waiting');
    expect(messageTexts(el).join(' ')).to.contain('Waiting for an agent');
    expect(part(el, 'end-button')).to.exist;
    await expect(el).to.be.accessible();

    await backendCommand('ccaas', 'holdAgent', { hold: false, customer: user });
    await untilView(el, 'chatting');
    await until(() => messageTexts(el).some((t) => t.includes('Hi Robin')), 'greeting');
    const transcript = messageTexts(el);
    const joinedAt = transcript.findIndex((t) => t.includes('joined the chat'));
    expect(joinedAt, 'the join notice comes before the greeting').to.be.within(0, transcript.findIndex((t) => t.includes('Hi Robin')) - 1);
    expect(part(el, 'agent')!.textContent).to.contain('Sam (Support)').and.contain('Agent');
    expect(part(el, 'messages')!.getAttribute('role')).to.equal('log');
    expect(part(el, 'messages')!.getAttribute('aria-live')).to.equal('polite');

    await typeAndSend(el, 'Where is my parcel?');
    await until(() => messageTexts(el).some((t) => t.includes('I see: "Where is my parcel?"')), 'reply');
    await settled(el);
    const mine = parts(el, 'message').find((m) => m.textContent?.includes('Where is my parcel?') && m.classList.contains('self'))!;
    await until(() => mine.querySelector('.tick')?.getAttribute('data-status') === 'delivered', 'delivered tick');
    expect(mine.textContent).to.contain('Delivered');

    const engagementId = el.sdk!.userContext!.engagements[0]?.engagementId ?? [...(await el.sdk!.getEngagements())][0]!.engagementId;
    await backendCommand('ccaas', 'agentSay', {
      engagementId,
      textFormat: 'HTML',
      text: '<p>See <a href="https://example.com/help" onclick="alert(1)">help</a><img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script></p>',
    });
    await backendCommand('ccaas', 'agentSay', { engagementId, textFormat: 'MARKDOWN', text: '**bold** and <img src=x onerror="window.__pwned=1"> [link](javascript:alert(1))' });
    await until(() => parts(el, 'message').some((m) => m.querySelector('strong')), 'markdown');
    const htmlLine = parts(el, 'message').find((m) => m.dataset.format === 'HTML')!;
    const link = htmlLine.querySelector('a')!;
    expect(link.getAttribute('href')).to.equal('https://example.com/help');
    expect(link.getAttribute('rel')).to.contain('noopener');
    expect(link.hasAttribute('onclick')).to.equal(false);
    expect(el.shadowRoot!.querySelectorAll('img, script')).to.have.length(0);
    const md = parts(el, 'message').find((m) => m.dataset.format === 'MARKDOWN')!;
    expect(md.querySelector('strong')!.textContent).to.equal('bold');
    expect(md.querySelector('a[href^="javascript"]')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    await typeAndSend(el, '<b>not bold</b>');
    await until(() => messageTexts(el).some((t) => t.includes('<b>not bold</b>')), 'plain text shown as typed');
    await expect(el).to.be.accessible();

    part(el, 'end-button')!.click();
    await untilView(el, 'ended');
    expect(part(el, 'ended')!.textContent).to.contain('The chat has ended');
    expect(part(el, 'input')).to.equal(null);
    await expect(el).to.be.accessible();
    part(el, 'start-button')!.click();
    await until(() => el.view === 'waiting' || el.view === 'chatting', 'new chat');
    await until(() => messageTexts(el).some((t) => t.includes('Hi Robin')), 'new greeting');
    expect(messageTexts(el).some((t) => t.includes('parcel'))).to.equal(false);
    for (const type of ['INITIALIZED', 'ENGAGEMENT_ACTIVE', 'PARTICIPANT_ADDED', 'MESSAGE_ARRIVED', 'MESSAGE_DELIVERED', 'ENGAGEMENT_TERMINATED', 'EVENT_STREAM_CONNECTED']) {
      expect(sdkEvents, type).to.include(type);
    }
    expect(views).to.include.members(['connecting', 'waiting', 'chatting', 'ended']);
  });

  it('starts a new session from "Start again" after the platform dropped the session, and rejoins the ongoing chat', async () => {
    const el = await chatFixture({ displayName: 'Val' });
    part(el, 'start-button')!.click();
    await until(() => messageTexts(el).some((t) => t.includes('Hi Val')), 'greeting');
    const old = el.sdk!.sessionId!;
    const key = Object.keys(sessionStorage).find((k) => k.startsWith('ccaas-chat:') && sessionStorage.getItem(k)!.includes(old));
    expect(key).to.be.a('string');
    await backendCommand('ccaas', 'expireSession', { sessionId: old });
    await untilView(el, 'shutdown');
    expect(part(el, 'ended')!.textContent).to.contain('no longer valid');
    expect(sessionStorage.getItem(key!)).to.equal(null);
    await expect(el).to.be.accessible();
    part(el, 'start-button')!.click();
    await untilView(el, 'chatting');
    expect(el.sdk!.sessionId).to.be.a('string').and.not.equal(old);
    await until(() => messageTexts(el).some((t) => t.includes('Hi Val')), 'the ongoing chat\'s history');
    await typeAndSend(el, 'are you still there?');
    await until(() => messageTexts(el).some((t) => t.includes('I see: "are you still there?"')), 'reply in the new session');
    await el.sdk!.shutdown();
  });

  it('puts the agent\'s join notice above their greeting when the history call brings the greeting first', async () => {
    // The stream's answers wait until the history call is back; that call is repeated (unseen by
    // the widget) until the platform has the greeting.
    let historyBack: () => void = () => undefined;
    const history = new Promise<void>((resolve) => (historyBack = resolve));
    const realFetch = window.fetch;
    window.fetch = async (input, init) => {
      const url = String(input);
      if (url.includes('/events')) {
        const response = await realFetch(input, init);
        const text = await response.text();
        await history;
        return new Response(text, { status: response.status, headers: response.headers });
      }
      if (/\/messages\?/.test(url) && (init?.method ?? 'GET') === 'GET') {
        for (;;) {
          const response = await realFetch(input, init);
          const page = (await response.clone().json()) as { messages: unknown[] };
          if (page.messages.length > 0) {
            historyBack();
            return response;
          }
        }
      }
      return realFetch(input, init);
    };
    try {
      const el = await chatFixture({ displayName: 'Gil' });
      await startChat(el, 'Gil');
      const texts = messageTexts(el);
      expect(texts.findIndex((t) => t.includes('joined the chat')), texts.join(' | ')).to.equal(texts.findIndex((t) => t.includes('Hi Gil')) - 1);
      await el.sdk!.shutdown();
    } finally {
      window.fetch = realFetch;
    }
  });

  it('ends the chat when the agent says goodbye to a "bye"', async () => {
    const el = await chatFixture({ displayName: 'Bo' });
    const events: string[] = [];
    el.addEventListener('ccaas-event', (e) => events.push(e.detail.type));
    await startChat(el, 'Bo');
    await typeAndSend(el, 'thanks, bye!');
    await untilView(el, 'ended');
    expect(messageTexts(el).some((t) => t.includes('Goodbye'))).to.equal(true);
    expect(messageTexts(el).some((t) => t.includes('left the chat'))).to.equal(true);
    expect(events.indexOf('PARTICIPANT_DISCONNECTED')).to.be.lessThan(events.indexOf('ENGAGEMENT_TERMINATED'));
    expect(part(el, 'ended')!.textContent).to.contain('The chat has ended');
    expect(part(el, 'input') === null, 'no composer').to.equal(true);
    await el.sdk!.shutdown();
  });

  it('sends session-parameters with the session and engagement-parameters with the chat to the platform', async () => {
    const user = freshUser();
    const el = await chatFixture({ user, displayName: 'Pam', extra: { 'session-parameters': '{"model":"ABC-123","tier":"gold"}', 'engagement-parameters': '{"topic":"billing"}' } });
    await startChat(el, 'Pam');
    const session = await platformSession(user, el.sdk!.sessionId!);
    expect(session.body!.sessionParameters).to.deep.equal({ model: 'ABC-123', tier: 'gold' });
    const [engagement] = session.body!.engagements as { engagementParameters: Record<string, string> }[];
    expect(engagement!.engagementParameters).to.deep.equal({ topic: 'billing' });
    await el.sdk!.shutdown();
  });

  it('resumes after a reload with history, and pages earlier messages', async () => {
    const first = await chatFixture({ displayName: 'Kim', id: 'resume-test' });
    part(first, 'start-button')!.click();
    await until(() => messageTexts(first).some((t) => t.includes('Hi Kim')), 'greeting');
    const [engagement] = await first.sdk!.getEngagements();
    for (let i = 1; i <= 54; i += 1) await backendCommand('ccaas', 'agentSay', { engagementId: engagement!.engagementId, text: `note ${i}` });
    await until(() => messageTexts(first).some((t) => t.includes('note 54')), 'all notes');
    const user = (first as unknown as { id: string }).id;
    first.remove();

    const { hostURL, integrationId, appkey } = await ccaasConfig();
    const tokenProvider = first.tokenProvider;
    const second = await fixture<CcaasChat>(html`<ccaas-chat id=${user} host-url=${hostURL} integration-id=${integrationId} app-key=${appkey} display-name="Kim" theme="dark" .tokenProvider=${tokenProvider}></ccaas-chat>`);
    await until(() => messageTexts(second).some((t) => t.includes('note 54')), 'history after reload');
    await settled(second);
    expect(second.view).to.equal('chatting');
    expect(messageTexts(second).filter((t) => /note \d+/.test(t))).to.have.length(50);
    expect(messageTexts(second).some((t) => t.includes('Hi Kim'))).to.equal(false);
    await expect(second).to.be.accessible();
    part(second, 'load-earlier')!.click();
    await until(() => messageTexts(second).some((t) => t.includes('Hi Kim')), 'earlier page');
    await settled(second);
    const texts = messageTexts(second);
    expect(texts.findIndex((t) => /note 1$/.test(t))).to.be.greaterThan(0);
    expect(texts.findIndex((t) => t.includes('Hi Kim'))).to.be.lessThan(texts.findIndex((t) => /note 1$/.test(t)));
    expect(part(second, 'load-earlier')).to.equal(null);
    await second.sdk!.shutdown();
    await untilView(second, 'shutdown');
    expect(part(second, 'ended')!.textContent).to.contain('session has ended');
    await expect(second).to.be.accessible();
  });

  it('speaks the language of its locale, a region of it too, and switches when the locale changes', async () => {
    const el = await chatFixture({ extra: { locale: 'es-MX' } });
    await until(() => part(el, 'start-button')?.textContent?.trim() === 'Iniciar chat', 'Spanish strings');
    expect(part(el, 'name-input')?.closest('label')?.textContent ?? el.shadowRoot!.textContent).to.contain('Tu nombre');
    await expect(el).to.be.accessible();
    el.locale = 'fr';
    await until(() => part(el, 'start-button')?.textContent?.trim() === 'Démarrer la discussion', 'French strings');
    el.locale = 'xx';
    await until(() => part(el, 'start-button')?.textContent?.trim() === 'Start chat', 'English for an unknown language');
  });

  it('is accessible while connecting (the token provider has not answered yet)', async () => {
    const user = freshUser();
    let answer: (token: string) => void = () => undefined;
    const pending = new Promise<string>((resolve) => (answer = resolve));
    const el = await chatFixture({ user, displayName: 'Con', tokenProvider: () => pending });
    part(el, 'start-button')!.click();
    await untilView(el, 'connecting');
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain('Connecting');
    await expect(el).to.be.accessible();
    answer(await fetchToken('ccaas', user));
    await untilView(el, 'chatting');
    await el.sdk!.shutdown();
  });
});

describe('<ccaas-chat token-provider auto-start>', () => {
  it('takes the token provider from a global dot path and starts by itself', async () => {
    const { hostURL, integrationId, appkey } = await ccaasConfig();
    const requests: string[] = [];
    (window as unknown as { site: unknown }).site = {
      chat: { getToken: (request: { service: string; reason: string }) => (requests.push(`${request.service}:${request.reason}`), fetchToken('ccaas', 'auto-start-user')) },
    };
    try {
      const el = await fixture<CcaasChat>(html`<ccaas-chat id="auto" host-url=${hostURL} integration-id=${integrationId} app-key=${appkey} token-provider="site.chat.getToken" display-name="Auto" auto-start></ccaas-chat>`);
      await until(() => messageTexts(el).some((t) => t.includes('Hi Auto')), 'greeting');
      expect(requests[0]).to.equal('ccaas:initial');
      expect(el.getAttribute('token-provider')).to.equal('site.chat.getToken');
      await el.sdk!.shutdown();
    } finally {
      delete (window as unknown as { site?: unknown }).site;
    }
  });
});
