import { expect } from '@open-wc/testing';
import { PubSubSubscriber } from '../../src/pubsub/subscriber.js';
import type { PubSubError, PubSubEvent, PubSubState } from '../../src/pubsub/types.js';
import { backendCommand, until } from '../support/backend.js';
import { ACCOUNT, holdingFetch, hostProvider, openPolls, publishOnBackend, pubsubBase, queueDepth, uniqueQueue, untilOpenPolls } from './helpers.js';

/** A subscriber with its events, states and errors recorded. */
async function subscribe(queue: string, options: Partial<ConstructorParameters<typeof PubSubSubscriber>[0]> = {}) {
  const provider = hostProvider();
  const subscriber = new PubSubSubscriber({ baseUrl: await pubsubBase(), accountSid: ACCOUNT, queue, sessionProvider: provider, timeout: '2s', ...options });
  const events: PubSubEvent[] = [];
  const states: PubSubState[] = [];
  const errors: { error: PubSubError; willRetry: boolean }[] = [];
  subscriber.on('event', ({ detail }) => events.push(detail));
  subscriber.on('state', ({ detail }) => states.push(detail.state));
  subscriber.on('error', ({ detail }) => errors.push(detail));
  return { subscriber, provider, events, states, errors };
}

/** A fetch that records each poll's full response text (read from a clone, so streaming is unaffected). */
function recordingFetch() {
  const bodies: string[] = [];
  const fake = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await fetch(input, init);
    if ((init?.method ?? 'GET') === 'GET') void response.clone().text().then((text) => bodies.push(text), () => undefined);
    return response;
  }) as typeof fetch;
  return { fetch: fake, bodies };
}

describe('PubSubSubscriber against the embedded backend', () => {
  let running: PubSubSubscriber[] = [];
  const track = <T extends { subscriber: PubSubSubscriber }>(t: T): T => {
    running.push(t.subscriber);
    return t;
  };
  afterEach(() => {
    for (const subscriber of running) subscriber.dispose();
    running = [];
  });

  it('gets its session from the host provider (service "pubsub", reason "initial") and goes live', async () => {
    const t = track(await subscribe(uniqueQueue('auth')));
    t.subscriber.start();
    await until(() => t.subscriber.state === 'live', 'live');
    expect(t.provider.services).to.deep.equal(['pubsub']);
    expect(t.provider.reasons).to.deep.equal(['initial']);
    expect(t.provider.sessions[0]).to.match(/^[0-9a-f-]{36}$/);
    expect(t.states.slice(0, 2)).to.deep.equal(['connecting', 'live']);
  });

  it('polls with ?session= and no header of its own: a CORS-simple GET that needs no preflight', async () => {
    const requests: { url: URL; init: RequestInit | undefined }[] = [];
    const spy = (async (input: RequestInfo | URL, init?: RequestInit) => {
      requests.push({ url: new URL(String(input)), init });
      return fetch(input, init);
    }) as typeof fetch;
    const t = track(await subscribe(uniqueQueue('query'), { fetch: spy }));
    t.subscriber.start();
    await until(() => t.subscriber.state === 'live', 'live');
    const [first] = requests;
    expect(first!.url.searchParams.get('session')).to.equal(t.provider.sessions[0]);
    expect(first!.url.searchParams.get('timeout')).to.equal('2s');
    expect(first!.init?.method ?? 'GET').to.equal('GET');
    expect([...new Headers(first!.init?.headers).keys()]).to.deep.equal([]);
  });

  it('keeps polling when a long-poll times out with []', async () => {
    const recorder = recordingFetch();
    const t = track(await subscribe(uniqueQueue('timeout'), { timeout: '200ms', fetch: recorder.fetch }));
    t.subscriber.start();
    await until(() => recorder.bodies.length >= 3, 'three empty polls');
    expect(recorder.bodies.slice(0, 3).map((body) => body.trim())).to.deep.equal(['[]', '[]', '[]']);
    expect(t.events).to.have.length(0);
    expect(t.errors).to.have.length(0);
    expect(t.subscriber.state).to.equal('live');
  });

  it('publishes form-encoded without a session (as the platform does) and receives what it published', async () => {
    const queue = uniqueQueue('roundtrip');
    const posts: RequestInit[] = [];
    const spy = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (init?.method === 'POST') posts.push(init);
      return fetch(input, init);
    }) as typeof fetch;
    const t = track(await subscribe(queue, { fetch: spy }));
    t.subscriber.start();
    await until(() => t.subscriber.state === 'live', 'live');
    const echoed = await t.subscriber.publish(queue, { Custom: '123', Param: 'a b&c=d' });
    expect(echoed?.FormParams).to.deep.equal({ Custom: '123', Param: 'a b&c=d' });
    // A form body and no header of its own: a CORS-simple POST, with nothing of the session in it.
    expect(posts).to.have.length(1);
    expect(posts[0]!.body).to.be.instanceOf(URLSearchParams);
    expect([...new Headers(posts[0]!.headers).keys()]).to.deep.equal([]);
    expect(t.provider.reasons).to.deep.equal(['initial']);
    await until(() => t.events.length === 1, 'the published event');
    const [event] = t.events;
    expect(event!.queue).to.equal(queue);
    expect(event!.envelope.Url).to.equal(`/${ACCOUNT}/${queue}`);
    expect(event!.envelope.FormParams).to.deep.equal({ Custom: '123', Param: 'a b&c=d' });
    expect(event!.createdAt).to.be.closeTo(Date.now(), 60_000);
  });

  it('receives events published while nobody subscribed (retention)', async () => {
    const queue = uniqueQueue('retention');
    await publishOnBackend(queue, { n: '1' });
    await publishOnBackend(queue, { n: '2' });
    expect(await queueDepth(queue)).to.equal(2);
    const t = track(await subscribe(queue));
    t.subscriber.start();
    await until(() => t.events.length === 2, 'both retained events');
    expect(t.events.map((e) => e.envelope.FormParams.n)).to.deep.equal(['1', '2']);
    expect(await queueDepth(queue)).to.equal(0);
  });

  it('receives all of 25 queued events across several polls of at most 10', async () => {
    const queue = uniqueQueue('many');
    for (let n = 0; n < 25; n += 1) await publishOnBackend(queue, { n: String(n) });
    const recorder = recordingFetch();
    const t = track(await subscribe(queue, { fetch: recorder.fetch }));
    t.subscriber.start();
    await until(() => t.events.length === 25, 'all 25 events');
    const counts = () => recorder.bodies.map((body) => (JSON.parse(body) as unknown[]).length).filter((count) => count > 0);
    // The clones are read apart from the stream; wait for the last body to be recorded too.
    await until(() => counts().reduce((sum, count) => sum + count, 0) === 25, 'all bodies recorded');
    expect(Math.max(...counts())).to.be.at.most(10);
    expect(counts().length).to.be.at.least(3);
    expect(t.events.map((e) => Number(e.envelope.FormParams.n)).sort((a, b) => a - b)).to.deep.equal([...Array(25).keys()]);
  });

  it('delivers an event published mid-poll long before the poll times out (streaming)', async () => {
    const queue = uniqueQueue('stream');
    const t = track(await subscribe(queue, { timeout: '10s' }));
    t.subscriber.start();
    await until(() => t.subscriber.state === 'live', 'live');
    // The poll is held open on the service: what is published now arrives inside it.
    await untilOpenPolls(queue, 1);
    const published = performance.now();
    await publishOnBackend(queue, { Mid: 'poll' });
    await until(() => t.events.length === 1, 'the mid-poll event', 5000);
    expect(performance.now() - published).to.be.below(3000);
    expect(t.events[0]!.envelope.FormParams.Mid).to.equal('poll');
  });

  it('delivers an event while its response is still streaming, before the service has ended the list', async () => {
    // The service keeps a response open for a moment after its first event, to stream more into it:
    // here long enough that no busy machine delivers the event only after the end.
    await backendCommand('pubsub', 'setGatherWindow', { ms: 3000 });
    try {
      const queue = uniqueQueue('chunked');
      const t = track(await subscribe(queue, { timeout: '10s' }));
      let deliveredAt = 0;
      t.subscriber.on('event', () => (deliveredAt ||= performance.now()));
      performance.clearResourceTimings();
      t.subscriber.start();
      await untilOpenPolls(queue, 1);
      await publishOnBackend(queue, { First: 'element' });
      await until(() => deliveredAt > 0, 'the event');
      const polls = () => performance.getEntriesByType('resource').filter((entry) => entry.name.includes(queue)) as PerformanceResourceTiming[];
      // Resource timing lists a request once its response has ended.
      await until(() => polls().some((poll) => poll.startTime < deliveredAt), 'the end of the response that carried it');
      const carrier = polls().filter((poll) => poll.startTime < deliveredAt).at(-1)!;
      expect(carrier.responseEnd).to.be.above(deliveredAt);
      expect(t.events.map((event) => event.envelope.FormParams.First)).to.deep.equal(['element']);
    } finally {
      await backendCommand('pubsub', 'setGatherWindow', { ms: null });
    }
  });

  it('asks the provider for a new session (reason "rejected") after expireSession, then resumes, logging no session', async () => {
    const logged: unknown[] = [];
    const originals = { log: console.log, warn: console.warn, error: console.error };
    for (const name of ['log', 'warn', 'error'] as const) console[name] = (...args: unknown[]) => logged.push(...args);
    try {
      const queue = uniqueQueue('expire');
      const t = track(await subscribe(queue, { timeout: '300ms' }));
      t.subscriber.start();
      await until(() => t.provider.sessions.length === 1 && t.subscriber.state === 'live', 'first session');
      expect(await backendCommand('pubsub', 'expireSession', { session: t.provider.sessions[0] })).to.equal(true);
      await until(() => t.provider.reasons.length === 2, 'a second session');
      expect(t.provider.reasons).to.deep.equal(['initial', 'rejected']);
      expect(t.provider.sessions[1]).not.to.equal(t.provider.sessions[0]);
      await publishOnBackend(queue, { after: 'expiry' });
      await until(() => t.events.length === 1, 'an event on the new session');
      expect(t.errors.filter((e) => e.error.code === 'session-rejected')).to.have.length(0);
      const text = [...logged, ...t.errors.map((e) => e.error.message)].map((item) => (item instanceof Error ? `${item.message} ${item.stack}` : String(item))).join('\n');
      for (const session of t.provider.sessions) expect(text).not.to.contain(session);
    } finally {
      Object.assign(console, originals);
    }
  });

  it('reports 403 for another account\'s queue as a fatal "forbidden" error', async () => {
    const provider = hostProvider('other');
    const subscriber = new PubSubSubscriber({ baseUrl: await pubsubBase(), accountSid: ACCOUNT, queue: uniqueQueue('forbidden'), sessionProvider: provider });
    running.push(subscriber);
    const errors: PubSubError[] = [];
    subscriber.on('error', ({ detail }) => errors.push(detail.error));
    subscriber.start();
    await until(() => subscriber.state === 'error', 'error state');
    expect(errors.map((e) => [e.code, e.status])).to.deep.equal([['forbidden', 403]]);
  });

  it('renews a session ahead of an expiry the provider announces', async () => {
    const base = hostProvider();
    const reasons: string[] = [];
    const subscriber = new PubSubSubscriber({
      baseUrl: await pubsubBase(),
      accountSid: ACCOUNT,
      queue: uniqueQueue('renew'),
      timeout: '300ms',
      sessionProvider: async (request) => {
        reasons.push(request.reason);
        return { session: await base(request), expiresAt: Date.now() + 600 };
      },
    });
    running.push(subscriber);
    subscriber.start();
    await until(() => reasons.length >= 2, 'a renewal');
    expect(reasons.slice(0, 2)).to.deep.equal(['initial', 'refresh']);
  });

  it('stop({ drain: true }) delivers an event the service wrote into the poll in flight, then releases', async () => {
    const queue = uniqueQueue('drain');
    const gate = holdingFetch((input, init) => fetch(input, init), queue);
    const before = PubSubSubscriber.running;
    const t = track(await subscribe(queue, { fetch: gate.fetch }));
    t.subscriber.start();
    await until(() => t.subscriber.state === 'live', 'live');
    await publishOnBackend(queue, { n: 'in-flight' });
    await until(() => gate.arrived.includes('in-flight'), 'the event written into the poll');
    expect(await queueDepth(queue)).to.equal(0);
    t.subscriber.stop({ drain: true });
    expect(PubSubSubscriber.running).to.equal(before + 1);
    gate.release();
    await until(() => PubSubSubscriber.running === before, 'the drained poll released');
    expect(t.events.map((e) => e.envelope.FormParams.n)).to.deep.equal(['in-flight']);
    expect(t.subscriber.state).to.equal('idle');
    expect(t.errors).to.deep.equal([]);
    // No poll is left open on the service, so nothing can take what is published next.
    await untilOpenPolls(queue, 0);
    await publishOnBackend(queue, { n: 'after' });
    expect(await queueDepth(queue)).to.equal(1);
    expect(await openPolls(queue)).to.equal(0);
    expect(t.events).to.have.length(1);
  });

  it('start() during a drain carries on with the poll in flight', async () => {
    const queue = uniqueQueue('undrain');
    const gets: string[] = [];
    const spy = ((input: RequestInfo | URL, init?: RequestInit) => {
      if ((init?.method ?? 'GET') === 'GET') gets.push(String(input));
      return fetch(input, init);
    }) as typeof fetch;
    const before = PubSubSubscriber.running;
    const t = track(await subscribe(queue, { fetch: spy }));
    t.subscriber.start();
    await until(() => t.subscriber.state === 'live', 'live');
    t.subscriber.stop({ drain: true });
    t.subscriber.start();
    expect(gets).to.have.length(1);
    await publishOnBackend(queue, { n: '1' });
    await until(() => t.events.length === 1 && gets.length === 2, 'the event, then the next poll');
    expect(PubSubSubscriber.running).to.equal(before + 1);
    expect(t.subscriber.state).to.equal('live');
  });

  it('stop({ drain: true }) after a fatal error releases at once', async () => {
    const before = PubSubSubscriber.running;
    const subscriber = new PubSubSubscriber({ baseUrl: await pubsubBase(), accountSid: ACCOUNT, queue: uniqueQueue('drain-fatal'), sessionProvider: hostProvider('other') });
    running.push(subscriber);
    subscriber.start();
    await until(() => subscriber.state === 'error', 'error state');
    subscriber.start();
    expect(subscriber.state).to.equal('error');
    subscriber.stop({ drain: true });
    expect(PubSubSubscriber.running).to.equal(before);
    expect(subscriber.state).to.equal('idle');
  });

  it('counts running subscribers and releases them on stop', async () => {
    const before = PubSubSubscriber.running;
    const t = track(await subscribe(uniqueQueue('count')));
    t.subscriber.start();
    t.subscriber.start();
    expect(PubSubSubscriber.running).to.equal(before + 1);
    t.subscriber.stop();
    expect(PubSubSubscriber.running).to.equal(before);
    expect(t.subscriber.state).to.equal('idle');
  });
});
