import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startBackend, type Backend } from '../../demo/server/backend.js';
import { ChatClient, hasEvent, mintToken, type WireEvent, type WireMessage } from './ccaas-support.js';

let backend: Backend;
before(async () => {
  backend = await startBackend({ port: 0, host: '127.0.0.1', demoBots: false, reactionDelayMs: 0 });
  // A lost event must fail a test within seconds, not hang it for the 30 s window.
  await backend.command('ccaas', 'setPollWindow', { ms: 1000 });
});
after(() => backend.close());

const texts = (events: WireEvent[]) => events.filter((e) => e.eventType === 'MESSAGE').map((e) => e.message!.body.elementText.text);

describe('ccaas chat lifecycle', () => {
  it('runs a whole chat: session, engagement, agent, messages, paging, bye, delete', async () => {
    const client = new ChatClient(backend, `jwt.${await mintToken(backend, 'life-1')}`);
    const session = await client.createSession('Dana Scully', { model: 'ABC-123' });
    assert.match(session.sessionId, /^[0-9a-f-]{36}$/);
    assert.deepEqual(session.engagements, []);

    const engagement = await client.createEngagement(session.sessionId, { availableBalance: '100' });
    assert.equal(engagement.engagementStatus, 'PENDING', 'pending until the customer is admitted');
    assert.deepEqual(engagement.participants, []);
    const listed = await client.expect<{ engagements: { engagementStatus: string; participants: { participantType: string; displayName: string }[] }[] }>(200, 'GET', `/sessions/${session.sessionId}`);
    assert.equal(listed.engagements[0]!.engagementStatus, 'ACTIVE', 'active once the customer is in');
    assert.deepEqual(listed.engagements[0]!.participants.map((p) => [p.participantType, p.displayName]).slice(0, 1), [['CUSTOMER', 'Dana Scully']]);

    const opening = await client.eventsUntil(session.sessionId, (events) => texts(events).length >= 1);
    assert.deepEqual(opening.slice(0, 4).map((e) => [e.eventType, e.participant?.participantType ?? e.message?.senderParticipant.participantType ?? null]), [
      ['ENGAGEMENT_CREATED', null],
      ['PARTICIPANT_ADDED', 'CUSTOMER'],
      ['PARTICIPANT_ADDED', 'AGENT'],
      ['MESSAGE', 'AGENT'],
    ]);
    const agentAdded = opening[2]!;
    assert.equal(agentAdded.participant!.displayName, 'Sam (Support)');
    assert.match(opening[3]!.message!.body.elementText.text, /Dana Scully/);
    assert.equal(opening[3]!.message!.body.elementText.textFormat, 'PLAINTEXT');
    for (const event of opening) {
      assert.equal(event.engagementId, engagement.engagementId);
      assert.equal(event.dialogId, engagement.dialogId);
      assert.equal(event.sessionId, session.sessionId);
      assert.ok(!Number.isNaN(Date.parse(event.eventDate)));
    }
    const ids = opening.map((e) => e.eventId);
    assert.deepEqual(ids, [...ids].sort(), 'event ids grow monotonically');
    const lastSeen = ids.at(-1)!;

    const sent = await client.send(session.sessionId, engagement, 'My order is late');
    assert.equal(sent.senderParticipant.participantType, 'CUSTOMER');
    assert.equal(sent.messageIndex, 1);
    assert.deepEqual(sent.body, { elementType: 'TEXT', elementText: { text: 'My order is late', textFormat: 'PLAINTEXT' } });

    const newer = await client.eventsUntil(session.sessionId, (events) => texts(events).length >= 2, lastSeen);
    assert.ok(newer.every((e) => e.eventId > lastSeen), 'lastEventId returns only newer events');
    assert.equal(newer[0]!.message!.messageId, sent.messageId, 'the customer sees their own message (MESSAGE_DELIVERED)');
    assert.equal(newer[1]!.message!.senderParticipant.participantType, 'AGENT');
    assert.match(newer[1]!.message!.body.elementText.text, /My order is late/);

    // Transcript: greeting, customer, reply → 3 messages; pageSize 2 pages DSC newest first.
    const first = await client.expect<{ messages: WireMessage[]; links: { next?: string; previous?: string; self: string }; totalCount: number; pageNumber: number }>(
      200,
      'GET',
      `/engagements/${engagement.engagementId}/messages?sessionId=${session.sessionId}&dialogId=${engagement.dialogId}&pageSize=2&pageNumber=1&orderBy=DSC`,
    );
    assert.equal(first.totalCount, 3);
    assert.deepEqual(first.messages.map((m) => m.messageIndex), [2, 1]);
    assert.equal(first.links.previous, undefined);
    assert.ok(first.links.next, 'a next link while older messages remain');
    const second = await fetch(first.links.next!, { headers: { authorization: `Bearer ${client.token}`, appkey: client.appkey! } });
    assert.equal(second.status, 200);
    const page2 = (await second.json()) as typeof first;
    assert.equal(page2.pageNumber, 2);
    assert.deepEqual(page2.messages.map((m) => m.messageIndex), [0]);
    assert.equal(page2.links.next, undefined, 'no next link on the last page');
    assert.ok(page2.links.previous);

    const lastBeforeBye = newer.at(-1)!.eventId;
    await client.send(session.sessionId, engagement, 'Thanks, BYE now');
    const ending = await client.eventsUntil(session.sessionId, (events) => hasEvent(events, 'PARTICIPANT_DISCONNECTED', 'CUSTOMER'), lastBeforeBye);
    assert.deepEqual(ending.map((e) => e.eventType), ['MESSAGE', 'MESSAGE', 'PARTICIPANT_DISCONNECTED', 'PARTICIPANT_DISCONNECTED']);
    assert.match(ending[1]!.message!.body.elementText.text, /Goodbye/);
    assert.equal(ending[2]!.participant!.participantType, 'AGENT');
    assert.equal(ending[3]!.participant!.participantType, 'CUSTOMER');

    const resumed = await client.expect<{ engagements: unknown[] }>(200, 'GET', `/sessions/${session.sessionId}`);
    assert.deepEqual(resumed.engagements, [], 'a terminated engagement is no longer ongoing');
    const refused = await client.call('POST', `/engagements/${engagement.engagementId}/messages`, {
      sessionId: session.sessionId,
      dialogId: engagement.dialogId,
      body: { elementType: 'TEXT', elementText: { text: 'still there?', textFormat: 'PLAINTEXT' } },
    });
    assert.equal(refused.status, 409);

    const deleted = await client.call('DELETE', `/sessions/${session.sessionId}`);
    assert.equal(deleted.status, 204);
    const gone = await client.call('GET', `/sessions/${session.sessionId}/events`);
    assert.equal(gone.status, 404);
    assert.equal((await gone.json()).title, 'Session not found');
  });

  it('answers "help"/"list" in Markdown and "link" in HTML', async () => {
    const client = new ChatClient(backend, await mintToken(backend, 'life-formats'));
    const { sessionId } = await client.createSession();
    const engagement = await client.createEngagement(sessionId);
    const opening = await client.eventsUntil(sessionId, (events) => texts(events).length >= 1);
    await client.send(sessionId, engagement, 'can you help me?');
    const help = await client.eventsUntil(sessionId, (events) => texts(events).length >= 2, opening.at(-1)!.eventId);
    assert.equal(help.at(-1)!.message!.body.elementText.textFormat, 'MARKDOWN');
    assert.match(help.at(-1)!.message!.body.elementText.text, /\*\*Orders\*\*/);
    await client.send(sessionId, engagement, 'send me a link please');
    const link = await client.eventsUntil(sessionId, (events) => texts(events).length >= 2, help.at(-1)!.eventId);
    assert.equal(link.at(-1)!.message!.body.elementText.textFormat, 'HTML');
    assert.match(link.at(-1)!.message!.body.elementText.text, /<a href="https:/);
  });

  it('keeps the customer waiting while the agent is held, and lets the agent in on release', async () => {
    await backend.command('ccaas', 'holdAgent', { hold: true });
    try {
      const client = new ChatClient(backend, await mintToken(backend, 'life-held'));
      const { sessionId } = await client.createSession();
      const engagement = await client.createEngagement(sessionId);
      const queued = await client.poll(sessionId);
      assert.deepEqual(queued.map((e) => e.eventType), ['ENGAGEMENT_CREATED', 'PARTICIPANT_ADDED']);
      assert.deepEqual(await client.poll(sessionId, queued.at(-1)!.eventId), [], 'nothing happens while held (the poll window ran out)');
      const view = await client.expect<{ engagements: { participants: unknown[] }[] }>(200, 'GET', `/sessions/${sessionId}`);
      assert.equal(view.engagements[0]!.participants.length, 1, 'only the customer is in the chat');
      await assert.rejects(backend.command('ccaas', 'agentSay', { engagementId: engagement.engagementId, text: 'hi' }), /no agent/);

      await backend.command('ccaas', 'holdAgent', { hold: false });
      const joined = await client.eventsUntil(sessionId, (events) => hasEvent(events, 'PARTICIPANT_ADDED', 'AGENT'), queued.at(-1)!.eventId);
      assert.equal(joined[0]!.participant!.displayName, 'Sam (Support)');
    } finally {
      await backend.command('ccaas', 'holdAgent', { hold: false });
    }
  });

  it('ends the chat when the customer disconnects', async () => {
    const client = new ChatClient(backend, await mintToken(backend, 'life-leave'));
    const { sessionId } = await client.createSession();
    const engagement = await client.createEngagement(sessionId);
    const opening = await client.eventsUntil(sessionId, (events) => texts(events).length >= 1);
    const ended = await client.expect<{ engagementStatus: string; participants: unknown[] }>(200, 'POST', `/engagements/${engagement.engagementId}:disconnect`, {
      sessionId,
      dialogId: engagement.dialogId,
      reason: 'USER_CLOSED',
    });
    assert.equal(ended.engagementStatus, 'TERMINATED');
    assert.deepEqual(ended.participants, []);
    const events = await client.poll(sessionId, opening.at(-1)!.eventId);
    assert.equal(events.at(-1)!.eventType, 'PARTICIPANT_DISCONNECTED');
    assert.equal(events.at(-1)!.participant!.participantType, 'CUSTOMER');
    const again = await client.call('POST', `/engagements/${engagement.engagementId}:disconnect`, { sessionId, dialogId: engagement.dialogId });
    assert.equal(again.status, 409);
  });

  it('lets the agent end the chat and speak through test controls', async () => {
    const client = new ChatClient(backend, await mintToken(backend, 'life-agent-ends'));
    const { sessionId } = await client.createSession();
    const engagement = await client.createEngagement(sessionId);
    const opening = await client.eventsUntil(sessionId, (events) => texts(events).length >= 1);
    const said = (await backend.command('ccaas', 'agentSay', { engagementId: engagement.engagementId, text: '**bold**', textFormat: 'MARKDOWN' })) as WireMessage;
    assert.equal(said.senderParticipant.participantType, 'AGENT');
    const ended = (await backend.command('ccaas', 'endEngagement', { engagementId: engagement.engagementId })) as { engagementStatus: string };
    assert.equal(ended.engagementStatus, 'TERMINATED');
    const events = await client.poll(sessionId, opening.at(-1)!.eventId);
    assert.deepEqual(events.map((e) => [e.eventType, e.participant?.participantType ?? e.message?.senderParticipant.participantType]), [
      ['MESSAGE', 'AGENT'],
      ['PARTICIPANT_DISCONNECTED', 'AGENT'],
      ['PARTICIPANT_DISCONNECTED', 'CUSTOMER'],
    ]);
  });

  it('resumes: a second session of the same user sees the ongoing chat, joins it and gets its events', async () => {
    const token = await mintToken(backend, 'life-resume');
    const client = new ChatClient(backend, token);
    const first = await client.createSession('Fox');
    const engagement = await client.createEngagement(first.sessionId);
    await client.eventsUntil(first.sessionId, (events) => texts(events).length >= 1);

    const second = await client.createSession('Fox');
    const listed = second.engagements as { engagementId: string }[];
    assert.deepEqual(listed.map((e) => e.engagementId), [engagement.engagementId]);
    const notJoined = await client.call('POST', `/engagements/${engagement.engagementId}/messages`, {
      sessionId: second.sessionId,
      dialogId: engagement.dialogId,
      body: { elementType: 'TEXT', elementText: { text: 'hello', textFormat: 'PLAINTEXT' } },
    });
    assert.equal(notJoined.status, 409, 'a session must join before it sends');

    const joined = await client.expect<{ engagementId: string }>(200, 'POST', `/engagements/${engagement.engagementId}:join`, { sessionId: second.sessionId, dialogId: engagement.dialogId });
    assert.equal(joined.engagementId, engagement.engagementId);
    const joinEvents = await client.poll(second.sessionId);
    assert.deepEqual(joinEvents.map((e) => [e.eventType, e.participant?.participantType]), [['PARTICIPANT_ADDED', 'CUSTOMER']]);
    const sent = await client.send(second.sessionId, engagement, 'from the other tab');
    const both = await client.eventsUntil(first.sessionId, (events) => events.some((e) => e.message?.messageId === sent.messageId));
    assert.ok(both.length > 0);

    const history = await client.expect<{ totalCount: number }>(200, 'GET', `/engagements/${engagement.engagementId}/messages?sessionId=${second.sessionId}&pageSize=50&orderBy=ASC`);
    assert.ok(history.totalCount >= 2);
  });

  it('keeps one user out of another user\'s sessions and engagements', async () => {
    const owner = new ChatClient(backend, await mintToken(backend, 'life-owner'));
    const intruder = new ChatClient(backend, await mintToken(backend, 'life-intruder'));
    const { sessionId } = await owner.createSession();
    const engagement = await owner.createEngagement(sessionId);
    const own = await intruder.createSession();

    assert.equal((await intruder.call('GET', `/sessions/${sessionId}`)).status, 404);
    assert.equal((await intruder.call('GET', `/sessions/${sessionId}/events`)).status, 404);
    assert.equal((await intruder.call('DELETE', `/sessions/${sessionId}`)).status, 404);
    assert.equal((await intruder.call('POST', '/engagements', { sessionId })).status, 404);
    const join = await intruder.call('POST', `/engagements/${engagement.engagementId}:join`, { sessionId: own.sessionId, dialogId: engagement.dialogId });
    assert.equal(join.status, 404);
    const read = await intruder.call('GET', `/engagements/${engagement.engagementId}/messages?sessionId=${own.sessionId}`);
    assert.equal(read.status, 404);
    assert.equal((await owner.call('GET', `/sessions/${sessionId}`)).status, 200, 'the owner is unaffected');
  });

  it('answers 404 Session not found for an expired session', async () => {
    const client = new ChatClient(backend, await mintToken(backend, 'life-expire'));
    const { sessionId } = await client.createSession();
    await backend.command('ccaas', 'expireSession', { sessionId });
    const res = await client.call('GET', `/sessions/${sessionId}`);
    assert.equal(res.status, 404);
    assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
    assert.equal((await res.json()).title, 'Session not found');
    assert.equal((await client.call('POST', '/engagements', { sessionId })).status, 404);
  });

  it('rejects unknown engagement actions and wrong dialog ids', async () => {
    const client = new ChatClient(backend, await mintToken(backend, 'life-actions'));
    const { sessionId } = await client.createSession();
    const engagement = await client.createEngagement(sessionId);
    assert.equal((await client.call('POST', `/engagements/${engagement.engagementId}:explode`, { sessionId, dialogId: engagement.dialogId })).status, 404);
    assert.equal((await client.call('POST', `/engagements/${engagement.engagementId}`, { sessionId, dialogId: engagement.dialogId })).status, 404);
    assert.equal((await client.call('POST', `/engagements/no-such-id:join`, { sessionId, dialogId: engagement.dialogId })).status, 404);
    const wrongDialog = await client.call('POST', `/engagements/${engagement.engagementId}:join`, { sessionId, dialogId: 'not-the-dialog' });
    assert.equal(wrongDialog.status, 400);
    const wrongParent = await client.call('POST', `/engagements/${engagement.engagementId}/messages`, {
      sessionId,
      dialogId: engagement.dialogId,
      parentMessageId: 'nope',
      body: { elementType: 'TEXT', elementText: { text: 'hi', textFormat: 'PLAINTEXT' } },
    });
    assert.equal(wrongParent.status, 400);
  });
});
