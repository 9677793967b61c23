/** A map from event names to the `detail` each carries. */
export type EventMap = Record<string, unknown>;

/** What an `on` listener receives: the event's name and its typed `detail`. */
export interface TypedNotice<K extends string, D> {
  /** The event's name. */
  readonly type: K;
  /** What the event carries. */
  readonly detail: D;
}

/** What `addEventListener` listeners receive: a CustomEvent whose `detail` is typed by its name. */
export type TypedEvent<K extends string, D> = CustomEvent<D> & { readonly type: K };

/** Listener for one event of a map. */
export type Listener<M extends EventMap, K extends keyof M & string> = (event: TypedNotice<K, M[K]>) => void;

/**
 * A small EventTarget with typed names and details. Core objects extend it so that any
 * framework, or none, can listen; `on` returns the function that removes the listener.
 *
 * `on` listeners are called directly rather than through `dispatchEvent`: a burst of socket frames
 * emits a few events per frame, and building and dispatching a DOM Event for each cost more than
 * the frame's own work. They get a plain `{ type, detail }` and run before `addEventListener` (and
 * `on` with options) listeners, which get a CustomEvent.
 */
export class TypedEmitter<M extends EventMap> extends EventTarget {
  readonly #listeners = new Map<string, Set<(notice: never) => void>>();
  /** Types that have (or had) an `addEventListener` listener: only those need a DOM event (a few names at most). */
  readonly #domTypes = new Set<string>();

  /** Adds a listener and returns a function that removes it. */
  on<K extends keyof M & string>(type: K, listener: Listener<M, K>, options?: AddEventListenerOptions): () => void {
    if (options) {
      // `once`, `signal`...: the DOM's own handling (rare enough that the Event it costs does not matter).
      const wrapped = listener as unknown as EventListener;
      this.addEventListener(type, wrapped, options);
      return () => this.removeEventListener(type, wrapped, options);
    }
    const listeners = this.#listeners.get(type) ?? this.#listeners.set(type, new Set()).get(type)!;
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  /** Dispatches `type` with `detail`; a throwing listener is reported and does not stop the others. */
  emit<K extends keyof M & string>(type: K, detail: M[K]): void {
    const listeners = this.#listeners.get(type);
    // A listener added while this runs waits for the next emit; one removed is not called.
    for (const listener of listeners ? [...listeners] : []) {
      if (!listeners!.has(listener)) continue;
      try {
        (listener as Listener<M, K>)({ type, detail });
      } catch (error) {
        // As the DOM reports a throwing listener (browsers and workers have reportError).
        reportError(error);
      }
    }
    if (this.#domTypes.has(type)) this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void {
    this.#domTypes.add(type);
    super.addEventListener(type, listener, options);
  }
}
