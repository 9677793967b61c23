import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startBackend, type Backend } from '../../demo/server/backend.js';
import { DEMO_PUBSUB_ACCOUNTS } from '../../demo/server/demo-data.js';

const { accountSid, authToken } = DEMO_PUBSUB_ACCOUNTS[0] as { accountSid: string; authToken: string };
const callSid = (n: number) => `CA${String(n).padStart(32, '0')}`;

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

/** What the CPaaS platform does when a call hits the voice URL. */
const platformRequest = (path: string, sid: string, timeout: string) =>
  fetch(`${base}/${accountSid}/${path}?timeout=${timeout}`, {
    method: 'POST',
    body: new URLSearchParams({ AccountSid: accountSid, CallSid: sid, CallStatus: 'in-progress', From: '+18457026652', To: '+14083511240' }),
  });
const postXml = (path: string, xml: string) => fetch(`${base}/${accountSid}/${path}`, { method: 'POST', body: xml, headers: { 'content-type': 'application/xml' } });
const subscribe = async (path: string) => (await fetch(`${base}/${accountSid}/${path}?session=${session}&timeout=5s`)).json();

describe('call control (.xml URL with a CallSid)', () => {
  it('publishes the call request, then answers the platform with the XML posted for that call', async () => {
    const sid = callSid(1);
    const platform = platformRequest('call.xml', sid, '5s');
    const [event] = await subscribe('call.xml');
    assert.equal(event.FormParams.CallSid, sid);
    assert.equal(event.Url, `/${accountSid}/call.xml`);
    const xml = `<Response>\n<Say>Unit test successful</Say>\n<Redirect>/${accountSid}/call.xml</Redirect>\n</Response>`;
    assert.equal((await postXml(`call.xml/${sid}`, xml)).status, 200);
    const answer = await platform;
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get('content-type') ?? '', /^text\/xml/);
    assert.equal(await answer.text(), xml);
  });

  it('answers the seed’s Redirect when no XML arrives in time', async () => {
    const sid = callSid(2);
    const answer = await platformRequest('call.xml', sid, '300ms');
    assert.match(answer.headers.get('content-type') ?? '', /^text\/xml/);
    assert.equal(await answer.text(), `<Response>\n<Redirect>/call.xml/${sid}/</Redirect>\n</Response>`);
    assert.equal((await subscribe('call.xml'))[0].FormParams.CallSid, sid);
  });

  it('keeps XML posted after a timeout for the redirected request', async () => {
    const sid = callSid(3);
    await (await platformRequest('call.xml', sid, '100ms')).text();
    await postXml(`call.xml/${sid}`, '<Response><Hangup/></Response>');
    assert.equal(await backend.command('pubsub', 'queueDepth', { accountSid, queue: `call.xml/${sid}` }), 1);
    assert.equal(await (await platformRequest('call.xml', sid, '1s')).text(), '<Response><Hangup/></Response>');
  });

  it('works on any .xml queue, such as the Gather action URL of the seed', async () => {
    const sid = callSid(4);
    const path = `calls/events/NodeId-11/${sid}.xml`;
    const platform = fetch(`${base}/${accountSid}/${path}?event-type=gather-action&timeout=5s`, {
      method: 'POST',
      body: new URLSearchParams({ CallSid: sid, Digits: '42' }),
    });
    const raw = await (await fetch(`${base}/${accountSid}/${path}?session=${session}&timeout=5s`)).text();
    assert.match(raw, /"Digits":"42"/);
    await postXml(`${path}/${sid}`, '<Response><Say>You pressed 42. Good bye.</Say><Hangup /></Response>');
    assert.match(await (await platform).text(), /You pressed 42/);
  });

  it('publishes a .xml POST without a CallSid as a plain event', async () => {
    const res = await fetch(`${base}/${accountSid}/plain.xml`, { method: 'POST', body: new URLSearchParams({ a: 'b' }) });
    assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal((await res.json()).Url, `/${accountSid}/plain.xml`);
  });

  it('refuses a CallSid that cannot be a queue segment', async () => {
    const res = await platformRequest('call.xml', '../../x', '1s');
    assert.equal(res.status, 400);
  });

  it('leaves the XML queued when the platform request goes away before it arrives', async () => {
    const sid = callSid(5);
    const controller = new AbortController();
    const gone = platformRequest('call.xml', sid, '5s');
    void gone.catch(() => undefined);
    const aborted = fetch(`${base}/${accountSid}/call.xml?timeout=5s`, {
      method: 'POST',
      body: new URLSearchParams({ CallSid: callSid(6) }),
      signal: controller.signal,
    }).catch((error: Error) => error.name);
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    assert.equal(await aborted, 'AbortError');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await postXml(`call.xml/${callSid(6)}`, '<Response/>');
    assert.equal(await backend.command('pubsub', 'queueDepth', { accountSid, queue: `call.xml/${callSid(6)}` }), 1);
    await postXml(`call.xml/${sid}`, '<Response><Say>ok</Say></Response>');
    assert.equal(await (await gone).text(), '<Response><Say>ok</Say></Response>');
  });
});
