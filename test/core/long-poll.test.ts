import { expect } from '@open-wc/testing';
import { RetryAbandonedError } from '../../src/core/backoff.js';
import { ManualClock, settle } from '../../src/core/clock.js';
import { LongPoll, type LongPollEvents, type LongPollOptions, PollError } from '../../src/core/long-poll.js';
import { backendUrl } from '../support/backend.js';

interface Ev {
  id: string;
  n?: number;
}

/** A fetch call the test answers by hand. */
interface PendingCall {
  url: string;
  init: RequestInit | undefined;
  signal: AbortSignal;
  respond(response: Response): void;
  fail(error: unknown): void;
}

/** A fake fetch that parks every call until the test answers it; aborting rejects like a real fetch. */
class FakeFetch {
  readonly calls: PendingCall[] = [];

  readonly fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
    new Promise<Response>((resolve, reject) => {
      const signal = init!.signal!;
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      this.calls.push({ url: String(input), init, signal, respond: resolve, fail: reject });
    })) as typeof fetch;

  /** The newest call. */
  get last(): PendingCall {
    const call = this.calls.at(-1);
    if (!call) throw new Error('no fetch call yet');
    return call;
  }
}

/** A streamed response body the test writes into chunk by chunk. */
function streamed(status = 200): { response: Response; write(text: string): void; close(): void } {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => (controller = c) });
  const encoder = new TextEncoder();
  return {
    response: new Response(body, { status, headers: { 'content-type': 'application/json' } }),
    write: (text) => controller.enqueue(encoder.encode(text)),
    close: () => controller.close(),
  };
}

/**
 * A response whose body is a stream the test already filled: reading it settles in microtasks,
 * whereas a string body makes Firefox wait for a task.
 */
function text(body: string, status = 200): Response {
  const bytes = new TextEncoder().encode(body);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      if (bytes.length > 0) controller.enqueue(bytes);
      controller.close();
    },
  });
  return new Response(stream, { status, headers: { 'content-type': 'application/json' } });
}

function json(value: unknown, status = 200): Response {
  return text(JSON.stringify(value), status);
}

const parseEv = (value: unknown): Ev | undefined =>
  value && typeof value === 'object' && typeof (value as Ev).id === 'string' ? (value as Ev) : undefined;

/** A poller on a manual clock with a fake fetch, recording everything it emits. */
function harness(overrides: Partial<LongPollOptions<Ev>> = {}) {
  const clock = new ManualClock(0);
  const fake = new FakeFetch();
  const cursors: (string | undefined)[] = [];
  const poll = new LongPoll<Ev>({
    clock,
    fetch: fake.fetch,
    request: (cursor) => {
      cursors.push(cursor);
      return { url: `https://poll.test/events${cursor ? `?lastEventId=${cursor}` : ''}` };
    },
    requestTimeoutMs: 40_000,
    parse: parseEv,
    idOf: (e) => e.id,
    cursorOf: (e) => e.id,
    backoff: { baseMs: 1000, jitterMs: 0 },
    ...overrides,
  });
  const events: Ev[] = [];
  const states: string[] = [];
  const failures: LongPollEvents<Ev>['failure'][] = [];
  const stopped: LongPollEvents<Ev>['stopped'][] = [];
  const paused: LongPollEvents<Ev>['paused'][] = [];
  poll.on('event', (e) => events.push(e.detail));
  poll.on('state', (e) => states.push(e.detail.state));
  poll.on('failure', (e) => failures.push(e.detail));
  poll.on('stopped', (e) => stopped.push(e.detail));
  poll.on('paused', (e) => paused.push(e.detail));
  return { clock, fake, poll, cursors, events, states, failures, stopped, paused };
}

/** Replaces console.warn while `run` runs and returns what was warned. */
async function capturingWarnings(run: () => Promise<void>): Promise<unknown[][]> {
  const original = console.warn;
  const warnings: unknown[][] = [];
  console.warn = (...args: unknown[]) => warnings.push(args);
  try {
    await run();
  } finally {
    console.warn = original;
  }
  return warnings;
}

describe('LongPoll', () => {
  it('delivers each element of a streamed response as soon as it arrives, before the stream ends', async () => {
    const h = harness();
    h.poll.start();
    await settle();
    const body = streamed();
    h.fake.last.respond(body.response);
    await settle();
    expect(h.poll.state).to.equal('connected');
    body.write('[{"id":"a","n":1}');
    await settle();
    expect(h.events).to.deep.equal([{ id: 'a', n: 1 }]);
    body.write(',{"id":"b"');
    await settle();
    expect(h.events).to.have.length(1);
    body.write(',"n":2}, {"id":"c"}');
    await settle();
    expect(h.events.map((e) => e.id)).to.deep.equal(['a', 'b', 'c']);
    expect(h.fake.calls).to.have.length(1);
    body.write(']');
    body.close();
    await settle();
    expect(h.events.map((e) => e.id)).to.deep.equal(['a', 'b', 'c']);
    expect(h.fake.calls).to.have.length(2);
    h.poll.stop();
  });

  it('decodes UTF-8 characters split across chunks', async () => {
    const h = harness();
    h.poll.start();
    await settle();
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    h.fake.last.respond(new Response(new ReadableStream<Uint8Array>({ start: (c) => (controller = c) })));
    const bytes = new TextEncoder().encode('[{"id":"caf\u00e9 \u2603"}]');
    for (const byte of bytes) controller.enqueue(Uint8Array.of(byte));
    controller.close();
    await settle(60);
    expect(h.events).to.deep.equal([{ id: 'caf\u00e9 \u2603' }]);
    h.poll.stop();
  });

  it('reads the whole text when the response has no body stream', async () => {
    const h = harness();
    h.poll.start();
    await settle();
    const noStream = { ok: true, status: 200, body: null, text: async () => '[{"id":"x"},{"id":"y"}]' } as unknown as Response;
    h.fake.last.respond(noStream);
    await settle();
    expect(h.events.map((e) => e.id)).to.deep.equal(['x', 'y']);
    h.poll.stop();
  });

  it('reads the whole text first when streaming is off', async () => {
    const h = harness({ streaming: false });
    h.poll.start();
    await settle();
    const body = streamed();
    h.fake.last.respond(body.response);
    body.write('[{"id":"a"},');
    await settle();
    expect(h.events).to.deep.equal([]);
    body.write('{"id":"b"}]');
    body.close();
    await settle();
    expect(h.events.map((e) => e.id)).to.deep.equal(['a', 'b']);
    h.poll.stop();
  });

  it('passes the cursor of the last event to the next request', async () => {
    const h = harness();
    h.poll.cursor = 'e0';
    h.poll.start();
    await settle();
    h.fake.last.respond(json([{ id: 'e1' }, { id: 'e2' }]));
    await settle();
    h.fake.last.respond(json([]));
    await settle();
    h.fake.last.respond(json([{ id: 'e3' }]));
    await settle();
    expect(h.cursors).to.deep.equal(['e0', 'e2', 'e2', 'e3']);
    expect(h.fake.last.url).to.equal('https://poll.test/events?lastEventId=e3');
    expect(h.poll.cursor).to.equal('e3');
    h.poll.stop();
  });

  it('drops events whose id was already delivered, within and across responses', async () => {
    const h = harness({ cursorOf: undefined });
    h.poll.start();
    await settle();
    h.fake.last.respond(json([{ id: 'a' }, { id: 'b' }, { id: 'a' }]));
    await settle();
    h.fake.last.respond(json([{ id: 'b' }, { id: 'c' }]));
    await settle();
    expect(h.events.map((e) => e.id)).to.deep.equal(['a', 'b', 'c']);
    h.poll.stop();
  });

  it('drops invalid and malformed elements with one warning each and keeps polling', async () => {
    const h = harness();
    const warnings = await capturingWarnings(async () => {
      h.poll.start();
      await settle();
      const body = streamed();
      h.fake.last.respond(body.response);
      // The malformed element arrives one byte at a time: still a single warning.
      for (const c of '[{"id":"a"}, {"nope":"secret text"}, {"id": "secret" broken}, 42, {"id":"b"}]') body.write(c);
      body.close();
      await settle(80);
    });
    expect(h.events.map((e) => e.id)).to.deep.equal(['a', 'b']);
    expect(warnings).to.have.length(3);
    // Only a description: event content (people's messages) never reaches the console.
    const logged = warnings.map((args) => args.map(String).join(' '));
    expect(logged.join('\n')).not.to.contain('secret');
    expect(logged).to.deep.equal([
      '[avaya-chat-elements] dropped an event that failed validation (an object of 22 characters)',
      '[avaya-chat-elements] dropped a malformed event (23 characters)',
      '[avaya-chat-elements] dropped an event that failed validation (a number of 2 characters)',
    ]);
    expect(h.failures).to.deep.equal([]);
    expect(h.fake.calls).to.have.length(2);
    h.poll.stop();
  });

  it('drops an element whose parse throws, with one warning', async () => {
    const h = harness({
      parse: (v) => {
        if ((v as Ev).id === 'bad') throw new Error('boom');
        return parseEv(v);
      },
    });
    const warnings = await capturingWarnings(async () => {
      h.poll.start();
      await settle();
      h.fake.last.respond(json([{ id: 'bad' }, { id: 'ok' }]));
      await settle();
    });
    expect(h.events.map((e) => e.id)).to.deep.equal(['ok']);
    expect(warnings).to.have.length(1);
    h.poll.stop();
  });

  it('treats 204 No Content as an empty answer', async () => {
    const h = harness();
    h.poll.start();
    await settle();
    h.fake.last.respond(new Response(null, { status: 204 }));
    await settle();
    expect(h.failures).to.deep.equal([]);
    expect(h.fake.calls).to.have.length(2);
    h.poll.stop();
  });

  const retried: [string, () => Response | Error, string, number | undefined][] = [
    ['400', () => json({ title: 'Bad Request' }, 400), 'client-error', 400],
    ['422', () => json({}, 422), 'client-error', 422],
    ['500', () => text('oops', 500), 'server-error', 500],
    ['503', () => json({}, 503), 'server-error', 503],
    ['a fetch rejection', () => new TypeError('Failed to fetch'), 'network', undefined],
    ['an object body', () => json({ id: 'a' }), 'bad-response', 200],
    ['an HTML body', () => text('<html>gateway</html>'), 'bad-response', 200],
    ['an empty body', () => text(''), 'bad-response', 200],
    ['a truncated array', () => text('[{"id":"a"}'), 'bad-response', 200],
  ];
  for (const [label, answer, kind, status] of retried) {
    it(`classifies ${label} as ${kind} and retries after the backoff`, async () => {
      const h = harness();
      h.poll.start();
      await settle();
      const reply = answer();
      if (reply instanceof Error) h.fake.last.fail(reply);
      else h.fake.last.respond(reply);
      await settle();
      expect(h.failures).to.have.length(1);
      const { error, willRetry, retryInMs } = h.failures[0]!;
      expect(error).to.be.instanceOf(PollError);
      expect(error.kind).to.equal(kind);
      expect(error.status).to.equal(status);
      expect(willRetry).to.equal(true);
      expect(retryInMs).to.equal(1000);
      expect(h.poll.state).to.equal('retrying');
      await h.clock.advance(999);
      expect(h.fake.calls).to.have.length(1);
      await h.clock.advance(1);
      expect(h.fake.calls).to.have.length(2);
      expect(h.poll.state).to.equal('connecting');
      h.poll.stop();
    });
  }

  it('puts the problem+json detail in the error message', async () => {
    const h = harness();
    h.poll.start();
    await settle();
    h.fake.last.respond(json({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'Session not found' }, 404));
    await settle();
    expect(h.failures[0]!.error.message).to.equal('HTTP 404: Session not found');
  });

  for (const [status, kind] of [
    [401, 'unauthorized'],
    [403, 'forbidden'],
  ] as const) {
    it(`pauses on ${status} (${kind}) until resume(), then polls with a fresh backoff`, async () => {
      const h = harness();
      h.poll.start();
      await settle();
      h.fake.last.respond(json({ title: 'no' }, status));
      await settle();
      expect(h.failures.map((f) => [f.error.kind, f.willRetry])).to.deep.equal([[kind, false]]);
      expect(h.paused[0]!.error.status).to.equal(status);
      expect(h.poll.state).to.equal('paused');
      await h.clock.advance(600_000);
      expect(h.fake.calls).to.have.length(1);
      h.poll.resume();
      await settle();
      expect(h.fake.calls).to.have.length(2);
      expect(h.poll.state).to.equal('connecting');
      h.fake.last.respond(json([], 500));
      await settle();
      expect(h.failures[1]!.retryInMs).to.equal(1000);
      h.poll.stop();
    });
  }

  it('stops for good on 404 (not-found)', async () => {
    const h = harness();
    h.poll.start();
    await settle();
    h.fake.last.respond(json({ detail: 'Session not found' }, 404));
    await settle();
    expect(h.poll.state).to.equal('stopped');
    expect(h.stopped).to.have.length(1);
    expect(h.stopped[0]!.reason).to.equal('fatal');
    expect((h.stopped[0]!.error as PollError).kind).to.equal('not-found');
    h.poll.resume();
    await h.clock.advance(600_000);
    expect(h.fake.calls).to.have.length(1);
  });

  it('honours custom pauseOn and stopOn lists', async () => {
    const h = harness({ pauseOn: ['server-error'], stopOn: ['unauthorized'] });
    h.poll.start();
    await settle();
    h.fake.last.respond(json({}, 502));
    await settle();
    expect(h.poll.state).to.equal('paused');
    h.poll.resume();
    await settle();
    h.fake.last.respond(json({}, 401));
    await settle();
    expect(h.poll.state).to.equal('stopped');
    expect(h.stopped[0]!.reason).to.equal('fatal');
  });

  it('aborts a hung request at the request timeout and classifies it as timeout', async () => {
    const h = harness({ requestTimeoutMs: 40_000 });
    h.poll.start();
    await settle();
    const first = h.fake.last;
    await h.clock.advance(39_999);
    expect(first.signal.aborted).to.equal(false);
    await h.clock.advance(1);
    expect(first.signal.aborted).to.equal(true);
    expect(h.failures[0]!.error.kind).to.equal('timeout');
    expect(h.failures[0]!.willRetry).to.equal(true);
    await h.clock.advance(1000);
    expect(h.fake.calls).to.have.length(2);
    h.poll.stop();
  });

  it('times out a body that stalls mid-stream, keeping the events already delivered', async () => {
    const h = harness({ requestTimeoutMs: 5000 });
    h.poll.start();
    await settle();
    const body = streamed();
    h.fake.last.respond(body.response);
    body.write('[{"id":"a"},');
    await h.clock.advance(4999);
    expect(h.events.map((e) => e.id)).to.deep.equal(['a']);
    expect(h.failures).to.deep.equal([]);
    await h.clock.advance(1);
    expect(h.failures.map((f) => f.error.kind)).to.deep.equal(['timeout']);
    expect(h.cursors).to.deep.equal([undefined]);
    await h.clock.advance(1000);
    expect(h.cursors).to.deep.equal([undefined, 'a']);
    h.poll.stop();
  });

  it('waits 1, 1, 2, 3, 5, 8 × base between failed attempts (Fibonacci on the clock)', async () => {
    const h = harness();
    const attemptsAt: number[] = [];
    h.poll.start();
    for (let i = 0; i < 7; i += 1) {
      await settle();
      attemptsAt.push(h.clock.now());
      h.fake.last.respond(json({}, 503));
      await settle();
      await h.clock.advance(h.failures.at(-1)!.retryInMs!);
    }
    expect(attemptsAt).to.deep.equal([0, 1000, 2000, 4000, 7000, 12_000, 20_000]);
    expect(h.failures.map((f) => f.retryInMs)).to.deep.equal([1000, 1000, 2000, 3000, 5000, 8000, 13_000]);
    h.poll.stop();
  });

  it('caps the delay at maxMs and adds jitter from the random source', async () => {
    const h = harness({ backoff: { baseMs: 1000, maxMs: 2000, jitterMs: 1000, random: () => 0.25 } });
    h.poll.start();
    for (let i = 0; i < 4; i += 1) {
      await settle();
      h.fake.last.respond(json({}, 500));
      await settle();
      await h.clock.advance(h.failures.at(-1)!.retryInMs!);
    }
    expect(h.failures.map((f) => f.retryInMs)).to.deep.equal([1250, 1250, 2250, 2250]);
    h.poll.stop();
  });

  it('resets the backoff after a success', async () => {
    const h = harness();
    h.poll.start();
    const fail = async () => {
      await settle();
      h.fake.last.respond(json({}, 500));
      await settle();
      await h.clock.advance(h.failures.at(-1)!.retryInMs!);
    };
    await fail();
    await fail();
    await fail();
    await settle();
    h.fake.last.respond(json([]));
    await fail();
    expect(h.failures.map((f) => f.retryInMs)).to.deep.equal([1000, 1000, 2000, 1000]);
    h.poll.stop();
  });

  it('gives up exactly at the reconnection deadline with the RetryAbandonedError', async () => {
    const h = harness({ backoff: { baseMs: 1000, jitterMs: 0, deadlineMs: 10_000 } });
    h.poll.start();
    const attemptsAt: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      await settle();
      attemptsAt.push(h.clock.now());
      h.fake.last.fail(new TypeError('Failed to fetch'));
      await settle();
      if (i < 4) await h.clock.advance(h.failures.at(-1)!.retryInMs!);
    }
    expect(attemptsAt).to.deep.equal([0, 1000, 2000, 4000, 7000]);
    // The fifth wait would end past the deadline: no retry is promised.
    expect(h.failures.map((f) => f.willRetry)).to.deep.equal([true, true, true, true, false]);
    await h.clock.advance(2999);
    expect(h.stopped).to.deep.equal([]);
    await h.clock.advance(1);
    expect(h.clock.now()).to.equal(10_000);
    expect(h.poll.state).to.equal('stopped');
    expect(h.stopped).to.have.length(1);
    expect(h.stopped[0]!.reason).to.equal('gave-up');
    expect(h.stopped[0]!.error).to.be.instanceOf(RetryAbandonedError);
    expect((h.stopped[0]!.error as RetryAbandonedError).reason).to.equal('deadline');
    await h.clock.advance(60_000);
    expect(h.fake.calls).to.have.length(5);
  });

  it('stop() aborts the request in flight at once and polls no more', async () => {
    const h = harness();
    h.poll.start();
    await settle();
    const call = h.fake.last;
    h.poll.stop();
    expect(call.signal.aborted).to.equal(true);
    expect(h.poll.state).to.equal('stopped');
    expect(h.stopped).to.deep.equal([{ reason: 'requested' }]);
    await h.clock.advance(600_000);
    expect(h.fake.calls).to.have.length(1);
    expect(h.failures).to.deep.equal([]);
    expect(h.clock.pending).to.equal(0);
  });

  it('stop() from an event listener delivers nothing more from that response', async () => {
    const h = harness();
    h.poll.on('event', (e) => {
      if (e.detail.id === 'b') h.poll.stop();
    });
    h.poll.start();
    await settle();
    h.fake.last.respond(json([{ id: 'a' }, { id: 'b' }, { id: 'c' }]));
    await settle();
    expect(h.events.map((e) => e.id)).to.deep.equal(['a', 'b']);
    expect(h.fake.calls).to.have.length(1);
  });

  it('stop({ drain: true }) lets the response in flight end, delivering what arrives in it, then polls no more', async () => {
    const h = harness();
    h.poll.start();
    await settle();
    const call = h.fake.last;
    const body = streamed();
    call.respond(body.response);
    body.write('[{"id":"a"}');
    await settle();
    h.poll.stop({ drain: true });
    expect(call.signal.aborted).to.equal(false);
    expect(h.stopped).to.deep.equal([]);
    body.write(',{"id":"b"}]');
    body.close();
    await settle();
    expect(h.events.map((e) => e.id)).to.deep.equal(['a', 'b']);
    expect(h.poll.state).to.equal('stopped');
    expect(h.stopped).to.deep.equal([{ reason: 'requested' }]);
    await h.clock.advance(600_000);
    expect(h.fake.calls).to.have.length(1);
    expect(h.clock.pending).to.equal(0);
  });

  it('stop({ drain: true }) waits for a request sent but not yet answered, and reports no failure of it', async () => {
    const h = harness();
    h.poll.start();
    await settle();
    h.poll.stop({ drain: true });
    expect(h.fake.last.signal.aborted).to.equal(false);
    h.fake.last.respond(json({}, 401));
    await settle();
    expect(h.poll.state).to.equal('stopped');
    expect(h.failures).to.deep.equal([]);
    expect(h.paused).to.deep.equal([]);
    expect(h.fake.calls).to.have.length(1);
  });

  it('stop({ drain: true }) with nothing in flight stops at once', async () => {
    const h = harness();
    h.poll.start();
    await settle();
    h.fake.last.respond(json({}, 500));
    await settle();
    h.poll.stop({ drain: true });
    expect(h.poll.state).to.equal('stopped');
    expect(h.stopped).to.deep.equal([{ reason: 'requested' }]);
    await h.clock.advance(60_000);
    expect(h.fake.calls).to.have.length(1);
  });

  it('stop({ drain: true }) while paused after a 401 stops at once', async () => {
    const h = harness();
    h.poll.start();
    await settle();
    h.fake.last.respond(json({}, 401));
    await settle();
    expect(h.poll.state).to.equal('paused');
    h.poll.stop({ drain: true });
    expect(h.poll.state).to.equal('stopped');
    expect(h.stopped).to.deep.equal([{ reason: 'requested' }]);
  });

  it('start() during a drain carries on polling; stop() during a drain aborts at once', async () => {
    const h = harness();
    h.poll.start();
    await settle();
    h.poll.stop({ drain: true });
    h.poll.start();
    h.fake.last.respond(json([{ id: 'a' }]));
    await settle();
    expect(h.events.map((e) => e.id)).to.deep.equal(['a']);
    expect(h.fake.calls).to.have.length(2);
    expect(h.stopped).to.deep.equal([]);
    h.poll.stop({ drain: true });
    const call = h.fake.last;
    h.poll.stop();
    expect(call.signal.aborted).to.equal(true);
    expect(h.stopped).to.deep.equal([{ reason: 'requested' }]);
  });

  it('stop() during a backoff wait cancels the retry', async () => {
    const h = harness();
    h.poll.start();
    await settle();
    h.fake.last.respond(json({}, 500));
    await settle();
    h.poll.stop();
    await h.clock.advance(60_000);
    expect(h.fake.calls).to.have.length(1);
    expect(h.clock.pending).to.equal(0);
  });

  it('pollNow() skips the backoff wait', async () => {
    const h = harness();
    h.poll.start();
    await settle();
    h.fake.last.respond(json({}, 500));
    await settle();
    h.poll.pollNow();
    await settle();
    expect(h.fake.calls).to.have.length(2);
    expect(h.clock.now()).to.equal(0);
    h.poll.stop();
  });

  it('waits minIntervalMs between successful polls', async () => {
    const h = harness({ minIntervalMs: 2000 });
    h.poll.start();
    await settle();
    h.fake.last.respond(json([]));
    await h.clock.advance(1999);
    expect(h.fake.calls).to.have.length(1);
    await h.clock.advance(1);
    expect(h.fake.calls).to.have.length(2);
    h.poll.stop();
  });

  it('goes connecting → connected → retrying → connecting → connected → stopped', async () => {
    const h = harness();
    h.poll.start();
    await settle();
    h.fake.last.respond(json([]));
    await settle();
    h.fake.last.respond(json({}, 500));
    await settle();
    await h.clock.advance(1000);
    h.fake.last.respond(json([{ id: 'a' }]));
    await settle();
    h.poll.stop();
    expect(h.states).to.deep.equal(['connecting', 'connected', 'retrying', 'connecting', 'connected', 'stopped']);
  });

  it('can start again after stop, keeping its cursor', async () => {
    const h = harness();
    h.poll.start();
    await settle();
    h.fake.last.respond(json([{ id: 'k' }]));
    await settle();
    h.poll.stop();
    h.poll.start();
    await settle();
    expect(h.cursors.at(-1)).to.equal('k');
    expect(h.poll.state).to.equal('connecting');
    h.poll.stop();
  });

  it('treats a failing request builder as a retried client-error', async () => {
    let calls = 0;
    const h = harness({
      request: () => {
        calls += 1;
        if (calls === 1) throw new Error('token provider failed');
        return { url: 'https://poll.test/events' };
      },
    });
    h.poll.start();
    await settle();
    expect(h.failures[0]!.error.kind).to.equal('client-error');
    expect(h.failures[0]!.error.message).to.contain('token provider failed');
    await h.clock.advance(1000);
    expect(h.fake.calls).to.have.length(1);
    h.poll.stop();
  });

  it('passes the request init through and supplies its own abort signal', async () => {
    const h = harness({ request: () => ({ url: 'https://poll.test/e', init: { headers: { authorization: 'Bearer t' } } }) });
    h.poll.start();
    await settle();
    expect(new Headers(h.fake.last.init!.headers).get('authorization')).to.equal('Bearer t');
    expect(h.fake.last.signal).to.be.instanceOf(AbortSignal);
    h.poll.stop();
  });

  it('polls a real streamed PubSub queue on the local backend', async () => {
    const base = await backendUrl();
    const account = 'AC948550ad81934a1a9bcd33b689c0c236';
    const auth = await fetch(`${base}/pubsub/auth`, { headers: { authorization: `Basic ${btoa(`${account}:demo-auth-token-5c2e9a`)}` } });
    expect(auth.status).to.equal(200);
    const session = await auth.text();
    const queue = `long-poll-test-${Date.now()}`;
    for (const text of ['one', 'two']) {
      const published = await fetch(`${base}/pubsub/${account}/${queue}/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ Body: text }) });
      expect(published.status).to.equal(200);
    }
    type Envelope = { FormParams: { Body?: string } };
    const received: string[] = [];
    const poll = new LongPoll<Envelope>({
      clock: new ManualClock(0),
      request: () => ({ url: `${base}/pubsub/${account}/${queue}/?session=${encodeURIComponent(session)}&timeout=1s` }),
      requestTimeoutMs: 10_000,
      parse: (v) => (v && typeof v === 'object' && 'FormParams' in v ? (v as Envelope) : undefined),
    });
    await new Promise<void>((resolve, reject) => {
      poll.on('event', (e) => {
        received.push(e.detail.FormParams.Body ?? '');
        if (received.length === 2) resolve();
      });
      poll.on('failure', (e) => reject(e.detail.error));
      poll.start();
    });
    poll.stop();
    expect(received).to.deep.equal(['one', 'two']);
  });
});
