// What the REST client does with bodies the real service should never send (but a proxy, an outage
// page or a bug might): each is dropped with one console warning, and nothing throws that the room
// cannot handle. The answers are written here by hand; the backend always answers well-formed.
import { expect } from '@open-wc/testing';
import { MAX_REST_BODY_CHARS, SpacesRestClient, SpacesRestError } from '../../src/spaces/rest-client.js';

const bob = { _id: 'u-bob', type: 'user', username: 'bob', displayname: 'Bob', picture_url: '' };
const good = { _id: 'm1', topicId: 'sp', category: 'chat', created: '2026-01-01T10:00:00Z', sender: bob, content: { bodyText: 'hi' } };

/** A client whose requests get `answers` in turn (the last one repeats); records Authorization headers. */
function clientAnswering(...answers: (() => Response)[]): { rest: SpacesRestClient; auth: string[] } {
  const auth: string[] = [];
  let call = 0;
  const fakeFetch = (_input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    auth.push(new Headers(init?.headers).get('authorization') ?? '');
    const answer = answers[Math.min(call, answers.length - 1)]!;
    call += 1;
    return Promise.resolve(answer());
  };
  let rejected = 0;
  const rest = new SpacesRestClient({
    apiUrl: 'https://spaces.test/api',
    tokenType: 'jwt',
    tokens: { token: async () => 'first', rejected: async () => `fresh-${(rejected += 1)}` },
    fetch: fakeFetch as typeof fetch,
  });
  return { rest, auth };
}

const text = (body: string, status = 200) => () => new Response(body, { status });
const json = (body: unknown, status = 200) => text(JSON.stringify(body), status);

/** Runs `run` and returns what it gave plus the console warnings it caused. */
async function quietly<T>(run: () => Promise<T>): Promise<{ value: T; warnings: string[] }> {
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
  try {
    return { value: await run(), warnings };
  } finally {
    console.warn = warn;
  }
}

describe('SpacesRestClient with bad bodies', () => {
  it('drops a body that is not JSON with one warning', async () => {
    const { rest } = clientAnswering(text('<html>Gateway timeout</html>'));
    const { value, warnings } = await quietly(() => rest.history('sp', undefined));
    expect(value.messages).to.deep.equal([]);
    expect(warnings).to.deep.equal(['[spaces-chat] dropped GET /spaces/sp/messages/query response: not JSON']);
  });

  it('drops an oversized body without parsing it, with one warning', async () => {
    const { rest } = clientAnswering(text(`{"data":[${'"x",'.repeat(MAX_REST_BODY_CHARS / 4)}"x"]}`));
    const { value, warnings } = await quietly(() => rest.since(['sp'], 0));
    expect(value.messages).to.deep.equal([]);
    expect(warnings).to.deep.equal([`[spaces-chat] dropped GET /users/me/messages response: larger than ${MAX_REST_BODY_CHARS} characters`]);
  });

  it('drops a send reply that is not JSON with one warning, and returns no message', async () => {
    const { rest } = clientAnswering(text('<html>Bad gateway</html>'));
    const { value, warnings } = await quietly(() => rest.send('sp', 'chat', { bodyText: 'hi' }));
    expect(value).to.equal(undefined);
    expect(warnings).to.deep.equal(['[spaces-chat] dropped POST /spaces/sp/chats response: not JSON']);
  });

  it('drops an empty, a null and a wrongly typed list body with one warning each', async () => {
    for (const body of [text(''), json(null), json({ data: 'not a list' }), json([good])]) {
      const { rest } = clientAnswering(body);
      const { value, warnings } = await quietly(() => rest.history('sp', undefined));
      expect(value.messages).to.deep.equal([]);
      expect(warnings).to.deep.equal(['[spaces-chat] dropped history: response has no data array']);
    }
  });

  it('drops a members or space body that is not JSON with one warning', async () => {
    const { rest } = clientAnswering(text('{"data": ['));
    const members = await quietly(() => rest.members('sp'));
    expect(members.value).to.deep.equal([]);
    expect(members.warnings).to.deep.equal(['[spaces-chat] dropped GET /spaces/sp/members response: not JSON']);
    const space = await quietly(() => rest.space('sp'));
    expect(space.value).to.equal(undefined);
    expect(space.warnings).to.deep.equal(['[spaces-chat] dropped GET /spaces/sp response: not JSON']);
  });

  it('keeps the good entries of a page and drops each bad one with its own warning', async () => {
    const { rest } = clientAnswering(json({ data: [good, { _id: 'm2' }, 'junk', { ...good, _id: 'm3', created: 'yesterday' }], nextPageUrl: 'end' }));
    const { value, warnings } = await quietly(() => rest.history('sp', undefined));
    expect(value.messages.map((m) => m._id)).to.deep.equal(['m1']);
    expect(value.more).to.equal(false);
    expect(warnings).to.have.length(3);
    expect(warnings.every((w) => w.startsWith('[spaces-chat] dropped history entry'))).to.equal(true);
  });

  it('says what a user or send reply lacks instead of passing on a half object', async () => {
    const { rest } = clientAnswering(json({ data: { displayname: 'no id' } }));
    let error: unknown;
    await rest.me().catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(SpacesRestError);
    expect((error as Error).message).to.equal('users/me returned no user');
    const sent = await quietly(() => rest.send('sp', 'chat', { bodyText: 'hi' }));
    expect(sent.value).to.equal(undefined);
    expect(sent.warnings).to.have.length(1);
  });

  it('turns an error status into an error carrying the problem text', async () => {
    const { rest } = clientAnswering(json({ type: 'about:blank', title: 'Forbidden', detail: 'you are not a member of this space' }, 403));
    let error: unknown;
    await rest.history('sp', undefined).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(SpacesRestError);
    expect((error as SpacesRestError).status).to.equal(403);
    expect((error as Error).message).to.equal('you are not a member of this space');
  });

  it('retries once with a fresh token after a 401, and not again', async () => {
    const { rest, auth } = clientAnswering(json({ title: 'Unauthorized' }, 401), json({ title: 'Unauthorized' }, 401), json(bob));
    await rest.me().catch(() => undefined);
    expect(auth).to.deep.equal(['jwt first', 'jwt fresh-1']);
  });
});
