import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBackend, type Backend } from '../../demo/server/backend.js';
import { ChatClient, hasEvent, mintToken, type WireMessage } from './ccaas-support.js';

const dataDir = mkdtempSync(join(tmpdir(), 'ccaas-persist-'));
const open: Backend[] = [];
after(async () => {
  await Promise.all(open.map((b) => b.close()));
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<Backend> {
  const backend = await startBackend({ port: 0, host: '127.0.0.1', demoBots: false, reactionDelayMs: 0, dataDir });
  open.push(backend);
  await backend.command('ccaas', 'setPollWindow', { ms: 1000 });
  return backend;
}

async function stop(backend: Backend): Promise<void> {
  open.splice(open.indexOf(backend), 1);
  await backend.close();
}

type Page = { messages: WireMessage[]; totalCount: number };

describe('ccaas persistence', () => {
  it('keeps sessions, engagements, transcripts and event streams across a restart', async () => {
    const first = await start();
    const token = await mintToken(first, 'persist-1');
    const before = new ChatClient(first, token);
    const { sessionId } = await before.createSession('Walter');
    const engagement = await before.createEngagement(sessionId, { topic: 'billing' });
    await before.send(sessionId, engagement, 'hello');
    const beforeEvents = await before.eventsUntil(sessionId, (events) => events.filter((e) => e.message?.senderParticipant.participantType === 'AGENT').length >= 2);
    const lastEventId = beforeEvents.at(-1)!.eventId;
    const historyPath = `/engagements/${engagement.engagementId}/messages?sessionId=${sessionId}&pageSize=50&orderBy=ASC`;
    const transcript = await before.expect<Page>(200, 'GET', historyPath);
    const ended = await before.createSession('Gone');
    await before.expect(204, 'DELETE', `/sessions/${ended.sessionId}`);
    await stop(first);

    const second = await start();
    const afterRestart = new ChatClient(second, token);
    const resumed = await afterRestart.expect<{ displayName: string; engagements: { engagementId: string; engagementParameters: object; participants: { participantType: string }[] }[] }>(
      200,
      'GET',
      `/sessions/${sessionId}`,
    );
    assert.equal(resumed.displayName, 'Walter');
    assert.deepEqual(resumed.engagements.map((e) => e.engagementId), [engagement.engagementId]);
    assert.deepEqual(resumed.engagements[0]!.engagementParameters, { topic: 'billing' });
    assert.deepEqual(resumed.engagements[0]!.participants.map((p) => p.participantType).sort(), ['AGENT', 'CUSTOMER']);
    assert.deepEqual((await afterRestart.expect<Page>(200, 'GET', historyPath)).messages, transcript.messages);
    assert.deepEqual(await afterRestart.poll(sessionId), beforeEvents, 'the whole stream replays');
    assert.equal((await afterRestart.call('GET', `/sessions/${ended.sessionId}`)).status, 404, 'a deleted session stays deleted');

    const sent = await afterRestart.send(sessionId, engagement, 'still here after the restart');
    assert.equal(sent.messageIndex, transcript.totalCount, 'the transcript continues where it stopped');
    const newer = await afterRestart.eventsUntil(sessionId, (events) => events.some((e) => e.message?.senderParticipant.participantType === 'AGENT'), lastEventId);
    assert.ok(newer.every((e) => e.eventId > lastEventId), 'event ids keep growing across the restart');
    assert.match(newer.at(-1)!.message!.body.elementText.text, /still here after the restart/, 'the agent still answers');
    await stop(second);
  });

  it('gives a chat that was still queued at shutdown its agent after the restart', async () => {
    const first = await start();
    await first.command('ccaas', 'holdAgent', { hold: true });
    const token = await mintToken(first, 'persist-queued');
    const client = new ChatClient(first, token);
    const { sessionId } = await client.createSession();
    await client.createEngagement(sessionId);
    const queued = await client.poll(sessionId);
    await stop(first);

    const second = await start();
    const events = await new ChatClient(second, token).eventsUntil(sessionId, (all) => hasEvent(all, 'MESSAGE', 'AGENT'), queued.at(-1)!.eventId);
    assert.ok(hasEvent(events, 'PARTICIPANT_ADDED', 'AGENT'));
    await stop(second);
  });
});
