import type { Clock, Timer } from '../core/clock.js';
import { TokenLifecycle, type TokenProvider } from '../core/token-lifecycle.js';
import { PubSubError, type SessionGrant, type SessionProvider } from './types.js';

/** Service name the session provider is called with. */
export const PUBSUB_SERVICE = 'pubsub';

/** Renew a session this long before an expiry the provider announced (or halfway, if sooner). */
const RENEW_LEAD_MS = 60_000;

/** Options of a `PubSubSession`. */
export interface PubSubSessionOptions {
  /** The host's callback. */
  provider: SessionProvider;
  /** Time source. */
  clock: Clock;
}

/**
 * The session token of one subscriber, kept by the core token lifecycle. PubSub sessions are
 * opaque UUIDs with no expiry inside them, so nothing is scheduled unless the provider returns
 * `{ session, expiresAt }`; otherwise a 401 is the only sign of expiry and `rejected()` asks anew.
 */
export class PubSubSession {
  /** The underlying core lifecycle (its events: refreshed, error...). */
  readonly lifecycle: TokenLifecycle;
  readonly #clock: Clock;
  #announced: { session: string; expiresAt: number } | undefined;
  #renewal: Timer | undefined;
  readonly #offRefreshed: () => void;

  constructor({ provider, clock }: PubSubSessionOptions) {
    this.#clock = clock;
    const tokenProvider: TokenProvider = async (request) => this.#accept(await provider(request));
    this.lifecycle = new TokenLifecycle({ service: PUBSUB_SERVICE, provider: tokenProvider, clock });
    this.#offRefreshed = this.lifecycle.on('refreshed', ({ detail }) => this.#schedule(detail.token));
  }

  /** The current session, asking the provider when there is none. */
  get(): Promise<string> {
    return this.lifecycle.getToken();
  }

  /** The service refused `session` (401): ask the provider for a new one, unless it was already replaced. */
  rejected(session?: string): Promise<string> {
    return this.lifecycle.refresh('rejected', session);
  }

  /** Cancels the renewal timer and the lifecycle's waits. */
  dispose(): void {
    this.#renewal?.cancel();
    this.#offRefreshed();
    this.lifecycle.dispose();
  }

  #accept(grant: SessionGrant): string {
    const session = typeof grant === 'string' ? grant : grant?.session;
    if (typeof session !== 'string' || session.trim() === '') {
      throw new PubSubError('provider', 'the session provider returned no session token (expected a string or { session, expiresAt })');
    }
    const expiresAt = typeof grant === 'object' ? grant.expiresAt : undefined;
    this.#announced = typeof expiresAt === 'number' && Number.isFinite(expiresAt) ? { session: session.trim(), expiresAt } : undefined;
    return session.trim();
  }

  #schedule(session: string): void {
    this.#renewal?.cancel();
    this.#renewal = undefined;
    if (this.#announced?.session !== session) return;
    const remaining = this.#announced.expiresAt - this.#clock.now();
    const delay = Math.max(0, Math.min(remaining - RENEW_LEAD_MS, remaining / 2));
    this.#renewal = this.#clock.setTimeout(() => {
      // A failed renewal is reported through the lifecycle's error event; the next 401 asks again.
      this.lifecycle.refresh('refresh').catch(() => undefined);
    }, delay);
  }
}
