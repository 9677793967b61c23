import { Backoff, RetryAbandonedError } from './backoff.js';
import { type Clock, systemClock } from './clock.js';
import { JsonArrayStream, JsonArrayStreamError } from './json-array-stream.js';
import { PollError, kindOfStatus, type PollFailureKind } from './poll-error.js';
import { TypedEmitter } from './typed-events.js';

/** What one poll fetches. */
export interface PollRequest {
  /** Absolute URL of the poll. */
  url: string;
  /** Headers and method; the loop supplies its own `signal`. */
  init?: RequestInit;
}

/** Settings of a `PollLoop`. */
export interface PollLoopOptions<E> {
  /** Time source for timeouts and backoff; the page's shared clock by default. */
  clock?: Clock;
  /** The fetch to use (tests pass a fake); the global one by default. */
  fetch?: typeof fetch;
  /** Builds each request (called per attempt so it can carry a fresh token, and for `LongPoll` the cursor). */
  request: (cursor: string | undefined) => Promise<PollRequest> | PollRequest;
  /** Aborts a request whose response has not fully arrived within this many ms (ccaas: 40_000). */
  requestTimeoutMs: number;
  /** Validates an element; undefined drops it with one console.warn. */
  parse: (value: unknown) => E | undefined;
  /** Identity for de-duplication (the last ~1000 ids are remembered). */
  idOf?: (event: E) => string | undefined;
  /** Retry schedule: Fibonacci × baseMs plus jitter; gives up `deadlineMs` after the first failure. */
  backoff?: { baseMs?: number; maxMs?: number; jitterMs?: number; deadlineMs?: number; random?: () => number };
  /** Failures that stop polling until `resume()`; default unauthorized and forbidden. */
  pauseOn?: PollFailureKind[];
  /** Failures that stop polling for good; default not-found. */
  stopOn?: PollFailureKind[];
}

/** Where the loop is. */
export type PollLoopState = 'idle' | 'connecting' | 'connected' | 'retrying' | 'paused' | 'stopped';

/** Events of a poll loop, by name. */
export type PollLoopEvents<E> = {
  event: E;
  state: { state: PollLoopState };
  failure: { error: PollError; willRetry: boolean; retryInMs?: number };
  paused: { error: PollError };
  stopped: { reason: 'requested' | 'gave-up' | 'fatal'; error?: PollError | RetryAbandonedError };
};

const DEDUP_WINDOW = 1000;
const LOG_PREFIX = '[avaya-chat-elements]';

/**
 * An HTTP long-poll loop over an endpoint that answers with streamed JSON arrays of events: one
 * request at a time, each bounded by a timeout, each element delivered as its bytes arrive,
 * duplicates and invalid elements dropped, classified failures retried with Fibonacci backoff
 * until a deadline. The lean core that `<pubsub-feed>` ships; `LongPoll` adds a cursor,
 * `pollNow`, a pause between polls, whole-body reads and problem-document details.
 */
export class PollLoop<E> extends TypedEmitter<PollLoopEvents<E>> {
  /** The loop's time source. */
  protected readonly clock: Clock;
  readonly #fetch: typeof fetch;
  readonly #request: PollLoopOptions<E>['request'];
  readonly #requestTimeoutMs: number;
  readonly #parse: (value: unknown) => E | undefined;
  readonly #idOf: ((event: E) => string | undefined) | undefined;
  readonly #backoff: Backoff;
  readonly #deadlineMs: number;
  readonly #pauseOn: ReadonlySet<PollFailureKind>;
  readonly #stopOn: ReadonlySet<PollFailureKind>;
  readonly #seen = new Set<string>();
  readonly #seenOrder: string[] = [];
  #state: PollLoopState = 'idle';
  /** One per started loop; aborting it ends that loop and its request. */
  #run: AbortController | undefined;
  /** The wait between polls in progress; `wake` aborts it. */
  #wake: AbortController | undefined;
  #scheduledDelay: number | undefined;
  /** The run whose request has been sent and whose response has not ended yet. */
  #inFlight: AbortSignal | undefined;
  /** `stop({ drain: true })` waits for the response in flight to end. */
  #draining = false;

  constructor(options: PollLoopOptions<E>) {
    super();
    const clock = options.clock ?? systemClock;
    this.clock = clock;
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#request = options.request;
    this.#requestTimeoutMs = options.requestTimeoutMs;
    this.#parse = options.parse;
    this.#idOf = options.idOf;
    this.#deadlineMs = options.backoff?.deadlineMs ?? Infinity;
    // Backoff schedules its wait on this clock; noting the delay lets `failure` say when the retry comes.
    const recording: Clock = {
      now: () => clock.now(),
      setTimeout: (callback, delayMs) => {
        this.#scheduledDelay = delayMs;
        return clock.setTimeout(callback, delayMs);
      },
    };
    this.#backoff = new Backoff({ ...options.backoff, clock: recording, deadlineMs: this.#deadlineMs });
    this.#pauseOn = new Set(options.pauseOn ?? ['unauthorized', 'forbidden']);
    this.#stopOn = new Set(options.stopOn ?? ['not-found']);
  }

  /** Where the loop is. */
  get state(): PollLoopState {
    return this.#state;
  }

  /** Starts polling when idle or stopped; during a drain, carries on polling instead of stopping. */
  start(): void {
    this.#draining = false;
    if (this.#state === 'idle' || this.#state === 'stopped') this.#begin();
  }

  /**
   * Stops polling. By default at once, aborting the request in flight; with `drain`, a response
   * in flight runs to its end first, delivering what arrives in it (a consumed queue has already
   * removed what it sent), and no other poll follows. Waits between polls end at once either way.
   */
  stop(options: { drain?: boolean } = {}): void {
    if (this.#state === 'idle' || this.#state === 'stopped') return;
    this.#draining = !!options.drain && !!this.#inFlight && this.#inFlight === this.#run?.signal;
    if (this.#draining) return;
    this.#halt();
    this.#setState('stopped');
    this.emit('stopped', { reason: 'requested' });
  }

  /** Polls again after a pause (e.g. once a fresh token is available), with a fresh backoff. */
  resume(): void {
    if (this.#state === 'paused') this.#begin();
  }

  /** The cursor the next request carries (none here; `LongPoll` keeps one). */
  protected cursorForRequest(): string | undefined {
    return undefined;
  }

  /** Runs between two successful polls (`LongPoll` waits its interval there, through `interruptible`). */
  protected afterSuccess(_signal: AbortSignal): Promise<void> | void {}

  /** Cuts the wait between polls in progress short. */
  protected wake(): void {
    this.#wake?.abort();
  }

  /** Runs `wait` so that `stop()` or `wake()` can cut it short; rethrows what it throws. */
  protected async interruptible(signal: AbortSignal, wait: (wake: AbortSignal) => Promise<void>): Promise<void> {
    const wake = new AbortController();
    this.#wake = wake;
    const onStop = () => wake.abort();
    signal.addEventListener('abort', onStop, { once: true });
    try {
      await wait(wake.signal);
    } catch (error) {
      if (!wake.signal.aborted) throw error;
    } finally {
      signal.removeEventListener('abort', onStop);
      if (this.#wake === wake) this.#wake = undefined;
    }
  }

  /** The failure a non-2xx response stands for (`LongPoll` adds the detail of a problem document). */
  protected failureOf(response: Response): PollError | Promise<PollError> {
    return new PollError(kindOfStatus(response.status), `HTTP ${response.status}`, response.status);
  }

  /** Feeds the body to `stream` as it arrives, delivering each element (`LongPoll` may read it whole first). */
  protected async readBody(response: Response, stream: JsonArrayStream, requestSignal: AbortSignal, runSignal: AbortSignal): Promise<void> {
    if (!response.body) return this.deliverWhole(await response.text(), stream, requestSignal, runSignal);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    // Aborting a real fetch errors its body; a body that ignores the signal is cancelled instead.
    const cancel = () => void reader.cancel().catch(() => undefined);
    requestSignal.addEventListener('abort', cancel, { once: true });
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (requestSignal.aborted) throw requestSignal.reason;
        if (done) break;
        this.deliver(stream.push(decoder.decode(value, { stream: true })), runSignal);
        if (runSignal.aborted) return;
      }
      this.deliver(stream.push(decoder.decode()), runSignal);
    } catch (error) {
      cancel();
      throw error;
    } finally {
      requestSignal.removeEventListener('abort', cancel);
    }
  }

  /** Delivers a body read whole, unless its request was aborted meanwhile. */
  protected deliverWhole(text: string, stream: JsonArrayStream, requestSignal: AbortSignal, runSignal: AbortSignal): void {
    if (requestSignal.aborted) throw requestSignal.reason;
    this.deliver(stream.push(text), runSignal);
  }

  /** Validates, de-duplicates and emits parsed elements until the run stops. */
  protected deliver(values: unknown[], runSignal: AbortSignal): void {
    for (const value of values) {
      if (runSignal.aborted) return;
      let event: E | undefined;
      try {
        event = this.#parse(value);
      } catch {
        // Dropped below, like an element parse refuses; the parser's error may quote the content.
      }
      if (event === undefined) {
        // Events carry people's messages: say what was dropped, never what it said.
        console.warn(`${LOG_PREFIX} dropped an event that failed validation (${shapeOf(value)})`);
        continue;
      }
      const id = this.#idOf?.(event);
      if (id !== undefined) {
        if (this.#seen.has(id)) continue;
        this.#remember(id);
      }
      this.emit('event', event);
    }
  }

  #begin(): void {
    this.#backoff.reset();
    const run = new AbortController();
    this.#run = run;
    void this.#loop(run.signal);
  }

  #halt(): void {
    this.#run?.abort();
    this.#run = undefined;
  }

  #setState(state: PollLoopState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.emit('state', { state });
  }

  async #loop(signal: AbortSignal): Promise<void> {
    this.#setState('connecting');
    while (!signal.aborted) {
      const error = await this.#pollOnce(signal);
      if (signal.aborted) return;
      // A drained response ends the loop, whatever its outcome: nothing is retried or reported.
      if (this.#draining) return this.stop();
      if (error) {
        if (!(await this.#recover(error, signal))) return;
        this.#setState('connecting');
      } else {
        this.#backoff.reset();
        // Awaited only when there is a wait: the next poll starts in the same turn otherwise.
        const pause = this.afterSuccess(signal);
        if (pause) await pause;
      }
    }
  }

  /** Handles a failed poll; resolves true when the loop should poll again. */
  async #recover(error: PollError, signal: AbortSignal): Promise<boolean> {
    const pause = this.#pauseOn.has(error.kind);
    if (pause || this.#stopOn.has(error.kind)) {
      this.emit('failure', { error, willRetry: false });
      if (signal.aborted) return false;
      this.#halt();
      this.#setState(pause ? 'paused' : 'stopped');
      if (pause) this.emit('paused', { error });
      else this.emit('stopped', { reason: 'fatal', error });
      return false;
    }
    let abandoned: RetryAbandonedError | undefined;
    await this.interruptible(signal, (wake) => {
      this.#scheduledDelay = undefined;
      const waiting = this.#backoff.wait(wake);
      const delay = this.#scheduledDelay as number | undefined;
      const deadline = (this.#backoff.failingSince ?? this.clock.now()) + this.#deadlineMs;
      // A wait that ends at the deadline is followed by giving up, not by another attempt.
      const willRetry = delay !== undefined && this.clock.now() + delay < deadline;
      if (delay !== undefined) this.#setState('retrying');
      this.emit('failure', willRetry ? { error, willRetry, retryInMs: delay } : { error, willRetry });
      return waiting.catch((reason: unknown) => {
        if (reason instanceof RetryAbandonedError && reason.reason !== 'aborted') abandoned = reason;
        else throw reason;
      });
    });
    if (signal.aborted) return false;
    if (!abandoned) return true;
    this.#halt();
    this.#setState('stopped');
    this.emit('stopped', { reason: 'gave-up', error: abandoned });
    return false;
  }

  /** One request; resolves undefined on success or the classified failure. */
  async #pollOnce(signal: AbortSignal): Promise<PollError | undefined> {
    let request: PollRequest;
    try {
      request = await this.#request(this.cursorForRequest());
    } catch (cause) {
      return new PollError('client-error', `could not build the poll request: ${describe(cause)}`, undefined, { cause });
    }
    if (signal.aborted) return undefined;
    const controller = new AbortController();
    const onStop = () => controller.abort(signal.reason);
    signal.addEventListener('abort', onStop, { once: true });
    let timedOut = false;
    const timer = this.clock.setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException('the poll timed out', 'TimeoutError'));
    }, this.#requestTimeoutMs);
    this.#inFlight = signal;
    try {
      return await this.#exchange(request, controller.signal, signal);
    } catch (cause) {
      if (timedOut) return new PollError('timeout', `no complete response within ${this.#requestTimeoutMs} ms`, undefined, { cause });
      return new PollError('network', `the poll request failed: ${describe(cause)}`, undefined, { cause });
    } finally {
      if (this.#inFlight === signal) this.#inFlight = undefined;
      timer.cancel();
      signal.removeEventListener('abort', onStop);
    }
  }

  async #exchange(request: PollRequest, requestSignal: AbortSignal, runSignal: AbortSignal): Promise<PollError | undefined> {
    const fetchFn = this.#fetch; // called unbound: a native fetch throws when `this` is not the window
    const response = await fetchFn(request.url, { ...request.init, signal: requestSignal });
    if (!response.ok) return this.failureOf(response);
    this.#setState('connected');
    if (response.status === 204) return undefined;
    const stream = new JsonArrayStream({ onError: (e) => console.warn(`${LOG_PREFIX} dropped a malformed event (${e.element?.length ?? 0} characters)`) });
    try {
      await this.readBody(response, stream, requestSignal, runSignal);
      if (runSignal.aborted) return undefined;
      stream.end();
    } catch (error) {
      if (error instanceof JsonArrayStreamError) return new PollError('bad-response', `the response is not a JSON array: ${error.message}`, response.status, { cause: error });
      throw error;
    }
    return undefined;
  }

  #remember(id: string): void {
    this.#seen.add(id);
    this.#seenOrder.push(id);
    if (this.#seenOrder.length > DEDUP_WINDOW) this.#seen.delete(this.#seenOrder.shift()!);
  }
}

/** What kind of JSON value it is and how long, without any of its content. */
function shapeOf(value: unknown): string {
  const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
  return `${kind} of ${JSON.stringify(value).length} characters`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
