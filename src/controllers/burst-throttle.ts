import { systemClock, type Clock, type Timer } from '../core/clock.js';
import { pageHidden } from '../core/page-hidden.js';

/** A burst has paused once no request came for this long, ms (two frames at 60 Hz). */
export const BURST_SETTLE_MS = 32;
/**
 * Requests after a run, each in a later millisecond, that make a burst: one message can bring two
 * (its sender's typing ends in a frame of its own just before it), and a burst's frames, handled a
 * few milliseconds' worth at a time, bring three or more before the next animation frame.
 */
export const BURST_REQUESTS = 3;

/**
 * Runs a piece of work at once after a quiet spell; while requests keep coming (a burst of socket
 * frames, one per task) it runs once they pause for `settleMs`, and at least every `maxWaitMs`
 * during a long burst. Doing the work for every frame would leave the frames little of the main
 * thread. (lodash's `debounce` with `leading` and `maxWait` behaves the same way.)
 */
export class BurstThrottle {
  readonly #maxWaitMs: number;
  readonly #settleMs: number;
  readonly #run: (leading: boolean) => void;
  readonly #clock: Clock;
  #ranAt = -Infinity;
  #requestedAt = -Infinity;
  /** Requests since the last run that came in a later millisecond than the one before. */
  #laterRequests = 0;
  #timer: Timer | undefined;

  /** `run` is told whether it runs at once after a quiet spell (`leading`) or for a burst. */
  constructor(maxWaitMs: number, run: (leading: boolean) => void, options: { settleMs?: number; clock?: Clock } = {}) {
    this.#maxWaitMs = maxWaitMs;
    this.#run = run;
    this.#settleMs = options.settleMs ?? BURST_SETTLE_MS;
    this.#clock = options.clock ?? systemClock;
  }

  /** Asks for the work: now after a quiet spell, else when the burst pauses or has waited long enough. */
  request(): void {
    const now = this.#clock.now();
    const quiet = now - this.#requestedAt >= this.#settleMs;
    if (now > this.#requestedAt) this.#laterRequests += 1;
    this.#requestedAt = now;
    if (this.#timer !== undefined) return;
    // A hidden page's timers run late: do the work now (nothing renders there anyway).
    if (quiet || pageHidden()) this.#start(now, true);
    else this.#arm(now);
  }

  /** True once a burst has begun since the last run: a run is due and BURST_REQUESTS came since. */
  get burstBegun(): boolean {
    return this.#timer !== undefined && this.#laterRequests >= BURST_REQUESTS;
  }

  /** Drops work asked for and not yet run. */
  cancel(): void {
    this.#timer?.cancel();
    this.#timer = undefined;
  }

  /** When the burst's run is due: once requests paused settleMs, or maxWaitMs after the last run. */
  #due(): number {
    return Math.min(this.#requestedAt + this.#settleMs, this.#ranAt + this.#maxWaitMs);
  }

  #arm(now: number): void {
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = undefined;
      const at = this.#clock.now();
      // Requests went on while the timer ran: wait for the pause (or the longest wait).
      if (at < this.#due()) this.#arm(at);
      else this.#start(at, false);
    }, Math.min(this.#settleMs, Math.max(0, this.#due() - now)));
  }

  #start(now: number, leading: boolean): void {
    this.#ranAt = now;
    // The request that led to this run counted itself: the next one is the first after it.
    this.#laterRequests = 0;
    this.#run(leading);
  }
}
