import type { Clock, Timer } from '../core/clock.js';
import type { SpacesUser } from './types.js';

/** How long one incoming typing event keeps a person shown as typing. */
export const TYPING_SHOWN_MS = 2000;

/** Least time between two outgoing typing events. */
export const TYPING_THROTTLE_MS = 1500;

/** Who is typing right now: each event shows its sender for ~2 s, then they drop off. */
export class TypingTracker {
  readonly #clock: Clock;
  readonly #onChange: () => void;
  readonly #typing = new Map<string, { user: SpacesUser; timer: Timer }>();

  constructor(clock: Clock, onChange: () => void) {
    this.#clock = clock;
    this.#onChange = onChange;
  }

  /** People typing, in the order they started. */
  get users(): SpacesUser[] {
    return [...this.#typing.values()].map((t) => t.user);
  }

  /** Records a typing event from `user`. */
  typed(user: SpacesUser): void {
    const known = this.#typing.get(user._id);
    known?.timer.cancel();
    const timer = this.#clock.setTimeout(() => this.stopped(user._id), TYPING_SHOWN_MS);
    this.#typing.set(user._id, { user, timer });
    if (!known) this.#onChange();
  }

  /** Drops `userId` at once (they sent their message or left). */
  stopped(userId: string): void {
    const known = this.#typing.get(userId);
    if (!known) return;
    known.timer.cancel();
    this.#typing.delete(userId);
    this.#onChange();
  }

  /** Cancels every timer. */
  clear(): void {
    for (const { timer } of this.#typing.values()) timer.cancel();
    this.#typing.clear();
  }
}

/** Lets an outgoing typing event through at most once per `TYPING_THROTTLE_MS`. */
export class TypingThrottle {
  readonly #clock: Clock;
  #last = -Infinity;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** True when an event may be sent now (and records that it was). */
  take(): boolean {
    const now = this.#clock.now();
    if (now - this.#last < TYPING_THROTTLE_MS) return false;
    this.#last = now;
    return true;
  }

  /** Lets the next keystroke send again (after a message went out). */
  reset(): void {
    this.#last = -Infinity;
  }
}
