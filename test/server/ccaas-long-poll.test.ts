import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startBackend, type Backend } from '../../demo/server/backend.js';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TokenIssuer } from '../../demo/server/auth/token-issuer.js';
import { EventWaiters } from '../../demo/server/ccaas/event-waiters.js';
import { FaultInjector } from '../../demo/server/ccaas/faults.js';
import { registerCcaasRoutes } from '../../demo/server/ccaas/routes.js';
import { CcaasService } from '../../demo/server/ccaas/service.js';
import { CcaasStore } from '../../demo/server/ccaas/store.js';
import { DEMO_CCAAS } from '../../demo/server/demo-data.js';
import { Router } from '../../demo/server/http/router.js';
import { ChatClient, hasEvent, mintToken, type WireEvent } from './ccaas-support.js';

let backend: Backend;
before(async () => {
  backend = await startBackend({ port: 0, host: '127.0.0.1', demoBots: false, reactionDelayMs: 0 });
});
after(() => backend.close());

/** A session whose chat has settled (agent joined and greeted), with the id of its last event. */
async function settledChat(user: string) {
  const client = new ChatClient(backend, await mintToken(backend, user));
  const { sessionId } = await client.createSession();
  const engagement = await client.createEngagement(sessionId);
  const events = await client.eventsUntil(sessionId, (all) => hasEvent(all, 'MESSAGE', 'AGENT'));
  return { client, sessionId, engagement, lastEventId: events.at(-1)!.eventId };
}

describe('events long-poll', () => {
  it('holds a poll with nothing new until an event arrives, then answers with just that event', async () => {
    await backend.command('ccaas', 'setPollWindow', { ms: 10_000 });
    const { client, sessionId, engagement, lastEventId } = await settledChat('poll-hold');
    let answered = false;
    const started = Date.now();
    const pending = client.poll(sessionId, lastEventId).then((events) => {
      answered = true;
      return events;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.equal(answered, false, 'the poll is still held');
    await backend.command('ccaas', 'agentSay', { engagementId: engagement.engagementId, text: 'Still there?' });
    const events = await pending;
    assert.ok(Date.now() - started < 5000, 'answered on the event, not at the end of the window');
    assert.deepEqual(events.map((e) => e.message?.body.elementText.text), ['Still there?']);
    assert.ok(events[0]!.eventId > lastEventId);
  });

  it('wakes every poll held on the same session', async () => {
    await backend.command('ccaas', 'setPollWindow', { ms: 10_000 });
    const { client, sessionId, engagement, lastEventId } = await settledChat('poll-many');
    const polls = [client.poll(sessionId, lastEventId), client.poll(sessionId, lastEventId)];
    await new Promise((resolve) => setTimeout(resolve, 100));
    await backend.command('ccaas', 'agentSay', { engagementId: engagement.engagementId, text: 'to both tabs' });
    const [a, b] = await Promise.all(polls);
    assert.equal(a!.length, 1);
    assert.deepEqual(a, b);
  });

  it('answers [] when its window passes without news', async () => {
    await backend.command('ccaas', 'setPollWindow', { ms: 300 });
    const { client, sessionId, lastEventId } = await settledChat('poll-empty');
    const started = Date.now();
    const events = await client.poll(sessionId, lastEventId);
    const waited = Date.now() - started;
    assert.deepEqual(events, []);
    assert.ok(waited >= 250 && waited < 3000, `waited ${waited} ms`);
  });

  it('answers at once, with everything, when events are already there', async () => {
    await backend.command('ccaas', 'setPollWindow', { ms: 10_000 });
    const { client, sessionId } = await settledChat('poll-backlog');
    const started = Date.now();
    const events: WireEvent[] = await client.poll(sessionId);
    assert.ok(Date.now() - started < 2000);
    assert.deepEqual(events.map((e) => e.eventType), ['ENGAGEMENT_CREATED', 'PARTICIPANT_ADDED', 'PARTICIPANT_ADDED', 'MESSAGE']);
    assert.deepEqual(events.map((e) => e.eventId), ['000000000001', '000000000002', '000000000003', '000000000004']);
  });

  it('keeps events for the next poll when a client gives up on a held one', async () => {
    await backend.command('ccaas', 'setPollWindow', { ms: 10_000 });
    const { client, sessionId, engagement, lastEventId } = await settledChat('poll-abort');
    const abort = new AbortController();
    const abandoned = client.poll(sessionId, lastEventId, abort.signal);
    await new Promise((resolve) => setTimeout(resolve, 100));
    abort.abort();
    await assert.rejects(abandoned, { name: 'AbortError' });
    await backend.command('ccaas', 'agentSay', { engagementId: engagement.engagementId, text: 'after the abort' });
    const events = await client.poll(sessionId, lastEventId);
    assert.deepEqual(events.map((e) => e.message?.body.elementText.text), ['after the abort']);
  });

  it('answers a held poll with 404 Session not found when its session ends', async () => {
    await backend.command('ccaas', 'setPollWindow', { ms: 10_000 });
    const { client, sessionId, lastEventId } = await settledChat('poll-expire');
    const held = client.call('GET', `/sessions/${sessionId}/events?lastEventId=${lastEventId}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await backend.command('ccaas', 'expireSession', { sessionId });
    const res = await held;
    assert.equal(res.status, 404);
    assert.equal((await res.json()).title, 'Session not found');
  });

  it('refuses a lastEventId it never gave out', async () => {
    const { client, sessionId } = await settledChat('poll-bad-id');
    for (const bad of ['abc', '-1', '1e3', '9'.repeat(16)]) {
      const res = await client.call('GET', `/sessions/${sessionId}/events?lastEventId=${encodeURIComponent(bad)}`);
      assert.equal(res.status, 400, bad);
      assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
    }
  });

  it('fails the next N calls on demand so clients can practise backoff', async () => {
    const { client, sessionId } = await settledChat('poll-faults');
    await backend.command('ccaas', 'failNextRequests', { count: 2, status: 503 });
    for (let i = 0; i < 2; i++) {
      const res = await client.call('GET', `/sessions/${sessionId}/events`);
      assert.equal(res.status, 503);
      assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
      assert.equal((await res.json()).status, 503);
    }
    assert.equal((await client.call('GET', `/sessions/${sessionId}/events`)).status, 200);
    await assert.rejects(backend.command('ccaas', 'failNextRequests', { count: 1, status: 200 }), /status/);
  });
});

describe('events route wiring', () => {
  it('drops the waiter of a held poll the moment its client disconnects', async () => {
    const router = new Router();
    const issuer = new TokenIssuer();
    const waiters = new EventWaiters();
    const service = new CcaasService(new CcaasStore(undefined), waiters);
    registerCcaasRoutes(router, { service, issuer, waiters, faults: new FaultInjector(), settings: { pollWindowMs: 10_000 } });
    const server = createServer((req, res) => void router.handle(req, res, new URL(req.url ?? '/', 'http://x')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { sessionId } = service.createSession('cust-wired', 'Wired', {});
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sdk/digital/chat/v1/integrations/${DEMO_CCAAS.integrationId}`;
      const headers = { authorization: `Bearer ${await issuer.issue('ccaas', 'cust-wired', 60)}`, appkey: DEMO_CCAAS.appkey };
      const abort = new AbortController();
      const poll = fetch(`${base}/sessions/${sessionId}/events`, { headers, signal: abort.signal });
      await until(() => waiters.count(sessionId) === 1);
      abort.abort();
      await assert.rejects(poll, { name: 'AbortError' });
      await until(() => waiters.count(sessionId) === 0);
    } finally {
      waiters.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

/** Waits (briefly) for a condition the server reaches asynchronously. */
async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!condition()) {
    assert.ok(Date.now() < deadline, 'condition not reached within 3 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('EventWaiters', () => {
  it('drops a waiter as soon as its client goes away', async () => {
    const waiters = new EventWaiters();
    const abort = new AbortController();
    const outcome = waiters.wait('s1', 10_000, abort.signal);
    assert.equal(waiters.count('s1'), 1);
    abort.abort();
    assert.equal(await outcome, 'aborted');
    assert.equal(waiters.count('s1'), 0);
  });

  it('wakes only the session notified, and times out the others', async () => {
    const waiters = new EventWaiters();
    const one = waiters.wait('s1', 10_000, new AbortController().signal);
    const other = waiters.wait('s2', 50, new AbortController().signal);
    waiters.notify('s1');
    assert.equal(await one, 'notified');
    assert.equal(waiters.count('s2'), 1);
    assert.equal(await other, 'timeout');
    assert.equal(waiters.count('s2'), 0);
  });

  it('answers every wait on close', async () => {
    const waiters = new EventWaiters();
    const pending = [waiters.wait('a', 10_000, new AbortController().signal), waiters.wait('b', 10_000, new AbortController().signal)];
    waiters.close();
    assert.deepEqual(await Promise.all(pending), ['timeout', 'timeout']);
  });

  it('does not park a wait whose client is already gone', async () => {
    const waiters = new EventWaiters();
    const abort = new AbortController();
    abort.abort();
    assert.equal(await waiters.wait('s1', 10_000, abort.signal), 'aborted');
    assert.equal(waiters.count('s1'), 0);
  });
});
