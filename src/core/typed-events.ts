/** A map from event names to the `detail` each carries. */
export type EventMap = Record<string, unknown>;

/** An event whose `detail` is typed by its name. */
export class TypedEvent<K extends string, D> extends Event {
  /** What the event carries. */
  readonly detail: D;

  constructor(type: K, detail: D) {
    super(type);
    this.detail = detail;
  }
}

/** Listener for one event of a map. */
export type Listener<M extends EventMap, K extends keyof M & string> = (event: TypedEvent<K, M[K]>) => void;

/**
 * A small EventTarget with typed names and details. Core objects extend it so that any
 * framework, or none, can listen; `on` returns the function that removes the listener.
 */
export class TypedEmitter<M extends EventMap> extends EventTarget {
  /** Adds a listener and returns a function that removes it. */
  on<K extends keyof M & string>(type: K, listener: Listener<M, K>, options?: AddEventListenerOptions): () => void {
    const wrapped = listener as unknown as EventListener;
    this.addEventListener(type, wrapped, options);
    return () => this.removeEventListener(type, wrapped, options);
  }

  /** Dispatches `type` with `detail`; a throwing listener is reported and does not stop the others. */
  emit<K extends keyof M & string>(type: K, detail: M[K]): void {
    this.dispatchEvent(new TypedEvent(type, detail));
  }
}
