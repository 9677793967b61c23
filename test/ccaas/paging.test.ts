import { expect } from '@open-wc/testing';
import { createChatSdk } from '../../src/ccaas/index.js';
import type { ChatSdk } from '../../src/ccaas/index.js';
import { backendCommand } from '../support/backend.js';
import { MemoryStorage, initParams, record, waitForEvent } from './support.js';

/** A fetch that lets `rewrite` change each history page's `links.next`, and records the history URLs asked for. */
function historyFetch(rewrite: (next: string) => string) {
  const asked: string[] = [];
  const wrapped: typeof fetch = async (input, init) => {
    const url = String(input);
    const response = await fetch(input, init);
    if (!/\/messages\?/.test(url) || (init?.method ?? 'GET') !== 'GET') return response;
    asked.push(url);
    const page = (await response.json()) as { links: { next?: string } };
    if (page.links.next) page.links.next = rewrite(page.links.next);
    return new Response(JSON.stringify(page), { status: response.status, headers: response.headers });
  };
  return { fetch: wrapped, asked };
}

describe('ccaas engine: history paging follows links.next', () => {
  const sdks: ChatSdk[] = [];
  before(async () => {
    await backendCommand('ccaas', 'setAgentDelays', { joinMs: 0, replyMs: 0 });
  });
  afterEach(() => {
    for (const sdk of sdks.splice(0)) sdk.close();
  });

  /** A chat of 1 greeting + `count` agent lines, with an SDK whose history calls go through `fetchImpl`. */
  async function chatWith(count: number, fetchImpl: typeof fetch) {
    const sdk = createChatSdk();
    sdks.push(sdk);
    const log = record(sdk);
    const { user: _u, ...params } = await initParams();
    await sdk.init(params, { storage: new MemoryStorage(), fetch: fetchImpl });
    const engagement = await sdk.createEngagement();
    await waitForEvent(log, 'MESSAGE_ARRIVED');
    for (let i = 1; i <= count; i += 1) await backendCommand('ccaas', 'agentSay', { engagementId: engagement.engagementId, text: `line ${i}` });
    return engagement;
  }

  it('asks for the older page at the URL the platform gave, and keeps the windows exact when new messages shift the pages', async () => {
    const { fetch: fetchImpl, asked } = historyFetch((next) => `${next}&via=next`);
    const engagement = await chatWith(10, fetchImpl);
    const pages = await engagement.getMessages(4);
    expect(pages.items.map((m) => m.messageIndex)).to.deep.equal([7, 8, 9, 10]);
    await backendCommand('ccaas', 'agentSay', { engagementId: engagement.engagementId, text: 'after the snapshot' });
    await pages.previous();
    expect(pages.items.map((m) => m.messageIndex)).to.deep.equal([3, 4, 5, 6]);
    expect(asked.slice(1).every((url) => url.includes('via=next')), asked.join('\n')).to.equal(true);
    expect(asked.length, 'one more hop: the new message pushed index 3 a page further back').to.equal(3);
    await pages.previous();
    expect(pages.items.map((m) => m.messageIndex)).to.deep.equal([0, 1, 2]);
    expect(asked.length, 'already fetched on the way').to.equal(3);
    await pages.next();
    expect(pages.items.map((m) => m.messageIndex)).to.deep.equal([3, 4, 5, 6]);
  });

  for (const [what, rewrite] of [
    ['another origin', (next: string) => next.replace(/^https?:\/\/[^/]+/, 'https://attacker.example')],
    ['another engagement', (next: string) => next.replace(/\/engagements\/[^/]+\//, '/engagements/someone-else/')],
    ['not a URL', () => 'http://[::1'],
  ] as const) {
    it(`does not follow a links.next to ${what}, and pages by number instead`, async () => {
      const { fetch: fetchImpl, asked } = historyFetch(rewrite);
      const engagement = await chatWith(6, fetchImpl);
      const pages = await engagement.getMessages(4);
      await pages.previous();
      expect(pages.items.map((m) => m.messageIndex)).to.deep.equal([0, 1, 2]);
      expect(asked).to.have.length(2);
      const second = new URL(asked[1]!);
      expect(second.origin).to.equal(new URL(asked[0]!).origin);
      expect(second.pathname).to.equal(new URL(asked[0]!).pathname);
      expect(second.searchParams.get('pageNumber')).to.equal('2');
    });
  }
});
