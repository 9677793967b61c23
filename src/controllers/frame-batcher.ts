/** Coalesces change notices into one update per animation frame, however many arrive in it. */
export class FrameBatcher {
  readonly #update: () => void;
  #frame: number | undefined;

  constructor(update: () => void) {
    this.#update = update;
  }

  /** Asks for an update in the next animation frame (once, however often asked). */
  request(): void {
    if (this.#frame !== undefined) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = undefined;
      this.#update();
    });
  }

  /** Drops an update asked for and not yet made. */
  cancel(): void {
    if (this.#frame !== undefined) cancelAnimationFrame(this.#frame);
    this.#frame = undefined;
  }
}
