import { expect } from '@open-wc/testing';
import { ManualClock } from '../../src/core/clock.js';
import { ErrorCode, createChatSdk } from '../../src/ccaas/index.js';
import type { ChatSdk } from '../../src/ccaas/index.js';
import { backendCommand, fetchToken, until } from '../support/backend.js';
import { MemoryStorage, initParams, record, recordingPolls, spoiled, typesOf, waitForEvent } from './support.js';

describe('ccaas engine: event stream failures', () => {
  const sdks: ChatSdk[] = [];
  const track = (sdk: ChatSdk) => (sdks.push(sdk), sdk);
  before(async () => {
    await backendCommand('ccaas', 'setAgentDelays', { joinMs: 0, replyMs: 0 });
  });
  afterEach(() => {
    for (const sdk of sdks.splice(0)) sdk.close();
  });

  it('retries with Fibonacci backoff and gives up with RECONNECTION_TIMEOUT exactly at reconnectionTimeout; retryConnection recovers', async () => {
    const clock = new ManualClock(Date.now());
    let down = false;
    const fetchImpl: typeof fetch = (input, init) => (down && String(input).includes('/events') ? Promise.reject(new TypeError('Failed to fetch')) : fetch(input, init));
    const sdk = track(createChatSdk());
    const log = record(sdk);
    const { user: _u, ...params } = await initParams();
    await sdk.init(params, { clock, fetch: fetchImpl, random: () => 0, storage: new MemoryStorage(), reconnectionTimeout: 120 });
    const engagement = await sdk.createEngagement();
    await waitForEvent(log, 'MESSAGE_ARRIVED');
    down = true;
    // Fibonacci seconds, capped at 30 s per wait.
    // The held poll is cut by the client's 40 s request timeout; every retry then fails at once.
    await clock.advance(40_000);
    const firstFailure = clock.now();
    await until(() => typesOf(log).includes('EVENT_STREAM_FAILED'), 'first failure');
    await clock.advance(119_000);
    const failures = log.filter((e) => e.type === 'EVENT_STREAM_FAILED').map((e) => e.payload as { reason: string; retryAfter?: number });
    expect(failures[0]?.reason).to.equal('SERVER_UNREACHABLE');
    expect(failures.slice(1).map((f) => f.retryAfter)).to.deep.equal([1000, 2000, 3000, 5000, 8000, 13_000, 21_000, 30_000, 30_000]);
    expect(failures.map((f) => f.reason)).to.not.include('RECONNECTION_TIMEOUT');
    await clock.advance(firstFailure + 120_000 - clock.now());
    const last = log.filter((e) => e.type === 'EVENT_STREAM_FAILED').at(-1)?.payload as { reason: string; eventDate: string };
    expect(last.reason).to.equal('RECONNECTION_TIMEOUT');
    expect(last.eventDate).to.equal(new Date(firstFailure + 120_000).toISOString());
    down = false;
    const before = log.length;
    sdk.retryConnection();
    await backendCommand('ccaas', 'agentSay', { engagementId: engagement.engagementId, text: 'back' });
    await until(() => log.slice(before).some((e) => e.type === 'EVENT_STREAM_CONNECTED'), 'reconnected');
    await waitForEvent(log, 'MESSAGE_ARRIVED', (m) => m.body.elementText.text === 'back');
  });

  // Each pause is proved by the poll that resumes: no poll with the refused token follows the refusal,
  // and what was said meanwhile arrives in the first poll that carries the new token.
  async function pausesUntilSetJwtToken(refusal: 'UNAUTHORIZED' | 'FORBIDDEN', refusedToken: (user: string, valid: string) => Promise<string>, clock?: ManualClock) {
    const { fetch: fetchImpl, polls } = recordingPolls();
    const sdk = track(createChatSdk());
    const log = record(sdk);
    const { user, ...params } = await initParams();
    await sdk.init(params, { storage: new MemoryStorage(), fetch: fetchImpl, ...(clock ? { clock } : {}) });
    const engagement = await sdk.createEngagement();
    await waitForEvent(log, 'MESSAGE_ARRIVED');
    const refused = await refusedToken(user, params.token);
    sdk.setJwtToken(refused);
    // Wake the held poll (it carries the old token), so the next one carries the refused token.
    await backendCommand('ccaas', 'agentSay', { engagementId: engagement.engagementId, text: 'wake up' });
    const failed = await waitForEvent(log, 'EVENT_STREAM_FAILED');
    expect(failed.reason).to.equal(refusal);
    await backendCommand('ccaas', 'agentSay', { engagementId: engagement.engagementId, text: 'while paused' });
    const fresh = await fetchToken('ccaas', user, 3600);
    sdk.setJwtToken(fresh);
    await waitForEvent(log, 'MESSAGE_ARRIVED', (m) => m.body.elementText.text === 'while paused');
    const refusedAt = polls.findIndex((p) => p.token === refused);
    expect(polls[refusedAt]?.status).to.equal(refusal === 'FORBIDDEN' ? 403 : 401);
    expect(polls.slice(refusedAt + 1).map((p) => p.token)).to.deep.equal([fresh]);
    expect(await engagement.sendMessage('works again')).to.have.property('messageId');
  }

  it('pauses on a token the platform finds expired (401 UNAUTHORIZED) and resumes after setJwtToken', async () => {
    // The client's clock is 10 minutes behind the platform's: a token that expired a minute ago
    // still looks valid here, so only the platform refuses it.
    const clock = new ManualClock(Date.now() - 600_000);
    await pausesUntilSetJwtToken('UNAUTHORIZED', (user) => fetchToken('ccaas', user, -60), clock);
  });

  it('pauses on a token the platform finds invalid mid-chat (403 FORBIDDEN) and resumes after setJwtToken', async () => {
    await pausesUntilSetJwtToken('FORBIDDEN', async (_user, valid) => spoiled(valid));
  });

  it('reports FORBIDDEN for a wrong appkey at init', async () => {
    const { user: _u, ...params } = await initParams();
    const bad = track(createChatSdk());
    let error: unknown;
    await bad.init({ ...params, appkey: 'wrong' }, { storage: new MemoryStorage() }).catch((e) => (error = e));
    expect(error).to.have.property('code', 'ACS-305');
    expect(bad.initialized).to.equal(false);

  });

  it('lets go of a session the platform dropped (SDK_SESSION_INVALID): storage cleared, not initialised, a new init opens a new session', async () => {
    const { user, ...params } = await initParams();
    const storage = new MemoryStorage();
    const sdk = track(createChatSdk());
    const log = record(sdk);
    await sdk.init(params, { storage });
    const old = sdk.sessionId;
    expect([...storage.map.values()].join('')).to.contain(old);
    await backendCommand('ccaas', 'expireSession', { sessionId: old });
    const failed = await waitForEvent(log, 'EVENT_STREAM_FAILED');
    expect(failed.reason).to.equal('SDK_SESSION_INVALID');
    expect(sdk.initialized).to.equal(false);
    expect(sdk.sessionId).to.equal(undefined);
    expect(storage.map.size).to.equal(0);
    expect(typesOf(log).slice(-2)).to.deep.equal(['EVENT_STREAM_FAILED', 'EVENT_STREAM_CLOSED']);
    await sdk.init({ ...params, token: await fetchToken('ccaas', user) }, { storage });
    expect(sdk.sessionId).to.be.a('string').and.not.equal(old);
    expect([...storage.map.values()].join('')).to.contain(sdk.sessionId);
  });

  it('lets go of the session when a REST call is the first to find it dropped', async () => {
    // The stream's poll is held by a fetch that never answers, so only the REST call can notice.
    const heldPolls: typeof fetch = (input, init) =>
      String(input).includes('/events') ? new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))) : fetch(input, init);
    const { user: _u, ...params } = await initParams();
    const storage = new MemoryStorage();
    const sdk = track(createChatSdk());
    const log = record(sdk);
    await sdk.init(params, { storage, fetch: heldPolls });
    await backendCommand('ccaas', 'expireSession', { sessionId: sdk.sessionId });
    let error: unknown;
    await sdk.createEngagement().catch((e) => (error = e));
    expect(error).to.have.property('code', ErrorCode.SESSION_INVALID);
    expect((await waitForEvent(log, 'EVENT_STREAM_FAILED')).reason).to.equal('SDK_SESSION_INVALID');
    expect(sdk.initialized).to.equal(false);
    expect(storage.map.size).to.equal(0);
  });
});
