import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { PubSubError, PubSubSubscriber, type PubSubEvent, type PubSubState, type SessionProvider } from '../pubsub/index.js';

/** What the feed needs to subscribe. */
export interface PubSubFeedConfig {
  baseUrl: string;
  accountSid: string;
  topic: string;
  timeout: string;
  /** Undefined when the host gave none (a configuration error). */
  sessionProvider: SessionProvider | undefined;
  /** Why the host's provider could not be resolved (e.g. the dot path names nothing). */
  providerProblem?: string | undefined;
}

/** What the controller tells its host besides re-rendering. */
export interface PubSubFeedCallbacks {
  /** One received event, at once (the host re-dispatches it as a DOM event). */
  onEvent(event: PubSubEvent): void;
  /** A batch of rows was just added (at most once per animation frame). */
  onRows(added: readonly PubSubEvent[]): void;
  /** The connection state changed. */
  onState(state: FeedState): void;
  /** A failure or misconfiguration. */
  onError(error: PubSubError, willRetry: boolean): void;
}

/** The feed's connection state as shown: the subscriber's, or 'paused' while the user paused it. */
export type FeedState = PubSubState;

/** Longest a batch of rows waits when no animation frame comes (hidden tab). */
const FLUSH_FALLBACK_MS = 250;

const sameConfig = (a: PubSubFeedConfig | undefined, b: PubSubFeedConfig) =>
  !!a && a.baseUrl === b.baseUrl && a.accountSid === b.accountSid && a.topic === b.topic && a.timeout === b.timeout && a.sessionProvider === b.sessionProvider && a.providerProblem === b.providerProblem;

/**
 * Binds a `PubSubSubscriber` to the element's lifecycle: subscribes while connected and not
 * paused, rebuilds it when the configuration changes, keeps the newest `maxEvents` rows, and
 * coalesces bursts into one render per animation frame.
 */
export class PubSubFeedController implements ReactiveController {
  /** Received events, newest first. */
  rows: PubSubEvent[] = [];
  /** Most rows kept. */
  maxEvents = 200;
  /** The configuration problem to show, if any. */
  configError: PubSubError | undefined;
  readonly #host: ReactiveControllerHost;
  readonly #callbacks: PubSubFeedCallbacks;
  #config: PubSubFeedConfig | undefined;
  #subscriber: PubSubSubscriber | undefined;
  #connected = false;
  #paused = false;
  #state: FeedState = 'idle';
  #pending: PubSubEvent[] = [];
  #frame: number | undefined;
  #fallback: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ReactiveControllerHost, callbacks: PubSubFeedCallbacks) {
    this.#host = host;
    this.#callbacks = callbacks;
    host.addController(this);
  }

  /** Connection state. */
  get state(): FeedState {
    return this.#state;
  }

  /** Applies the element's attributes; a changed configuration starts a new subscription. */
  configure(config: PubSubFeedConfig): void {
    if (sameConfig(this.#config, config)) return;
    this.#config = config;
    this.#teardown();
    if (this.#connected) this.#build(config);
    this.#sync();
  }

  /** Pauses (stops polling, events wait on the service) or resumes. */
  setPaused(paused: boolean): void {
    this.#paused = paused;
    this.#sync();
    if (!paused && this.#subscriber) this.#setState(this.#subscriber.state);
  }

  /** Publishes key/value params on the feed's topic. */
  publish(params: Record<string, string>): Promise<unknown> {
    if (!this.#subscriber) return Promise.reject(this.configError ?? new PubSubError('config', 'the feed is not configured'));
    return this.#subscriber.publish(this.#subscriber.queue, params);
  }

  /** Empties the table. */
  clear(): void {
    this.rows = [];
    this.#pending = [];
    this.#host.requestUpdate();
  }

  /** Starts the subscription when the element is attached. */
  hostConnected(): void {
    this.#connected = true;
    if (this.#config && !this.#subscriber && !this.configError) this.#build(this.#config);
    this.#sync();
  }

  /** Ends the subscription and the pending frame when the element is detached. */
  hostDisconnected(): void {
    this.#connected = false;
    // Released entirely (session timers too); reattaching builds a fresh subscriber.
    this.#teardown();
    this.#cancelFlush();
  }

  #build(config: PubSubFeedConfig): void {
    this.configError = undefined;
    if (config.providerProblem) {
      this.configError = new PubSubError('config', config.providerProblem);
    } else if (!config.sessionProvider) {
      this.configError = new PubSubError('config', 'no session provider: set session-provider="app.getPubSubSession" (a global function) or the sessionProvider property');
    } else {
      try {
        this.#subscriber = new PubSubSubscriber({ ...config, queue: config.topic, sessionProvider: config.sessionProvider });
      } catch (error) {
        this.configError = error instanceof PubSubError ? error : new PubSubError('config', String(error));
      }
    }
    if (this.configError) {
      this.#callbacks.onError(this.configError, false);
      this.#setState('error');
      return;
    }
    const subscriber = this.#subscriber!;
    subscriber.on('event', ({ detail }) => this.#receive(detail));
    // While paused the subscriber is stopped on purpose: its 'idle' must not hide 'paused'.
    subscriber.on('state', ({ detail }) => {
      if (!this.#paused) this.#setState(detail.state);
    });
    subscriber.on('error', ({ detail }) => this.#callbacks.onError(detail.error, detail.willRetry));
  }

  #teardown(): void {
    this.#subscriber?.dispose();
    this.#subscriber = undefined;
    this.configError = undefined;
  }

  #sync(): void {
    const subscriber = this.#subscriber;
    if (!subscriber) return;
    if (this.#connected && !this.#paused) {
      subscriber.start();
      return;
    }
    subscriber.stop();
    if (this.#paused) this.#setState('paused');
  }

  #receive(event: PubSubEvent): void {
    this.#callbacks.onEvent(event);
    this.#pending.push(event);
    if (this.#frame !== undefined) return;
    // Hidden tabs get no animation frames; the timer keeps rows (and max-events) current there.
    this.#frame = requestAnimationFrame(() => this.#flush());
    this.#fallback = setTimeout(() => this.#flush(), FLUSH_FALLBACK_MS);
  }

  #cancelFlush(): void {
    if (this.#frame !== undefined) cancelAnimationFrame(this.#frame);
    clearTimeout(this.#fallback);
    this.#frame = undefined;
    this.#fallback = undefined;
  }

  #flush(): void {
    this.#cancelFlush();
    const added = this.#pending.reverse();
    this.#pending = [];
    this.rows = [...added, ...this.rows].slice(0, Math.max(1, this.maxEvents));
    this.#callbacks.onRows(added);
    this.#host.requestUpdate();
  }

  #setState(state: FeedState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#callbacks.onState(state);
    this.#host.requestUpdate();
  }
}
