import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { PubSubErrorEvent, PubSubEventEvent, PubSubStateEvent } from '../elements/pubsub-feed/events.js';
import { PubSubError, PubSubSubscriber, type PubSubEvent, type PubSubState, type SessionProvider } from '../pubsub/index.js';

/** What the feed needs to subscribe. */
export interface PubSubFeedConfig {
  baseUrl: string;
  accountSid: string;
  topic: string;
  timeout: string;
  /** Undefined when the host gave none (a configuration error). */
  sessionProvider: SessionProvider | undefined;
  /** Why the host's provider could not be resolved (e.g. the dot path names nothing), or ''. */
  providerProblem: string;
}

/** The feed's connection state as shown: the subscriber's, or 'paused' while the user paused it. */
export type FeedState = PubSubState;

/** Longest a batch of rows waits when no animation frame comes (hidden tab). */
const FLUSH_FALLBACK_MS = 250;

/**
 * Binds a `PubSubSubscriber` to the element's lifecycle: subscribes while connected and not
 * paused, rebuilds it when the configuration changes, keeps the newest `maxEvents` rows,
 * coalesces bursts into one render per animation frame, and dispatches the element's
 * `pubsub-event`, `pubsub-state` and `pubsub-error` events on the host.
 */
export class PubSubFeedController implements ReactiveController {
  /** Received events, newest first. */
  rows: PubSubEvent[] = [];
  /** Most rows kept. */
  maxEvents = 200;
  /** Connection state. */
  state: FeedState = 'idle';
  /** The problem the page author must fix (shown in the error region), or ''. */
  error = '';
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #onRows: (added: PubSubEvent[]) => void;
  readonly #warned = new Set<string>();
  #config: PubSubFeedConfig | undefined;
  #subscriber: PubSubSubscriber | undefined;
  #connected = false;
  #paused = false;
  #pending: PubSubEvent[] = [];
  #frame = 0;
  #fallback: ReturnType<typeof setTimeout> | undefined;

  /** `onRows` hears of each batch of rows just added (at most once per animation frame). */
  constructor(host: ReactiveControllerHost & HTMLElement, onRows: (added: PubSubEvent[]) => void) {
    this.#host = host;
    this.#onRows = onRows;
    host.addController(this);
  }

  /** Applies the element's attributes; a changed configuration starts a new subscription. */
  configure(config: PubSubFeedConfig): void {
    const old = this.#config as Record<string, unknown> | undefined;
    if (old && Object.entries(config).every(([key, value]) => old[key] === value)) return;
    this.#config = config;
    this.error = '';
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

  /** Publishes key/value params on the feed's topic. */
  publish(params: Record<string, string>): Promise<unknown> {
    const subscriber = this.#subscriber;
    return subscriber ? subscriber.publish(subscriber.queue, params) : Promise.reject(new PubSubError('config', this.error || 'the feed is not configured'));
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

  #build(config: PubSubFeedConfig): void {
    const { sessionProvider, providerProblem } = config;
    let subscriber: PubSubSubscriber;
    try {
      if (providerProblem) throw new PubSubError('config', providerProblem);
      if (!sessionProvider) throw new PubSubError('config', 'no session provider: set session-provider="app.getPubSubSession" (a global function) or the sessionProvider property');
      subscriber = new PubSubSubscriber({ ...config, queue: config.topic, sessionProvider });
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

  #report({ code, message }: PubSubError, willRetry: boolean): void {
    this.#host.dispatchEvent(new PubSubErrorEvent({ code, message, willRetry }));
    // Transient network trouble shows as "Reconnecting…"; what needs the page author shows in the UI.
    if ((willRetry && code !== 'provider') || (this.error && code !== 'config')) return;
    this.error = message;
    if (!this.#warned.has(message)) console.warn(`[pubsub-feed] ${message}`);
    this.#warned.add(message);
    this.#host.requestUpdate();
  }

  #receive(event: PubSubEvent): void {
    this.#host.dispatchEvent(new PubSubEventEvent(event));
    this.#pending.push(event);
    this.#schedule();
  }

  #schedule(): void {
    // Paused, rows are held (the table the user paused on stays still) and shown on resume.
    if (this.#frame || this.#paused || !this.#pending.length) return;
    // Hidden tabs get no animation frames; the timer keeps rows (and max-events) current there.
    this.#frame = requestAnimationFrame(() => this.#flush());
    this.#fallback = setTimeout(() => this.#flush(), FLUSH_FALLBACK_MS);
  }

  #cancelFlush(): void {
    cancelAnimationFrame(this.#frame);
    clearTimeout(this.#fallback);
    this.#frame = 0;
  }

  #flush(): void {
    this.#cancelFlush();
    const added = this.#pending.reverse();
    this.#pending = [];
    this.rows = [...added, ...this.rows].slice(0, this.maxEvents);
    this.#onRows(added);
    this.#host.requestUpdate();
  }

  #setState(state: FeedState): void {
    if (state === this.state) return;
    this.state = state;
    if (state === 'live') this.error = '';
    this.#host.dispatchEvent(new PubSubStateEvent({ state }));
    this.#host.requestUpdate();
  }
}
