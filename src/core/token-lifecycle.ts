import { Backoff } from './backoff.js';
import { type Clock, type Timer, sleep, systemClock } from './clock.js';
import { TokenError } from './token-error.js';
import { checkToken } from './token-expiry.js';
import { type TokenProvider, type TokenReason, callTokenProvider } from './token-provider.js';
import { TypedEmitter } from './typed-events.js';

export { TokenError, type TokenErrorCode } from './token-error.js';
export { checkToken, tokenExpiry, type CheckedToken } from './token-expiry.js';
export { callTokenProvider, resolveTokenProvider, type TokenProvider, type TokenReason, type TokenRequest } from './token-provider.js';

/** The chat platform's contract: its SDK reminds the page 180 s before `exp`. */
const DEFAULT_LEAD_MS = 180_000;
const DEFAULT_TIMEOUT_MS = 15_000;
/** Retries when no valid token is held: someone is waiting, so fail in seconds rather than minutes. */
const DEFAULT_RETRIES_WITHOUT_TOKEN = 5;
/** Shortest wait before refreshing a token that arrived inside the lead window (stops a refresh loop). */
export const MIN_REFRESH_DELAY_MS = 1000;

/** Settings of a token lifecycle. */
export interface TokenLifecycleOptions {
  /** Which service the tokens are for; passed to the provider and named in messages. */
  service: string;
  /** Where tokens come from; without one, only `setToken` supplies them. */
  provider?: TokenProvider;
  /** Time source; the page's shared clock by default. */
  clock?: Clock;
  /** How long before `exp` the `expiring` event fires (default 180 000 ms). */
  leadTimeMs?: number;
  /** A provider call that has not settled after this long fails with 'provider-timeout' (default 15 000 ms). */
  providerTimeoutMs?: number;
  /** On `expiring`, call the provider by itself (default true). */
  autoRefresh?: boolean;
  /**
   * Failed provider calls are retried after Fibonacci delays of `baseMs` (default 1000; capped at
   * 30 s, no jitter: refreshes are already spread by when each user's token was issued).
   * `maxAttempts` is the number of retries after the first failure; by default a refresh while the
   * current token is still valid retries until that token expires, and otherwise 5 times.
   */
  retry?: { baseMs?: number; maxAttempts?: number };
}

/** Events of a token lifecycle and what each carries. */
export type TokenEvents = {
  /** The token is about to expire (lead time before `exp`, or half-way for a short-lived token). */
  expiring: { token: string; expiresAt: number };
  /** A new token was installed (from the provider or `setToken`). */
  refreshed: { token: string; expiresAt: number | undefined; reason: TokenReason };
  /** The token reached `exp` without a replacement. */
  expired: { expiredAt: number };
  /** A provider call failed; `willRetry` says whether another call is scheduled. */
  error: { error: TokenError; willRetry: boolean };
};

/** One shared attempt to get a token from the provider; every caller waits on the same promise. */
interface Acquisition {
  promise: Promise<string>;
  resolve(token: string): void;
  reject(error: unknown): void;
  controller: AbortController;
}

function disposedError(): DOMException {
  return new DOMException('the token lifecycle was disposed', 'AbortError');
}

function nonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a finite number of ms >= 0, got ${String(value)}`);
  return value;
}

/**
 * Keeps a service's token fresh: gets it from the host page's provider, decodes its `exp`, emits
 * `expiring` a lead time before it and (with autoRefresh) asks the provider again, retrying with
 * backoff until the token expires. One provider call is in flight at a time; a hanging provider
 * times out. A token that arrives with less than the lead time left is refreshed half-way through
 * its remaining life (never sooner than MIN_REFRESH_DELAY_MS), so a short-lived token is still
 * renewed in time without a tight loop. Opaque (non-JWT) tokens are used as they are, with no
 * expiry scheduling.
 */
export class TokenLifecycle extends TypedEmitter<TokenEvents> {
  readonly #service: string;
  readonly #provider: TokenProvider | undefined;
  readonly #clock: Clock;
  readonly #leadMs: number;
  readonly #timeoutMs: number;
  readonly #autoRefresh: boolean;
  readonly #retryBaseMs: number;
  readonly #maxRetries: number | undefined;
  #token: string | undefined;
  #expiresAt: number | undefined;
  #hadToken = false;
  #expiringTimer: Timer | undefined;
  #expiredTimer: Timer | undefined;
  #inFlight: Acquisition | undefined;
  #disposed = false;

  constructor(options: TokenLifecycleOptions) {
    super();
    this.#service = options.service;
    this.#provider = options.provider;
    this.#clock = options.clock ?? systemClock;
    this.#leadMs = nonNegative('leadTimeMs', options.leadTimeMs ?? DEFAULT_LEAD_MS);
    this.#timeoutMs = nonNegative('providerTimeoutMs', options.providerTimeoutMs ?? DEFAULT_TIMEOUT_MS);
    this.#autoRefresh = options.autoRefresh ?? true;
    this.#retryBaseMs = nonNegative('retry.baseMs', options.retry?.baseMs ?? 1000);
    this.#maxRetries = options.retry?.maxAttempts === undefined ? undefined : nonNegative('retry.maxAttempts', options.retry.maxAttempts);
  }

  /** The current token, or undefined before the first one, after it expired or was rejected. */
  get token(): string | undefined {
    return this.#token;
  }

  /** ms epoch when the current token expires; undefined for an opaque token or no token. */
  get expiresAt(): number | undefined {
    return this.#expiresAt;
  }

  /** Current valid token, or one fresh from the provider; concurrent callers share one provider call. */
  getToken(): Promise<string> {
    if (this.#disposed) return Promise.reject(disposedError());
    const current = this.#validToken();
    if (current !== undefined) return Promise.resolve(current);
    return this.#acquire(this.#hadToken ? 'refresh' : 'initial');
  }

  /**
   * Asks the provider for a new token now (reason 'refresh', or 'rejected' after a 401); shared in
   * flight. With 'rejected' the current token is dropped first, unless `rejectedToken` names an
   * older token that has already been replaced, in which case the current one is returned.
   */
  refresh(reason: 'refresh' | 'rejected' = 'refresh', rejectedToken?: string): Promise<string> {
    if (this.#disposed) return Promise.reject(disposedError());
    if (reason === 'rejected') {
      if (rejectedToken !== undefined && this.#token !== undefined && rejectedToken !== this.#token) return this.getToken();
      this.#drop();
    }
    return this.#acquire(reason);
  }

  /**
   * Installs a token from outside (the SDK's setJwtToken); validates it (throwing TokenError) and
   * schedules reminders. Callers waiting for a provider call get this token instead.
   */
  setToken(token: string): void {
    if (this.#disposed) throw disposedError();
    const checked = checkToken(token, this.#clock.now(), 'setToken');
    const waiting = this.#inFlight;
    this.#inFlight = undefined;
    waiting?.controller.abort();
    this.#install(checked.token, checked.expiresAt, this.#hadToken ? 'refresh' : 'initial');
    waiting?.resolve(checked.token);
  }

  /** Cancels timers and in-flight waits; pending `getToken` calls reject with an AbortError. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#cancelTimers();
    const waiting = this.#inFlight;
    this.#inFlight = undefined;
    waiting?.controller.abort();
    waiting?.reject(disposedError());
  }

  /** The token if it is still valid; expires it now if its timer has not fired yet (throttled tab). */
  #validToken(): string | undefined {
    if (this.#expiresAt !== undefined && this.#clock.now() >= this.#expiresAt) this.#expire();
    return this.#token;
  }

  #acquire(reason: TokenReason): Promise<string> {
    if (this.#inFlight) return this.#inFlight.promise;
    const provider = this.#provider;
    if (!provider) {
      const error = new TokenError('provider-missing', `no token provider for "${this.#service}": set one, or install tokens with setToken`);
      this.emit('error', { error, willRetry: false });
      return Promise.reject(error);
    }
    let resolve!: (token: string) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<string>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const acquisition: Acquisition = { promise, resolve, reject, controller: new AbortController() };
    this.#inFlight = acquisition;
    void this.#run(acquisition, provider, reason);
    return promise;
  }

  /** Calls the provider until it gives a valid token or retrying is over; settles the acquisition. */
  async #run(acquisition: Acquisition, provider: TokenProvider, reason: TokenReason): Promise<void> {
    const { signal } = acquisition.controller;
    const clock = this.#clock;
    const backoff = new Backoff({ clock, baseMs: this.#retryBaseMs, jitterMs: 0 });
    // While the current token is valid there is no hurry: keep trying until it expires.
    const deadline = this.#validToken() !== undefined ? this.#expiresAt : undefined;
    const maxRetries = this.#maxRetries ?? (deadline === undefined ? DEFAULT_RETRIES_WITHOUT_TOKEN : Infinity);
    for (;;) {
      let checked;
      try {
        const value = await callTokenProvider(provider, { service: this.#service, reason }, { clock, timeoutMs: this.#timeoutMs, signal });
        checked = checkToken(value, clock.now(), `the token provider for "${this.#service}"`);
      } catch (caught) {
        // Aborted by setToken or dispose, which settle the waiters themselves.
        if (signal.aborted) return;
        const error = caught instanceof TokenError ? caught : new TokenError('provider-failed', `getting a token for "${this.#service}" failed`, { cause: caught });
        const delay = backoff.attempts < maxRetries ? backoff.nextDelay() : undefined;
        const willRetry = delay !== undefined && (deadline === undefined || clock.now() + delay < deadline);
        this.emit('error', { error, willRetry });
        if (!willRetry || signal.aborted) {
          if (this.#inFlight === acquisition) this.#inFlight = undefined;
          acquisition.reject(error);
          return;
        }
        try {
          await sleep(clock, delay, signal);
        } catch {
          return;
        }
        continue;
      }
      // Cleared before the event so that a listener may start the next acquisition.
      this.#inFlight = undefined;
      this.#install(checked.token, checked.expiresAt, reason);
      acquisition.resolve(checked.token);
      return;
    }
  }

  #install(token: string, expiresAt: number | undefined, reason: TokenReason): void {
    this.#cancelTimers();
    this.#token = token;
    this.#expiresAt = expiresAt;
    this.#hadToken = true;
    if (expiresAt !== undefined) this.#schedule(expiresAt);
    this.emit('refreshed', { token, expiresAt, reason });
  }

  #schedule(expiresAt: number): void {
    const remaining = expiresAt - this.#clock.now();
    const delay = remaining > this.#leadMs ? remaining - this.#leadMs : Math.max(remaining / 2, MIN_REFRESH_DELAY_MS);
    // A token with under MIN_REFRESH_DELAY_MS left just runs out; the next getToken asks for a new one.
    if (delay < remaining) this.#expiringTimer = this.#clock.setTimeout(() => this.#onExpiring(), delay);
    this.#expiredTimer = this.#clock.setTimeout(() => this.#expire(), remaining);
  }

  #onExpiring(): void {
    this.#expiringTimer = undefined;
    const token = this.#token;
    const expiresAt = this.#expiresAt;
    if (token === undefined || expiresAt === undefined) return;
    this.emit('expiring', { token, expiresAt });
    // A listener may have installed a new token itself (the SDK's setJwtToken pattern).
    if (!this.#autoRefresh || !this.#provider || this.#disposed || this.#token !== token) return;
    // Failures are reported as `error` events; nobody awaits this promise.
    this.refresh('refresh').catch(() => undefined);
  }

  #expire(): void {
    const expiredAt = this.#expiresAt;
    this.#drop();
    if (expiredAt !== undefined) this.emit('expired', { expiredAt });
  }

  /** Forgets the current token and its reminders. */
  #drop(): void {
    this.#cancelTimers();
    this.#token = undefined;
    this.#expiresAt = undefined;
  }

  #cancelTimers(): void {
    this.#expiringTimer?.cancel();
    this.#expiredTimer?.cancel();
    this.#expiringTimer = undefined;
    this.#expiredTimer = undefined;
  }
}
