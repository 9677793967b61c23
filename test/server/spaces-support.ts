/** Helpers shared by the Spaces emulation tests: tokens, REST calls and socket.io-client@2 sockets. */
import io from 'socket.io-client';
import { startBackend, type Backend } from '../../demo/server/backend.js';

/** A socket.io-client@2 socket. */
export type ClientSocket = SocketIOClient.Socket;

/** Starts a quiet backend (no unsolicited traffic, no reaction delay). */
export function startQuietBackend(dataDir?: string): Promise<Backend> {
  return startBackend({ port: 0, host: '127.0.0.1', demoBots: false, reactionDelayMs: 0, ...(dataDir ? { dataDir } : {}) });
}

/** Mints a spaces token for a demo user through `/demo/token`. */
export async function tokenFor(backend: Backend, user: string, ttl?: number): Promise<string> {
  const res = await fetch(`${backend.url}/demo/token?service=spaces&user=${user}${ttl === undefined ? '' : `&ttl=${ttl}`}`);
  if (!res.ok) throw new Error(`token for ${user}: ${res.status}`);
  return res.text();
}

/** Calls the REST API with `Authorization: jwt <token>`. */
export function api(backend: Backend, token: string | undefined, path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token !== undefined) headers.set('authorization', `jwt ${token}`);
  if (init.json !== undefined) headers.set('content-type', 'application/json');
  const { json, ...rest } = init;
  return fetch(`${backend.url}/api${path}`, { ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
}

/** Opens a `/chat` socket the way the vendor's tutorial does (websocket only, token in the query). */
export function openSocket(backend: Backend, token: string | undefined, tokenType = 'jwt', extra: SocketIOClient.ConnectOpts = {}): ClientSocket {
  const query = token === undefined ? `tokenType=${tokenType}` : `token=${encodeURIComponent(token)}&tokenType=${tokenType}`;
  return io(`${backend.url}/chat`, { query, transports: ['websocket'], forceNew: true, reconnection: false, ...extra });
}

/** Resolves on `connect`, rejects with the server's message on `error`. */
export function connected(socket: ClientSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', (error: unknown) => reject(new Error(String(error))));
  });
}

/** The next `event` whose payload passes `accept`; fails after `timeoutMs`. Create it before triggering the event. */
export function next<T = Record<string, unknown>>(socket: ClientSocket, event: string, accept: (payload: T) => boolean = () => true, timeoutMs = 3000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: T) => {
      if (!accept(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

/** Every payload of `event` received from now on. */
export function collect<T = Record<string, unknown>>(socket: ClientSocket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}

/** Connects `user` and subscribes to the given spaces. */
export async function joinAs(backend: Backend, user: string, spaces: string[], password?: string): Promise<ClientSocket> {
  const socket = openSocket(backend, await tokenFor(backend, user));
  await connected(socket);
  for (const spaceId of spaces) await subscribe(socket, spaceId, password);
  return socket;
}

/** Subscribes and waits for `CHANNEL_SUBSCRIBED`. */
export async function subscribe(socket: ClientSocket, spaceId: string, password?: string): Promise<Record<string, unknown>> {
  const done = next(socket, 'CHANNEL_SUBSCRIBED', (p: { channel: { _id: string } }) => p.channel._id === spaceId);
  socket.emit('SUBSCRIBE_CHANNEL', { channel: { _id: spaceId, type: 'topic', ...(password ? { password } : {}) } });
  return done;
}
