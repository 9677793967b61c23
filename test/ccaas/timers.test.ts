import { expect } from '@open-wc/testing';
import { ManualClock } from '../../src/core/clock.js';
import { tokenExpiry } from '../../src/core/token-expiry.js';
import { createChatSdk } from '../../src/ccaas/index.js';
import type { ChatSdk } from '../../src/ccaas/index.js';
import { backendCommand, fetchToken, until } from '../support/backend.js';
import { MemoryStorage, initParams, record, typesOf, waitForEvent } from './support.js';

// Time-driven behaviour on a ManualClock that starts at the real time, so the backend's real
// tokens carry expiries that mean something on it. Advancing it past the 40 s request timeout
// cuts the real long-poll, so these tests assert timers and REST calls, not streamed events.
describe('ccaas engine: token and idle lifecycles (manual clock)', () => {
  const sdks: ChatSdk[] = [];
  afterEach(() => {
    for (const sdk of sdks.splice(0)) sdk.close();
  });
  /** An engine closed after the test, with the log of its events. */
  const newSdk = () => {
    const sdk = createChatSdk();
    sdks.push(sdk);
    return { sdk, log: record(sdk) };
  };

  it('fires TOKEN_EXPIRY_REMINDER exactly 180 s before exp and TOKEN_EXPIRED at exp', async () => {
    const clock = new ManualClock(Date.now());
    const { sdk, log } = newSdk();
    const { user: _u, ...params } = await initParams(undefined, 600);
    const exp = tokenExpiry(params.token)!;
    await sdk.init(params, { clock, storage: new MemoryStorage(), idleTimeout: 3300 });
    await clock.advance(exp - 180_000 - clock.now() - 1);
    expect(typesOf(log)).to.not.include('TOKEN_EXPIRY_REMINDER');
    await clock.advance(1);
    const reminder = await waitForEvent(log, 'TOKEN_EXPIRY_REMINDER');
    expect(reminder).to.include({ eventDate: new Date(exp - 180_000).toISOString(), expiryDate: new Date(exp).toISOString() });
    expect(typesOf(log)).to.not.include('TOKEN_EXPIRED');
    await clock.advance(180_000);
    const expired = await waitForEvent(log, 'TOKEN_EXPIRED');
    expect(expired.expiredDate).to.equal(new Date(exp).toISOString());
  });

  it('reminds at once of a token that arrives with less than 180 s left, and expires it at exp', async () => {
    const clock = new ManualClock(Date.now());
    const start = clock.now();
    const { sdk, log } = newSdk();
    const { user: _u, ...params } = await initParams(undefined, 120);
    const exp = tokenExpiry(params.token)!;
    await sdk.init(params, { clock, storage: new MemoryStorage(), idleTimeout: 3300 });
    await clock.advance(0);
    const reminders = log.filter((e) => e.type === 'TOKEN_EXPIRY_REMINDER').map((e) => e.payload);
    expect(reminders).to.deep.equal([{ eventDate: new Date(start).toISOString(), expiryDate: new Date(exp).toISOString() }]);
    await clock.advance(exp - clock.now() - 1);
    expect(typesOf(log)).to.not.include('TOKEN_EXPIRED');
    await clock.advance(1);
    expect((await waitForEvent(log, 'TOKEN_EXPIRED')).expiredDate).to.equal(new Date(exp).toISOString());
    expect(log.filter((e) => e.type === 'TOKEN_EXPIRY_REMINDER')).to.have.length(1);
  });

  it('with a provider, reminds at once of a short-lived token but asks for the next one half-way through its life', async () => {
    const clock = new ManualClock(Date.now());
    const start = clock.now();
    const { sdk, log } = newSdk();
    const { user, token: _t, ...rest } = await initParams(undefined, 120);
    const asked: number[] = [];
    const tokens: string[] = [];
    const tokenProvider = async () => {
      asked.push(clock.now() - start);
      const next = await fetchToken('ccaas', user, tokens.length === 0 ? 120 : 3600);
      tokens.push(next);
      return next;
    };
    await sdk.init({ ...rest, tokenProvider }, { clock, storage: new MemoryStorage(), idleTimeout: 3300 });
    await clock.advance(0);
    expect(typesOf(log)).to.include('TOKEN_EXPIRY_REMINDER');
    expect(asked).to.deep.equal([0]);
    const half = (tokenExpiry(tokens[0]!)! - start) / 2;
    await clock.advance(half - 1);
    expect(asked, 'not before half-way').to.deep.equal([0]);
    await clock.advance(1);
    await until(() => tokens.length === 2, 'the refresh');
    expect(asked).to.deep.equal([0, half]);
    await clock.advance(120_000);
    expect(typesOf(log)).to.not.include('TOKEN_EXPIRED');
  });

  it('does not expire when the page sets a new token on the reminder (the guide\'s pattern)', async () => {
    const clock = new ManualClock(Date.now());
    const { sdk, log } = newSdk();
    const { user, ...params } = await initParams(undefined, 600);
    const exp = tokenExpiry(params.token)!;
    let fresh = '';
    sdk.on('TOKEN_EXPIRY_REMINDER', () => sdk.setJwtToken(fresh));
    fresh = await fetchToken('ccaas', user, 3600);
    await sdk.init(params, { clock, storage: new MemoryStorage(), idleTimeout: 3300 });
    await clock.advance(exp - clock.now() + 1000);
    expect(typesOf(log)).to.include('TOKEN_EXPIRY_REMINDER');
    expect(typesOf(log)).to.not.include('TOKEN_EXPIRED');
    expect(() => sdk.setJwtToken('jwt.not.a.jwt')).to.throw().with.property('code', 'ACS-305');
  });

  it('refreshes by itself on the reminder when a token provider is configured, and keeps working', async () => {
    const clock = new ManualClock(Date.now());
    const { sdk, log } = newSdk();
    const { user, token, ...rest } = await initParams(undefined, 600);
    const requests: string[] = [];
    let delivered = 0;
    const tokenProvider = async ({ reason }: { service: string; reason: string }) => {
      requests.push(reason);
      const next = requests.length === 1 ? token : await fetchToken('ccaas', user, 3600);
      delivered += 1;
      return next;
    };
    await sdk.init({ ...rest, tokenProvider }, { clock, storage: new MemoryStorage(), idleTimeout: 3300 });
    expect(requests).to.deep.equal(['initial']);
    const exp = tokenExpiry(token)!;
    await clock.advance(exp - 180_000 - clock.now());
    await waitForEvent(log, 'TOKEN_EXPIRY_REMINDER');
    await until(() => delivered === 2, 'provider refresh');
    expect(requests[1]).to.equal('refresh');
    await clock.advance(200_000);
    expect(typesOf(log)).to.not.include('TOKEN_EXPIRED');
    const engagement = await sdk.createEngagement();
    expect(engagement.engagementId).to.be.a('string');
  });

  it('warns with IDLE_TIMEOUT_EXPIRED after idleTimeout and shuts down (USER_INACTIVE) after the grace period', async () => {
    const clock = new ManualClock(Date.now());
    const start = clock.now();
    const { sdk, log } = newSdk();
    const { user: _u, ...params } = await initParams();
    await sdk.init(params, { clock, storage: new MemoryStorage(), idleTimeout: 300, idleShutdownGraceTimeout: 60 });
    await clock.advance(299_000);
    expect(typesOf(log)).to.not.include('IDLE_TIMEOUT_EXPIRED');
    await clock.advance(1000);
    const warning = await waitForEvent(log, 'IDLE_TIMEOUT_EXPIRED');
    expect(warning).to.deep.equal({ eventDate: new Date(start + 300_000).toISOString(), gracePeriod: 60 });
    await clock.advance(59_000);
    expect(typesOf(log)).to.not.include('SHUTDOWN');
    await clock.advance(1000);
    const shutdown = await waitForEvent(log, 'SHUTDOWN');
    expect(shutdown.reason).to.equal('USER_INACTIVE');
    expect(sdk.initialized).to.equal(false);
  });

  it('counts createEngagement, sendMessage and resetIdleTimeout as activity; resetIdleTimeout cancels the grace period', async () => {
    await backendCommand('ccaas', 'setAgentDelays', { joinMs: 0, replyMs: 0 });
    const clock = new ManualClock(Date.now());
    const { sdk, log } = newSdk();
    const { user: _u, ...params } = await initParams();
    await sdk.init(params, { clock, storage: new MemoryStorage() });
    await clock.advance(200_000);
    const engagement = await sdk.createEngagement();
    await clock.advance(200_000);
    expect(typesOf(log)).to.not.include('IDLE_TIMEOUT_EXPIRED');
    await engagement.sendMessage('still here');
    await clock.advance(299_000);
    expect(typesOf(log)).to.not.include('IDLE_TIMEOUT_EXPIRED');
    await clock.advance(1000);
    await waitForEvent(log, 'IDLE_TIMEOUT_EXPIRED');
    await clock.advance(20_000);
    sdk.resetIdleTimeout();
    await clock.advance(60_000);
    expect(typesOf(log)).to.not.include('SHUTDOWN');
    expect(log.filter((e) => e.type === 'IDLE_TIMEOUT_EXPIRED')).to.have.length(1);
    await clock.advance(240_000);
    expect(log.filter((e) => e.type === 'IDLE_TIMEOUT_EXPIRED')).to.have.length(2);
    sdk.resetTimer();
    await clock.advance(100_000);
    expect(typesOf(log)).to.not.include('SHUTDOWN');
  });

  it('counts join and disconnect as activity too; either one during the grace period cancels it', async () => {
    await backendCommand('ccaas', 'setAgentDelays', { joinMs: 0, replyMs: 0 });
    const clock = new ManualClock(Date.now());
    const { sdk, log } = newSdk();
    const { user: _u, ...params } = await initParams();
    await sdk.init(params, { clock, storage: new MemoryStorage(), reconnectionTimeout: 900 });
    const engagement = await sdk.createEngagement();
    await waitForEvent(log, 'ENGAGEMENT_ACTIVE');
    await clock.advance(200_000);
    await engagement.join();
    await clock.advance(299_000);
    expect(typesOf(log), 'the join restarted the idle period').to.not.include('IDLE_TIMEOUT_EXPIRED');
    await clock.advance(1000);
    await waitForEvent(log, 'IDLE_TIMEOUT_EXPIRED');
    expect(sdk.idleDeadline).to.equal(clock.now() + 30_000);
    await clock.advance(10_000);
    await engagement.disconnect();
    expect(sdk.idleDeadline, 'the disconnect ended the grace period').to.equal(undefined);
    await clock.advance(299_000);
    expect(typesOf(log)).to.not.include('SHUTDOWN');
    expect(log.filter((e) => e.type === 'IDLE_TIMEOUT_EXPIRED')).to.have.length(1);
    await clock.advance(1000);
    expect(log.filter((e) => e.type === 'IDLE_TIMEOUT_EXPIRED')).to.have.length(2);
  });
});
