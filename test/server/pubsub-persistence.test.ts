import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBackend } from '../../demo/server/backend.js';
import { DEMO_PUBSUB_ACCOUNTS } from '../../demo/server/demo-data.js';
import { MAX_GENERATED_PER_QUEUE } from '../../demo/server/pubsub/demo-generator.js';

const { accountSid, authToken } = DEMO_PUBSUB_ACCOUNTS[0] as { accountSid: string; authToken: string };
const dataDir = mkdtempSync(join(tmpdir(), 'pubsub-data-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

const start = (dir?: string) => startBackend({ port: 0, host: '127.0.0.1', demoBots: false, reactionDelayMs: 0, ...(dir ? { dataDir: dir } : {}) });
const basic = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;

describe('persistence with a data directory', () => {
  it('keeps undelivered events and sessions across a restart, and does not replay delivered ones', async () => {
    const first = await start(dataDir);
    const session = await (await fetch(`${first.url}/pubsub/auth`, { headers: { authorization: basic } })).text();
    for (const n of ['1', '2', '3']) {
      await fetch(`${first.url}/pubsub/${accountSid}/durable`, { method: 'POST', body: new URLSearchParams({ n }) });
    }
    await fetch(`${first.url}/pubsub/${accountSid}/durable?session=${session}&timeout=0s`).then((res) => res.text());
    await fetch(`${first.url}/pubsub/${accountSid}/durable`, { method: 'POST', body: new URLSearchParams({ n: '4' }) });
    await first.close();

    const second = await start(dataDir);
    try {
      const res = await fetch(`${second.url}/pubsub/${accountSid}/durable?session=${session}&timeout=300ms`);
      assert.equal(res.status, 200);
      assert.deepEqual((await res.json()).map((e: { FormParams: { n: string } }) => e.FormParams.n), ['4']);
    } finally {
      await second.close();
    }
  });

  it('keeps nothing without a data directory', async () => {
    const first = await start();
    await first.command('pubsub', 'publish', { accountSid, queue: 'ephemeral', params: { n: '1' } });
    await first.close();
    const second = await start();
    try {
      assert.equal(await second.command('pubsub', 'queueDepth', { accountSid, queue: 'ephemeral' }), 0);
    } finally {
      await second.close();
    }
  });
});

describe('demo event generator', () => {
  it('makes realistic SMS and call callbacks for the demo account', async () => {
    const backend = await start();
    try {
      const envelopes = [];
      for (let i = 0; i < 8; i += 1) envelopes.push((await backend.command('pubsub', 'demoTick')) as { Url: string; AccountSid: string; FormParams: Record<string, string> });
      const sms = envelopes.filter((e) => e.Url === `/${accountSid}/SMS`);
      const calls = envelopes.filter((e) => e.Url === `/${accountSid}/Calls`);
      assert.ok(sms.length > 0 && calls.length > 0);
      assert.equal(sms.length + calls.length, 8);
      for (const { FormParams: p, AccountSid } of sms) {
        assert.equal(AccountSid, accountSid);
        assert.match(p.SmsSid ?? '', /^SM[0-9a-f]{32}$/);
        assert.equal(p.SmsStatus, 'received');
        assert.equal(p.ApiVersion, 'v2');
        assert.match(p.From ?? '', /^\+\d{8,15}$/);
        assert.ok(p.Body && p.To);
      }
      const statuses = calls.map((e) => e.FormParams.CallStatus);
      assert.deepEqual(statuses.slice(0, 3), ['ringing', 'in-progress', 'completed']);
      const firstCall = calls.slice(0, 3);
      assert.match(firstCall[0]?.FormParams.CallSid ?? '', /^CA[0-9a-f]{32}$/);
      assert.ok(firstCall.every((e) => e.FormParams.CallSid === firstCall[0]?.FormParams.CallSid && e.FormParams.Direction === 'inbound'));
      assert.match(firstCall[2]?.FormParams.Duration ?? '', /^\d+$/);
      assert.equal(firstCall[0]?.FormParams.Duration, undefined);
    } finally {
      await backend.close();
    }
  });

  it(`keeps at most ${MAX_GENERATED_PER_QUEUE} undelivered generated events per queue, dropping the oldest`, async () => {
    const backend = await start();
    try {
      await backend.command('pubsub', 'publish', { accountSid, queue: 'SMS', params: { Body: 'real one' } });
      for (let i = 0; i < 260; i += 1) await backend.command('pubsub', 'demoTick');
      const smsDepth = await backend.command('pubsub', 'queueDepth', { accountSid, queue: 'SMS' });
      const callsDepth = await backend.command('pubsub', 'queueDepth', { accountSid, queue: 'Calls' });
      assert.equal(smsDepth, MAX_GENERATED_PER_QUEUE + 1, 'generated ones capped, the published one kept');
      assert.equal(callsDepth, MAX_GENERATED_PER_QUEUE);
    } finally {
      await backend.close();
    }
  });

  it('publishes on its own only when demo bots are on', async () => {
    const depths = async (demoBots: boolean) => {
      const backend = await startBackend({ port: 0, host: '127.0.0.1', demoBots, reactionDelayMs: 0 });
      try {
        const sms = (await backend.command('pubsub', 'queueDepth', { accountSid, queue: 'SMS' })) as number;
        const calls = (await backend.command('pubsub', 'queueDepth', { accountSid, queue: 'Calls' })) as number;
        return sms + calls;
      } finally {
        await backend.close();
      }
    };
    assert.equal(await depths(false), 0);
    assert.equal(await depths(true), 1);
  });
});
