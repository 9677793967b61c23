import { expect } from '@open-wc/testing';
import { createChatSdk } from '../../src/ccaas/index.js';
import type { ChatSdk } from '../../src/ccaas/index.js';
import { backendCommand, resumeBackend, suspendBackend } from '../support/backend.js';
import { MemoryStorage, initParams, record, typesOf, waitForEvent } from './support.js';

// Suspending the backend cuts every client of the test run: keep this file's outage short, and
// run it apart from other files when iterating.
describe('ccaas engine: backend unreachable and back', () => {
  const sdks: ChatSdk[] = [];
  const track = (sdk: ChatSdk) => (sdks.push(sdk), sdk);
  before(async () => {
    await backendCommand('ccaas', 'setAgentDelays', { joinMs: 0, replyMs: 0 });
  });
  afterEach(() => {
    for (const sdk of sdks.splice(0)) sdk.close();
  });

  it('reconnects after the backend is unreachable and comes back, losing no event', async () => {
    const sdk = track(createChatSdk());
    const log = record(sdk);
    const { user: _u, ...params } = await initParams();
    await sdk.init(params, { storage: new MemoryStorage() });
    const engagement = await sdk.createEngagement();
    await waitForEvent(log, 'MESSAGE_ARRIVED');
    await waitForEvent(log, 'EVENT_STREAM_CONNECTED');
    await suspendBackend();
    try {
      const failed = await waitForEvent(log, 'EVENT_STREAM_FAILED');
      expect(failed.reason).to.equal('SERVER_UNREACHABLE');
      expect(failed.retryAfter).to.be.within(1000, 2000);
      await backendCommand('ccaas', 'agentSay', { engagementId: engagement.engagementId, text: 'said while you were away' });
    } finally {
      await resumeBackend();
    }
    const missed = await waitForEvent(log, 'MESSAGE_ARRIVED', (m) => m.body.elementText.text === 'said while you were away', 10_000);
    expect(missed.engagementId).to.equal(engagement.engagementId);
    const types = typesOf(log);
    const failedAt = types.indexOf('EVENT_STREAM_FAILED');
    expect(types.slice(failedAt)).to.include('EVENT_STREAM_CONNECTING');
    expect(types.slice(failedAt)).to.include('EVENT_STREAM_CONNECTED');
    expect(log.filter((e) => e.type === 'MESSAGE_ARRIVED' && (e.payload as { body: { elementText: { text: string } } }).body.elementText.text === 'said while you were away')).to.have.length(1);
  });

});
