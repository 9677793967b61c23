import type { SpacesMessage } from './types.js';

/**
 * Where the room's copy of a space is known to be complete, and the gap to fill after the socket
 * dropped. Only what the server itself delivered in order counts: live `MESSAGE_SENT` frames and
 * history or catch-up pages. A message the room inserted itself (the reply to a REST send made
 * while the socket was down) says nothing about what else the server stored meanwhile, so it
 * never moves the cursor; a catch-up that started after it would skip other people's messages.
 */
export class GapTracker {
  #complete: number | undefined;
  #gapFrom: number | undefined;

  /** `created` (ms) of the newest message known to follow everything before it. */
  get completeUpTo(): number | undefined {
    return this.#complete;
  }

  /** Where the next catch-up starts (exclusive), while a gap is open. */
  get gapFrom(): number | undefined {
    return this.#gapFrom;
  }

  /** Messages delivered in order by the server (live frames, history, catch-up pages). */
  delivered(messages: readonly SpacesMessage[]): void {
    for (const message of messages) {
      if (this.#complete === undefined || message.createdMs > this.#complete) this.#complete = message.createdMs;
    }
  }

  /**
   * The subscription lapsed (the socket went down, or the server dropped it): the gap starts after
   * the newest message delivered before the lapse. Live messages that arrive after the next
   * subscription but before the catch-up runs do not move it. An empty room starts its gap at 0
   * (everything in it is new). An older open gap is kept.
   */
  opened(): void {
    this.#gapFrom ??= this.#complete ?? 0;
  }

  /** A catch-up page set reached `to` (the newest `created` it held); `complete` closes the gap. */
  filled(to: number | undefined, complete: boolean): void {
    if (complete) {
      this.#gapFrom = undefined;
      return;
    }
    if (to !== undefined && this.#gapFrom !== undefined && to > this.#gapFrom) this.#gapFrom = to;
  }
}
