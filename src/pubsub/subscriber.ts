import { type Clock, systemClock, type Timer } from '../core/clock.js';
import { PollLoop, type PollLoopState } from '../core/poll-loop.js';
import type { PollError } from '../core/poll-error.js';
import { TypedEmitter } from '../core/typed-events.js';
import { DEFAULT_BASE_URL, formatDuration, MAX_TIMEOUT_MS, normalizeQueue, parseDuration, queueUrl } from './addressing.js';
import { parseEnvelope, toEvent } from './envelope.js';
import { postEvent } from './publisher.js';
import { PubSubSession } from './session.js';
import { type PubSubConfigProblem, PubSubError, type PubSubEnvelope, type PubSubErrorCode, type PubSubEvent, type PubSubState, type SessionProvider } from './types.js';

/** Poll timeout asked of the service when none is configured. */
export const DEFAULT_TIMEOUT = '30s';
/** A request is abandoned this long after the service should have answered it. */
const REQUEST_MARGIN_MS = 15_000;
/**
 * A poll held this long without an error counts as live. The service sends no byte (not even
 * headers) before the first event or the timeout, so an idle queue would otherwise look like
 * "connecting" for a whole timeout; refusals (401, 403, 404) come back at once.
 */
const HELD_AS_LIVE_MS = 1000;
/** 401s in a row, each after a fresh session, before giving up on the provider's sessions. */
const MAX_REJECTIONS = 3;

/** Options of a `PubSubSubscriber`. */
export interface PubSubSubscriberOptions {
  /** Service base URL; the production service when empty. */
  baseUrl?: string;
  /** The account whose queue is read. */
  accountSid: string;
  /** Queue path, e.g. `SMS` or `calls/events`. */
  queue: string;
  /** The host's session callback. */
  sessionProvider: SessionProvider;
  /** How long the service may hold a poll: `500ms`, `30s`, `1m30s`, `45` (seconds); at most 60 s; 30 s when empty. */
  timeout?: string;
  /** Time source. */
  clock?: Clock;
  /** The fetch to use (tests inject hostile responses). */
  fetch?: typeof fetch;
  /** Retry schedule of failed polls. */
  backoff?: { baseMs?: number; maxMs?: number; jitterMs?: number };
}

/** What a subscriber tells its listeners. */
export type PubSubSubscriberEvents = {
  /** One new event, as soon as its bytes arrived. */
  event: PubSubEvent;
  /** The connection state changed. */
  state: { state: PubSubState };
  /** Something failed; `willRetry` says whether the subscriber carries on by itself. */
  error: { error: PubSubError; willRetry: boolean };
};

const POLL_ERROR_CODES: Record<string, PubSubErrorCode> = {
  unauthorized: 'session-rejected',
  forbidden: 'forbidden',
  'not-found': 'not-found',
  'bad-response': 'bad-response',
};

let running = 0;

/**
 * Reads one PubSub queue for as long as it runs: long-polls with a session from the host,
 * streams each event out as its bytes arrive, drops re-deliveries and malformed elements,
 * retries with backoff through failures and gets a new session after a 401.
 */
export class PubSubSubscriber extends TypedEmitter<PubSubSubscriberEvents> {
  /** Subscribers currently running on the page (leak checks). */
  static get running(): number {
    return running;
  }

  /** The canonical queue path. */
  readonly queue: string;
  /** The account. */
  readonly accountSid: string;
  readonly #baseUrl: string;
  readonly #timeoutMs: number;
  readonly #clock: Clock;
  readonly #fetch: typeof fetch | undefined;
  readonly #backoff: PubSubSubscriberOptions['backoff'];
  readonly #session: PubSubSession;
  #poll: PollLoop<PubSubEvent> | undefined;
  #offs: (() => void)[] = [];
  #state: PubSubState = 'idle';
  #rejections = 0;
  #pollSession: string | undefined;
  #heldTimer: Timer | undefined;

  /** Throws `PubSubError('config')` when the options cannot work, naming what to fix (and its `problem`). */
  constructor(options: PubSubSubscriberOptions) {
    super();
    const queue = normalizeQueue(options.queue ?? '');
    const config = (problem: PubSubConfigProblem, message: string) => new PubSubError('config', message, undefined, problem);
    if (!options.accountSid) throw config('no-account', 'an AccountSid is required');
    if (!queue) throw config('no-queue', 'a queue (topic) is required, e.g. "SMS"');
    if (typeof options.sessionProvider !== 'function') throw config('no-provider', 'no session provider: pass a function that returns a session token');
    const timeout = options.timeout || DEFAULT_TIMEOUT;
    const timeoutMs = parseDuration(timeout);
    if (timeoutMs === undefined) throw config('bad-timeout', `timeout "${timeout}" is not a duration such as 500ms, 30s, 1m30s or 45 (seconds)`);
    // The service would answer a 0 timeout at once, every time: a loop with no pause.
    if (timeoutMs === 0) throw config('zero-timeout', `timeout "${timeout}" must be longer than 0, e.g. 30s`);
    this.queue = queue;
    this.accountSid = options.accountSid;
    this.#baseUrl = options.baseUrl || DEFAULT_BASE_URL;
    this.#timeoutMs = Math.min(timeoutMs, MAX_TIMEOUT_MS);
    this.#clock = options.clock ?? systemClock;
    this.#fetch = options.fetch;
    this.#backoff = options.backoff;
    this.#session = new PubSubSession({ provider: options.sessionProvider, clock: this.#clock });
    this.#session.lifecycle.on('error', ({ detail }) => {
      this.#fail(new PubSubError('provider', `the session provider failed: ${detail.error.message}`), detail.willRetry);
    });
  }

  /** Connection state. */
  get state(): PubSubState {
    return this.#state;
  }

  /** The session lifecycle (hosts may observe `refreshed`). */
  get session(): PubSubSession {
    return this.#session;
  }

  /** Starts polling; when running, only cancels a drain (the poll in flight carries on). */
  start(): void {
    if (this.#poll) {
      // A poll stopped by a fatal error stays stopped, as before drains existed.
      if (this.#poll.state !== 'stopped') this.#poll.start();
      return;
    }
    running += 1;
    this.#rejections = 0;
    const poll = new PollLoop<PubSubEvent>({
      clock: this.#clock,
      ...(this.#fetch ? { fetch: this.#fetch } : {}),
      request: async () => {
        this.#pollSession = await this.#session.get();
        this.#heldTimer?.cancel();
        if (this.#state === 'connecting') this.#heldTimer = this.#clock.setTimeout(() => this.#setState('live'), HELD_AS_LIVE_MS);
        // `?session=` as the seed documents: an Authorization header would make the poll a CORS
        // preflighted request, which a service that only sends Access-Control-Allow-Origin refuses.
        const query = new URLSearchParams({ session: this.#pollSession, timeout: formatDuration(this.#timeoutMs) });
        return { url: `${queueUrl(this.#baseUrl, this.accountSid, this.queue)}?${query}`, init: { cache: 'no-store' } };
      },
      requestTimeoutMs: this.#timeoutMs + REQUEST_MARGIN_MS,
      parse: (value) => {
        const envelope = parseEnvelope(value);
        return envelope && toEvent(envelope, this.accountSid, this.#clock.now());
      },
      idOf: (event) => event.key,
      ...(this.#backoff ? { backoff: this.#backoff } : {}),
    });
    this.#poll = poll;
    this.#offs = [
      poll.on('event', ({ detail }) => {
        this.#rejections = 0;
        this.emit('event', detail);
      }),
      poll.on('state', ({ detail }) => this.#onPollState(detail.state)),
      poll.on('failure', ({ detail }) => {
        // A 401 is answered with a new session (see #onPaused), not reported as a failure.
        if (detail.error.kind !== 'unauthorized') this.#fail(toPubSubError(detail.error), detail.willRetry);
      }),
      poll.on('paused', ({ detail }) => void this.#onPaused(poll, detail.error)),
      poll.on('stopped', ({ detail }) => {
        // Only a drain stops the poll while these listeners are on: it has ended, release it.
        if (detail.reason === 'requested') this.stop();
        else this.#setState('error');
      }),
    ];
    poll.start();
  }

  /**
   * Stops polling; events not yet sent stay queued on the service. By default aborts the request
   * in flight, losing what the service wrote into it just then; with `drain`, lets that response
   * end and delivers what it carries first (state and `running` change when it has ended).
   */
  stop(options: { drain?: boolean } = {}): void {
    const poll = this.#poll;
    if (!poll) return;
    if (options.drain && poll.state !== 'stopped') return poll.stop(options);
    this.#poll = undefined;
    running -= 1;
    for (const off of this.#offs) off();
    this.#offs = [];
    this.#heldTimer?.cancel();
    this.#heldTimer = undefined;
    poll.stop();
    this.#setState('idle');
  }

  /**
   * Publishes `params` (form-encoded) on `queue` of this account. Seed 004 asks no session of a
   * publish (the platform's own callbacks carry none), so none is sent: putting it in the body or
   * URL could publish it to every subscriber. Resolves with the envelope when the service echoes it.
   */
  publish(queue: string, params: Record<string, string>): Promise<PubSubEnvelope | undefined> {
    return postEvent({ url: queueUrl(this.#baseUrl, this.accountSid, queue), params, fetch: this.#fetch });
  }

  /** Stops and releases the session's timers. */
  dispose(): void {
    this.stop();
    this.#session.dispose();
  }

  #onPollState(state: PollLoopState): void {
    this.#heldTimer?.cancel();
    this.#heldTimer = undefined;
    if (state === 'connected') this.#setState('live');
    else if (state === 'connecting' || state === 'retrying') this.#setState(state);
  }

  async #onPaused(poll: PollLoop<PubSubEvent>, error: PollError): Promise<void> {
    if (error.kind !== 'unauthorized') {
      this.#setState('error');
      return;
    }
    this.#rejections += 1;
    if (this.#rejections > MAX_REJECTIONS) {
      this.#fail(new PubSubError('session-rejected', `the service refused ${MAX_REJECTIONS} fresh sessions in a row; check the session provider's account`, 401), false);
      this.#setState('error');
      return;
    }
    this.#setState('connecting');
    try {
      await this.#session.rejected(this.#pollSession);
    } catch {
      // The lifecycle already reported the provider's failure.
      if (this.#poll === poll) this.#setState('error');
      return;
    }
    if (this.#poll === poll) poll.resume();
  }

  #fail(error: PubSubError, willRetry: boolean): void {
    this.emit('error', { error, willRetry });
  }

  #setState(state: PubSubState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.emit('state', { state });
  }
}

function toPubSubError(error: PollError): PubSubError {
  return new PubSubError(POLL_ERROR_CODES[error.kind] ?? 'network', error.message, error.status);
}
