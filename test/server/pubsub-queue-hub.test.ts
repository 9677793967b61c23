import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueueHub, RETENTION_MS } from '../../demo/server/pubsub/queue-hub.js';
import type { PubSubEnvelope } from '../../demo/server/pubsub/wire.js';

const dataDir = mkdtempSync(join(tmpdir(), 'pubsub-hub-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

const envelope = (n: number): PubSubEnvelope => ({ Hostname: 'h', AccountSid: '', Url: '/AC/q', FormParams: { n: String(n) }, Created: '2026-01-01T00:00:00.000+00:00' });

describe('QueueHub', () => {
  it('drops events once they are older than 7 days, and the drop survives a restart', () => {
    const dir = join(dataDir, 'retention');
    const hub = new QueueHub(dir);
    hub.publish('/AC/q', envelope(1));
    hub.pruneExpired(Date.now() + RETENTION_MS - 60_000);
    assert.equal(hub.depth('/AC/q'), 1, 'kept within 7 days');
    hub.pruneExpired(Date.now() + RETENTION_MS + 1);
    assert.equal(hub.depth('/AC/q'), 0);
    assert.equal(new QueueHub(dir).depth('/AC/q'), 0);
  });

  it('trims only generated events, oldest first', () => {
    const hub = new QueueHub(undefined);
    hub.publish('/AC/q', envelope(0));
    for (let n = 1; n <= 5; n += 1) hub.publish('/AC/q', envelope(n), { generated: true });
    hub.trimGenerated('/AC/q', 2);
    const left: string[] = [];
    for (let event = hub.take('/AC/q'); event; event = hub.take('/AC/q')) left.push(event.envelope.FormParams.n ?? '');
    assert.deepEqual(left, ['0', '4', '5']);
  });

  it('wakes waiters oldest first and stops once the queue is empty', () => {
    const hub = new QueueHub(undefined);
    const woken: string[] = [];
    hub.wait('/AC/q', () => {
      woken.push('first');
      hub.take('/AC/q');
    });
    const stopSecond = hub.wait('/AC/q', () => woken.push('second'));
    hub.publish('/AC/q', envelope(1));
    assert.deepEqual(woken, ['first']);
    stopSecond();
    hub.publish('/AC/other', envelope(2));
    assert.deepEqual(woken, ['first']);
  });
});
