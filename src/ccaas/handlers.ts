import { constraint } from './errors.js';
import type { ChatEventHandler, ChatEventName } from './sdk-api.js';
import { eventTypeOf } from './sdk-api.js';
import type { ChatEventMap, ChatEventType } from './types.js';

/**
 * The handlers `on`/`off` manage, by EventType, and `emit` that calls them in order. A handler
 * that throws is reported (to `report`) and the others still run.
 */
export class HandlerRegistry {
  readonly #handlers = new Map<ChatEventType, Set<(payload: never) => void>>();
  readonly #report: (type: ChatEventType, error: unknown) => void;

  constructor(report: (type: ChatEventType, error: unknown) => void) {
    this.#report = report;
  }

  /** Subscribes `handler` to `event` (one of the 16 EventType names, or the guide's alias). */
  on<K extends ChatEventType>(event: K | 'IDLE_TIMEOUT', handler: ChatEventHandler<K>): void {
    const type = eventTypeOf(event);
    if (typeof handler !== 'function') throw constraint(`the handler of ${type} must be a function`);
    let set = this.#handlers.get(type);
    if (!set) this.#handlers.set(type, (set = new Set()));
    set.add(handler as (payload: never) => void);
  }

  /** Removes every handler of `event`, or of all events when called without one. */
  off(event?: ChatEventName): void {
    if (event === undefined) this.#handlers.clear();
    else this.#handlers.delete(eventTypeOf(event));
  }

  /** Calls the handlers of `type` with `payload`. */
  emit<K extends ChatEventType>(type: K, payload: ChatEventMap[K]): void {
    for (const handler of [...(this.#handlers.get(type) ?? [])]) {
      try {
        (handler as ChatEventHandler<K>)(payload);
      } catch (error) {
        this.#report(type, error);
      }
    }
  }
}
