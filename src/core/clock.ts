/** A scheduled callback that can be cancelled. */
export interface Timer {
  /** Stops the callback from running; harmless after it ran. */
  cancel(): void;
}

/** The time source and timer queue every core object takes, so tests can drive time. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `callback` once after `delayMs`. */
  setTimeout(callback: () => void, delayMs: number): Timer;
}

interface Entry {
  at: number;
  seq: number;
  callback: () => void;
  cancelled: boolean;
}

/**
 * A timer queue ordered by due time. Subclasses decide what "now" is and when due entries run;
 * the queue keeps insertion order for equal due times.
 */
abstract class TimerQueue implements Clock {
  #entries: Entry[] = [];
  #seq = 0;

  abstract now(): number;

  /** Runs `callback` once after `delayMs`. */
  setTimeout(callback: () => void, delayMs: number): Timer {
    const delay = Number.isFinite(delayMs) ? Math.max(0, delayMs) : 0;
    const entry: Entry = { at: this.now() + delay, seq: this.#seq++, callback, cancelled: false };
    const index = this.#entries.findIndex((e) => e.at > entry.at);
    if (index === -1) this.#entries.push(entry);
    else this.#entries.splice(index, 0, entry);
    this.changed();
    return {
      cancel: () => {
        if (entry.cancelled) return;
        entry.cancelled = true;
        const i = this.#entries.indexOf(entry);
        if (i !== -1) this.#entries.splice(i, 1);
        this.changed();
      },
    };
  }

  /** Number of timers waiting. */
  get pending(): number {
    return this.#entries.length;
  }

  /** Due time of the earliest waiting timer. */
  protected get nextDue(): number | undefined {
    return this.#entries[0]?.at;
  }

  /** Takes the earliest timer if it is due at or before `time`. */
  protected takeDue(time: number): Entry | undefined {
    const first = this.#entries[0];
    if (!first || first.at > time) return undefined;
    this.#entries.shift();
    first.cancelled = true;
    return first;
  }

  /** Called whenever the earliest due time may have changed. */
  protected changed(): void {}

  /** Runs one callback; a throwing callback must not stop the others. */
  protected run(entry: Entry): void {
    try {
      entry.callback();
    } catch (error) {
      console.error('[avaya-chat-elements] timer callback failed', error);
    }
  }
}

/**
 * Real time, with one native timer for the whole page however many widgets wait on it
 * (the way relative-time-element shares one timer between instances).
 */
export class SystemClock extends TimerQueue {
  #native: ReturnType<typeof globalThis.setTimeout> | undefined;
  #armedFor: number | undefined;

  /** Milliseconds since the epoch. */
  now(): number {
    return Date.now();
  }

  protected override changed(): void {
    const due = this.nextDue;
    if (due === this.#armedFor) return;
    if (this.#native !== undefined) globalThis.clearTimeout(this.#native);
    this.#native = undefined;
    this.#armedFor = due;
    if (due === undefined) return;
    // Browsers clamp delays above 2^31-1 ms to 0; re-arm in steps for far deadlines.
    const delay = Math.min(Math.max(0, due - this.now()), 0x7fffffff);
    this.#native = globalThis.setTimeout(() => this.#fire(), delay);
  }

  #fire(): void {
    this.#native = undefined;
    this.#armedFor = undefined;
    const now = this.now();
    let entry: Entry | undefined;
    while ((entry = this.takeDue(now))) this.run(entry);
    this.changed();
  }
}

/**
 * A clock that only moves when told to: unit tests advance it and every timer due on the way
 * runs in order, with pending promise reactions settled between timers.
 */
export class ManualClock extends TimerQueue {
  #now: number;

  constructor(start = Date.UTC(2026, 0, 1)) {
    super();
    this.#now = start;
  }

  /** Milliseconds since the epoch, as far as this clock has been advanced. */
  now(): number {
    return this.#now;
  }

  /** Moves time forward by `ms`, running every timer that falls due (including ones they schedule). */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    await settle();
    for (;;) {
      const entry = this.takeDue(target);
      if (!entry) break;
      this.#now = Math.max(this.#now, entry.at);
      this.run(entry);
      await settle();
    }
    this.#now = target;
    await settle();
  }

  /** Runs timers until none is left or `limit` have run; returns how many ran. */
  async runAll(limit = 1000): Promise<number> {
    let ran = 0;
    while (this.nextDue !== undefined && ran < limit) {
      await this.advance(this.nextDue - this.#now);
      ran += 1;
    }
    return ran;
  }
}

/** Lets already-resolved promise chains run (several hops deep) without letting real time pass. */
export async function settle(turns = 20): Promise<void> {
  for (let i = 0; i < turns; i += 1) await Promise.resolve();
}

/** The clock shared by every widget on the page unless one is injected. */
export const systemClock: Clock = new SystemClock();

/** Resolves after `ms` on `clock`; rejects with the signal's reason if aborted first. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      timer.cancel();
      reject(signal?.reason);
    };
    const timer = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
