import { expect } from '@open-wc/testing';
import { backendCommand, until } from '../support/backend.js';
import { createChatSdk } from '../../src/ccaas/index.js';
import { ChatSdkError, ErrorCode } from '../../src/ccaas/errors.js';
import type { ChatSdk } from '../../src/ccaas/index.js';
import { MemoryStorage, initParams, record, typesOf, waitForEvent } from './support.js';

describe('ccaas engine: full lifecycle against the backend', () => {
  const sdks: ChatSdk[] = [];
  const track = (sdk: ChatSdk) => (sdks.push(sdk), sdk);

  before(async () => {
    await backendCommand('ccaas', 'setAgentDelays', { joinMs: 0, replyMs: 0 });
    await backendCommand('ccaas', 'holdAgent', { hold: false });
  });
  afterEach(() => {
    for (const sdk of sdks.splice(0)) sdk.close();
  });

  it('runs init → engagement → agent joins → messages both ways → delivered → paging → disconnect → shutdown', async () => {
    const sdk = track(createChatSdk());
    const log = record(sdk);
    const { user: _user, ...params } = await initParams();
    const context = await sdk.init(params, { storage: new MemoryStorage() });
    expect(context.displayName).to.equal('Test Customer');
    expect(context.engagements).to.deep.equal([]);
    expect(typesOf(log)[0]).to.equal('INITIALIZED');
    expect(sdk.sessionId).to.be.a('string');

    const engagement = await sdk.createEngagement({ topic: 'billing' });
    expect(sdk.getEngagementById(engagement.engagementId)).to.equal(engagement);
    const active = await waitForEvent(log, 'ENGAGEMENT_ACTIVE');
    expect(active.engagementId).to.equal(engagement.engagementId);
    // Created PENDING; the customer's admission (PARTICIPANT_ADDED) made it ACTIVE.
    expect(engagement.engagementStatus).to.equal('ACTIVE');
    expect(engagement.participants.map((p) => p.participantType)).to.include('CUSTOMER');
    const agentAdded = await waitForEvent(log, 'PARTICIPANT_ADDED');
    expect(agentAdded.participant.participantType).to.equal('AGENT');
    expect(engagement.getParticipantById(agentAdded.participant.participantId)?.displayName).to.equal(agentAdded.participant.displayName);
    const greeting = await waitForEvent(log, 'MESSAGE_ARRIVED');
    expect(greeting.body.elementText.text).to.match(/^Hi Test Customer/);
    expect(typesOf(log)).to.include('EVENT_STREAM_CONNECTED');

    const sent = await engagement.sendMessage('Where is my order?');
    expect(sent.messageId).to.be.a('string');
    expect(sent.senderParticipant.participantType).to.equal('CUSTOMER');
    const delivered = await waitForEvent(log, 'MESSAGE_DELIVERED', (m) => m.messageId === sent.messageId);
    expect(delivered.body.elementText.text).to.equal('Where is my order?');
    const reply = await waitForEvent(log, 'MESSAGE_ARRIVED', (m) => /Where is my order/.test(m.body.elementText.text));
    expect(reply.senderParticipant.participantType).to.equal('AGENT');

    for (let i = 0; i < 4; i += 1) await engagement.sendMessage(`message ${i}`);
    await waitForEvent(log, 'MESSAGE_ARRIVED', (m) => /message 3/.test(m.body.elementText.text));
    // 1 greeting + 5 customer + 5 replies = 11 messages.
    const pages = await engagement.getMessages(4);
    expect(pages.getPageSize()).to.equal(4);
    expect(pages.items.map((m) => m.messageIndex)).to.deep.equal([7, 8, 9, 10]);
    expect(pages.hasNext()).to.equal(false);
    expect(pages.hasPrevious()).to.equal(true);
    await engagement.sendMessage('after the snapshot');
    await pages.previous();
    expect(pages.items.map((m) => m.messageIndex)).to.deep.equal([3, 4, 5, 6]);
    await pages.previous();
    expect(pages.items.map((m) => m.messageIndex)).to.deep.equal([0, 1, 2]);
    expect(pages.items[0]?.body.elementText.text).to.match(/^Hi/);
    expect(pages.hasPrevious()).to.equal(false);
    expect(pages.hasNext()).to.equal(true);
    await pages.next();
    expect(pages.items.map((m) => m.messageIndex)).to.deep.equal([3, 4, 5, 6]);

    await engagement.disconnect();
    const terminated = await waitForEvent(log, 'ENGAGEMENT_TERMINATED');
    expect(terminated.engagementId).to.equal(engagement.engagementId);
    expect(engagement.engagementStatus).to.equal('TERMINATED');
    expect(typesOf(log)).to.include('PARTICIPANT_DISCONNECTED');
    let error: unknown;
    await engagement.sendMessage('too late').catch((e) => (error = e));
    expect((error as ChatSdkError).code).to.equal(ErrorCode.ENGAGEMENT_NOT_ACTIVE);

    const result = await sdk.shutdown();
    expect(result.reason).to.equal('USER_CLOSED');
    const types = typesOf(log);
    expect(types.slice(-2)).to.deep.equal(['EVENT_STREAM_CLOSED', 'SHUTDOWN']);
    expect(() => sdk.getEngagementById(engagement.engagementId)).to.throw(ChatSdkError).with.property('code', ErrorCode.NOT_INITIALIZED);
  });

  it('ends the engagement when the agent ends it, with the agent leaving before the customer', async () => {
    const sdk = track(createChatSdk());
    const log = record(sdk);
    const { user: _user, ...params } = await initParams();
    await sdk.init(params, { storage: new MemoryStorage() });
    const engagement = await sdk.createEngagement();
    await waitForEvent(log, 'PARTICIPANT_ADDED');
    await engagement.sendMessage('ok bye now');
    await waitForEvent(log, 'ENGAGEMENT_TERMINATED');
    const types = typesOf(log);
    expect(types.indexOf('PARTICIPANT_DISCONNECTED')).to.be.lessThan(types.indexOf('ENGAGEMENT_TERMINATED'));
  });

  it('rejects a second init, calls before init, bad messages and a bad page size with coded errors', async () => {
    const sdk = track(createChatSdk());
    expect(() => sdk.resetIdleTimeout()).to.throw(ChatSdkError).with.property('code', ErrorCode.NOT_INITIALIZED);
    let error: unknown;
    await sdk.createEngagement().catch((e) => (error = e));
    expect((error as ChatSdkError).code).to.equal(ErrorCode.NOT_INITIALIZED);
    const { user: _user, ...params } = await initParams();
    await sdk.init(params, { storage: new MemoryStorage() });
    error = undefined;
    await sdk.init(params).catch((e) => (error = e));
    expect((error as ChatSdkError).code).to.equal(ErrorCode.ALREADY_INITIALIZED);
    const engagement = await sdk.createEngagement();
    for (const bad of ['', '   ', 'x'.repeat(4097)]) {
      error = undefined;
      await engagement.sendMessage(bad).catch((e) => (error = e));
      expect((error as ChatSdkError).code, JSON.stringify(bad.slice(0, 5))).to.equal(ErrorCode.CONSTRAINT_VIOLATION);
    }
    expect((await engagement.sendMessage('x'.repeat(4096))).body.elementText.text).to.have.length(4096);
    for (const size of [0, 51, 2.5]) {
      error = undefined;
      await engagement.getMessages(size).catch((e) => (error = e));
      expect((error as ChatSdkError).code).to.equal(ErrorCode.CONSTRAINT_VIOLATION);
    }
    error = undefined;
    await sdk.createEngagement(Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v']))).catch((e) => (error = e));
    expect((error as ChatSdkError).code).to.equal(ErrorCode.CONSTRAINT_VIOLATION);
    expect(() => sdk.on('NOT_AN_EVENT' as 'INITIALIZED', () => undefined)).to.throw(ChatSdkError);
  });

  it('keeps several SDK instances independent', async () => {
    const a = track(createChatSdk());
    const b = track(createChatSdk());
    const logA = record(a);
    const logB = record(b);
    const { user: _ua, ...pa } = await initParams();
    const { user: _ub, ...pb } = await initParams();
    await a.init(pa, { storage: new MemoryStorage() });
    await b.init(pb, { storage: new MemoryStorage() });
    expect(a.sessionId).to.not.equal(b.sessionId);
    const ea = await a.createEngagement();
    await waitForEvent(logA, 'MESSAGE_ARRIVED');
    expect(logB.some((e) => e.type === 'ENGAGEMENT_ACTIVE')).to.equal(false);
    expect(() => b.getEngagementById(ea.engagementId)).to.not.throw();
    expect(b.getEngagementById(ea.engagementId)).to.equal(undefined);
    a.off('MESSAGE_ARRIVED');
    const before = logA.filter((e) => e.type === 'MESSAGE_ARRIVED').length;
    // A handler added after off() proves the message came: the removed one would have heard it first.
    const probe: string[] = [];
    a.on('MESSAGE_ARRIVED', (m) => probe.push(m.body.elementText.text));
    await ea.sendMessage('hello');
    await waitForEvent(logA, 'MESSAGE_DELIVERED');
    await backendCommand('ccaas', 'agentSay', { engagementId: ea.engagementId, text: 'unheard' });
    await until(() => probe.includes('unheard'), 'the probe hears it');
    expect(logA.filter((e) => e.type === 'MESSAGE_ARRIVED').length).to.equal(before);
  });
});
