import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startBackend, type Backend } from '../../demo/server/backend.js';
import { DEMO_PUBSUB_ACCOUNTS } from '../../demo/server/demo-data.js';

const { accountSid, authToken } = DEMO_PUBSUB_ACCOUNTS[0] as { accountSid: string; authToken: string };

let backend: Backend;
let base: string;
let session: string;
before(async () => {
  backend = await startBackend({ port: 0, host: '127.0.0.1', demoBots: false, reactionDelayMs: 0 });
  base = `${backend.url}/pubsub`;
  const res = await fetch(`${base}/auth`, { headers: { authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}` } });
  session = await res.text();
});
after(() => backend.close());

const post = (queue: string, body: string, contentType: string) =>
  fetch(`${base}/${accountSid}/${queue}`, { method: 'POST', body, headers: { 'content-type': contentType } });
const takeAll = async (queue: string) => (await fetch(`${base}/${accountSid}/${queue}?session=${session}&timeout=300ms`)).json();
const depth = (queue: string) => backend.command('pubsub', 'queueDepth', { accountSid, queue });

describe('publish POST /pubsub/{AccountSid}/{queue}', () => {
  it('wraps a form-encoded platform callback in the seed’s envelope', async () => {
    const body = 'AccountSid=AC948550ad81934a1a9bcd33b689c0c236&ApiVersion=v2&Body=Test+sms&From=%2B18457026652&SmsSid=SM7c889084ee9850fdbfd14d9f987d48d6&SmsStatus=received&To=%2B14089132984';
    const res = await post('SMS-form', body, 'application/x-www-form-urlencoded');
    assert.equal(res.status, 200);
    const published = await res.json();
    const [event] = await takeAll('SMS-form');
    assert.deepEqual(event, published);
    assert.deepEqual(Object.keys(event), ['Hostname', 'AccountSid', 'Url', 'FormParams', 'Created']);
    assert.equal(event.Hostname, new URL(backend.url).host);
    assert.equal(event.AccountSid, accountSid);
    assert.equal(event.Url, `/${accountSid}/SMS-form`);
    assert.deepEqual(event.FormParams, Object.fromEntries(new URLSearchParams(body)));
    assert.match(event.Created, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d$/);
    assert.ok(Math.abs(Date.parse(event.Created) - Date.now()) < 5_000);
  });

  it('leaves the envelope AccountSid empty when the publisher sends none, as the seed shows', async () => {
    await post('custom', 'Custom=123&Param=abc', 'application/x-www-form-urlencoded');
    const [event] = await takeAll('custom');
    assert.equal(event.AccountSid, '');
    assert.deepEqual(event.FormParams, { Custom: '123', Param: 'abc' });
  });

  it('accepts a JSON object body, with values as strings', async () => {
    const res = await post('json', JSON.stringify({ Body: 'hello', Count: 3, Flag: true }), 'application/json');
    assert.equal(res.status, 200);
    const [event] = await takeAll('json');
    assert.deepEqual(event.FormParams, { Body: 'hello', Count: '3', Flag: 'true' });
  });

  it('merges URL query parameters under the body’s, leaving out session and timeout', async () => {
    await post('query?event-type=gather-action&Body=fromQuery&session=secret&timeout=5s', 'Body=fromBody', 'application/x-www-form-urlencoded');
    const [event] = await takeAll('query');
    assert.deepEqual(event.FormParams, { 'event-type': 'gather-action', Body: 'fromBody' });
    assert.equal(event.Url, `/${accountSid}/query`);
  });

  for (const [why, body] of [
    ['malformed JSON', '{"Body": '],
    ['a JSON array', '["a"]'],
    ['a nested JSON object', '{"a":{"b":1}}'],
  ]) {
    it(`answers 400 for ${why} and queues nothing`, async () => {
      const res = await post('bad-json', body ?? '', 'application/json');
      assert.equal(res.status, 400);
      assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8');
      assert.equal(await depth('bad-json'), 0);
    });
  }

  it('answers 413 for a body over 1 MB and queues nothing', async () => {
    const res = await post('huge', `Body=${'x'.repeat(1024 * 1024 + 10)}`, 'application/x-www-form-urlencoded');
    assert.equal(res.status, 413);
    assert.equal(await depth('huge'), 0);
  });

  it('answers 400 for an XML body that is not XML', async () => {
    assert.equal((await post('call.xml/CA1', 'hello', 'application/xml')).status, 400);
  });

  it('answers 404 for an unknown AccountSid', async () => {
    const res = await fetch(`${base}/AC00000000000000000000000000000000/SMS`, { method: 'POST', body: new URLSearchParams({ a: 'b' }) });
    assert.equal(res.status, 404);
  });

  it('answers 400 without a queue name', async () => {
    assert.equal((await post('', 'a=b', 'application/x-www-form-urlencoded')).status, 400);
  });

  it('keeps hostile text as data', async () => {
    const hostile = '<img src=x onerror=alert(1)>"\u2028';
    await post('hostile', JSON.stringify({ Body: hostile }), 'application/json');
    assert.equal((await takeAll('hostile'))[0].FormParams.Body, hostile);
  });

  it('the publish control takes the same path as a POST', async () => {
    const envelope = (await backend.command('pubsub', 'publish', { accountSid, queue: '/ctl/', params: { n: 1 } })) as { Url: string };
    assert.equal(envelope.Url, `/${accountSid}/ctl`);
    assert.deepEqual((await takeAll('ctl'))[0].FormParams, { n: '1' });
    await assert.rejects(async () => backend.command('pubsub', 'publish', { accountSid: 'ACnope', queue: 'x', params: {} }));
  });
});
