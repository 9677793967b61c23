import { expect, fixture, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../../src/elements/pubsub-feed/define.js';
import type { PubSubFeed } from '../../../src/elements/pubsub-feed/pubsub-feed.js';
import type { PubSubErrorEvent, PubSubEventEvent } from '../../../src/elements/pubsub-feed/events.js';
import { format, strings } from '../../../src/elements/pubsub-feed/strings.js';
import { until } from '../../support/backend.js';
import { ACCOUNT, holdingFetch, hostProvider, openPolls, publishOnBackend, pubsubBase, queueDepth, uniqueQueue, untilOpenPolls } from '../../pubsub/helpers.js';

const SMS = { AccountSid: ACCOUNT, ApiVersion: 'v2', Body: 'Hello from my cell phone', From: '+18457026652', SmsSid: 'SM8f88', SmsStatus: 'received', To: '+14083511240' };

const shadow = (el: PubSubFeed) => el.shadowRoot!;
const rows = (el: PubSubFeed) => [...shadow(el).querySelectorAll('tbody tr[part="row"]')] as HTMLTableRowElement[];
const part = (el: PubSubFeed, name: string) => shadow(el).querySelector(`[part~="${name}"]`) as HTMLElement | null;
const liveRegion = (el: PubSubFeed) => shadow(el).querySelector('.sr-only[role="status"]') as HTMLElement;

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

function type(input: HTMLInputElement, text: string): void {
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

async function liveFeed(options: { topic?: string; allowPublish?: boolean; maxEvents?: number; timeout?: string } = {}) {
  const topic = options.topic ?? uniqueQueue('feed');
  const provider = hostProvider();
  const el = await fixture<PubSubFeed>(html`<pubsub-feed
    base-url=${await pubsubBase()}
    account-sid=${ACCOUNT}
    topic=${topic}
    timeout=${options.timeout ?? '2s'}
    max-events=${options.maxEvents ?? 200}
    ?allow-publish=${options.allowPublish ?? false}
    .sessionProvider=${provider}
  ></pubsub-feed>`);
  await until(() => el.state === 'live', 'live');
  return { el, topic, provider };
}

describe('<pubsub-feed> against the embedded backend', () => {
  it('shows events live as a table, newest first: SMS as From → To: Body, calls with their status', async () => {
    const { el, topic } = await liveFeed();
    const received: PubSubEventEvent[] = [];
    // On the document: the events bubble out of the shadow root.
    const listener = (e: PubSubEventEvent) => received.push(e);
    document.addEventListener('pubsub-event', listener);
    try {
      await publishOnBackend(topic, SMS);
      await until(() => rows(el).length === 1, 'the SMS row');
      await publishOnBackend(topic, { CallSid: 'CA12', From: '+14155550132', To: '+14083511240', CallStatus: 'ringing' });
      await until(() => rows(el).length === 2, 'the call row');
    } finally {
      document.removeEventListener('pubsub-event', listener);
    }
    const [call, sms] = rows(el);
    expect(sms!.textContent).to.contain('+18457026652 → +14083511240: Hello from my cell phone');
    expect(sms!.querySelector('.kind')!.textContent).to.equal('SMS');
    expect(call!.textContent).to.contain('Call ringing');
    expect(call!.cells[1]!.textContent).to.equal(topic);
    expect(sms!.querySelector('time')!.getAttribute('datetime')).to.match(/^\d{4}-\d\d-\d\dT/);
    expect([...sms!.querySelectorAll('[part="params"] dt')].map((dt) => dt.textContent)).to.include.members(['From', 'To', 'Body', 'SmsSid']);
    expect(received.map((e) => e.detail.envelope.FormParams.CallSid ?? 'sms')).to.deep.equal(['sms', 'CA12']);
    expect(received[0]!.composed && received[0]!.bubbles).to.equal(true);
  });

  it('has real table semantics: caption and column headers', async () => {
    const { el, topic } = await liveFeed();
    const table = part(el, 'table') as HTMLTableElement;
    expect(table.tagName).to.equal('TABLE');
    expect(table.caption!.textContent).to.contain(topic);
    expect([...table.tHead!.querySelectorAll('th')].map((th) => [th.getAttribute('scope'), th.textContent])).to.deep.equal([
      ['col', 'Time'],
      ['col', 'Queue'],
      ['col', 'Event'],
    ]);
  });

  it('announces new rows politely with a short summary in a separate live region', async () => {
    const { el, topic } = await liveFeed();
    const region = liveRegion(el);
    expect(region.getAttribute('aria-live')).to.equal('polite');
    expect(part(el, 'table')!.contains(region)).to.equal(false);
    await publishOnBackend(topic, SMS);
    await until(() => region.textContent!.includes('New event'), 'an announcement');
    expect(region.textContent!.trim()).to.equal('New event: SMS +18457026652 → +14083511240: Hello from my cell phone');
    for (let n = 0; n < 3; n += 1) await publishOnBackend(topic, { n: String(n), Body: 'x'.repeat(500) });
    await until(() => rows(el).length === 4, 'four rows');
    expect(region.textContent!.trim().length).to.be.below(140);
  });

  it('filters rows by queue, summary or parameter, and says when nothing matches', async () => {
    const { el, topic } = await liveFeed();
    await publishOnBackend(topic, SMS);
    await publishOnBackend(topic, { CallSid: 'CA7', CallStatus: 'completed' });
    await until(() => rows(el).length === 2, 'two rows');
    const filter = part(el, 'filter') as HTMLInputElement;
    expect(filter.getAttribute('aria-label')).to.equal('Filter events');
    type(filter, 'COMPLETED');
    await el.updateComplete;
    expect(rows(el).map((row) => row.textContent)).to.have.length(1);
    expect(rows(el)[0]!.textContent).to.contain('CA7');
    expect(shadow(el).querySelector('.count')!.textContent).to.equal('Showing 1 of 2');
    type(filter, 'SM8f88');
    await el.updateComplete;
    expect(rows(el)[0]!.textContent).to.contain('Hello from my cell phone');
    type(filter, 'nothing like this');
    await el.updateComplete;
    expect(rows(el)).to.have.length(0);
    expect(part(el, 'empty')!.textContent).to.equal('No event matches the filter.');
  });

  it('pauses after the poll in flight ends (events then wait on the service) and resumes (they arrive)', async () => {
    const { PubSubSubscriber } = await import('../../../src/pubsub/subscriber.js');
    const { el, topic } = await liveFeed({ timeout: '500ms' });
    const states: string[] = [];
    el.addEventListener('pubsub-state', (e) => states.push(e.detail.state));
    // Whether the feed was paused when each event reached it.
    const pausedAtArrival: boolean[] = [];
    el.addEventListener('pubsub-event', () => pausedAtArrival.push(el.paused));
    const running = PubSubSubscriber.running;
    const pause = part(el, 'pause') as HTMLButtonElement;
    pause.click();
    await el.updateComplete;
    expect(el.hasAttribute('paused')).to.equal(true);
    expect(pause.getAttribute('aria-pressed')).to.equal('true');
    expect(pause.textContent!.trim()).to.equal('Resume');
    expect(part(el, 'status')!.textContent).to.equal('Paused');
    // The poll in flight runs to its end (the service times it out), then nothing polls.
    await until(() => PubSubSubscriber.running === running - 1, 'the poll in flight ended');
    await untilOpenPolls(topic, 0);
    await publishOnBackend(topic, { while: 'paused' });
    // It waits on the service, and no poll is open there that could take it.
    expect(await queueDepth(topic)).to.equal(1);
    expect(await openPolls(topic)).to.equal(0);
    expect(rows(el)).to.have.length(0);
    pause.click();
    await until(() => rows(el).length === 1, 'the retained event after resuming');
    expect(pausedAtArrival).to.deep.equal([false]);
    expect(states).to.include('paused');
    expect(states[states.length - 1]).to.equal('live');
  });

  it('loses nothing when paused just as the service writes an event into the poll: it shows once on resume', async () => {
    const topic = uniqueQueue('pause-race');
    const original = window.fetch;
    const gate = holdingFetch(original, topic);
    window.fetch = gate.fetch;
    try {
      const { el } = await liveFeed({ topic });
      const received: string[] = [];
      el.addEventListener('pubsub-event', (e) => received.push(e.detail.key));
      await publishOnBackend(topic, { n: 'in-flight' });
      await until(() => gate.arrived.includes('in-flight'), 'the event written into the poll');
      expect(await queueDepth(topic)).to.equal(0);
      el.paused = true;
      await el.updateComplete;
      gate.release();
      await until(() => received.length === 1, 'the event delivered from the finishing poll');
      // Held while paused, so the table the user paused on does not change: rows are added on
      // an animation frame, and two have come and gone.
      await nextFrame();
      await nextFrame();
      expect(rows(el)).to.have.length(0);
      el.paused = false;
      await until(() => rows(el).length === 1, 'the held event after resuming');
      expect(rows(el)[0]!.textContent).to.contain('in-flight');
      // Anything delivered twice would come before a later event: it does not.
      await publishOnBackend(topic, { n: 'later' });
      await until(() => rows(el).length === 2, 'the later event');
      expect(el.events.map((e) => e.envelope.FormParams.n)).to.deep.equal(['later', 'in-flight']);
      expect(received).to.have.length(2);
    } finally {
      window.fetch = original;
    }
  });

  it('clears the table', async () => {
    const { el, topic } = await liveFeed();
    await publishOnBackend(topic, SMS);
    await until(() => rows(el).length === 1, 'a row');
    (part(el, 'clear') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(rows(el)).to.have.length(0);
    expect(el.events).to.have.length(0);
    expect(part(el, 'empty')!.textContent).to.contain('No events yet');
  });

  it('speaks the language of its locale, a region of it too, and switches when the locale changes', async () => {
    const { el, topic } = await liveFeed();
    el.locale = 'de-AT';
    await until(() => part(el, 'clear')?.textContent?.trim() === 'Leeren', 'German strings');
    expect(part(el, 'status')!.textContent).to.contain('Live');
    expect(part(el, 'empty')!.textContent).to.contain('Noch keine Ereignisse');
    await publishOnBackend(topic, SMS);
    await until(() => rows(el).length === 1, 'a row');
    expect(rows(el)[0]!.textContent).to.contain('SMS');
    await expect(el).to.be.accessible();
    el.locale = 'fr';
    await until(() => part(el, 'clear')?.textContent?.trim() === 'Effacer', 'French strings');
    el.locale = '';
    await until(() => part(el, 'clear')?.textContent?.trim() === 'Clear', 'English again');
  });

  it('keeps at most max-events rows', async () => {
    const { el, topic } = await liveFeed({ maxEvents: 3 });
    for (let n = 1; n <= 5; n += 1) await publishOnBackend(topic, { n: String(n) });
    await until(() => el.events.length === 3 && el.events[0]!.envelope.FormParams.n === '5', 'the newest three');
    expect(el.events.map((e) => e.envelope.FormParams.n)).to.deep.equal(['5', '4', '3']);
    expect(rows(el)).to.have.length(3);
  });

  it('publishes key/value rows from the form (add and remove rows) and shows the event', async () => {
    const { el } = await liveFeed({ allowPublish: true });
    await until(() => part(el, 'publish-form') !== null, 'the publish form (loaded with allow-publish)');
    const form = part(el, 'publish-form') as HTMLFormElement;
    (form.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(part(el, 'publish-status')!.textContent).to.equal('Give at least one parameter a name.');
    (form.querySelector('.add') as HTMLButtonElement).click();
    (form.querySelector('.add') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(form.querySelectorAll('.param')).to.have.length(3);
    const names = () => [...form.querySelectorAll('input[name="param-name"]')] as HTMLInputElement[];
    const values = () => [...form.querySelectorAll('input[name="param-value"]')] as HTMLInputElement[];
    type(names()[0]!, 'Custom');
    type(values()[0]!, '123');
    type(names()[1]!, 'Drop');
    type(names()[2]!, 'Param');
    type(values()[2]!, 'abc');
    await el.updateComplete;
    (form.querySelector('button[aria-label="Remove parameter 2"]') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(names().map((input) => input.value)).to.deep.equal(['Custom', 'Param']);
    (form.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    await until(() => rows(el).length === 1, 'the published row');
    expect(el.events[0]!.envelope.FormParams).to.deep.equal({ Custom: '123', Param: 'abc' });
    expect(part(el, 'publish-status')!.textContent).to.equal('Published.');
    expect(names().map((input) => input.value)).to.deep.equal(['']);
  });

  it('shows the publish form only while allow-publish is set, also when it is set later', async () => {
    const { el } = await liveFeed();
    expect(part(el, 'publish-form')).to.equal(null);
    el.allowPublish = true;
    await until(() => part(el, 'publish-form') !== null, 'the form once allow-publish is set');
    el.allowPublish = false;
    await el.updateComplete;
    expect(part(el, 'publish-form')).to.equal(null);
  });

  it('renders hostile event content as text', async () => {
    const { el, topic } = await liveFeed();
    await publishOnBackend(topic, { Body: '<img src=x onerror="window.__pwned=1">', From: '<b>x</b>', To: '+1' });
    await until(() => rows(el).length === 1, 'the row');
    expect(shadow(el).querySelector('img, b')).to.equal(null);
    expect(rows(el)[0]!.textContent).to.contain('<img src=x onerror="window.__pwned=1">');
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('resolves session-provider as a dot path and switches queues when topic changes', async () => {
    const provider = hostProvider();
    (window as unknown as { feedTest: unknown }).feedTest = { auth: { session: provider } };
    const first = uniqueQueue('path');
    const el = await fixture<PubSubFeed>(html`<pubsub-feed base-url=${await pubsubBase()} account-sid=${ACCOUNT} topic=${first} timeout="1s" session-provider="feedTest.auth.session"></pubsub-feed>`);
    await until(() => el.state === 'live', 'live');
    expect(provider.reasons).to.deep.equal(['initial']);
    const second = uniqueQueue('path2');
    el.topic = second;
    await el.updateComplete;
    await publishOnBackend(second, { on: 'second' });
    await until(() => rows(el).length === 1, 'the event of the new topic');
    expect(el.events[0]!.queue).to.equal(second);
  });

  it('reports misconfiguration in the UI in its string table’s words, and once in the console with the detail', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (message: string) => warnings.push(message);
    const en = strings.get('en');
    try {
      const base = await pubsubBase();
      const cases: { el: TemplateResult; ui: string; detail: RegExp; code: string }[] = [
        { el: html`<pubsub-feed base-url=${base} topic="SMS" .sessionProvider=${hostProvider()}></pubsub-feed>`, ui: en.errNoAccount, detail: /an AccountSid is required/, code: 'config' },
        { el: html`<pubsub-feed base-url=${base} account-sid=${ACCOUNT} .sessionProvider=${hostProvider()}></pubsub-feed>`, ui: en.errNoQueue, detail: /a queue \(topic\) is required/, code: 'config' },
        { el: html`<pubsub-feed base-url=${base} account-sid=${ACCOUNT} topic="SMS"></pubsub-feed>`, ui: en.errNoProvider, detail: /no session provider/, code: 'config' },
        {
          el: html`<pubsub-feed base-url=${base} account-sid=${ACCOUNT} topic="SMS" session-provider="nowhere.getSession"></pubsub-feed>`,
          ui: en.errProviderUndefined,
          detail: /"nowhere.getSession" is not defined: "nowhere" is undefined; define it before/,
          code: 'config',
        },
        { el: html`<pubsub-feed base-url=${base} account-sid=${ACCOUNT} topic="SMS" session-provider="Math.PI"></pubsub-feed>`, ui: en.errProviderNotFunction, detail: /"Math.PI" is a number, not a function/, code: 'config' },
        { el: html`<pubsub-feed base-url=${base} account-sid=${ACCOUNT} topic="SMS" timeout="forever" .sessionProvider=${hostProvider()}></pubsub-feed>`, ui: format(en.errBadTimeout, 'forever'), detail: /timeout "forever"/, code: 'config' },
        { el: html`<pubsub-feed base-url=${base} account-sid=${ACCOUNT} topic="SMS" timeout="0s" .sessionProvider=${hostProvider()}></pubsub-feed>`, ui: format(en.errZeroTimeout, '0s'), detail: /timeout "0s" must be longer than 0/, code: 'config' },
        {
          el: html`<pubsub-feed base-url=${base} account-sid=${ACCOUNT} topic=${uniqueQueue('throws')} .sessionProvider=${() => {
            throw new Error('host down');
          }}></pubsub-feed>`,
          ui: en.errProvider,
          detail: /session provider failed/,
          code: 'provider',
        },
      ];
      for (const { el: template, ui, detail, code } of cases) {
        warnings.length = 0;
        const errors: { code: string; message: string }[] = [];
        const listener = (e: PubSubErrorEvent) => errors.push(e.detail);
        document.addEventListener('pubsub-error', listener);
        try {
          const el = await fixture<PubSubFeed>(template);
          await until(() => part(el, 'error') !== null, `an error for ${ui}`);
          const error = part(el, 'error')!;
          expect(error.getAttribute('role')).to.equal('alert');
          expect(error.textContent).to.equal(format(en.cannotRun, ui));
          expect(warnings.filter((w) => w.startsWith('[pubsub-feed]'))).to.have.length(1);
          expect(warnings[0]).to.match(detail);
          expect(errors[0]?.code).to.equal(code);
          expect(errors[0]?.message).to.match(detail);
          await expect(el).to.be.accessible();
          el.remove();
        } finally {
          document.removeEventListener('pubsub-error', listener);
        }
      }
    } finally {
      console.warn = warn;
    }
  });

  it('says why a publish failed and why the feed cannot run, in its own words', async () => {
    const unknownAccount = 'AC00000000000000000000000000000000';
    const el = await fixture<PubSubFeed>(html`<pubsub-feed base-url=${await pubsubBase()} account-sid=${unknownAccount} topic=${uniqueQueue('refused')} allow-publish .sessionProvider=${hostProvider()}></pubsub-feed>`);
    const en = strings.get('en');
    await until(() => part(el, 'error') !== null, 'the 403 shown');
    expect(part(el, 'error')!.textContent).to.equal(format(en.cannotRun, en.errForbidden));
    await until(() => part(el, 'publish-form') !== null, 'the publish form');
    const form = part(el, 'publish-form') as HTMLFormElement;
    type(form.querySelector('input[name="param-name"]') as HTMLInputElement, 'Body');
    (form.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    await until(() => part(el, 'publish-status')!.hasAttribute('data-failed'), 'the failed publish');
    expect(part(el, 'publish-status')!.textContent).to.equal(format(en.publishFailed, format(en.errPublishFailed, '', '404')));
  });

  it('takes the service’s duration forms in timeout: 1m30s and plain seconds go live', async () => {
    for (const timeout of ['1m30s', '30']) {
      const { el } = await liveFeed({ timeout });
      expect(part(el, 'error'), timeout).to.equal(null);
      el.remove();
    }
  });

  it('switches light and dark with the theme attribute', async () => {
    const { el } = await liveFeed();
    el.theme = 'light';
    await el.updateComplete;
    const light = getComputedStyle(el).backgroundColor;
    el.theme = 'dark';
    await el.updateComplete;
    expect(el.getAttribute('theme')).to.equal('dark');
    expect(getComputedStyle(el).backgroundColor).not.to.equal(light);
    await expect(el).to.be.accessible();
  });

  it('takes its colours from --ace-* properties the page sets, and styles its parts from the page’s ::part rules', async () => {
    const style = document.createElement('style');
    style.textContent = `pubsub-feed.branded { --ace-bg: rgb(1, 2, 3); --ace-fg: rgb(250, 240, 230); --ace-muted: rgb(9, 8, 7) }
      pubsub-feed.branded::part(header) { background: rgb(40, 50, 60) }
      pubsub-feed.branded::part(row) { color: rgb(70, 80, 90) }`;
    document.head.append(style);
    try {
      const { el, topic } = await liveFeed();
      el.classList.add('branded');
      await publishOnBackend(topic, SMS);
      await until(() => rows(el).length === 1, 'a row');
      expect(getComputedStyle(el).backgroundColor).to.equal('rgb(1, 2, 3)');
      expect(getComputedStyle(part(el, 'filter')!).color).to.equal('rgb(250, 240, 230)');
      expect(getComputedStyle(shadow(el).querySelector('th')!).color).to.equal('rgb(9, 8, 7)');
      expect(getComputedStyle(part(el, 'header')!).backgroundColor).to.equal('rgb(40, 50, 60)');
      expect(getComputedStyle(rows(el)[0]!).color).to.equal('rgb(70, 80, 90)');
    } finally {
      style.remove();
    }
  });

  it('is accessible empty, with rows, filtered, paused and with the publish form', async () => {
    const { el, topic } = await liveFeed({ allowPublish: true });
    await until(() => part(el, 'publish-form') !== null, 'the publish form');
    await expect(el).to.be.accessible();
    await publishOnBackend(topic, SMS);
    await publishOnBackend(topic, { CallSid: 'CA1', CallStatus: 'in-progress' });
    await until(() => rows(el).length === 2, 'rows');
    await expect(el).to.be.accessible();
    type(part(el, 'filter') as HTMLInputElement, 'zzz');
    await el.updateComplete;
    await expect(el).to.be.accessible();
    el.paused = true;
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('leaks no polls: 20 add/remove cycles leave no subscriber running and nothing consuming the queue', async () => {
    const { PubSubSubscriber } = await import('../../../src/pubsub/subscriber.js');
    const baseline = PubSubSubscriber.running;
    const topic = uniqueQueue('leak');
    const provider = hostProvider();
    const base = await pubsubBase();
    const container = document.createElement('div');
    document.body.append(container);
    for (let i = 0; i < 20; i += 1) {
      const el = document.createElement('pubsub-feed');
      el.setAttribute('base-url', base);
      el.setAttribute('account-sid', ACCOUNT);
      el.setAttribute('topic', topic);
      el.sessionProvider = provider;
      container.append(el);
      await el.updateComplete;
      expect(PubSubSubscriber.running).to.equal(baseline + 1);
      el.remove();
      expect(PubSubSubscriber.running).to.equal(baseline);
    }
    container.remove();
    // The service sees every aborted poll go: none is left to take what is published.
    await untilOpenPolls(topic, 0);
    await publishOnBackend(topic, { after: 'removal' });
    expect(await queueDepth(topic)).to.equal(1);
    expect(await openPolls(topic)).to.equal(0);
  });
});
