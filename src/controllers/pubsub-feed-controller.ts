import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type Clock, systemClock, type Timer } from '../core/clock.js';
import { PubSubError, PubSubSubscriber, type PubSubEvent, type PubSubState, type SessionProvider } from '../pubsub/index.js';

/** What the feed needs to subscribe. */
export interface PubSubFeedConfig {
  /** Service base URL. */
  baseUrl: string;
  /** The account whose queue is read. */
  accountSid: string;
  /** Queue path. */
  topic: string;
  /** Poll timeout text, e.g. `30s`. */
  timeout: string;
  /** Undefined when the host gave none (a configuration error). */
  sessionProvider: SessionProvider | undefined;
  /** Why the host's provider could not be resolved (e.g. the dot path names nothing). */
  providerProblem?: PubSubError | undefined;
  /** Time source of the subscriber and of row batching; the page's shared clock by default. */
  clock?: Clock | undefined;
  /** The fetch the subscriber uses; the global one by default. */
  fetch?: typeof fetch | undefined;
}

/** The feed's connection state as shown: the subscriber's, or 'paused' while the user paused it. */
export type FeedState = PubSubState;

/** What the controller tells its host (the element turns these into its DOM events). */
export interface PubSubFeedCallbacks {
  /** Each event, as soon as it is received (rows follow in batches). */
  onEvent(event: PubSubEvent): void;
  /** The shown state changed. */
  onState(state: FeedState): void;
  /** Something failed; `willRetry` says whether the feed carries on by itself. */
  onError(error: PubSubError, willRetry: boolean): void;
  /** A batch of rows was just added, newest first (at most once per animation frame). */
  onRows(added: PubSubEvent[]): void;
}

/** Longest a batch of rows waits when no animation frame comes (hidden tab). */
const FLUSH_FALLBACK_MS = 250;

/**
 * Binds a `PubSubSubscriber` to the element's lifecycle: subscribes while connected and not
 * paused, rebuilds it when the configuration changes, keeps the newest `maxEvents` rows,
 * coalesces bursts into one render per animation frame, and reports to its host through
 * callbacks (it knows nothing of the element's DOM events).
 */
export class PubSubFeedController implements ReactiveController {
  /** Received events, newest first. */
  rows: PubSubEvent[] = [];
  /** Most rows kept. */
  maxEvents = 200;
  /** Connection state. */
  state: FeedState = 'idle';
  /** The problem the page author must fix (shown in the error region), if any. */
  error: PubSubError | undefined;
  readonly #host: ReactiveControllerHost;
  readonly #callbacks: PubSubFeedCallbacks;
  readonly #warned = new Set<string>();
  #config: PubSubFeedConfig | undefined;
  #subscriber: PubSubSubscriber | undefined;
  #connected = false;
  #paused = false;
  #pending: PubSubEvent[] = [];
  #frame = 0;
  #fallback: Timer | undefined;

  /** Registers with `host`; `callbacks` hear of events, state changes, failures and new rows. */
  constructor(host: ReactiveControllerHost, callbacks: PubSubFeedCallbacks) {
    this.#host = host;
    this.#callbacks = callbacks;
    host.addController(this);
  }

  /** Applies the element's attributes; a changed configuration starts a new subscription. */
  configure(config: PubSubFeedConfig): void {
    const old = this.#config as Record<string, unknown> | undefined;
    if (old && Object.entries(config).every(([key, value]) => old[key] === value)) return;
    this.#config = config;
    this.error = undefined;
    this.#teardown();
    if (this.#connected) this.#build(config);
    this.#sync();
  }

  /** Pauses (polling stops once the poll in flight has ended; later events wait on the service) or resumes. */
  setPaused(paused: boolean): void {
    this.#paused = paused;
    this.#sync();
    if (!paused && this.#subscriber) this.#setState(this.#subscriber.state);
    this.#schedule();
  }

  /** Publishes key/value params on the feed's topic; rejects with the feed's error when it cannot run. */
  publish(params: Record<string, string>): Promise<unknown> {
    const subscriber = this.#subscriber;
    if (subscriber) return subscriber.publish(subscriber.queue, params);
    return Promise.reject(this.error ?? new PubSubError('config', 'the feed is not running', undefined, 'not-running'));
  }

  /** Empties the table (rows held while paused have not been shown yet, so they stay). */
  clear(): void {
    this.rows = [];
    if (!this.#paused) this.#pending = [];
    this.#host.requestUpdate();
  }

  /** Starts the subscription when the element is attached. */
  hostConnected(): void {
    this.#connected = true;
    if (this.#config && !this.#subscriber) this.#build(this.#config);
    this.#sync();
    this.#schedule();
  }

  /** Ends the subscription and the pending frame when the element is detached. */
  hostDisconnected(): void {
    this.#connected = false;
    // Released entirely (session timers too); reattaching builds a fresh subscriber. Aborting
    // the poll rather than draining it loses an event the service writes into it in that very
    // instant (a known limitation): a detached widget has nobody to show it to, and must not
    // hold a request open for up to a poll timeout after it left the page.
    this.#teardown();
    this.#cancelFlush();
  }

  get #clock(): Clock {
    return this.#config?.clock ?? systemClock;
  }

  #build(config: PubSubFeedConfig): void {
    let subscriber: PubSubSubscriber;
    try {
      if (config.providerProblem) throw config.providerProblem;
      subscriber = new PubSubSubscriber({ ...config, queue: config.topic, sessionProvider: config.sessionProvider! });
    } catch (error) {
      this.#report(error instanceof PubSubError ? error : new PubSubError('config', String(error)), false);
      this.#setState('error');
      return;
    }
    this.#subscriber = subscriber;
    subscriber.on('event', ({ detail }) => this.#receive(detail));
    // While paused the subscriber is stopped on purpose: its 'idle' must not hide 'paused'.
    subscriber.on('state', ({ detail }) => this.#paused || this.#setState(detail.state));
    subscriber.on('error', ({ detail }) => this.#report(detail.error, detail.willRetry));
  }

  #teardown(): void {
    this.#subscriber?.dispose();
    this.#subscriber = undefined;
  }

  #sync(): void {
    const subscriber = this.#subscriber;
    if (!subscriber) return;
    if (this.#connected && !this.#paused) return subscriber.start();
    // The service removed whatever it wrote into the poll in flight: let it end, not abort it.
    subscriber.stop({ drain: true });
    if (this.#paused) this.#setState('paused');
  }

  #report(error: PubSubError, willRetry: boolean): void {
    this.#callbacks.onError(error, willRetry);
    // Transient network trouble shows as "Reconnecting…"; what needs the page author shows in the UI.
    if ((willRetry && error.code !== 'provider') || (this.error && error.code !== 'config')) return;
    this.error = error;
    // The developer's English detail; the element shows its own strings for the code.
    if (!this.#warned.has(error.message)) console.warn(`[pubsub-feed] ${error.message}`);
    this.#warned.add(error.message);
    this.#host.requestUpdate();
  }

  #receive(event: PubSubEvent): void {
    this.#callbacks.onEvent(event);
    this.#pending.push(event);
    this.#schedule();
  }

  #schedule(): void {
    // Paused, rows are held (the table the user paused on stays still) and shown on resume.
    if (this.#fallback || this.#paused || !this.#pending.length) return;
    // One render per frame; hidden tabs get no frames, so the shared clock keeps rows current there.
    this.#frame = requestAnimationFrame(() => this.#flush());
    this.#fallback = this.#clock.setTimeout(() => this.#flush(), FLUSH_FALLBACK_MS);
  }

  #cancelFlush(): void {
    cancelAnimationFrame(this.#frame);
    this.#fallback?.cancel();
    this.#fallback = undefined;
  }

  #flush(): void {
    this.#cancelFlush();
    const added = this.#pending.reverse();
    this.#pending = [];
    this.rows = [...added, ...this.rows].slice(0, this.maxEvents);
    this.#callbacks.onRows(added);
    this.#host.requestUpdate();
  }

  #setState(state: FeedState): void {
    if (state === this.state) return;
    this.state = state;
    if (state === 'live') this.error = undefined;
    this.#callbacks.onState(state);
    this.#host.requestUpdate();
  }
}
