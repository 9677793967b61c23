import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startBackend, type Backend } from '../../demo/server/backend.js';
import { ChatClient, mintToken } from './ccaas-support.js';

let backend: Backend;
let token: string;
before(async () => {
  backend = await startBackend({ port: 0, host: '127.0.0.1', demoBots: false, reactionDelayMs: 0 });
  token = await mintToken(backend, 'limits-1');
});
after(() => backend.close());

/** Asserts an RFC 7807 problem answer with `status`, returning its detail. */
async function problem(res: Response, status: number): Promise<string> {
  const text = await res.text();
  assert.equal(res.status, status, text);
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = JSON.parse(text) as { type: string; title: string; status: number; detail: string };
  assert.equal(body.status, status);
  assert.equal(typeof body.type, 'string');
  assert.ok(body.title.length > 0);
  assert.ok(body.detail.length > 5, 'a detail that says what is wrong');
  return body.detail;
}

describe('ccaas credentials', () => {
  it('answers 401 for an expired token and for none', async () => {
    const expired = new ChatClient(backend, await mintToken(backend, 'limits-1', -60));
    const res = await expired.call('POST', '/sessions', { displayName: 'A' });
    assert.match(await problem(res, 401), /expired/);
    assert.equal(res.headers.get('www-authenticate'), 'Bearer');
    await problem(await new ChatClient(backend, '').call('GET', '/sessions/x'), 401);
  });

  it('answers 403 for a tampered, foreign-service or garbage token', async () => {
    const [header, payload, signature] = token.split('.');
    const flipped = `${header}.${payload}.${signature!.slice(0, -2)}${signature!.endsWith('AA') ? 'BB' : 'AA'}`;
    const spacesToken = await (await fetch(`${backend.url}/demo/token?service=spaces&user=u-alice`)).text();
    for (const bad of [flipped, `jwt.${flipped}`, spacesToken, 'not-a-jwt']) {
      await problem(await new ChatClient(backend, bad).call('POST', '/sessions', {}), 403);
    }
  });

  it('accepts the vendor\'s jwt.-prefixed token form', async () => {
    const res = await new ChatClient(backend, `jwt.${token}`).call('POST', '/sessions', {});
    assert.equal(res.status, 201);
  });

  it('answers 403 for a wrong or missing appkey', async () => {
    await problem(await new ChatClient(backend, token, undefined, 'wrong-key').call('POST', '/sessions', {}), 403);
    await problem(await new ChatClient(backend, token, undefined, null).call('POST', '/sessions', {}), 403);
  });

  it('answers 404 for an unknown integration', async () => {
    const other = new ChatClient(backend, token, '00000000-0000-4000-8000-000000000000');
    assert.match(await problem(await other.call('POST', '/sessions', {}), 404), /integration/);
  });

  it('checks credentials on every endpoint', async () => {
    const anonymous = new ChatClient(backend, '');
    const calls: [string, string][] = [
      ['GET', '/sessions/s1'],
      ['DELETE', '/sessions/s1'],
      ['GET', '/sessions/s1/events'],
      ['POST', '/engagements'],
      ['POST', '/engagements/e1:join'],
      ['POST', '/engagements/e1:disconnect'],
      ['POST', '/engagements/e1/messages'],
      ['GET', '/engagements/e1/messages?sessionId=s1'],
    ];
    for (const [method, path] of calls) await problem(await anonymous.call(method, path, method === 'POST' ? {} : undefined), 401);
  });
});

describe('ccaas input limits', () => {
  const client = () => new ChatClient(backend, token);
  const createSession = (body: unknown) => client().call('POST', '/sessions', body);
  const params = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, 'v']));

  it('takes a 70-character name and refuses 71', async () => {
    assert.equal((await createSession({ displayName: 'n'.repeat(70) })).status, 201);
    assert.match(await problem(await createSession({ displayName: 'n'.repeat(71) }), 400), /displayName/);
  });

  it('refuses names that are not strings, blank, or carry control characters', async () => {
    for (const displayName of [42, ['a'], { a: 1 }, true, '   ', 'line\nbreak']) {
      await problem(await createSession({ displayName }), 400);
    }
  });

  it('defaults a missing name to "Customer"', async () => {
    const res = await createSession({ clientType: 'web' });
    assert.equal((await res.json()).displayName, 'Customer');
  });

  it('refuses a clientType other than web', async () => {
    await problem(await createSession({ clientType: 'ios' }), 400);
  });

  it('takes 20 parameters and refuses 21, long keys, long values and non-string values', async () => {
    assert.equal((await createSession({ sessionParameters: params(20) })).status, 201);
    assert.match(await problem(await createSession({ sessionParameters: params(21) }), 400), /at most 20/);
    assert.equal((await createSession({ sessionParameters: { ['k'.repeat(64)]: 'v'.repeat(256) } })).status, 201);
    assert.match(await problem(await createSession({ sessionParameters: { ['k'.repeat(65)]: 'v' } }), 400), /keys/);
    assert.match(await problem(await createSession({ sessionParameters: { k: 'v'.repeat(257) } }), 400), /256/);
    for (const sessionParameters of [{ k: 1 }, { k: null }, { k: { nested: 'x' } }, ['a'], 'a=b', { '': 'v' }]) {
      await problem(await createSession({ sessionParameters }), 400);
    }
  });

  it('keeps a "__proto__" parameter as plain data', async () => {
    const res = await client().call('POST', '/sessions', '{"sessionParameters":{"__proto__":"x","ok":"y"}}');
    assert.equal(res.status, 201);
    const session = await res.json();
    assert.deepEqual(Object.keys(session.sessionParameters).sort(), ['__proto__', 'ok']);
  });

  it('applies the parameter limits to engagements too', async () => {
    const c = client();
    const { sessionId } = await c.createSession();
    await problem(await c.call('POST', '/engagements', { sessionId, engagementParameters: params(21) }), 400);
    await problem(await c.call('POST', '/engagements', { sessionId, engagementParameters: { k: 'v'.repeat(257) } }), 400);
    await problem(await c.call('POST', '/engagements', { sessionId: 42 }), 400);
    await problem(await c.call('POST', '/engagements', {}), 400);
  });

  it('takes messages of 1–4096 characters in the three formats and refuses the rest', async () => {
    const c = client();
    const { sessionId } = await c.createSession();
    const engagement = await c.createEngagement(sessionId);
    const post = (body: unknown) => c.call('POST', `/engagements/${engagement.engagementId}/messages`, { sessionId, dialogId: engagement.dialogId, body });
    const text = (value: unknown, textFormat: unknown = 'PLAINTEXT') => ({ elementType: 'TEXT', elementText: { text: value, textFormat } });

    assert.equal((await post(text('x'))).status, 201);
    assert.equal((await post(text('x'.repeat(4096)))).status, 201);
    for (const format of ['HTML', 'MARKDOWN']) assert.equal((await post(text('*hi*', format))).status, 201);
    assert.match(await problem(await post(text('')), 400), /empty/);
    assert.match(await problem(await post(text('  \n ')), 400), /empty/);
    assert.match(await problem(await post(text('x'.repeat(4097))), 400), /4096/);
    assert.match(await problem(await post(text('hi', 'RTF')), 400), /textFormat/);
    assert.match(await problem(await post(text(42)), 400), /string/);
    await problem(await post({ elementType: 'IMAGE', elementText: { text: 'hi' } }), 400);
    await problem(await post({ elementType: 'TEXT', elementText: 'hi' }), 400);
    await problem(await post('hi'), 400);
    await problem(await post(undefined), 400);
  });

  it('refuses bodies that are not JSON objects, and bodies over 1 MB', async () => {
    const c = client();
    assert.match(await problem(await c.call('POST', '/sessions', 'not json'), 400), /JSON/);
    await problem(await c.call('POST', '/sessions', '[1,2]'), 400);
    await problem(await c.call('POST', '/sessions', '"text"'), 400);
    await problem(await c.call('POST', '/sessions', JSON.stringify({ displayName: 'x'.repeat(1024 * 1024 + 10) })), 413);
  });

  it('refuses history queries out of range', async () => {
    const c = client();
    const { sessionId } = await c.createSession();
    const engagement = await c.createEngagement(sessionId);
    const history = (query: string) => c.call('GET', `/engagements/${engagement.engagementId}/messages?${query}`);
    assert.equal((await history(`sessionId=${sessionId}&pageSize=50`)).status, 200);
    for (const query of [`sessionId=${sessionId}&pageSize=51`, `sessionId=${sessionId}&pageSize=0`, `sessionId=${sessionId}&pageNumber=-1`, `sessionId=${sessionId}&orderBy=UP`, 'pageSize=5']) {
      await problem(await history(query), 400);
    }
  });
});
