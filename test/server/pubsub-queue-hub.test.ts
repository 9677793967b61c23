import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueueHub, RETENTION_MS, SUBSCRIBER_IDLE_MS, type Subscription } from '../../demo/server/pubsub/queue-hub.js';
import type { PubSubEnvelope } from '../../demo/server/pubsub/wire.js';

const dataDir = mkdtempSync(join(tmpdir(), 'pubsub-hub-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

const Q = '/AC/q';
const envelope = (n: number): PubSubEnvelope => ({ Hostname: 'h', AccountSid: '', Url: Q, FormParams: { n: String(n) }, Created: '2026-01-01T00:00:00.000+00:00' });

/** A hub on a clock the test moves. */
function hubAt(start = 1_000_000, dir?: string) {
  const time = { now: start };
  return { hub: new QueueHub(dir, { now: () => time.now }), time };
}

/** Everything pending for a subscription, oldest first. */
function drain(subscription: Subscription): string[] {
  const taken: string[] = [];
  for (let event = subscription.take(); event; event = subscription.take()) taken.push(event.envelope.FormParams.n ?? '');
  return taken;
}

/** One whole poll of `id`: subscribe, take everything, end. */
function poll(hub: QueueHub, id: string): string[] {
  const subscription = hub.subscribe(Q, id, () => {});
  const taken = drain(subscription);
  subscription.end();
  return taken;
}

describe('QueueHub', () => {
  it('gives each event once to every subscriber of the queue', () => {
    const { hub } = hubAt();
    assert.deepEqual(poll(hub, 'a'), []);
    assert.deepEqual(poll(hub, 'b'), []);
    hub.publish(Q, envelope(1));
    hub.publish(Q, envelope(2));
    assert.deepEqual(poll(hub, 'a'), ['1', '2']);
    assert.deepEqual(poll(hub, 'a'), []);
    assert.deepEqual(poll(hub, 'b'), ['1', '2']);
    assert.equal(hub.depth(Q), 0);
  });

  it('keeps events for a subscriber between its polls, until it has not polled for a minute', () => {
    const { hub, time } = hubAt();
    poll(hub, 'a');
    time.now += SUBSCRIBER_IDLE_MS - 1;
    hub.publish(Q, envelope(1));
    time.now += SUBSCRIBER_IDLE_MS - 1;
    assert.deepEqual(poll(hub, 'a'), ['1'], 'still subscribed when the event came');
    time.now += SUBSCRIBER_IDLE_MS;
    assert.equal(hub.subscriberCount(Q), 0, 'lapsed after a minute without a poll');
  });

  it('wakes the polls in flight of each subscriber when an event is published for it', () => {
    const { hub } = hubAt();
    const woken: string[] = [];
    const a = hub.subscribe(Q, 'a', () => woken.push('a'));
    const b = hub.subscribe(Q, 'b', () => woken.push('b'));
    hub.publish(Q, envelope(1));
    assert.deepEqual(woken, ['a', 'b']);
    b.end();
    hub.publish('/AC/other', envelope(2));
    hub.publish(Q, envelope(3));
    assert.deepEqual(woken, ['a', 'b', 'a'], 'an ended poll is not woken, nor a poll of another queue');
    assert.deepEqual(drain(a), ['1', '3']);
  });

  it('counts the polls held open on a queue', () => {
    const { hub } = hubAt();
    const a = hub.subscribe(Q, 'a', () => {});
    const b = hub.subscribe(Q, 'b', () => {});
    hub.subscribe('/AC/other', 'a', () => {});
    assert.equal(hub.openPolls(Q), 2);
    a.end();
    a.end();
    assert.equal(hub.openPolls(Q), 1);
    b.end();
    assert.equal(hub.openPolls(Q), 0);
  });

  it('keeps events published with no subscriber for the first subscriber that polls', () => {
    const { hub } = hubAt();
    hub.publish(Q, envelope(1));
    hub.publish(Q, envelope(2));
    assert.equal(hub.depth(Q), 2);
    assert.deepEqual(poll(hub, 'first'), ['1', '2']);
    assert.deepEqual(poll(hub, 'second'), [], 'the backlog went to the first subscriber only');
    assert.equal(hub.depth(Q), 0);
  });

  it('two polls of one subscriber share its events: each reaches one of them', () => {
    const { hub } = hubAt();
    const one = hub.subscribe(Q, 'a', () => {});
    const two = hub.subscribe(Q, 'a', () => {});
    hub.publish(Q, envelope(1));
    hub.publish(Q, envelope(2));
    assert.equal(one.take()?.envelope.FormParams.n, '1');
    assert.equal(two.take()?.envelope.FormParams.n, '2');
    assert.equal(one.take(), undefined);
  });

  it('returns what a lapsed subscriber left undelivered to anyone to the backlog, in publish order', () => {
    const { hub, time } = hubAt();
    poll(hub, 'gone');
    hub.publish(Q, envelope(1));
    hub.publish(Q, envelope(2));
    time.now += SUBSCRIBER_IDLE_MS;
    assert.equal(hub.subscriberCount(Q), 0);
    assert.equal(hub.depth(Q), 2);
    hub.publish(Q, envelope(3));
    assert.deepEqual(poll(hub, 'next'), ['1', '2', '3']);
  });

  it('drops a lapsed subscriber’s copy of an event another subscriber received', () => {
    const { hub, time } = hubAt();
    poll(hub, 'gone');
    poll(hub, 'stays');
    hub.publish(Q, envelope(1));
    assert.deepEqual(poll(hub, 'stays'), ['1']);
    time.now += SUBSCRIBER_IDLE_MS;
    poll(hub, 'stays');
    assert.equal(hub.subscriberCount(Q), 1);
    assert.equal(hub.depth(Q), 0);
    assert.deepEqual(poll(hub, 'late'), []);
  });

  it('gives a subscriber that arrives what waits for others but nobody has received yet', () => {
    const { hub } = hubAt();
    poll(hub, 'between-polls');
    hub.publish(Q, envelope(1));
    assert.deepEqual(poll(hub, 'newcomer'), ['1'], 'unclaimed: nobody had received it');
    hub.publish(Q, envelope(2));
    assert.deepEqual(poll(hub, 'newcomer'), ['2']);
    assert.deepEqual(poll(hub, 'late'), [], 'received by the newcomer, so no longer unclaimed');
    assert.deepEqual(poll(hub, 'between-polls'), ['1', '2'], 'still once each for the first subscriber');
  });

  it('persists what nobody received: a restart keeps undelivered events, not delivered ones', () => {
    const dir = join(dataDir, 'restart');
    const { hub } = hubAt(1_000_000, dir);
    hub.publish(Q, envelope(1));
    assert.deepEqual(poll(hub, 'a'), ['1']);
    hub.publish(Q, envelope(2));
    const restarted = hubAt(1_000_000, dir).hub;
    assert.equal(restarted.subscriberCount(Q), 0, 'subscriptions do not survive a restart');
    assert.deepEqual(poll(restarted, 'b'), ['2'], 'only the event nobody received is kept');
  });

  it('drops events once they are older than 7 days, and the drop survives a restart', () => {
    const dir = join(dataDir, 'retention');
    const { hub } = hubAt(Date.now(), dir);
    hub.publish(Q, envelope(1));
    hub.pruneExpired(Date.now() + RETENTION_MS - 60_000);
    assert.equal(hub.depth(Q), 1, 'kept within 7 days');
    hub.pruneExpired(Date.now() + RETENTION_MS + 1);
    assert.equal(hub.depth(Q), 0);
    assert.equal(new QueueHub(dir).depth(Q), 0);
  });

  it('trims only generated events of the backlog, oldest first', () => {
    const { hub } = hubAt();
    hub.publish(Q, envelope(0));
    for (let n = 1; n <= 5; n += 1) hub.publish(Q, envelope(n), { generated: true });
    hub.trimGenerated(Q, 2);
    assert.deepEqual(poll(hub, 'a'), ['0', '4', '5']);
  });
});
