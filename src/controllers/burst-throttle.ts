import { systemClock, type Clock, type Timer } from '../core/clock.js';

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
  #ranAt = Number.NEGATIVE_INFINITY;
  #requestedAt = Number.NEGATIVE_INFINITY;
  #timer: Timer | undefined;

  /** `run` is told whether it runs at once after a quiet spell (`leading`) or for a burst. */
  constructor(options: { maxWaitMs: number; settleMs: number; clock?: Clock }, run: (leading: boolean) => void) {
    this.#maxWaitMs = options.maxWaitMs;
    this.#settleMs = options.settleMs;
    this.#clock = options.clock ?? systemClock;
    this.#run = run;
  }

  /** Asks for the work: now after a quiet spell, else when the burst pauses or has waited long enough. */
  request(): void {
    const now = this.#clock.now();
    const quiet = now - this.#requestedAt >= this.#settleMs;
    this.#requestedAt = now;
    if (this.#timer !== undefined) return;
    if (quiet) this.#start(now, true);
    else this.#arm(now);
  }

  /** True while a run for a burst is due (requests came after the last run). */
  get waiting(): boolean {
    return this.#timer !== undefined;
  }

  /** Drops work asked for and not yet run. */
  cancel(): void {
    this.#timer?.cancel();
    this.#timer = undefined;
  }

  #arm(now: number): void {
    const due = Math.min(this.#requestedAt + this.#settleMs, this.#ranAt + this.#maxWaitMs);
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = undefined;
      const at = this.#clock.now();
      // Requests went on while the timer ran: wait for the pause (or the longest wait).
      if (at < Math.min(this.#requestedAt + this.#settleMs, this.#ranAt + this.#maxWaitMs)) this.#arm(at);
      else this.#start(at, false);
    }, Math.min(this.#settleMs, Math.max(0, due - now)));
  }

  #start(now: number, leading: boolean): void {
    this.#ranAt = now;
    this.#run(leading);
  }
}
