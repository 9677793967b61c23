import { expect } from '@open-wc/testing';
import { ManualClock } from '../../src/core/clock.js';
import { PubSubSubscriber } from '../../src/pubsub/subscriber.js';
import type { PubSubError, PubSubEvent, PubSubState } from '../../src/pubsub/types.js';
import { until } from '../support/backend.js';
import { ACCOUNT, controlledResponse, envelope, hangingResponse, scriptedFetch } from './helpers.js';

const json = (value: unknown, status = 200) => new Response(typeof value === 'string' ? value : JSON.stringify(value), { status });

/** One turn of the browser's task queue (where stream reads settle); no time passes on the test's clock. */
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A subscriber on an injected fetch (the backend cannot produce these responses) and a clock the test moves. */
function subscriberOn(fetchImpl: typeof fetch, provider = async () => 'session-1', options: { timeout?: string } = {}) {
  const clock = new ManualClock();
  const subscriber = new PubSubSubscriber({
    ...options,
    baseUrl: 'https://pubsub.test',
    accountSid: ACCOUNT,
    queue: 'SMS',
    sessionProvider: provider,
    fetch: fetchImpl,
    clock,
    backoff: { baseMs: 1000, maxMs: 5000, jitterMs: 0 },
  });
  const events: PubSubEvent[] = [];
  const states: PubSubState[] = [];
  const errors: { error: PubSubError; willRetry: boolean }[] = [];
  subscriber.on('event', ({ detail }) => events.push(detail));
  subscriber.on('state', ({ detail }) => states.push(detail.state));
  subscriber.on('error', ({ detail }) => errors.push(detail));
  /** Moves the clock a second at a time (backoff waits pass) until `predicate` holds. */
  const advanceUntil = async (predicate: () => boolean, what: string) => {
    for (let step = 0; step < 60 && !predicate(); step += 1) {
      await clock.advance(1000);
      await nextTask();
    }
    if (!predicate()) throw new Error(`${what} did not happen within a minute of the test's clock`);
  };
  return { subscriber, clock, events, states, errors, advanceUntil };
}

describe('PubSubSubscriber with hostile or broken responses', () => {
  let warn: typeof console.warn;
  let warnings: unknown[][];
  let active: PubSubSubscriber | undefined;
  beforeEach(() => {
    warn = console.warn;
    warnings = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
  });
  afterEach(() => {
    console.warn = warn;
    active?.dispose();
    active = undefined;
  });

  it('skips non-JSON elements and wrongly typed envelopes, one warning each, and keeps the good ones', async () => {
    const good1 = envelope('SMS', { n: '1' });
    const good2 = envelope('SMS', { n: '2' });
    const body = `[${JSON.stringify(good1)}, {not json}, {"Url": 5, "Created": "x", "FormParams": {}}, 42, null, "text",
      {"Url": "/a/SMS", "Created": "now", "FormParams": {"nested": {"x": 1}}}, {"Url": "/a/SMS", "Created": "now", "FormParams": [1]},
      ${JSON.stringify(good2)}]`;
    const t = subscriberOn(scriptedFetch([() => json(body), (init) => hangingResponse(init?.signal)]));
    active = t.subscriber;
    t.subscriber.start();
    await until(() => t.events.length === 2, 'the two good events');
    expect(t.events.map((e) => e.envelope.FormParams.n)).to.deep.equal(['1', '2']);
    expect(warnings).to.have.length(7);
    expect(t.errors).to.have.length(0);
    expect(t.subscriber.state).to.equal('live');
  });

  it('survives a body that is not a JSON array: reports bad-response, backs off, polls again', async () => {
    const fake = scriptedFetch([() => json('<html>502 Bad Gateway</html>'), () => json([envelope('SMS', { after: 'garbage' })]), (init) => hangingResponse(init?.signal)]);
    const t = subscriberOn(fake);
    active = t.subscriber;
    t.subscriber.start();
    await until(() => t.errors.length === 1, 'the garbage reported');
    expect(fake.requests).to.have.length(1);
    await t.advanceUntil(() => t.events.length === 1, 'the event after the garbage');
    expect(t.errors.map((e) => [e.error.code, e.willRetry])).to.deep.equal([['bad-response', true]]);
    expect(t.states).to.include('retrying');
    expect(t.events[0]!.envelope.FormParams.after).to.equal('garbage');
  });

  it('keeps polling with backoff through network failures and 5xx', async () => {
    const fake = scriptedFetch([
      () => Promise.reject(new TypeError('Failed to fetch')),
      () => json({ title: 'oops' }, 503),
      () => Promise.reject(new TypeError('Failed to fetch')),
      () => json([envelope('SMS', { ok: 'yes' })]),
      (init) => hangingResponse(init?.signal),
    ]);
    const t = subscriberOn(fake);
    active = t.subscriber;
    t.subscriber.start();
    await t.advanceUntil(() => t.events.length === 1, 'the event after three failures');
    expect(t.errors.map((e) => e.error.code)).to.deep.equal(['network', 'network', 'network']);
    expect(t.errors.every((e) => e.willRetry)).to.equal(true);
    expect(t.errors[1]!.error.status).to.equal(503);
    expect(fake.requests.length).to.be.at.least(4);
  });

  it('drops re-deliveries: the same envelope (params in any order) is delivered once', async () => {
    const first = envelope('SMS', { A: '1', B: '2' }, '2026-01-01T10:00:00.123456789-05:00');
    const again = { ...first, Hostname: 'other-frontend', FormParams: { B: '2', A: '1' } };
    const distinct = { ...first, FormParams: { A: '1', B: '3' } };
    // A later event marks that every re-delivery before it has been dealt with.
    const marker = { ...first, FormParams: { A: '1', B: 'marker' } };
    const t = subscriberOn(scriptedFetch([() => json([first, again]), () => json([again, distinct]), () => json([marker]), (init) => hangingResponse(init?.signal)]));
    active = t.subscriber;
    t.subscriber.start();
    await until(() => t.events.some((e) => e.envelope.FormParams.B === 'marker'), 'the marker after the re-deliveries');
    expect(t.events.map((e) => e.envelope.FormParams.B)).to.deep.equal(['2', '3', 'marker']);
  });

  it('delivers each element as its bytes arrive, before the response ends', async () => {
    const stream = controlledResponse();
    const t = subscriberOn(scriptedFetch([() => stream.response, (init) => hangingResponse(init?.signal)]));
    active = t.subscriber;
    t.subscriber.start();
    const first = JSON.stringify(envelope('SMS', { n: '1' }));
    const pulled = stream.pulls;
    stream.write(`[\n${first.slice(0, 20)}`);
    // The reader asking for more proves it has taken the partial element in: still no event.
    await until(() => stream.pulls > pulled, 'the partial element read');
    expect(t.events).to.have.length(0);
    stream.write(first.slice(20));
    stream.write(',\n');
    await until(() => t.events.length === 1, 'the first element, while the response is still open');
    stream.write(`${JSON.stringify(envelope('SMS', { n: '2' }))}\n]`);
    stream.close();
    await until(() => t.events.length === 2, 'the second element');
  });

  it('gives up on a provider whose sessions are refused every time, with session-rejected', async () => {
    let calls = 0;
    const t = subscriberOn(
      scriptedFetch([() => json({ detail: 'session unknown' }, 401)]),
      async () => `session-${++calls}`,
    );
    active = t.subscriber;
    t.subscriber.start();
    await until(() => t.subscriber.state === 'error', 'error state');
    expect(calls).to.equal(4);
    expect(t.errors.map((e) => [e.error.code, e.willRetry])).to.deep.equal([['session-rejected', false]]);
  });

  it('reports a provider that throws as a provider error and does not poll', async () => {
    const fake = scriptedFetch([(init) => hangingResponse(init?.signal)]);
    const t = subscriberOn(fake, async () => {
      throw new Error('host backend down');
    });
    active = t.subscriber;
    t.subscriber.start();
    await until(() => t.errors.length > 0, 'a provider error');
    expect(t.errors[0]!.error.code).to.equal('provider');
    expect(fake.requests).to.have.length(0);
  });

  it('reports a provider that returns no session', async () => {
    const t = subscriberOn(scriptedFetch([(init) => hangingResponse(init?.signal)]), async () => ({ session: '' }) as unknown as string);
    active = t.subscriber;
    t.subscriber.start();
    await until(() => t.errors.length > 0, 'a provider error');
    expect(t.errors[0]!.error.code).to.equal('provider');
  });

  it('stops on 404 with a not-found error', async () => {
    const t = subscriberOn(scriptedFetch([() => json({ detail: 'no account' }, 404)]));
    active = t.subscriber;
    t.subscriber.start();
    await until(() => t.subscriber.state === 'error', 'error state');
    expect(t.errors.map((e) => [e.error.code, e.willRetry])).to.deep.equal([['not-found', false]]);
  });

  it('publish sends the params form-encoded with no session, and reports failures with their status', async () => {
    const posts: { url: string; headers: string[]; body: string }[] = [];
    let answer = 200;
    const fake = (async (input: RequestInfo | URL, init?: RequestInit) => {
      posts.push({ url: String(input), headers: [...new Headers(init?.headers).keys()], body: String(init?.body) });
      return json(answer === 200 ? envelope('SMS', { Body: 'hi' }) : { detail: 'nope' }, answer);
    }) as typeof fetch;
    let asked = 0;
    const subscriber = new PubSubSubscriber({
      baseUrl: 'https://pubsub.test/',
      accountSid: ACCOUNT,
      queue: 'SMS',
      fetch: fake,
      sessionProvider: async () => `s-${++asked}`,
    });
    active = subscriber;
    const echoed = await subscriber.publish('/SMS/', { Body: 'hi', To: '+1 555' });
    expect(echoed?.FormParams.Body).to.equal('hi');
    expect(posts).to.deep.equal([{ url: `https://pubsub.test/${ACCOUNT}/SMS`, headers: [], body: 'Body=hi&To=%2B1+555' }]);
    expect(asked).to.equal(0);
    for (const status of [401, 500]) {
      answer = status;
      let failure: PubSubError | undefined;
      await subscriber.publish('SMS', { x: '1' }).catch((e: PubSubError) => (failure = e));
      expect([failure?.code, failure?.status]).to.deep.equal(['publish-failed', status]);
    }
    expect(posts).to.have.length(3);
  });

  it('refuses configurations that cannot work, naming what to fix', () => {
    const provider = async () => 's';
    const make = (options: Partial<ConstructorParameters<typeof PubSubSubscriber>[0]>) => () =>
      new PubSubSubscriber({ accountSid: ACCOUNT, queue: 'SMS', sessionProvider: provider, ...options });
    const problem = (options: Parameters<typeof make>[0]) => {
      try {
        make(options)();
      } catch (error) {
        return [(error as PubSubError).code, (error as PubSubError).problem, (error as Error).message];
      }
      return undefined;
    };
    expect(problem({ accountSid: '' })).to.deep.equal(['config', 'no-account', 'an AccountSid is required']);
    expect(problem({ queue: '//' })?.slice(0, 2)).to.deep.equal(['config', 'no-queue']);
    expect(problem({ sessionProvider: 'app.get' as unknown as typeof provider })?.slice(0, 2)).to.deep.equal(['config', 'no-provider']);
    expect(make({ timeout: 'soon' })).to.throw(/timeout "soon"/);
    expect(problem({ timeout: 'soon' })?.[1]).to.equal('bad-timeout');
    expect(make({ timeout: '0s' })).to.throw(/timeout "0s" must be longer than 0/);
    expect(problem({ timeout: '0s' })?.[1]).to.equal('zero-timeout');
    for (const timeout of ['1m30s', '30', '1.5s', '500ms']) expect(make({ timeout }), timeout).not.to.throw();
  });

  it('asks the service for the timeout in a form it reads, shortened to the 60 s it holds a poll at most', async () => {
    for (const [timeout, sent] of [['1m30s', '60s'], ['30', '30s'], ['1.5s', '1500ms'], ['2m', '60s']] as const) {
      const fake = scriptedFetch([(init) => hangingResponse(init?.signal)]);
      const t = subscriberOn(fake, undefined, { timeout });
      active = t.subscriber;
      t.subscriber.start();
      await until(() => fake.requests.length === 1, `the poll of timeout="${timeout}"`);
      expect(new URL(fake.requests[0]!.url).searchParams.get('timeout'), timeout).to.equal(sent);
      t.subscriber.dispose();
    }
  });
});
