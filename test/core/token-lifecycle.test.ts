import { expect } from '@open-wc/testing';
import { ManualClock, settle } from '../../src/core/clock.js';
import { TokenError } from '../../src/core/token-error.js';
import { MIN_REFRESH_DELAY_MS, type TokenEvents, TokenLifecycle, type TokenLifecycleOptions } from '../../src/core/token-lifecycle.js';
import type { TokenRequest } from '../../src/core/token-provider.js';

/** base64url of a string's UTF-8 bytes, as JWT segments are encoded. */
function base64url(text: string): string {
  const binary = Array.from(new TextEncoder().encode(text), (byte) => String.fromCharCode(byte)).join('');
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

let serial = 0;
/** An unsigned test JWT expiring `seconds` after the clock's now; each one is distinct. */
function jwt(clock: ManualClock, seconds: number): string {
  serial += 1;
  const payload = { sub: `user-${serial}`, exp: clock.now() / 1000 + seconds };
  return `${base64url('{"alg":"HS256","typ":"JWT"}')}.${base64url(JSON.stringify(payload))}.c2ln`;
}

/** A provider whose answers the test decides, recording when and why it was called. */
function scripted(clock: ManualClock, answer: (request: TokenRequest, call: number) => unknown) {
  const calls: { at: number; request: TokenRequest }[] = [];
  const provider = (request: TokenRequest) => {
    calls.push({ at: clock.now(), request });
    return answer(request, calls.length) as Promise<string>;
  };
  return { calls, provider };
}

/** Everything a lifecycle emitted, with the clock time. */
function record(lifecycle: TokenLifecycle, clock: ManualClock) {
  const events: { type: keyof TokenEvents; at: number; detail: TokenEvents[keyof TokenEvents] }[] = [];
  for (const type of ['expiring', 'refreshed', 'expired', 'error'] as const) {
    lifecycle.on(type, (event) => events.push({ type, at: clock.now(), detail: event.detail }));
  }
  return {
    events,
    of: <K extends keyof TokenEvents>(type: K) => events.filter((e) => e.type === type).map((e) => ({ at: e.at, ...(e.detail as TokenEvents[K]) })),
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

const T0 = Date.UTC(2026, 0, 1);

describe('TokenLifecycle', () => {
  let clock: ManualClock;
  let lifecycle: TokenLifecycle | undefined;

  function create(options: Omit<TokenLifecycleOptions, 'clock' | 'service'> & { service?: string }): TokenLifecycle {
    lifecycle = new TokenLifecycle({ service: 'ccaas', clock, ...options });
    return lifecycle;
  }

  beforeEach(() => {
    clock = new ManualClock(T0);
  });

  afterEach(() => {
    lifecycle?.dispose();
    lifecycle = undefined;
  });

  describe('getting tokens', () => {
    it('asks the provider once with reason initial and then serves the token from memory', async () => {
      const token = jwt(clock, 3600);
      const { calls, provider } = scripted(clock, () => token);
      const life = create({ provider, service: 'spaces' });
      const log = record(life, clock);
      expect(await life.getToken()).to.equal(token);
      expect(await life.getToken()).to.equal(token);
      expect(calls.map((c) => c.request)).to.deep.equal([{ service: 'spaces', reason: 'initial' }]);
      expect(life.token).to.equal(token);
      expect(life.expiresAt).to.equal(T0 + 3_600_000);
      expect(log.of('refreshed')).to.deep.equal([{ at: T0, token, expiresAt: T0 + 3_600_000, reason: 'initial' }]);
    });

    it('shares one provider call between concurrent callers', async () => {
      const token = jwt(clock, 3600);
      let answer!: (value: string) => void;
      const { calls, provider } = scripted(clock, () => new Promise<string>((resolve) => (answer = resolve)));
      const life = create({ provider });
      const waiting = [life.getToken(), life.getToken(), life.refresh(), life.getToken()];
      await settle();
      expect(calls).to.have.length(1);
      answer(token);
      expect(await Promise.all(waiting)).to.deep.equal([token, token, token, token]);
      expect(calls).to.have.length(1);
    });

    it('accepts an opaque token and schedules nothing for it', async () => {
      const { provider } = scripted(clock, () => 'opaque-oauth-token');
      const life = create({ provider });
      const log = record(life, clock);
      expect(await life.getToken()).to.equal('opaque-oauth-token');
      expect(life.expiresAt).to.equal(undefined);
      expect(clock.pending).to.equal(0);
      await clock.advance(365 * 24 * 3600_000);
      expect(await life.getToken()).to.equal('opaque-oauth-token');
      expect(log.of('refreshed').map((e) => e.expiresAt)).to.deep.equal([undefined]);
    });

    it('accepts jwt.-prefixed tokens and decodes their exp', async () => {
      const token = `jwt.${jwt(clock, 900)}`;
      const life = create({ provider: () => token });
      expect(await life.getToken()).to.equal(token);
      expect(life.expiresAt).to.equal(T0 + 900_000);
    });

    it('rejects with provider-missing when there is no provider and no token', async () => {
      const life = create({});
      const log = record(life, clock);
      const error = (await rejection(life.getToken())) as TokenError;
      expect(error.code).to.equal('provider-missing');
      expect(log.of('error').map((e) => e.willRetry)).to.deep.equal([false]);
    });
  });

  describe('validating what the provider returns', () => {
    const bad: [string, (clock: ManualClock) => unknown, string][] = [
      ['undefined', () => undefined, 'invalid-token'],
      ['a number', () => 42, 'invalid-token'],
      ['an object', () => ({ token: 'x' }), 'invalid-token'],
      ['an empty string', () => '', 'invalid-token'],
      ['a malformed JWT', () => 'abc.%%%.def', 'invalid-token'],
      ['a JWT without exp', () => `${base64url('{}')}.${base64url('{"sub":"u"}')}.s`, 'invalid-token'],
      ['an expired JWT', (c) => jwt(c, -1), 'expired-token'],
      ['a JWT expiring right now', (c) => jwt(c, 0), 'expired-token'],
    ];
    for (const [what, value, code] of bad) {
      it(`rejects ${what} with ${code}`, async () => {
        const life = create({ provider: () => value(clock) as string, retry: { maxAttempts: 0 } });
        const error = (await rejection(life.getToken())) as TokenError;
        expect(error).to.be.instanceOf(TokenError);
        expect(error.code).to.equal(code);
        expect(error.message).to.contain('"ccaas"');
        expect(life.token).to.equal(undefined);
      });
    }

    it('reports a throwing provider as provider-failed carrying the cause', async () => {
      const cause = new TypeError('Failed to fetch');
      const life = create({ provider: () => Promise.reject(cause), retry: { maxAttempts: 0 } });
      const error = (await rejection(life.getToken())) as TokenError;
      expect(error.code).to.equal('provider-failed');
      expect(error.cause).to.equal(cause);
    });

    it('never puts the token text into an error message', async () => {
      const expired = jwt(clock, -10);
      const prefixed = `jwt.${jwt(clock, -10)}`;
      const secretPayload = `h.${base64url('{"exp":"SECRET-CLAIM"}')}.sig`;
      for (const token of [expired, prefixed, secretPayload, 'Bearer secret-opaque']) {
        const life = create({ provider: () => token, retry: { maxAttempts: 0 } });
        const log = record(life, clock);
        const error = (await rejection(life.getToken())) as TokenError;
        for (const part of [token, ...token.split(/[.\s]/)].filter((p) => p.length > 6)) {
          expect(error.message).not.to.contain(part);
          expect(log.of('error')[0]!.error.message).not.to.contain(part);
        }
        expect(error.message).not.to.contain('SECRET-CLAIM');
        life.dispose();
      }
    });
  });

  describe('timeouts and retries', () => {
    it('fails a hanging provider with provider-timeout at exactly 15 s', async () => {
      const life = create({ provider: () => new Promise<string>(() => {}), retry: { maxAttempts: 0 } });
      const log = record(life, clock);
      let error: TokenError | undefined;
      life.getToken().catch((e: TokenError) => (error = e));
      await clock.advance(14_999);
      expect(error).to.equal(undefined);
      expect(log.of('error')).to.have.length(0);
      await clock.advance(1);
      expect(error?.code).to.equal('provider-timeout');
      expect(log.of('error').map((e) => [e.at, e.error.code, e.willRetry])).to.deep.equal([[T0 + 15_000, 'provider-timeout', false]]);
      expect(clock.pending).to.equal(0);
    });

    it('honours a custom providerTimeoutMs', async () => {
      const life = create({ provider: () => new Promise<string>(() => {}), providerTimeoutMs: 500, retry: { maxAttempts: 0 } });
      let error: TokenError | undefined;
      life.getToken().catch((e: TokenError) => (error = e));
      await clock.advance(499);
      expect(error).to.equal(undefined);
      await clock.advance(1);
      expect(error?.code).to.equal('provider-timeout');
    });

    it('retries a failing provider with Fibonacci backoff, 5 times by default when no token is held', async () => {
      const { calls, provider } = scripted(clock, () => Promise.reject(new Error('down')));
      const life = create({ provider });
      const log = record(life, clock);
      let error: TokenError | undefined;
      life.getToken().catch((e: TokenError) => (error = e));
      await clock.advance(60_000);
      expect(calls.map((c) => c.at - T0)).to.deep.equal([0, 1000, 2000, 4000, 7000, 12_000]);
      expect(log.of('error').map((e) => e.willRetry)).to.deep.equal([true, true, true, true, true, false]);
      expect(error?.code).to.equal('provider-failed');
      expect(calls.every((c) => c.request.reason === 'initial')).to.equal(true);
    });

    it('resolves waiting callers once a retry succeeds', async () => {
      const token = jwt(clock, 3600);
      const { calls, provider } = scripted(clock, (_r, call) => (call < 3 ? Promise.reject(new Error('flaky')) : token));
      const life = create({ provider, retry: { baseMs: 200 } });
      let got: string | undefined;
      void life.getToken().then((t) => (got = t));
      await clock.advance(399);
      expect(got).to.equal(undefined);
      await clock.advance(1);
      expect(got).to.equal(token);
      expect(calls.map((c) => c.at - T0)).to.deep.equal([0, 200, 400]);
    });

    it('retries after a timeout too, and a new call starts only after the previous one timed out', async () => {
      const token = jwt(clock, 3600);
      const { calls, provider } = scripted(clock, (_r, call) => (call === 1 ? new Promise<string>(() => {}) : token));
      const life = create({ provider, providerTimeoutMs: 1000 });
      const log = record(life, clock);
      let got: string | undefined;
      void life.getToken().then((t) => (got = t));
      await clock.advance(1999);
      expect(calls).to.have.length(1);
      await clock.advance(1);
      expect(got).to.equal(token);
      expect(log.of('error').map((e) => [e.error.code, e.willRetry])).to.deep.equal([['provider-timeout', true]]);
    });

    it('honours retry.maxAttempts', async () => {
      const { calls, provider } = scripted(clock, () => Promise.reject(new Error('down')));
      const life = create({ provider, retry: { maxAttempts: 2 } });
      const failure = rejection(life.getToken());
      await clock.advance(60_000);
      expect(((await failure) as TokenError).code).to.equal('provider-failed');
      expect(calls).to.have.length(3);
    });
  });

  describe('expiry', () => {
    it('fires expiring exactly 180 s before exp', async () => {
      const token = jwt(clock, 600);
      const life = create({ provider: () => token, autoRefresh: false });
      const log = record(life, clock);
      await life.getToken();
      const exp = T0 + 600_000;
      await clock.advance(exp - 180_001 - clock.now());
      expect(log.of('expiring')).to.have.length(0);
      await clock.advance(1);
      expect(log.of('expiring')).to.deep.equal([{ at: exp - 180_000, token, expiresAt: exp }]);
    });

    it('honours a custom leadTimeMs', async () => {
      const life = create({ provider: () => jwt(clock, 600), autoRefresh: false, leadTimeMs: 30_000 });
      const log = record(life, clock);
      await life.getToken();
      await clock.advance(569_999);
      expect(log.of('expiring')).to.have.length(0);
      await clock.advance(1);
      expect(log.of('expiring')).to.have.length(1);
    });

    it('fires expired exactly at exp when nothing replaced the token, and forgets it', async () => {
      const token = jwt(clock, 600);
      const life = create({ provider: () => token, autoRefresh: false });
      const log = record(life, clock);
      await life.getToken();
      await clock.advance(599_999);
      expect(log.of('expired')).to.have.length(0);
      expect(life.token).to.equal(token);
      await clock.advance(1);
      expect(log.of('expired')).to.deep.equal([{ at: T0 + 600_000, expiredAt: T0 + 600_000 }]);
      expect(life.token).to.equal(undefined);
      expect(life.expiresAt).to.equal(undefined);
      expect(clock.pending).to.equal(0);
    });

    it('asks for a new token with reason refresh once the old one has expired', async () => {
      const { calls, provider } = scripted(clock, () => jwt(clock, 600));
      const life = create({ provider, autoRefresh: false });
      await life.getToken();
      await clock.advance(600_000);
      await life.getToken();
      expect(calls.map((c) => c.request.reason)).to.deep.equal(['initial', 'refresh']);
    });

    it('refreshes by itself on expiring with reason refresh and emits refreshed', async () => {
      const first = jwt(clock, 600);
      let second = '';
      const { calls, provider } = scripted(clock, (_r, call) => (call === 1 ? first : (second = jwt(clock, 600))));
      const life = create({ provider });
      const log = record(life, clock);
      await life.getToken();
      await clock.advance(420_000);
      expect(calls.map((c) => [c.at - T0, c.request.reason])).to.deep.equal([[0, 'initial'], [420_000, 'refresh']]);
      expect(log.of('refreshed').map((e) => [e.token, e.reason, e.expiresAt])).to.deep.equal([
        [first, 'initial', T0 + 600_000],
        [second, 'refresh', T0 + 1_020_000],
      ]);
      expect(await life.getToken()).to.equal(second);
      // The old token's expiry no longer fires; the new one's reminder comes 420 s after it arrived.
      await clock.advance(180_000);
      expect(log.of('expired')).to.have.length(0);
      await clock.advance(240_000);
      expect(calls.map((c) => c.at - T0)).to.deep.equal([0, 420_000, 840_000]);
    });

    it('keeps serving the still-valid token while a refresh is in flight', async () => {
      const first = jwt(clock, 600);
      const { calls, provider } = scripted(clock, (_r, call) => (call === 1 ? first : new Promise<string>(() => {})));
      const life = create({ provider });
      await life.getToken();
      await clock.advance(420_000);
      expect(calls).to.have.length(2);
      expect(await life.getToken()).to.equal(first);
      expect(calls).to.have.length(2);
    });

    it('retries a failing refresh with backoff until exp, then emits expired', async () => {
      const { calls, provider } = scripted(clock, (_r, call) => (call === 1 ? jwt(clock, 600) : Promise.reject(new Error('down'))));
      const life = create({ provider });
      const log = record(life, clock);
      await life.getToken();
      const exp = T0 + 600_000;
      await clock.advance(exp - 1 - clock.now());
      const refreshes = calls.slice(1).map((c) => (c.at - (exp - 180_000)) / 1000);
      // Fibonacci seconds after the reminder, capped at 30 s, and never a retry planned past exp.
      expect(refreshes).to.deep.equal([0, 1, 2, 4, 7, 12, 20, 33, 54, 84, 114, 144, 174]);
      expect(calls.slice(1).every((c) => c.request.reason === 'refresh')).to.equal(true);
      const errors = log.of('error');
      expect(errors.slice(0, -1).every((e) => e.willRetry)).to.equal(true);
      expect(errors.at(-1)!.willRetry).to.equal(false);
      expect(log.of('expired')).to.have.length(0);
      await clock.advance(1);
      expect(log.of('expired')).to.deep.equal([{ at: exp, expiredAt: exp }]);
      expect(clock.pending).to.equal(0);
    });

    it('emits expired at exp even when the retries were cut short by maxAttempts', async () => {
      const { calls, provider } = scripted(clock, (_r, call) => (call === 1 ? jwt(clock, 600) : Promise.reject(new Error('down'))));
      const life = create({ provider, retry: { maxAttempts: 1 } });
      const log = record(life, clock);
      await life.getToken();
      await clock.advance(600_000);
      expect(calls).to.have.length(3);
      expect(log.of('expired').map((e) => e.at)).to.deep.equal([T0 + 600_000]);
    });

    it('refreshes a token that arrives inside the lead window half-way through its remaining life', async () => {
      const { calls, provider } = scripted(clock, () => jwt(clock, 60));
      const life = create({ provider });
      const log = record(life, clock);
      await life.getToken();
      await clock.advance(29_999);
      expect(log.of('expiring')).to.have.length(0);
      await clock.advance(1);
      expect(log.of('expiring').map((e) => e.at - T0)).to.deep.equal([30_000]);
      expect(calls.map((c) => c.at - T0)).to.deep.equal([0, 30_000]);
      await clock.advance(30_000);
      expect(calls.map((c) => c.at - T0)).to.deep.equal([0, 30_000, 60_000]);
      expect(log.of('expired')).to.have.length(0);
    });

    it('does not loop when the provider keeps returning the same short-lived token', async () => {
      const token = jwt(clock, 60);
      const { calls, provider } = scripted(clock, () => token);
      const life = create({ provider });
      const log = record(life, clock);
      await life.getToken();
      await clock.advance(60_000);
      // 60 → 30 → 15 → 7.5 → 3.75 → 1.875 s left, then the 1 s floor: a handful of calls, not a loop.
      expect(calls.length).to.be.within(5, 9);
      const gaps = calls.slice(1).map((c, i) => c.at - calls[i]!.at);
      expect(Math.min(...gaps)).to.be.at.least(MIN_REFRESH_DELAY_MS - 1e-6);
      expect(log.of('expired').map((e) => e.at)).to.deep.equal([T0 + 60_000]);
      expect(clock.pending).to.equal(0);
    });

    it('only emits expiring without a provider, leaving the renewal to setToken', async () => {
      const life = create({});
      const log = record(life, clock);
      life.setToken(jwt(clock, 600));
      await clock.advance(420_000);
      expect(log.of('expiring')).to.have.length(1);
      expect(log.of('error')).to.have.length(0);
      life.setToken(jwt(clock, 600));
      await clock.advance(180_000);
      expect(log.of('expired')).to.have.length(0);
    });

    it('skips the automatic refresh when an expiring listener installs a token itself', async () => {
      const { calls, provider } = scripted(clock, () => jwt(clock, 600));
      const life = create({ provider });
      life.on('expiring', () => life.setToken(jwt(clock, 600)));
      await life.getToken();
      await clock.advance(420_000);
      expect(calls).to.have.length(1);
    });
  });

  describe('refresh', () => {
    it('calls the provider now even while the token is valid', async () => {
      const { calls, provider } = scripted(clock, () => jwt(clock, 3600));
      const life = create({ provider });
      const first = await life.getToken();
      const second = await life.refresh();
      expect(second).not.to.equal(first);
      expect(calls.map((c) => c.request.reason)).to.deep.equal(['initial', 'refresh']);
    });

    it('drops a rejected token at once and asks with reason rejected', async () => {
      let answer!: (value: string) => void;
      const { calls, provider } = scripted(clock, (_r, call) => (call === 1 ? jwt(clock, 3600) : new Promise<string>((r) => (answer = r))));
      const life = create({ provider });
      await life.getToken();
      const refreshed = life.refresh('rejected');
      expect(life.token).to.equal(undefined);
      expect(clock.pending).to.equal(1);
      const waiting = life.getToken();
      const fresh = jwt(clock, 3600);
      answer(fresh);
      expect(await refreshed).to.equal(fresh);
      expect(await waiting).to.equal(fresh);
      expect(calls.map((c) => c.request.reason)).to.deep.equal(['initial', 'rejected']);
    });

    it('returns the current token when the rejected one was already replaced', async () => {
      const { calls, provider } = scripted(clock, () => jwt(clock, 3600));
      const life = create({ provider });
      const old = await life.getToken();
      const current = await life.refresh();
      expect(await life.refresh('rejected', old)).to.equal(current);
      expect(calls).to.have.length(2);
    });
  });

  describe('setToken', () => {
    it('installs a token and re-schedules the reminders for it', async () => {
      const life = create({ autoRefresh: false });
      const log = record(life, clock);
      life.setToken(jwt(clock, 600));
      await clock.advance(100_000);
      const replacement = jwt(clock, 600);
      life.setToken(replacement);
      await clock.advance(320_000);
      expect(log.of('expiring')).to.have.length(0);
      await clock.advance(200_000);
      expect(log.of('expiring').map((e) => [e.at - T0, e.token])).to.deep.equal([[520_000, replacement]]);
      expect(log.of('refreshed').map((e) => e.reason)).to.deep.equal(['initial', 'refresh']);
      await clock.advance(180_000);
      expect(log.of('expired').map((e) => e.at - T0)).to.deep.equal([700_000]);
    });

    it('throws a TokenError for a bad token and keeps the current one', () => {
      const life = create({});
      const good = jwt(clock, 600);
      life.setToken(good);
      for (const [value, code] of [['', 'invalid-token'], ['x.y.z', 'invalid-token'], [jwt(clock, -5), 'expired-token'], [null, 'invalid-token']] as const) {
        let error: unknown;
        try {
          life.setToken(value as string);
        } catch (e) {
          error = e;
        }
        expect((error as TokenError).code).to.equal(code);
        if (typeof value === 'string' && value.length > 6) expect((error as TokenError).message).not.to.contain(value);
      }
      expect(life.token).to.equal(good);
    });

    it('hands the token to callers waiting for the provider and abandons that call', async () => {
      const { calls, provider } = scripted(clock, () => new Promise<string>(() => {}));
      const life = create({ provider });
      const log = record(life, clock);
      const waiting = life.getToken();
      await settle();
      const token = jwt(clock, 600);
      life.setToken(token);
      expect(await waiting).to.equal(token);
      await clock.advance(60_000);
      expect(calls).to.have.length(1);
      expect(log.of('error')).to.have.length(0);
    });
  });

  describe('dispose', () => {
    it('cancels the reminders', async () => {
      const life = create({ provider: () => jwt(clock, 600) });
      const log = record(life, clock);
      await life.getToken();
      expect(clock.pending).to.equal(2);
      life.dispose();
      expect(clock.pending).to.equal(0);
      await clock.advance(3_600_000);
      expect(log.events.filter((e) => e.type !== 'refreshed')).to.have.length(0);
    });

    it('cancels a provider timeout and rejects waiting callers with an AbortError', async () => {
      const life = create({ provider: () => new Promise<string>(() => {}) });
      const log = record(life, clock);
      const waiting = rejection(life.getToken());
      await settle();
      expect(clock.pending).to.equal(1);
      life.dispose();
      expect(clock.pending).to.equal(0);
      expect(((await waiting) as DOMException).name).to.equal('AbortError');
      await clock.advance(60_000);
      expect(log.events).to.have.length(0);
    });

    it('cancels a backoff wait', async () => {
      const life = create({ provider: () => Promise.reject(new Error('down')) });
      const waiting = rejection(life.getToken());
      await settle();
      expect(clock.pending).to.equal(1);
      life.dispose();
      expect(clock.pending).to.equal(0);
      expect(((await waiting) as DOMException).name).to.equal('AbortError');
    });

    it('refuses further use', async () => {
      const life = create({ provider: () => 'opaque' });
      life.dispose();
      expect(((await rejection(life.getToken())) as DOMException).name).to.equal('AbortError');
      expect(((await rejection(life.refresh())) as DOMException).name).to.equal('AbortError');
      expect(() => life.setToken('opaque')).to.throw(DOMException);
    });
  });

  it('rejects nonsensical timing options with a RangeError', () => {
    expect(() => create({ leadTimeMs: -1 })).to.throw(RangeError, /leadTimeMs/);
    expect(() => create({ providerTimeoutMs: Number.NaN })).to.throw(RangeError, /providerTimeoutMs/);
    expect(() => create({ retry: { baseMs: Number.POSITIVE_INFINITY } })).to.throw(RangeError, /retry.baseMs/);
  });
});
