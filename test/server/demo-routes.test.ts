import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startBackend, type Backend } from '../../demo/server/backend.js';
import { DEMO_PUBSUB_ACCOUNTS } from '../../demo/server/demo-data.js';

let backend: Backend;
before(async () => {
  backend = await startBackend({ port: 0, host: '127.0.0.1', demoBots: false, reactionDelayMs: 0 });
});
after(() => backend.close());

describe('GET /demo/config', () => {
  it('gives absolute URLs for the host and port the request used', async () => {
    const res = await fetch(`${backend.url}/demo/config`);
    assert.equal(res.status, 200);
    const config = await res.json();
    assert.equal(config.spaces.socketUrl, `${backend.url}/chat`);
    assert.equal(config.spaces.apiUrl, `${backend.url}/api`);
    assert.ok(config.spaces.spaces.length >= 2);
    assert.ok(config.spaces.users.every((u: { _id: string; displayname: string }) => u._id && u.displayname));
    assert.equal(config.ccaas.hostURL, backend.url);
    assert.match(config.ccaas.integrationId, /^[0-9a-f-]{36}$/);
    assert.equal(config.pubsub.baseUrl, `${backend.url}/pubsub`);
    assert.match(config.pubsub.accountSid, /^AC[0-9a-f]{32}$/);
  });

  it('never hands the page the PubSub AuthToken', async () => {
    const text = await (await fetch(`${backend.url}/demo/config`)).text();
    const [account] = DEMO_PUBSUB_ACCOUNTS;
    assert.ok(account?.authToken);
    assert.ok(!text.includes(account.authToken), 'the AuthToken is in /demo/config');
    assert.deepEqual(Object.keys(JSON.parse(text).pubsub).sort(), ['accountSid', 'baseUrl']);
  });
});

describe('GET /demo/pubsub-session', () => {
  it('mints a session of the demo account that a poll on its queue accepts', async () => {
    const res = await fetch(`${backend.url}/demo/pubsub-session`);
    assert.equal(res.status, 200);
    const session = (await res.text()).trim();
    assert.match(session, /^[0-9a-f-]{36}$/);
    const [account] = DEMO_PUBSUB_ACCOUNTS;
    const poll = await fetch(`${backend.url}/pubsub/${account!.accountSid}/demo-session-check?session=${session}&timeout=10ms`);
    assert.equal(poll.status, 200);
    assert.deepEqual(await poll.json(), []);
  });

  it('passes a ttl on, so the session expires when the page asked', async () => {
    const session = (await (await fetch(`${backend.url}/demo/pubsub-session?ttl=1ms`)).text()).trim();
    const [account] = DEMO_PUBSUB_ACCOUNTS;
    const poll = () => fetch(`${backend.url}/pubsub/${account!.accountSid}/demo-session-check?session=${session}&timeout=10ms`);
    // A millisecond's session has expired by the time a poll or two has been answered.
    let status = (await poll()).status;
    for (let tries = 1; status === 200 && tries < 50; tries += 1) status = (await poll()).status;
    assert.equal(status, 401);
  });
});

describe('GET /demo/token', () => {
  const decode = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString());

  it('mints a three-part JWT whose exp is now + ttl', async () => {
    const before = Math.floor(Date.now() / 1000);
    const res = await fetch(`${backend.url}/demo/token?service=spaces&user=u-bob&ttl=120`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
    const token = await res.text();
    assert.equal(token.split('.').length, 3);
    const claims = decode(token);
    assert.equal(claims.sub, 'u-bob');
    assert.ok(claims.exp >= before + 120 && claims.exp <= before + 122);
  });

  it('defaults the ttl to one hour', async () => {
    const claims = decode(await (await fetch(`${backend.url}/demo/token?service=ccaas&user=cust-7`)).text());
    assert.ok(Math.abs(claims.exp - Math.floor(Date.now() / 1000) - 3600) <= 2);
  });

  for (const [query, why] of [
    ['service=nope', 'unknown service'],
    ['service=spaces&user=u-nobody', 'unknown spaces user'],
    ['service=spaces&user=u-bob&ttl=abc', 'non-numeric ttl'],
    ['service=spaces&user=u-bob&ttl=99999999', 'ttl too long'],
    ['service=ccaas&user=%3Cscript%3E', 'hostile user id'],
  ]) {
    it(`answers 400 with a problem document for ${why}`, async () => {
      const res = await fetch(`${backend.url}/demo/token?${query}`);
      assert.equal(res.status, 400);
      assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
      const body = await res.json();
      assert.equal(body.status, 400);
      assert.ok(body.detail.length > 10);
    });
  }
});

describe('bad input to the backend', () => {
  it('answers 404 with a problem document for unknown paths', async () => {
    const res = await fetch(`${backend.url}/no/such/thing`);
    assert.equal(res.status, 404);
    assert.equal((await res.json()).status, 404);
  });

  it('answers 405 for a wrong method on a known path', async () => {
    const res = await fetch(`${backend.url}/demo/config`, { method: 'DELETE' });
    assert.equal(res.status, 405);
  });

  it('answers CORS preflights for the headers the widgets send', async () => {
    const res = await fetch(`${backend.url}/api/users/me`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization,appkey' },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.match(res.headers.get('access-control-allow-headers') ?? '', /authorization/);
  });

  it('refuses path traversal out of the demo folder', async () => {
    const res = await fetch(`${backend.url}/..%2f..%2fpackage.json`);
    assert.equal(res.status, 404);
  });

  it('keeps serving after a malformed request line', async () => {
    const { connect } = await import('node:net');
    const { port } = new URL(backend.url);
    const reply = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write('GARBAGE\r\n\r\n'));
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString());
      });
      socket.once('error', () => resolve('error'));
    });
    assert.match(reply, /^HTTP\/1.1 400/);
    assert.equal((await fetch(`${backend.url}/demo/config`)).status, 200);
  });
});
