/** Timers the emulation owns: unref'd so they never keep the process alive, and all cleared on close. */
export class Timers {
  readonly #pending = new Set<NodeJS.Timeout>();

  /** Runs `run` once after `ms`. */
  after(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.#pending.delete(timer);
      run();
    }, ms);
    timer.unref();
    this.#pending.add(timer);
  }

  /** Runs `run` every `ms`. */
  every(ms: number, run: () => void): void {
    const timer = setInterval(run, ms);
    timer.unref();
    this.#pending.add(timer);
  }

  /** Cancels everything still pending. */
  clear(): void {
    for (const timer of this.#pending) clearTimeout(timer);
    this.#pending.clear();
  }
}
