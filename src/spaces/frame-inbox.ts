import { systemClock, type Clock, type Timer } from '../core/clock.js';
import { pageHidden } from '../core/page-hidden.js';

/**
 * A frame comes after a quiet spell when none was handled for this long, ms; a burst that starves
 * timers is handled at least this often.
 */
export const FRAME_QUIET_MS = 16;
/** How long the first frame held back in a burst waits for the ones after it, ms. */
export const FRAME_TAIL_MS = 4;

/**
 * Hands a socket's frames to their handler in order: a frame after a quiet spell at once, and the
 * frames of a burst (which a WebSocket delivers one per task) a few milliseconds' worth at a time:
 * FRAME_TAIL_MS after the first of them, or within FRAME_QUIET_MS of the last handling should the
 * burst leave timers no task to run in. Handling frames in one go is several times cheaper than
 * one per task, and the room then applies and announces them as one change. (BurstThrottle is the
 * same idea for renders; frames need the in-task drain, as a burst can starve timers.)
 *
 * It keeps the page's time even where tests drive the socket's clock: the batching is about the
 * main thread, not the protocol.
 */
export class FrameInbox {
  readonly #handle: (frame: string) => void;
  readonly #clock: Clock;
  #frames: string[] = [];
  /** When frames were last handled. */
  #handledAt = -Infinity;
  #timer: Timer | undefined;
  #closed = false;

  constructor(handle: (frame: string) => void, clock: Clock = systemClock) {
    this.#handle = handle;
    this.#clock = clock;
  }

  /** A frame from the socket. */
  push(frame: string): void {
    if (this.#closed) return;
    const now = this.#clock.now();
    if (this.#frames.length === 0 && now - this.#handledAt >= FRAME_QUIET_MS) {
      this.#handledAt = now;
      this.#handle(frame);
      return;
    }
    this.#frames.push(frame);
    // Timers starved by the burst, or running late on a hidden page: handle what waits, now.
    if (now - this.#handledAt >= FRAME_QUIET_MS || pageHidden()) this.drain();
    else this.#timer ??= this.#clock.setTimeout(() => this.drain(), FRAME_TAIL_MS);
  }

  /** Handles every waiting frame now (the socket is closing, or their time has come). */
  drain(): void {
    this.#timer?.cancel();
    this.#timer = undefined;
    this.#handledAt = this.#clock.now();
    const frames = this.#frames;
    this.#frames = [];
    for (const frame of frames) {
      // A frame can close the socket (a server disconnect): the ones after it are not for us.
      if (this.#closed) return;
      try {
        this.#handle(frame);
      } catch (error) {
        // One bad frame must not cost the rest of the batch, as it would not have cost later tasks.
        reportError(error);
      }
    }
  }

  /** Drops waiting frames and takes no more (the socket is being torn down). */
  close(): void {
    this.#closed = true;
    this.#timer?.cancel();
    this.#timer = undefined;
    this.#frames = [];
  }
}
