/** A map from event names to the `detail` each carries. */
export type EventMap = Record<string, unknown>;

/** What an `on` listener receives: the event's name and its typed `detail`. */
export interface TypedNotice<K extends string, D> {
  /** The event's name. */
  readonly type: K;
  /** What the event carries. */
  readonly detail: D;
}

/** An event whose `detail` is typed by its name (what `addEventListener` listeners receive). */
export class TypedEvent<K extends string, D> extends Event implements TypedNotice<K, D> {
  /** What the event carries. */
  readonly detail: D;

  constructor(type: K, detail: D) {
    super(type);
    this.detail = detail;
  }

  declare readonly type: K;
}

/** Listener for one event of a map. */
export type Listener<M extends EventMap, K extends keyof M & string> = (event: TypedNotice<K, M[K]>) => void;

type Entry = { listener: (notice: never) => void; once: boolean };

/**
 * A small EventTarget with typed names and details. Core objects extend it so that any
 * framework, or none, can listen; `on` returns the function that removes the listener.
 *
 * `on` listeners are called directly rather than through `dispatchEvent`: a burst of socket frames
 * emits a few events per frame, and building and dispatching a DOM Event for each cost more than
 * the frame's own work. A DOM event is still dispatched for `addEventListener` listeners.
 */
export class TypedEmitter<M extends EventMap> extends EventTarget {
  readonly #listeners = new Map<string, Set<Entry>>();
  /** Types that have (or had) an `addEventListener` listener: only those need a DOM event. */
  readonly #domTypes = new Set<string>();

  /** Adds a listener and returns a function that removes it (`once` and `signal` are honoured). */
  on<K extends keyof M & string>(type: K, listener: Listener<M, K>, options?: AddEventListenerOptions): () => void {
    const off = () => void this.#listeners.get(type)?.delete(entry);
    const entry: Entry = { listener: listener as Entry['listener'], once: options?.once === true };
    if (options?.signal?.aborted) return off;
    let entries = this.#listeners.get(type);
    if (!entries) this.#listeners.set(type, (entries = new Set()));
    entries.add(entry);
    options?.signal?.addEventListener('abort', off, { once: true });
    return off;
  }

  /** Dispatches `type` with `detail`; a throwing listener is reported and does not stop the others. */
  emit<K extends keyof M & string>(type: K, detail: M[K]): void {
    const entries = this.#listeners.get(type);
    if (entries?.size) {
      const notice: TypedNotice<K, M[K]> = { type, detail };
      // A listener added while this runs waits for the next emit; one removed is not called.
      for (const entry of [...entries]) {
        if (!entries.has(entry)) continue;
        if (entry.once) entries.delete(entry);
        try {
          (entry.listener as (notice: TypedNotice<K, M[K]>) => void)(notice);
        } catch (error) {
          reportListenerError(error);
        }
      }
    }
    if (this.#domTypes.has(type)) this.dispatchEvent(new TypedEvent(type, detail));
  }

  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void {
    this.#domTypes.add(type);
    super.addEventListener(type, listener, options);
  }
}

/** Reports an error the way an exception in a DOM event listener is: on the page, without rethrowing. */
function reportListenerError(error: unknown): void {
  if (typeof reportError === 'function') reportError(error);
  else queueMicrotask(() => {
    throw error;
  });
}
