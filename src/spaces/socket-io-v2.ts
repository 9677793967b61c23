import { systemClock, type Clock, type Timer } from '../core/clock.js';
import { FrameInbox } from './frame-inbox.js';
import type { SocketFactory, SpacesSocket } from './socket-types.js';
import { MAX_FRAME_CHARS, warnDropped } from './validate.js';

/** Options of the compact client (the subset of socket.io-client@2's the widget uses). */
export interface SocketIoV2Options {
  /** Handshake and namespace query (`token=…&tokenType=…`). */
  query: string;
  /** First reconnection delay, ms (socket.io-client's default 1000). */
  reconnectionDelay?: number;
  /** Largest reconnection delay, ms (default 5000). */
  reconnectionDelayMax?: number;
  /** Time source of pings and reconnection delays. */
  clock?: Clock;
}

type Listener = (payload: never) => void;

/**
 * A compact Socket.IO 2 client (Engine.IO protocol 3, websocket transport only, JSON events, one
 * namespace) with the same events and reconnection behaviour as socket.io-client@2 for what the
 * Spaces widget does. The vendor asks for clients "compatible with Socket.IO 2.0.4" over websocket
 * only; this speaks that wire format in ~4 KB instead of the ~12 KB gzip of socket.io-client, which
 * stays pluggable through `socketFactory`.
 *
 * Frames: engine `0{open}` `2` ping `3` pong `4` message; socket.io inside a message:
 * `0/nsp?query,` connect, `1/nsp,` disconnect, `2/nsp,[event, payload]` event, `4/nsp,"reason"` error.
 */
export class SocketIoV2 implements SpacesSocket {
  /** True between the namespace connect and the next disconnect. */
  connected = false;
  /** Namespace connect query. */
  query: string;
  /** Handshake options; `opts.query` is read at each (re)connection like socket.io-client's manager. */
  readonly io: { opts: { query: string } };

  readonly #engineUrl: string;
  readonly #nsp: string;
  readonly #clock: Clock;
  readonly #delay: number;
  readonly #delayMax: number;
  readonly #listeners = new Map<string, Set<Listener>>();
  #ws: WebSocket | undefined;
  /** The current WebSocket's frames, batched in bursts. */
  #inbox: FrameInbox | undefined;
  #wanted = false;
  #attempts = 0;
  #reconnectTimer: Timer | undefined;
  #pingTimer: Timer | undefined;
  #lastFrameAt = 0;
  #ping = { interval: 25_000, timeout: 5_000 };

  constructor(url: string, options: SocketIoV2Options) {
    const parsed = new URL(url);
    this.#nsp = parsed.pathname === '' || parsed.pathname === '/' ? '/' : parsed.pathname.replace(/\/+$/, '');
    this.#engineUrl = `${parsed.protocol === 'https:' ? 'wss:' : 'ws:'}//${parsed.host}/socket.io/?EIO=3&transport=websocket`;
    this.query = options.query;
    this.io = { opts: { query: options.query } };
    this.#clock = options.clock ?? systemClock;
    this.#delay = options.reconnectionDelay ?? 1000;
    this.#delayMax = options.reconnectionDelayMax ?? 5000;
    this.connect();
  }

  /** Adds a listener. */
  on(event: string, listener: Listener): this {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener);
    return this;
  }

  /** Removes one listener, every listener of `event`, or every listener. */
  off(event?: string, listener?: Listener): this {
    if (event === undefined) this.#listeners.clear();
    else if (listener === undefined) this.#listeners.delete(event);
    else this.#listeners.get(event)?.delete(listener);
    return this;
  }

  /** Sends an event with one JSON payload (dropped while disconnected, as the widget never relies on buffering). */
  emit(event: string, payload?: unknown): this {
    if (this.connected) this.#send(`42${this.#prefix()}${JSON.stringify(payload === undefined ? [event] : [event, payload])}`);
    return this;
  }

  /** Opens the connection (again), with the current `io.opts.query`. */
  connect(): this {
    this.#wanted = true;
    if (!this.#ws) this.#open();
    return this;
  }

  /** Closes for good (until `connect()`), telling the server first. */
  disconnect(): this {
    // Frames that came before are still news (a token handover disconnects on purpose).
    this.#inbox?.drain();
    this.#wanted = false;
    this.#reconnectTimer?.cancel();
    this.#reconnectTimer = undefined;
    if (this.connected) this.#send(`41${this.#prefix()}`);
    this.#teardown('io client disconnect');
    return this;
  }

  #prefix(): string {
    return this.#nsp === '/' ? '' : `${this.#nsp},`;
  }

  #open(): void {
    const query = this.io.opts.query;
    let ws: WebSocket;
    try {
      ws = new WebSocket(`${this.#engineUrl}&${query}`);
    } catch (error) {
      this.#fire('connect_error', error as never);
      this.#scheduleReconnect();
      return;
    }
    this.#ws = ws;
    const inbox = new FrameInbox((frame) => this.#onFrame(frame));
    this.#inbox = inbox;
    ws.onmessage = (event) => {
      if (typeof event.data !== 'string') return;
      this.#lastFrameAt = this.#clock.now();
      inbox.push(event.data);
    };
    ws.onclose = () => {
      // What arrived before the close is handled first, as it would have been without batching.
      inbox.drain();
      if (this.#ws !== ws) return;
      const wasConnected = this.connected;
      this.#teardown('transport close');
      if (!wasConnected) this.#fire('connect_error', new Error('websocket error') as never);
      this.#scheduleReconnect();
    };
  }

  #onFrame(frame: string): void {
    if (frame.length > MAX_FRAME_CHARS) {
      warnDropped('socket frame', `larger than ${MAX_FRAME_CHARS} characters`);
      return;
    }
    const type = frame[0];
    if (type === '0') {
      const open = parseJson(frame.slice(1)) as { pingInterval?: unknown; pingTimeout?: unknown } | undefined;
      if (typeof open?.pingInterval === 'number') this.#ping.interval = open.pingInterval;
      if (typeof open?.pingTimeout === 'number') this.#ping.timeout = open.pingTimeout;
      this.#schedulePing();
      // The namespace join carries the query too (socket.io-client@2 appends it to the namespace).
      if (this.#nsp !== '/') this.#send(`40${this.#nsp}?${this.query},`);
      return;
    }
    if (type !== '4') return;
    const packet = frame[1];
    let body = frame.slice(2);
    if (this.#nsp !== '/') {
      if (!body.startsWith(this.#nsp)) return;
      body = body.slice(this.#nsp.length);
      if (body.startsWith(',')) body = body.slice(1);
    }
    if (packet === '0') {
      this.connected = true;
      this.#attempts = 0;
      this.#fire('connect', undefined as never);
    } else if (packet === '2') {
      const start = body.search(/\[/);
      const args = start === -1 ? undefined : parseJson(body.slice(start));
      if (!Array.isArray(args) || typeof args[0] !== 'string') {
        warnDropped('socket frame', 'not a JSON event array');
        return;
      }
      this.#fire(args[0], args[1] as never);
    } else if (packet === '4') {
      const reason = parseJson(body);
      this.#fire('error', (typeof reason === 'string' ? reason : JSON.stringify(reason)) as never);
    } else if (packet === '1') {
      this.#teardown('io server disconnect');
      this.#scheduleReconnect();
    }
  }

  #send(frame: string): void {
    if (this.#ws?.readyState === WebSocket.OPEN) this.#ws.send(frame);
  }

  /**
   * Engine.IO 3: the client pings every interval, the server pongs; no frame at all for interval +
   * timeout means the link is dead. (Checked at ping time rather than re-arming a timer per frame.)
   */
  #schedulePing(): void {
    this.#pingTimer?.cancel();
    this.#pingTimer = this.#clock.setTimeout(() => {
      if (this.#clock.now() - this.#lastFrameAt > this.#ping.interval + this.#ping.timeout) {
        this.#teardown('ping timeout');
        this.#scheduleReconnect();
        return;
      }
      this.#send('2');
      this.#schedulePing();
    }, this.#ping.interval);
  }

  #teardown(reason: string): void {
    this.#pingTimer?.cancel();
    this.#pingTimer = undefined;
    const ws = this.#ws;
    this.#ws = undefined;
    this.#inbox?.close();
    this.#inbox = undefined;
    if (ws) {
      ws.onmessage = ws.onclose = null;
      if (ws.readyState <= WebSocket.OPEN) ws.close();
    }
    if (this.connected) {
      this.connected = false;
      this.#fire('disconnect', reason as never);
    }
  }

  /** socket.io-client@2's schedule: delay × 2^attempts, ± 50 % jitter, capped. */
  #scheduleReconnect(): void {
    if (!this.#wanted || this.#reconnectTimer) return;
    const base = Math.min(this.#delay * 2 ** this.#attempts, this.#delayMax);
    const delay = Math.min(base * (0.5 + Math.random()), this.#delayMax);
    this.#attempts += 1;
    this.#reconnectTimer = this.#clock.setTimeout(() => {
      this.#reconnectTimer = undefined;
      if (this.#wanted && !this.#ws) this.#open();
    }, delay);
  }

  #fire(event: string, payload: never): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) listener(payload);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The default socket factory of the widget. */
export const socketIoV2: SocketFactory = (url, options) => new SocketIoV2(url, { query: options.query, ...(options.reconnectionDelayMax ? { reconnectionDelayMax: options.reconnectionDelayMax } : {}) });
