import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { get } from 'node:http';
import { startBackend, type Backend } from '../../demo/server/backend.js';
import { DEMO_PUBSUB_ACCOUNTS } from '../../demo/server/demo-data.js';

const { accountSid, authToken } = DEMO_PUBSUB_ACCOUNTS[0] as { accountSid: string; authToken: string };

interface Envelope {
  Hostname: string;
  AccountSid: string;
  Url: string;
  FormParams: Record<string, string>;
  Created: string;
}

let backend: Backend;
let base: string;
let session: string;
let queueCounter = 0;
/** A new session of the demo account: another subscriber. */
const newSession = async () =>
  (await fetch(`${base}/auth`, { headers: { authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}` } })).text();
before(async () => {
  backend = await startBackend({ port: 0, host: '127.0.0.1', demoBots: false, reactionDelayMs: 0 });
  base = `${backend.url}/pubsub`;
  session = await newSession();
});
after(() => backend.close());

/** A queue no other test uses. */
const freshQueue = (name: string) => `${name}-${++queueCounter}`;
const pollUrl = (queue: string, timeout: string, as = session) => `${base}/${accountSid}/${queue}?session=${as}&timeout=${timeout}`;
const poll = async (queue: string, timeout = '300ms', as = session): Promise<Envelope[]> => (await fetch(pollUrl(queue, timeout, as))).json();
const publish = (queue: string, params: Record<string, string>) => fetch(`${base}/${accountSid}/${queue}`, { method: 'POST', body: new URLSearchParams(params) });
const depth = (queue: string) => backend.command('pubsub', 'queueDepth', { accountSid, queue });
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('subscribe long-poll', () => {
  it('returns [] after the timeout when nothing is published', async () => {
    const started = Date.now();
    const res = await fetch(pollUrl(freshQueue('empty'), '300ms'));
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), []);
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 280 && elapsed < 2_000, `took ${elapsed} ms`);
  });

  it('answers with the seed’s headers', async () => {
    const res = await fetch(pollUrl(freshQueue('headers'), '0s'));
    assert.equal(res.headers.get('content-type'), 'application/json');
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    await res.text();
  });

  it('keeps an event published with no subscriber and hands it to the next poll', async () => {
    const queue = freshQueue('retained');
    assert.equal((await publish(queue, { Custom: '123', Param: 'abc' })).status, 200);
    assert.equal(await depth(queue), 1);
    const [event, ...rest] = await poll(queue);
    assert.deepEqual(rest, []);
    assert.deepEqual(event?.FormParams, { Custom: '123', Param: 'abc' });
    assert.equal(event?.Url, `/${accountSid}/${queue}`);
    assert.equal(await depth(queue), 0);
    assert.deepEqual(await poll(queue, '0s'), []);
  });

  it('returns an event published mid-poll well before the poll’s timeout', async () => {
    const queue = freshQueue('midpoll');
    const started = Date.now();
    const pending = poll(queue, '10s');
    await delay(100);
    await publish(queue, { Body: 'hi' });
    const events = await pending;
    assert.equal(events[0]?.FormParams.Body, 'hi');
    assert.ok(Date.now() - started < 2_000);
  });

  it('treats /SMS and /SMS/ (and doubled slashes) as one queue', async () => {
    const queue = freshQueue('slash');
    await publish(`${queue}/`, { n: '1' });
    await publish(`/${queue}//`, { n: '2' });
    const events = await poll(queue);
    assert.deepEqual(events.map((e) => e.FormParams.n), ['1', '2']);
    assert.equal(events[0]?.Url, `/${accountSid}/${queue}`);
  });

  it('keeps nested queue paths apart', async () => {
    const queue = freshQueue('node-1');
    await publish(`${queue}/critical`, { level: 'critical' });
    assert.deepEqual(await poll(queue, '0s'), []);
    assert.equal((await poll(`${queue}/critical/`))[0]?.FormParams.level, 'critical');
  });

  it('gives at most 10 events per response and the rest to the next poll', async () => {
    const queue = freshQueue('many');
    for (let i = 0; i < 13; i += 1) await publish(queue, { i: String(i) });
    const first = await poll(queue);
    assert.equal(first.length, 10);
    assert.deepEqual(first.map((e) => e.FormParams.i), ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    assert.deepEqual((await poll(queue)).map((e) => e.FormParams.i), ['10', '11', '12']);
  });

  it('streams events published inside the gathering window into the same response, chunk by chunk', async () => {
    const queue = freshQueue('stream');
    const chunks: string[] = [];
    const done = new Promise<string>((resolve, reject) => {
      get(pollUrl(queue, '5s'), (res) => {
        assert.equal(res.headers['transfer-encoding'], 'chunked');
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => chunks.push(chunk));
        res.on('end', () => resolve(chunks.join('')));
      }).on('error', reject);
    });
    await delay(100);
    await publish(queue, { n: 'first' });
    await delay(50);
    const beforeSecond = chunks.join('');
    await publish(queue, { n: 'second' });
    const body = await done;
    const events = JSON.parse(body) as Envelope[];
    assert.deepEqual(events.map((e) => e.FormParams.n), ['first', 'second']);
    assert.ok(chunks.length >= 2, `body arrived in ${chunks.length} chunk(s)`);
    assert.match(beforeSecond, /^\[\n\{.*"first"/s, 'the list and the first event arrive before the second is published');
  });

  it('does not lose events when the client disconnects mid-poll', async () => {
    const queue = freshQueue('disconnect');
    const controller = new AbortController();
    const aborted = fetch(pollUrl(queue, '10s'), { signal: controller.signal }).catch((error: Error) => error.name);
    await delay(100);
    controller.abort();
    assert.equal(await aborted, 'AbortError');
    await delay(50);
    await publish(queue, { n: 'after-abort' });
    assert.equal(await depth(queue), 1);
    assert.equal((await poll(queue))[0]?.FormParams.n, 'after-abort');
  });

  it('leaves events in the queue when the client goes away inside the gathering window', async () => {
    const queue = freshQueue('gather-abort');
    const firstChunk = new Promise<void>((resolve, reject) => {
      const req = get(pollUrl(queue, '5s'), (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
    });
    await delay(100);
    await publish(queue, { n: 'delivered' });
    await firstChunk;
    await delay(50);
    await publish(queue, { n: 'kept' });
    assert.deepEqual((await poll(queue)).map((e) => e.FormParams.n), ['kept']);
  });

  it('gives each event once to each of two sessions polling the queue', async () => {
    const queue = freshQueue('fan-out');
    const other = await newSession();
    const rounds = async (as: string) => {
      const received: string[] = [];
      for (let round = 0; round < 4; round += 1) {
        for (const event of await poll(queue, '400ms', as)) received.push(event.FormParams.n ?? '');
      }
      return received;
    };
    // Both sessions subscribe (an empty poll each) before anything is published.
    await Promise.all([poll(queue, '0s'), poll(queue, '0s', other)]);
    assert.equal(await backend.command('pubsub', 'subscribers', { accountSid, queue }), 2);
    const both = Promise.all([rounds(session), rounds(other)]);
    for (let n = 0; n < 12; n += 1) {
      await publish(queue, { n: String(n) });
      await delay(20);
    }
    const [first, second] = await both;
    const all = Array.from({ length: 12 }, (_, n) => String(n));
    const rest = async (as: string) => (await poll(queue, '0s', as)).map((event) => event.FormParams.n ?? '');
    assert.deepEqual([...(first ?? []), ...(await rest(session))], all);
    assert.deepEqual([...(second ?? []), ...(await rest(other))], all);
    assert.equal(await depth(queue), 0);
  });

  it('keeps an event published while a subscriber is between polls for its next poll', async () => {
    const queue = freshQueue('between-polls');
    const other = await newSession();
    assert.deepEqual(await poll(queue, '0s'), []);
    assert.deepEqual(await poll(queue, '0s', other), []);
    // Neither session has a poll open now.
    await publish(queue, { n: 'between' });
    assert.equal(await depth(queue), 1);
    assert.deepEqual((await poll(queue, '0s')).map((event) => event.FormParams.n), ['between']);
    assert.deepEqual((await poll(queue, '0s', other)).map((event) => event.FormParams.n), ['between']);
    assert.equal(await depth(queue), 0);
  });

  it('gives a session that subscribes after a publish only what comes next, once the backlog was claimed', async () => {
    const queue = freshQueue('late');
    await publish(queue, { n: 'retained' });
    assert.deepEqual((await poll(queue, '0s')).map((event) => event.FormParams.n), ['retained']);
    const late = await newSession();
    assert.deepEqual(await poll(queue, '0s', late), []);
    await publish(queue, { n: 'next' });
    assert.deepEqual((await poll(queue, '0s', late)).map((event) => event.FormParams.n), ['next']);
    assert.deepEqual((await poll(queue, '0s')).map((event) => event.FormParams.n), ['next']);
  });

  it('treats two polls with one session as one subscriber: each event reaches one of them', async () => {
    const queue = freshQueue('same-session');
    const received: string[] = [];
    const poller = async () => {
      for (let round = 0; round < 4; round += 1) {
        for (const event of await poll(queue, '400ms')) received.push(event.FormParams.n ?? '');
      }
    };
    const both = Promise.all([poller(), poller()]);
    for (let n = 0; n < 12; n += 1) {
      await publish(queue, { n: String(n) });
      await delay(20);
    }
    await both;
    received.push(...(await poll(queue, '0s')).map((event) => event.FormParams.n ?? ''));
    assert.deepEqual([...received].sort((a, b) => Number(a) - Number(b)), Array.from({ length: 12 }, (_, n) => String(n)));
  });

  it('does not consume events on HEAD', async () => {
    const queue = freshQueue('head');
    await publish(queue, { n: '1' });
    const res = await fetch(pollUrl(queue, '5s'), { method: 'HEAD' });
    assert.equal(res.status, 200);
    assert.equal(await depth(queue), 1);
  });

  for (const timeout of ['abc', '-1s', '5d', '1e3']) {
    it(`refuses timeout=${timeout} with 400`, async () => {
      const res = await fetch(pollUrl(freshQueue('bad-timeout'), timeout));
      assert.equal(res.status, 400);
      assert.match((await res.json()).detail, /timeout/);
    });
  }

  it('caps long timeouts (setPollCap lowers the cap for tests)', async () => {
    assert.equal(await backend.command('pubsub', 'setPollCap', { ms: 200 }), 200);
    try {
      const started = Date.now();
      assert.deepEqual(await poll(freshQueue('capped'), '2m'), []);
      assert.ok(Date.now() - started < 1_500);
    } finally {
      assert.equal(await backend.command('pubsub', 'setPollCap', { ms: null }), 60_000);
    }
  });

  it('refuses a poll without a queue name', async () => {
    const res = await fetch(`${base}/${accountSid}/?session=${session}&timeout=0s`);
    assert.equal(res.status, 400);
  });
});
