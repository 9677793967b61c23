import { expect } from '@open-wc/testing';
import { formatDuration, normalizeQueue, parseDuration, queueUrl } from '../../src/pubsub/addressing.js';
import { describeParams } from '../../src/pubsub/describe.js';
import { eventKey, parseEnvelope, queueOfUrl, toEvent } from '../../src/pubsub/envelope.js';
import { ACCOUNT, envelope } from './helpers.js';

describe('PubSub wire helpers', () => {
  it('accepts the seed envelope and refuses wrong types', () => {
    const seed = envelope('a/b', { Custom: '123', Param: 'abc' }, '2022-12-06T11:52:13.114436515-05:00');
    expect(parseEnvelope(seed)).to.deep.equal(seed);
    expect(parseEnvelope({ ...seed, Hostname: undefined, AccountSid: undefined })).to.include({ Hostname: '', AccountSid: '' });
    for (const bad of [null, 1, 'x', [], { ...seed, Url: 1 }, { ...seed, Created: null }, { ...seed, FormParams: 'a=b' }, { ...seed, FormParams: { n: 1 } }, { ...seed, Hostname: 3 }]) {
      expect(parseEnvelope(bad), JSON.stringify(bad)).to.equal(undefined);
    }
  });

  it('keys events by Url, Created and sorted FormParams, not Hostname', () => {
    const a = envelope('SMS', { A: '1', B: '2' }, '2026-01-01T00:00:00.1Z');
    expect(eventKey({ ...a, Hostname: 'x', FormParams: { B: '2', A: '1' } })).to.equal(eventKey(a));
    expect(eventKey({ ...a, Created: '2026-01-01T00:00:00.2Z' })).not.to.equal(eventKey(a));
    expect(eventKey({ ...a, Url: '/x/Calls' })).not.to.equal(eventKey(a));
    expect(eventKey({ ...a, FormParams: { A: '1', B: '3' } })).not.to.equal(eventKey(a));
    // Separators inside values cannot make two different events collide.
    expect(eventKey({ ...a, FormParams: { A: '1","B' } })).not.to.equal(eventKey({ ...a, FormParams: { A: '1', B: '' } }));
  });

  it('derives the queue below the account and a creation time', () => {
    expect(queueOfUrl(`/${ACCOUNT}/calls/events`, ACCOUNT)).to.equal('calls/events');
    expect(queueOfUrl('/other/SMS', ACCOUNT)).to.equal('other/SMS');
    const event = toEvent(envelope('SMS', {}, '2016-12-06T13:26:19.042258199-05:00'), ACCOUNT, 5);
    expect(event.createdAt).to.equal(Date.UTC(2016, 11, 6, 18, 26, 19, 42));
    expect(toEvent(envelope('SMS', {}, 'not a date'), ACCOUNT, 5).createdAt).to.equal(5);
  });

  it('builds queue URLs with escaped segments', () => {
    expect(normalizeQueue('//node-1//critical/')).to.equal('node-1/critical');
    expect(queueUrl('https://h/pubsub/', 'AC1', '/a b/?x#y/')).to.equal('https://h/pubsub/AC1/a%20b/%3Fx%23y');
  });

  it('parses durations as the service does: Go-style units, compounds, and plain seconds', () => {
    const read = (texts: string[]) => texts.map((text) => parseDuration(text));
    expect(read(['500ms', '5s', '2m', '1h', ' 1.5s ', '1m30s', '1h0m5s', '30', '0.5', '0s'])).to.deep.equal([500, 5000, 120_000, 3_600_000, 1500, 90_000, 3_605_000, 30_000, 500, 0]);
    for (const bad of ['', 's', '-5s', '5 d', '5d', '1e3s', '1e3', '5 s', '5S', '1m 30s']) expect(parseDuration(bad), bad).to.equal(undefined);
  });

  it('writes durations every Go-style parser reads', () => {
    expect([formatDuration(2000), formatDuration(90_000), formatDuration(500), formatDuration(1500)]).to.deep.equal(['2s', '90s', '500ms', '1500ms']);
  });

  it('recognises SMS and call callbacks', () => {
    expect(describeParams({ SmsSid: 'SM1', From: '+1', To: '+2', Body: 'Hi', SmsStatus: 'received' })).to.deep.equal({ kind: 'sms', from: '+1', to: '+2', body: 'Hi', status: 'received' });
    expect(describeParams({ CallSid: 'CA1', From: '+1', To: '+2', CallStatus: 'ringing' })).to.deep.equal({ kind: 'call', from: '+1', to: '+2', status: 'ringing', callSid: 'CA1' });
    expect(describeParams({ Custom: '1' })).to.deep.equal({ kind: 'other' });
  });
});
