import { expect } from '@open-wc/testing';
import { createChatSdk } from '../../src/ccaas/index.js';
import { backendCommand, fetchToken } from '../support/backend.js';
import { MemoryStorage, initParams, record, typesOf, waitForEvent } from './support.js';

describe('ccaas engine: session survives a reload', () => {
  before(async () => {
    await backendCommand('ccaas', 'setAgentDelays', { joinMs: 0, replyMs: 0 });
  });

  it('resumes the session and its engagement in a new SDK instance, refetches history, replays nothing', async () => {
    const storage = new MemoryStorage();
    const first = createChatSdk();
    const log1 = record(first);
    const { user, ...params } = await initParams();
    await first.init(params, { storage });
    const engagement = await first.createEngagement();
    await waitForEvent(log1, 'MESSAGE_ARRIVED');
    await engagement.sendMessage('before the reload');
    await waitForEvent(log1, 'MESSAGE_ARRIVED', (m) => /before the reload/.test(m.body.elementText.text));
    const sessionId = first.sessionId;
    first.close();

    const stored = [...storage.map.values()].join('');
    expect(stored).to.contain(sessionId).and.contain(engagement.engagementId);
    expect(stored).to.not.contain(params.token.slice(-20));

    const second = createChatSdk();
    const log2 = record(second);
    const context = await second.init({ ...params, token: await fetchToken('ccaas', user) }, { storage });
    expect(second.sessionId).to.equal(sessionId);
    expect(context.engagements.map((e) => e.engagementId)).to.deep.equal([engagement.engagementId]);
    const resumed = second.getEngagementById(engagement.engagementId)!;
    expect(resumed.participants.map((p) => p.participantType).sort()).to.deep.equal(['AGENT', 'CUSTOMER']);
    const history = await resumed.getMessages(10);
    expect(history.items.map((m) => m.body.elementText.text)).to.have.length(3);
    expect(history.items[1]?.body.elementText.text).to.equal('before the reload');
    await backendCommand('ccaas', 'agentSay', { engagementId: engagement.engagementId, text: 'after the reload' });
    await waitForEvent(log2, 'MESSAGE_ARRIVED', (m) => m.body.elementText.text === 'after the reload');
    const arrived = log2.filter((e) => e.type === 'MESSAGE_ARRIVED');
    expect(arrived).to.have.length(1);
    expect(typesOf(log2)).to.not.include('ENGAGEMENT_ACTIVE');
    await resumed.sendMessage('still the same chat');
    await second.shutdown();
    expect(storage.map.size).to.equal(0);
  });

  it('starts a new session when the stored one has ended on the platform', async () => {
    const storage = new MemoryStorage();
    const first = createChatSdk();
    const { user, ...params } = await initParams();
    await first.init(params, { storage });
    const old = first.sessionId;
    first.close();
    await backendCommand('ccaas', 'expireSession', { sessionId: old });
    const second = createChatSdk();
    await second.init({ ...params, token: await fetchToken('ccaas', user) }, { storage });
    expect(second.sessionId).to.be.a('string').and.not.equal(old);
    expect([...storage.map.values()].join('')).to.contain(second.sessionId);
    second.close();
  });

  it('keys sessionStorage per host URL and integration, so two widgets keep apart', async () => {
    const { user: _u, ...params } = await initParams();
    const other = new URL(params.hostURL);
    other.hostname = other.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
    const a = createChatSdk();
    const b = createChatSdk();
    for (const key of Object.keys(sessionStorage)) if (key.startsWith('ccaas-chat:')) sessionStorage.removeItem(key);
    await a.init(params);
    const { user: _v, ...params2 } = await initParams();
    await b.init({ ...params2, hostURL: other.origin });
    const keys = Object.keys(sessionStorage).filter((k) => k.startsWith('ccaas-chat:'));
    expect(keys).to.have.length(2);
    expect(keys.every((k) => k.includes(params.integrationId))).to.equal(true);
    expect(a.sessionId).to.not.equal(b.sessionId);
    await a.shutdown();
    await b.shutdown();
    expect(Object.keys(sessionStorage).filter((k) => k.startsWith('ccaas-chat:'))).to.have.length(0);
  });

  it('stops short when closed while init is under way (an element removed as it starts), keeping the session for the next init', async () => {
    const storage = new MemoryStorage();
    const sdk = createChatSdk();
    const log = record(sdk);
    const { user, ...params } = await initParams();
    // Closed while the engine itself is still loading.
    const early = sdk.init(params, { storage });
    sdk.close();
    expect(await early.catch((e: unknown) => e)).to.have.property('code', 'ACS-310');
    // Closed while the engine opens the session.
    const late = sdk.init(params, { storage });
    sdk.close();
    expect(await late.catch((e: unknown) => e)).to.have.property('code', 'ACS-310');
    expect(sdk.initialized).to.equal(false);
    expect(typesOf(log)).to.deep.equal([]);
    const kept = JSON.parse([...storage.map.values()][0]!) as { sessionId: string };
    await sdk.init({ ...params, token: await fetchToken('ccaas', user) }, { storage });
    expect(sdk.sessionId, 'the session opened before the close is resumed').to.equal(kept.sessionId);
    expect(typesOf(log)[0]).to.equal('INITIALIZED');
    await sdk.shutdown();
  });
});
