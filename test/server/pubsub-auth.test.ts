import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startBackend, type Backend } from '../../demo/server/backend.js';
import { DEMO_PUBSUB_ACCOUNTS } from '../../demo/server/demo-data.js';

const [alice, bob] = DEMO_PUBSUB_ACCOUNTS as [{ accountSid: string; authToken: string }, { accountSid: string; authToken: string }];
const basic = (sid: string, token: string) => `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}`;

let backend: Backend;
let base: string;
before(async () => {
  backend = await startBackend({ port: 0, host: '127.0.0.1', demoBots: false, reactionDelayMs: 0 });
  base = `${backend.url}/pubsub`;
});
after(() => backend.close());

async function auth(query = '', account = alice, init: RequestInit = {}): Promise<Response> {
  return fetch(`${base}/auth${query}`, { ...init, headers: { authorization: basic(account.accountSid, account.authToken), ...init.headers } });
}
const poll = (account: string, session: string, extra = '') => fetch(`${base}/${account}/Feed?timeout=0s${extra}&session=${encodeURIComponent(session)}`);

describe('GET|POST /pubsub/auth', () => {
  it('answers a session UUID as raw text for valid Basic credentials', async () => {
    const res = await auth();
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
    assert.match(await res.text(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('gives a different session each time', async () => {
    assert.notEqual(await (await auth()).text(), await (await auth()).text());
  });

  it('accepts POST with ttl as a form parameter', async () => {
    const res = await auth('', alice, { method: 'POST', body: new URLSearchParams({ ttl: '10m' }) });
    assert.equal(res.status, 200);
    assert.equal((await poll(alice.accountSid, await res.text())).status, 200);
  });

  for (const ttl of ['10m', '2h', '90s', '500ms', '3600', '1h30m', '999h']) {
    it(`accepts ttl=${ttl}`, async () => assert.equal((await auth(`?ttl=${ttl}`)).status, 200));
  }

  for (const ttl of ['abc', '0', '-5m', '5d', '%3Cscript%3E']) {
    it(`refuses ttl=${ttl} with a 400 problem`, async () => {
      const res = await auth(`?ttl=${ttl}`);
      assert.equal(res.status, 400);
      assert.match((await res.json()).detail, /ttl/);
    });
  }

  for (const [why, header] of [
    ['no credentials', undefined],
    ['a wrong AuthToken', basic(alice.accountSid, 'wrong')],
    ['another account’s AuthToken', basic(alice.accountSid, bob.authToken)],
    ['an unknown AccountSid', basic('AC00000000000000000000000000000000', alice.authToken)],
    ['no colon', `Basic ${Buffer.from(alice.accountSid).toString('base64')}`],
    ['a Bearer header', 'Bearer abc'],
  ] as const) {
    it(`answers 401 with a Basic challenge for ${why}`, async () => {
      const res = await fetch(`${base}/auth`, { headers: header ? { authorization: header } : {} });
      assert.equal(res.status, 401);
      assert.equal(res.headers.get('www-authenticate'), 'Basic realm="pubsub"');
      assert.match((await res.json()).detail, /Account Sid and Auth Token/);
    });
  }
});

describe('sessions on subscribe', () => {
  it('accepts the session as ?session=, a raw Authorization header or a Bearer one', async () => {
    const session = await (await auth()).text();
    assert.equal((await poll(alice.accountSid, session)).status, 200);
    for (const authorization of [session, `Bearer ${session}`]) {
      const res = await fetch(`${base}/${alice.accountSid}/Feed?timeout=0s`, { headers: { authorization } });
      assert.equal(res.status, 200, authorization);
      assert.deepEqual(await res.json(), []);
    }
  });

  it('answers 401 without a session and for an unknown one', async () => {
    assert.equal((await fetch(`${base}/${alice.accountSid}/Feed?timeout=0s`)).status, 401);
    assert.equal((await poll(alice.accountSid, '5ff34c5d-5048-468b-b6c2-384d88efbb4d')).status, 401);
    const withBasic = await fetch(`${base}/${alice.accountSid}/Feed?timeout=0s`, { headers: { authorization: basic(alice.accountSid, alice.authToken) } });
    assert.equal(withBasic.status, 401);
  });

  it('answers 401 once a session’s ttl has passed', async () => {
    const session = await (await auth('?ttl=200ms')).text();
    assert.equal((await poll(alice.accountSid, session)).status, 200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const res = await poll(alice.accountSid, session);
    assert.equal(res.status, 401);
    assert.match((await res.json()).detail, /expired/);
  });

  it('answers 401 after the expireSession control ends a session', async () => {
    const session = await (await auth()).text();
    assert.equal(await backend.command('pubsub', 'expireSession', { session }), true);
    assert.equal((await poll(alice.accountSid, session)).status, 401);
    assert.equal(await backend.command('pubsub', 'expireSession', { session: 'nope' }), false);
  });

  it('answers 403 when a session polls another account’s queue', async () => {
    const session = await (await auth()).text();
    const res = await poll(bob.accountSid, session);
    assert.equal(res.status, 403);
    assert.match((await res.json()).detail, new RegExp(alice.accountSid));
    assert.equal((await poll('ACnotanaccount', session)).status, 403);
  });
});
