import type { Clock, Timer } from '../core/clock.js';
import type { TokenLifecycle } from '../core/token-lifecycle.js';
import { TypedEmitter } from '../core/typed-events.js';
import { SpacesRestClient } from './rest-client.js';
import { SpacesRoom, type ConnectionState, type RoomHost } from './room.js';
import { sessionStore } from './saved-sends.js';
import type { SocketFactory, SpacesSocket } from './socket-types.js';
import type { SpacesUser } from './types.js';
import { failureReason, parseChannelId, parseMessage, parsePresence, parseSendFailure, warnDropped } from './validate.js';

/** Settings shared by every room of one connection. */
export interface ConnectionOptions {
  /** Socket.IO URL with the `/chat` namespace. */
  serverUrl: string;
  /** REST base URL ending in `/api`. */
  apiUrl: string;
  /** Kind of token: sent as `tokenType` at the handshake and as the REST Authorization scheme. */
  tokenType: 'jwt' | 'oauth';
  /** Time source of every timer. */
  clock: Clock;
  /** Makes the socket. */
  socketFactory: SocketFactory;
  /** The `fetch` REST calls use. */
  fetch?: typeof fetch;
  /** The token's subject (JWT `sub`), when the token says who it belongs to. */
  subject?: string;
}

/** Events of a connection. */
export type ConnectionEvents = {
  /** The socket's state changed. */
  state: { state: ConnectionState; error?: string };
};

/** Consecutive handshake refusals (each after a fresh token) before giving up as an auth error. */
const MAX_AUTH_RETRIES = 2;

/** How long the socket stays open after its last room went, so that switching spaces reuses it. */
export const IDLE_GRACE_MS = 2000;

/**
 * One Socket.IO connection for one server URL and one user, shared by every room (and every
 * element) of that user on the page. Re-subscribes every room after each (re)connect, and moves
 * to a fresh handshake token when the token lifecycle refreshes.
 */
export class SpacesConnection extends TypedEmitter<ConnectionEvents> implements RoomHost {
  /** The time source. */
  readonly clock: Clock;
  /** REST calls with the current token. */
  readonly rest: SpacesRestClient;
  /** Socket state. */
  state: ConnectionState = 'connecting';
  /** The last socket or auth error. */
  error: string | undefined;
  /** The signed-in user, once `users/me` answered. */
  user: SpacesUser | undefined;
  /** Where rooms save unsent messages across reloads (the tab's sessionStorage), if anywhere. */
  readonly storage = sessionStore();

  readonly #options: ConnectionOptions;
  readonly #rooms = new Map<string, { room: SpacesRoom; refs: number }>();
  readonly #sources: TokenLifecycle[] = [];
  readonly #unlisten = new Map<TokenLifecycle, () => void>();
  #socket: SpacesSocket | undefined;
  #handshakeToken = '';
  #me: Promise<SpacesUser> | undefined;
  #authFailures = 0;
  #closed = false;
  /** True while the socket is replaced for a new token: a planned handover, not an outage. */
  #handover = false;
  #idleTimer: Timer | undefined;
  readonly #onEmpty: () => void;

  constructor(options: ConnectionOptions, source: TokenLifecycle, onEmpty: () => void) {
    super();
    this.#options = options;
    this.clock = options.clock;
    this.#onEmpty = onEmpty;
    this.addTokenSource(source);
    this.rest = new SpacesRestClient({
      apiUrl: options.apiUrl,
      tokenType: options.tokenType,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      tokens: { token: () => this.#primary().getToken(), rejected: () => this.#primary().refresh('rejected') },
    });
  }

  /** The socket URL. */
  get serverUrl(): string {
    return this.#options.serverUrl;
  }

  /** Who is signed in, never the token: the token's subject, else the `users/me` id once known. */
  get userId(): string | undefined {
    return this.#options.subject ?? this.user?._id;
  }

  /** True while the socket reconnects with a refreshed token (the state stays `connected`: nothing is wrong). */
  get handover(): boolean {
    return this.#handover;
  }

  /** Number of spaces held (for leak checks). */
  get roomCount(): number {
    return this.#rooms.size;
  }

  /** Starts the socket with `token`. */
  open(token: string): void {
    this.#handshakeToken = token;
    const socket = this.#options.socketFactory(this.#options.serverUrl, {
      query: this.#query(token),
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelayMax: 5000,
    });
    this.#socket = socket;
    this.#listen(socket);
  }

  /** The signed-in user (`GET /users/me`, asked once). */
  me(): Promise<SpacesUser> {
    this.#me ??= this.rest.me().then(
      (user) => {
        this.user = user;
        return user;
      },
      (error: unknown) => {
        this.#me = undefined;
        throw error;
      },
    );
    return this.#me;
  }

  /** True when the socket is connected. */
  socketReady(): boolean {
    return this.#socket?.connected === true;
  }

  /** Emits a frame. */
  emitFrame(event: string, payload: unknown): void {
    this.#socket?.emit(event, payload);
  }

  /** Another element of the same user joins: its lifecycle may supply tokens too. */
  addTokenSource(source: TokenLifecycle): void {
    if (this.#unlisten.has(source)) return;
    this.#sources.push(source);
    this.#unlisten.set(source, source.on('refreshed', ({ detail }) => {
      if (source === this.#primary()) this.#tokenRefreshed(detail.token);
    }));
  }

  /** An element leaves with its lifecycle. */
  removeTokenSource(source: TokenLifecycle): void {
    this.#unlisten.get(source)?.();
    this.#unlisten.delete(source);
    const at = this.#sources.indexOf(source);
    if (at >= 0) this.#sources.splice(at, 1);
  }

  /** The room for `spaceId`, subscribing it when it is new; pair with `releaseRoom`. */
  acquireRoom(spaceId: string, password?: string): SpacesRoom {
    this.#idleTimer?.cancel();
    this.#idleTimer = undefined;
    const held = this.#rooms.get(spaceId);
    if (held) {
      held.refs += 1;
      return held.room;
    }
    const room = new SpacesRoom(this, spaceId, password);
    this.#rooms.set(spaceId, { room, refs: 1 });
    void room.loadInfo();
    if (this.socketReady()) room.socketUp();
    return room;
  }

  /**
   * Lets go of a room; the last holder unsubscribes it. When no room is left the socket closes
   * after a short grace, so that an element switching spaces (release, then acquire) keeps it.
   */
  releaseRoom(room: SpacesRoom): void {
    const held = this.#rooms.get(room.spaceId);
    if (!held || held.room !== room) return;
    held.refs -= 1;
    if (held.refs > 0) return;
    this.#rooms.delete(room.spaceId);
    room.dispose();
    if (this.#rooms.size > 0 || this.#closed) return;
    this.#idleTimer?.cancel();
    this.#idleTimer = this.clock.setTimeout(() => {
      this.#idleTimer = undefined;
      if (this.#rooms.size === 0) this.close();
    }, IDLE_GRACE_MS);
  }

  /** Tries again after an auth error (with a new token from the provider). */
  async retry(): Promise<void> {
    this.#authFailures = 0;
    try {
      const token = await this.#primary().refresh('rejected');
      this.#reconnectWith(token);
    } catch (error) {
      this.#setState('auth-error', (error as Error).message);
    }
  }

  /** Closes the socket and every room. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#idleTimer?.cancel();
    this.#idleTimer = undefined;
    for (const { room } of this.#rooms.values()) room.dispose();
    this.#rooms.clear();
    for (const off of this.#unlisten.values()) off();
    this.#unlisten.clear();
    this.#socket?.off();
    this.#socket?.disconnect();
    this.#socket = undefined;
    this.#setState('closed');
    this.#onEmpty();
  }

  #primary(): TokenLifecycle {
    const source = this.#sources[0];
    if (!source) throw new Error('no token source');
    return source;
  }

  #query(token: string): string {
    return `token=${encodeURIComponent(token)}&tokenType=${this.#options.tokenType}`;
  }

  #tokenRefreshed(token: string): void {
    if (this.#closed || token === this.#handshakeToken) return;
    this.#reconnectWith(token, this.socketReady());
  }

  /**
   * The token is fixed at the handshake, so a new one means a new connection; rooms re-subscribe
   * on `connect`. A `planned` handover (a refresh while connected) is not an outage: the state
   * stays `connected` and no reconnecting banner shows, unless the new connection fails.
   */
  #reconnectWith(token: string, planned = false): void {
    const socket = this.#socket;
    if (!socket || this.#closed) return;
    this.#handshakeToken = token;
    const query = this.#query(token);
    socket.io.opts.query = query;
    socket.query = query;
    this.#handover = planned;
    socket.disconnect();
    socket.connect();
  }

  #listen(socket: SpacesSocket): void {
    const on = (event: string, handler: (payload: unknown) => void) =>
      socket.on(event, (payload: never) => {
        try {
          handler(payload);
        } catch (error) {
          // A handler bug must not take the socket down with it.
          console.error('[spaces-chat] failed to handle', event, error);
        }
      });
    on('connect', () => {
      this.#authFailures = 0;
      this.#handover = false;
      this.#setState('connected');
      void this.me().catch(() => undefined);
      for (const { room } of this.#rooms.values()) room.socketUp();
    });
    on('disconnect', () => {
      if (this.#closed) return;
      if (!this.#handover) this.#setState('reconnecting');
      for (const { room } of this.#rooms.values()) room.socketDown();
    });
    on('connect_error', (error) => {
      // A handover that fails is an outage after all.
      this.#handover = false;
      if (this.state !== 'auth-error') this.#setState(this.state === 'connecting' ? 'connecting' : 'reconnecting', errorText(error));
    });
    on('error', (error) => void this.#socketError(errorText(error)));
    on('CHANNEL_SUBSCRIBED', (payload) => {
      const id = parseChannelId(payload, 'CHANNEL_SUBSCRIBED');
      if (id) void this.#rooms.get(id)?.room.subscribed();
    });
    on('SUBSCRIBE_CHANNEL_FAILED', (payload) => {
      const id = parseChannelId(payload, 'SUBSCRIBE_CHANNEL_FAILED');
      if (id) this.#rooms.get(id)?.room.subscribeFailed(failureReason(payload).reason);
    });
    on('MESSAGE_SENT', (payload) => {
      const message = parseMessage(payload, 'MESSAGE_SENT');
      if (message) this.#rooms.get(message.topicId)?.room.receive(message);
    });
    on('PRESENCE_EVENT_RESPONSE', (payload) => {
      const event = parsePresence(payload);
      if (event) this.#rooms.get(event.topicId)?.room.presence(event);
    });
    on('SEND_MESSAGE_FAILED', (payload) => {
      const failure = parseSendFailure(payload);
      const room = failure.topicId ? this.#rooms.get(failure.topicId)?.room : undefined;
      if (room) room.sendFailed(failure.loopbackMetadata, failure.reason, failure.type);
      else warnDropped('SEND_MESSAGE_FAILED', `not for a space of this page: ${failure.reason}`);
    });
  }

  /** A refused handshake: get a fresh token and try again, a couple of times, then report. */
  async #socketError(text: string): Promise<void> {
    if (this.#closed) return;
    this.#handover = false;
    if (!/auth|token|expired|jwt/i.test(text)) {
      this.error = text;
      return;
    }
    this.#authFailures += 1;
    if (this.#authFailures > MAX_AUTH_RETRIES) {
      this.#setState('auth-error', text);
      return;
    }
    this.#setState('reconnecting', text);
    try {
      const token = await this.#primary().refresh('rejected');
      this.#reconnectWith(token);
    } catch (error) {
      this.#setState('auth-error', (error as Error).message);
    }
  }

  #setState(state: ConnectionState, error?: string): void {
    const changed = state !== this.state || error !== this.error;
    this.state = state;
    this.error = error;
    if (!changed) return;
    for (const { room } of this.#rooms.values()) room.connectionChanged();
    this.emit('state', { state, ...(error ? { error } : {}) });
  }
}

function errorText(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error instanceof Error) return error.message;
  return 'connection error';
}
