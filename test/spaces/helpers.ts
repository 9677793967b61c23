// Shared set-up of the Spaces client tests: URLs of the embedded backend and token lifecycles.
import io from 'socket.io-client';
import { settle } from '../../src/core/clock.js';
import { TokenLifecycle } from '../../src/core/token-lifecycle.js';
import { openRoom, type RoomLease } from '../../src/spaces/registry.js';
import type { SpacesRoom } from '../../src/spaces/room.js';
import { socketIoV2 } from '../../src/spaces/socket-io-v2.js';
import type { SocketFactory, SpacesSocket } from '../../src/spaces/socket-types.js';
import type { SpacesMessage } from '../../src/spaces/types.js';
import { backendUrl, fetchToken, until } from '../support/backend.js';

/** The socket clients every client test runs with: the built-in Socket.IO 2 client and socket.io-client@2 itself. */
export const transports: [string, SocketFactory | undefined][] = [
  ['built-in Socket.IO 2 client', undefined],
  ['socket.io-client@2', io as unknown as SocketFactory],
];

/** Socket and REST URLs of the embedded backend. */
export async function spacesUrls(): Promise<{ serverUrl: string; apiUrl: string }> {
  const base = await backendUrl();
  return { serverUrl: `${base}/chat`, apiUrl: `${base}/api` };
}

/** A lifecycle whose provider mints tokens for `user` from the backend, counting calls. */
export function lifecycleFor(user: string, ttlSeconds = 3600, leadTimeMs?: number): TokenLifecycle & { calls: number } {
  const lifecycle = new TokenLifecycle({
    service: 'spaces',
    provider: () => {
      counted.calls += 1;
      return fetchToken('spaces', user, ttlSeconds);
    },
    ...(leadTimeMs !== undefined ? { leadTimeMs } : {}),
  });
  const counted = Object.assign(lifecycle, { calls: 0 });
  return counted;
}

/** Opens a room as `user` on the backend. */
export async function open(user: string, spaceId: string, password?: string, socketFactory?: SocketFactory): Promise<RoomLease & { lifecycle: TokenLifecycle; close(): void }> {
  const lifecycle = lifecycleFor(user);
  const lease = await openRoom({ ...(await spacesUrls()), tokenType: 'jwt', spaceId, lifecycle, ...(password ? { password } : {}), ...(socketFactory ? { socketFactory } : {}) });
  return Object.assign(lease, {
    lifecycle,
    close() {
      lease.release();
      lifecycle.dispose();
    },
  });
}

/** A body text no other test (or browser running in parallel) uses. */
export function unique(label: string): string {
  return `${label} ${Math.random().toString(36).slice(2, 10)}`;
}

/** Messages of a room whose body is `text`. */
export function withBody(messages: readonly SpacesMessage[], text: string): SpacesMessage[] {
  return messages.filter((m) => m.content.bodyText === text);
}

/** A frame on a tapped socket. */
export interface TappedFrame {
  event: string;
  payload: unknown;
}

/** Server events a tap records. */
const TAPPED_EVENTS = ['connect', 'CHANNEL_SUBSCRIBED', 'CHANNEL_UNSUBSCRIBED', 'MESSAGE_SENT', 'SEND_MESSAGE_FAILED'];

/** Events socket.io-client@2 emits on its socket itself (through the socket's own `emit`): not frames. */
const RESERVED = new Set(['connect', 'connect_error', 'connect_timeout', 'connecting', 'disconnect', 'error', 'reconnect', 'reconnect_attempt', 'reconnect_failed', 'reconnect_error', 'reconnecting', 'ping', 'pong']);

/**
 * A socket factory (the built-in client, or `inner`) whose sockets record every frame the client
 * puts on the wire (`sent`: emits while connected; emits while disconnected never leave) and the
 * server events of TAPPED_EVENTS they get (`received`). While `lose` is set, frames it picks are
 * lost on the way, as on a link that dies: an emit never reaches the server (it is still in
 * `sent`), a server event never reaches the client's listeners (it is still in `received`).
 * A factory of its own also gets a connection of its own from the registry.
 */
export function tappedSockets(inner: SocketFactory = socketIoV2) {
  const sockets: SpacesSocket[] = [];
  const sent: TappedFrame[] = [];
  const received: TappedFrame[] = [];
  const state: { lose?: ((frame: TappedFrame) => boolean) | undefined } = {};
  const factory: SocketFactory = (url, options) => {
    const socket = inner(url, options);
    const emit = socket.emit.bind(socket);
    const on = socket.on.bind(socket);
    socket.emit = (event: string, payload?: unknown) => {
      if (!socket.connected || RESERVED.has(event)) return emit(event, payload);
      sent.push({ event, payload });
      return state.lose?.({ event, payload }) ? socket : emit(event, payload);
    };
    for (const event of TAPPED_EVENTS) on(event, (payload?: unknown) => received.push({ event, payload }));
    socket.on = (event: string, listener: (...args: never[]) => void) =>
      on(event, (payload?: unknown) => {
        if (!state.lose?.({ event, payload })) listener(payload as never);
      });
    sockets.push(socket);
    return socket;
  };
  const about = (frames: TappedFrame[], event: string, test: (payload: Record<string, unknown>) => boolean) =>
    frames.filter((f) => f.event === event && typeof f.payload === 'object' && f.payload !== null && test(f.payload as Record<string, unknown>));
  const channelIs = (spaceId: string) => (p: Record<string, unknown>) => (p.channel as { _id?: unknown } | undefined)?._id === spaceId;
  return {
    factory,
    sockets,
    /** Frames to lose from now on (undefined: none). */
    set lose(predicate: ((frame: TappedFrame) => boolean) | undefined) {
      state.lose = predicate;
    },
    sent,
    received,
    /** Frames the client sent as `event` about `spaceId` (a channel frame's `channel._id`). */
    sentFor: (event: string, spaceId: string) => about(sent, event, channelIs(spaceId)),
    /** Server events `event` about `spaceId`. */
    receivedFor: (event: string, spaceId: string) => about(received, event, channelIs(spaceId)),
    /** `SEND_MESSAGE` frames carrying `clientId` as their loopbackMetadata. */
    sendsOf: (clientId: string) => about(sent, 'SEND_MESSAGE', (p) => p.loopbackMetadata === clientId),
    /** `SEND_MESSAGE_FAILED` events naming `clientId`. */
    refusalsOf: (clientId: string) => about(received, 'SEND_MESSAGE_FAILED', (p) => p.loopbackMetadata === clientId),
    /** How many times a socket (re)connected. */
    get connects(): number {
      return received.filter((f) => f.event === 'connect').length;
    },
  };
}

/**
 * How many messages of `spaceId` the server stores with body `text`, stamped after `since` (ms),
 * read straight from its REST API as `user` (not through the client under test).
 */
export async function serverCopies(user: string, spaceId: string, text: string, since: number): Promise<number> {
  const { apiUrl } = await spacesUrls();
  const headers = { Authorization: `jwt ${await fetchToken('spaces', user)}` };
  let copies = 0;
  let url: string | undefined = `${apiUrl}/spaces/${spaceId}/messages/query?${new URLSearchParams({ refTime: String(since), direction: 'after', size: '50' })}`;
  for (let pages = 0; url !== undefined && pages < 100; pages += 1) {
    const res = await fetch(url, { headers });
    if (!res.ok) throw new Error(`history query failed: ${res.status}`);
    const page = (await res.json()) as { data: SpacesMessage[]; nextPageUrl?: string };
    copies += page.data.filter((m) => m.content.bodyText === text).length;
    url = page.nextPageUrl && page.nextPageUrl !== 'end' ? new URL(page.nextPageUrl, `${apiUrl}/`).href : undefined;
  }
  return copies;
}

/** What a room reported while a test ran: confirmed sends by client id, and errors. */
export function reports(room: SpacesRoom) {
  const sent: string[] = [];
  const errors: string[] = [];
  const offs = [room.on('sent', ({ detail }) => sent.push(detail.clientId)), room.on('error', ({ detail }) => errors.push(`${detail.code}: ${detail.message}`))];
  return { sent, errors, stop: () => offs.forEach((off) => off()) };
}

/** The room has its history and has caught up, so a send now goes over the socket. */
export async function ready(room: SpacesRoom): Promise<void> {
  await until(() => room.subscription === 'subscribed' && room.historyLoaded, 'subscribed with history');
  await settle();
}
