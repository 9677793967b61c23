// The catch-up cursor and the REST paging behind it, without a network: the REST answers here are
// hand-written vendor-shaped pages, so each paging rule can be pinned one at a time.
import { expect } from '@open-wc/testing';
import { GapTracker } from '../../src/spaces/catch-up.js';
import { MAX_CATCH_UP, SpacesRestClient } from '../../src/spaces/rest-client.js';
import type { SpacesMessage } from '../../src/spaces/types.js';

const bob = { _id: 'u-bob', type: 'user', username: 'bob', displayname: 'Bob', picture_url: '' };
const BASE = 'https://spaces.test/api';

function message(id: string, createdMs: number, topicId = 'sp'): SpacesMessage {
  return { _id: id, topicId, category: 'chat', created: new Date(createdMs).toISOString(), createdMs, sender: bob, content: { bodyText: id } };
}

/** A REST client whose every request is answered by `answer` and recorded. */
function clientAnswering(answer: (url: URL) => unknown): { rest: SpacesRestClient; urls: URL[] } {
  const urls: URL[] = [];
  const fakeFetch = (input: RequestInfo | URL): Promise<Response> => {
    const url = new URL(String(input));
    urls.push(url);
    return Promise.resolve(new Response(JSON.stringify(answer(url)), { status: 200, headers: { 'content-type': 'application/json' } }));
  };
  const rest = new SpacesRestClient({ apiUrl: BASE, tokenType: 'jwt', tokens: { token: async () => 't', rejected: async () => 't2' }, fetch: fakeFetch as typeof fetch });
  return { rest, urls };
}

/** `count` raw messages starting at `from` ms, one per ms. */
function rawPage(from: number, count: number, topicId = 'sp'): unknown[] {
  return Array.from({ length: count }, (_, i) => {
    const m = message(`m${from + i}`, from + i, topicId);
    return { _id: m._id, topicId: m.topicId, category: 'chat', created: m.created, sender: bob, content: m.content };
  });
}

describe('GapTracker', () => {
  it('opens the gap after the newest message the server delivered, not after one the room added itself', () => {
    const gap = new GapTracker();
    gap.delivered([message('a', 10), message('b', 20)]);
    gap.opened();
    // A REST send's reply (created 40) is never passed to delivered(); live messages after the
    // resubscription (created 50) arrive before the catch-up and must not move the gap either.
    gap.delivered([message('live', 50)]);
    expect(gap.gapFrom).to.equal(20);
    gap.filled(60, true);
    expect(gap.gapFrom).to.equal(undefined);
    expect(gap.completeUpTo).to.equal(50);
  });

  it('starts an empty room’s gap at 0, keeps an older open gap, and moves a partly filled one forward', () => {
    const gap = new GapTracker();
    gap.opened();
    expect(gap.gapFrom).to.equal(0);
    gap.filled(30, false);
    expect(gap.gapFrom).to.equal(30);
    gap.delivered([message('x', 99)]);
    gap.opened();
    expect(gap.gapFrom).to.equal(30);
  });
});

describe('SpacesRestClient paging', () => {
  it('asks for the newest history page without a client-clock refTime, and for older pages from a message time', async () => {
    const { rest, urls } = clientAnswering(() => ({ data: [], nextPageUrl: 'end' }));
    await rest.history('sp', undefined, 50);
    await rest.history('sp', 12345, 50);
    expect(urls[0]!.searchParams.has('refTime')).to.equal(false);
    expect(urls[0]!.searchParams.get('direction')).to.equal('before');
    expect(urls[1]!.searchParams.get('refTime')).to.equal('12345');
  });

  it('follows nextPageUrl until "end"', async () => {
    const { rest, urls } = clientAnswering((url) => {
      const page = url.searchParams.get('page') ?? '0';
      if (page === '0') return { data: rawPage(100, 50), nextPageUrl: `${BASE}/users/me/messages?spacelist=sp&page=1` };
      return { data: rawPage(150, 7), nextPageUrl: 'end' };
    });
    const result = await rest.since(['sp'], 99);
    expect(result.complete).to.equal(true);
    expect(result.messages.map((m) => m.createdMs)).to.deep.equal(Array.from({ length: 57 }, (_, i) => 100 + i));
    expect(urls.map((u) => u.searchParams.get('page'))).to.deep.equal([null, '1']);
  });

  it('never sends the token to a nextPageUrl outside the API: it continues after the newest message instead', async () => {
    const { rest, urls } = clientAnswering((url) => {
      const after = Number(url.searchParams.get('after'));
      if (after === 99) return { data: rawPage(100, 50), nextPageUrl: 'https://elsewhere.test/api/users/me/messages?steal=1' };
      return { data: rawPage(after + 1, 3), nextPageUrl: 'end' };
    });
    const result = await rest.since(['sp'], 99);
    expect(urls.every((u) => u.origin === 'https://spaces.test')).to.equal(true);
    expect(urls[1]!.searchParams.get('after')).to.equal('149');
    expect(result.messages).to.have.length(53);
    expect(result.complete).to.equal(true);
  });

  it('says the result is incomplete when the cap is reached instead of stopping silently', async () => {
    const { rest } = clientAnswering((url) => {
      const after = Number(url.searchParams.get('after'));
      return { data: rawPage(after + 1, 50), nextPageUrl: `${BASE}/users/me/messages?spacelist=sp&after=${after + 50}` };
    });
    const result = await rest.since(['sp'], 0);
    expect(result.complete).to.equal(false);
    expect(result.messages).to.have.length(MAX_CATCH_UP);
  });

  it('stops when a page of other spaces keeps pointing at itself', async () => {
    const self = `${BASE}/users/me/messages?spacelist=sp&after=5`;
    const { rest, urls } = clientAnswering(() => ({ data: rawPage(1, 50, 'sp-other'), nextPageUrl: self }));
    const result = await rest.since(['sp'], 0);
    expect(result.messages).to.have.length(0);
    expect(urls.length).to.be.lessThan(30);
  });
});
