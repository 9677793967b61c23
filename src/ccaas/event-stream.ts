import type { Clock } from '../core/clock.js';
import { LongPoll } from '../core/long-poll.js';
import type { PollError, PollFailureKind } from '../core/poll-error.js';
import { RetryAbandonedError } from '../core/backoff.js';
import { parseServerEvent } from './server-event.js';
import type { Logger } from './log.js';
import type { ChatEventMap, ServerEvent, StreamFailureReason } from './types.js';

/** The long-poll client aborts a request the server holds longer than this. */
const REQUEST_TIMEOUT_MS = 40_000;

/** What the stream reports to the SDK. */
export interface EventStreamSink {
  /** A new (not duplicate, valid) server event. */
  event(event: ServerEvent): void;
  /** Connecting (at start, or again after a failure). */
  connecting(): void;
  /** A poll was answered. */
  connected(): void;
  /** A failure (EVENT_STREAM_FAILED without its date). */
  failed(payload: Omit<ChatEventMap['EVENT_STREAM_FAILED'], 'eventDate'>): void;
  /** Stopped for good. */
  closed(): void;
}

/** Settings of a session's event stream. */
export interface EventStreamOptions {
  /** Time source of timeouts and backoff. */
  clock: Clock;
  /** The HTTP transport. */
  fetch: typeof fetch;
  /** `{baseUrl}/sessions/{sid}/events`. */
  url: string;
  /** Headers of each poll (a fresh token each time); throwing means no token to poll with. */
  headers: () => Promise<Record<string, string>>;
  /** How long a run of failures is retried before RECONNECTION_TIMEOUT, in ms. */
  reconnectionTimeoutMs: number;
  /** The last event id seen before (after a reload), sent as `lastEventId`. */
  cursor: string | undefined;
  /** Random source of the backoff jitter. */
  random?: () => number;
  /** Where dropped events and the stream's milestones are told. */
  log: Logger;
}

/** Stands in for an event that failed validation: the core loop would warn on the console whatever the log level. */
const DROPPED = Object.freeze({}) as ServerEvent;

/** The stream had no token to poll with (expired, or the provider failed): it waits for one instead of retrying. */
class TokenUnavailable extends Error {
  override readonly name = 'TokenUnavailable';
}

/** Failures that pause or stop the stream rather than being retried. */
const STOPPING = new Set<PollFailureKind>(['unauthorized', 'forbidden', 'not-found']);

const REASONS: Record<PollFailureKind, StreamFailureReason> = {
  unauthorized: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  'not-found': 'SDK_SESSION_INVALID',
  'server-error': 'SERVER_ERROR',
  network: 'SERVER_UNREACHABLE',
  timeout: 'SERVER_UNREACHABLE',
  'bad-response': 'UNEXPECTED_ERROR',
  'client-error': 'UNEXPECTED_ERROR',
};

/**
 * A session's `GET /sessions/{sid}/events` long-poll (the core LongPoll: de-duplication by
 * eventId, `lastEventId` cursor, Fibonacci backoff until the reconnection timeout, pause on
 * 401/403) translated into the SDK's EVENT_STREAM_* notifications.
 */
export class EventStream {
  readonly #options: EventStreamOptions;
  readonly #sink: EventStreamSink;
  #poll: LongPoll<ServerEvent>;
  #status: 'idle' | 'connecting' | 'connected' | 'failed' | 'closed' = 'idle';
  #offs: (() => void)[] = [];
  #waitingForToken = false;

  constructor(options: EventStreamOptions, sink: EventStreamSink) {
    this.#options = { ...options };
    this.#sink = sink;
    this.#poll = this.#createPoll(options.cursor);
  }

  #createPoll(cursor: string | undefined): LongPoll<ServerEvent> {
    const options = this.#options;
    const poll = new LongPoll<ServerEvent>({
      clock: options.clock,
      fetch: options.fetch,
      request: async (after) => {
        let headers: Record<string, string>;
        try {
          headers = await options.headers();
        } catch (error) {
          throw new TokenUnavailable(error instanceof Error ? error.message : String(error), { cause: error });
        }
        return { url: after ? `${options.url}?lastEventId=${encodeURIComponent(after)}` : options.url, init: { headers } };
      },
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      parse: (value) => {
        const event = parseServerEvent(value);
        if (event) return event;
        options.log.warn('dropped an event that failed validation', value);
        return DROPPED;
      },
      idOf: (e) => (e === DROPPED ? undefined : e.eventId),
      cursorOf: (e) => (e === DROPPED ? undefined : e.eventId),
      backoff: { baseMs: 1000, jitterMs: 1000, deadlineMs: options.reconnectionTimeoutMs, ...(options.random ? { random: options.random } : {}) },
      pauseOn: ['unauthorized', 'forbidden'],
      stopOn: ['not-found'],
    });
    if (cursor) poll.cursor = cursor;
    this.#offs = [
      poll.on('event', (e) => e.detail !== DROPPED && this.#sink.event(e.detail)),
      poll.on('state', (e) => this.#onState(e.detail.state)),
      poll.on('failure', (e) => this.#onFailure(e.detail.error, e.detail.willRetry, e.detail.retryInMs)),
      poll.on('stopped', (e) => this.#onStopped(e.detail.reason, e.detail.error)),
    ];
    return poll;
  }

  /**
   * Gives up after `ms` of failures from now on. The loop starts over on it (from the cursor, so
   * nothing is lost or repeated): a run of failures in progress gets the new deadline from now;
   * a paused stream stays paused until a token is set.
   */
  setReconnectionTimeout(ms: number): void {
    if (ms === this.#options.reconnectionTimeoutMs || this.#status === 'closed') return;
    this.#options.reconnectionTimeoutMs = ms;
    const old = this.#poll;
    const state = old.state;
    for (const off of this.#offs) off();
    old.stop();
    this.#poll = this.#createPoll(old.cursor);
    if (state === 'paused') this.#waitingForToken = true;
    else if (state !== 'idle' && state !== 'stopped' && !this.#waitingForToken) this.#poll.start();
  }

  /** The cursor (last event id seen). */
  get cursor(): string | undefined {
    return this.#poll.cursor;
  }

  /** True while paused for a new token (after 401/403, or with no token to poll with). */
  get paused(): boolean {
    return this.#poll.state === 'paused' || this.#waitingForToken;
  }

  /** True while stopped because there was no token to poll with (not because the platform refused one). */
  get waitingForToken(): boolean {
    return this.#waitingForToken;
  }

  /** Starts polling. */
  start(): void {
    this.#poll.start();
  }

  /** Polls again now: resumes a paused stream, restarts one that gave up, or cuts a wait short. */
  retry(): void {
    this.#waitingForToken = false;
    const state = this.#poll.state;
    if (state === 'paused') this.#poll.resume();
    else if (state === 'stopped') {
      this.#status = 'idle';
      this.#poll.start();
    } else this.#poll.pollNow();
  }

  /** Resumes after a new token was set (no-op unless paused). */
  resume(): void {
    if (this.#waitingForToken) {
      this.#waitingForToken = false;
      this.#status = 'idle';
      this.#poll.start();
    } else if (this.#poll.state === 'paused') this.#poll.resume();
  }

  /**
   * Stops polling until a token is set (the token expired without a replacement: the vendor's SDK
   * "remains in a disconnected state until a valid JWT is set"); EVENT_STREAM_FAILED (UNAUTHORIZED) follows.
   */
  waitForToken(message: string): void {
    if (this.#status === 'closed' || this.paused) return;
    this.#waitingForToken = true;
    this.#poll.stop();
    this.#status = 'failed';
    this.#sink.failed({ message, reason: 'UNAUTHORIZED', retryAfter: undefined });
  }

  /** Stops for good; EVENT_STREAM_CLOSED follows. */
  stop(): void {
    this.#poll.stop();
    for (const off of this.#offs) off();
    this.#offs = [];
    if (this.#status !== 'closed') {
      this.#status = 'closed';
      this.#sink.closed();
    }
  }

  #onState(state: string): void {
    if (state === 'connecting' && this.#status !== 'connecting' && this.#status !== 'connected') {
      this.#status = 'connecting';
      this.#sink.connecting();
    } else if (state === 'connected' && this.#status !== 'connected') {
      this.#status = 'connected';
      this.#sink.connected();
    }
  }

  #onFailure(error: PollError, willRetry: boolean, retryInMs: number | undefined): void {
    // Retrying without a token cannot succeed: wait for one (a new token resumes the stream).
    if (error.cause instanceof TokenUnavailable) return this.waitForToken(`no token for the event stream: ${error.cause.message}`);
    this.#status = 'failed';
    // A retryable failure that will not be retried is followed by 'stopped' (RECONNECTION_TIMEOUT) instead.
    if (!willRetry && !STOPPING.has(error.kind)) return;
    this.#sink.failed({ message: error.message, reason: REASONS[error.kind] ?? 'UNEXPECTED_ERROR', retryAfter: retryInMs });
  }

  #onStopped(reason: 'requested' | 'gave-up' | 'fatal', error: unknown): void {
    // 'fatal' was already reported by its failure (SDK_SESSION_INVALID).
    if (reason !== 'gave-up' || !(error instanceof RetryAbandonedError)) return;
    this.#status = 'failed';
    this.#sink.failed({ message: `the event stream could not reconnect: ${error.message}`, reason: 'RECONNECTION_TIMEOUT', retryAfter: undefined });
  }
}
