import { type Clock, sleep } from './clock.js';

/** Why a retry loop stopped retrying. */
export type GiveUpReason = 'deadline' | 'aborted' | 'attempts';

/** Thrown by `Backoff.wait` when no further attempt should be made. */
export class RetryAbandonedError extends Error {
  override readonly name = 'RetryAbandonedError';

  constructor(
    /** Why retrying stopped. */
    readonly reason: GiveUpReason,
    /** Attempts made before giving up. */
    readonly attempts: number,
  ) {
    super(reason === 'deadline' ? `gave up after ${attempts} attempts: reconnection deadline passed` : `gave up after ${attempts} attempts (${reason})`);
  }
}

/** Settings of a backoff sequence. */
export interface BackoffOptions {
  /** Time source; the page's shared clock by default. */
  clock: Clock;
  /** First delay, in ms (the chat platform's SDK uses 1 s). */
  baseMs?: number;
  /** Largest delay before jitter, in ms. */
  maxMs?: number;
  /** Up to this much random delay is added to each wait, in ms. */
  jitterMs?: number;
  /** Give up once this much time has passed since the first failure (the reconnection timeout). */
  deadlineMs?: number;
  /** Give up after this many waits. */
  maxAttempts?: number;
  /** Random source in [0, 1), injectable for tests. */
  random?: () => number;
}

/**
 * Fibonacci backoff with jitter (1, 1, 2, 3, 5, 8… × base, plus up to `jitterMs`), the schedule
 * the vendor's chat SDK documents. A sequence starts at the first failure and gives up after a
 * deadline or a number of attempts; `reset` after a success starts it over.
 */
export class Backoff {
  readonly #clock: Clock;
  readonly #baseMs: number;
  readonly #maxMs: number;
  readonly #jitterMs: number;
  readonly #deadlineMs: number;
  readonly #maxAttempts: number;
  readonly #random: () => number;
  #attempts = 0;
  #startedAt: number | undefined;
  #previous = 0;
  #current = 0;

  constructor(options: BackoffOptions) {
    this.#clock = options.clock;
    this.#baseMs = options.baseMs ?? 1000;
    this.#maxMs = options.maxMs ?? 30_000;
    this.#jitterMs = options.jitterMs ?? 1000;
    this.#deadlineMs = options.deadlineMs ?? Infinity;
    this.#maxAttempts = options.maxAttempts ?? Infinity;
    this.#random = options.random ?? Math.random;
  }

  /** Waits made since the last reset. */
  get attempts(): number {
    return this.#attempts;
  }

  /** When the current run of failures began, or undefined after a reset. */
  get failingSince(): number | undefined {
    return this.#startedAt;
  }

  /** The next delay without jitter, advancing the sequence. */
  nextDelay(): number {
    const next = this.#attempts === 0 ? 1 : this.#previous + this.#current;
    if (this.#attempts === 0) {
      this.#previous = 0;
      this.#current = 1;
    } else {
      this.#previous = this.#current;
      this.#current = next;
    }
    this.#attempts += 1;
    return Math.min(this.#current * this.#baseMs, this.#maxMs);
  }

  /**
   * Waits before the next attempt. Rejects with `RetryAbandonedError` when the deadline or the
   * attempt limit is reached (the wait is shortened to end exactly at the deadline first) or when
   * `signal` aborts.
   */
  async wait(signal?: AbortSignal): Promise<void> {
    const now = this.#clock.now();
    this.#startedAt ??= now;
    if (signal?.aborted) throw new RetryAbandonedError('aborted', this.#attempts);
    if (this.#attempts >= this.#maxAttempts) throw new RetryAbandonedError('attempts', this.#attempts);
    const remaining = this.#startedAt + this.#deadlineMs - now;
    if (remaining <= 0) throw new RetryAbandonedError('deadline', this.#attempts);
    const delay = this.nextDelay() + Math.floor(this.#random() * this.#jitterMs);
    try {
      await sleep(this.#clock, Math.min(delay, remaining), signal);
    } catch {
      throw new RetryAbandonedError('aborted', this.#attempts);
    }
    if (this.#clock.now() >= this.#startedAt + this.#deadlineMs) throw new RetryAbandonedError('deadline', this.#attempts);
  }

  /** Starts the sequence over after a success. */
  reset(): void {
    this.#attempts = 0;
    this.#startedAt = undefined;
    this.#previous = 0;
    this.#current = 0;
  }
}
