// Test doubles for unit tests of the Spaces connection and rooms on a ManualClock: a socket the
// test drives frame by frame, and a small in-memory REST API answering the calls a room makes.
// (Behaviour against the real wire protocol is covered by the tests that use the embedded backend.)
import { ManualClock } from '../../src/core/clock.js';
import { TokenLifecycle } from '../../src/core/token-lifecycle.js';
import { SpacesConnection } from '../../src/spaces/connection.js';
import type { SocketFactory, SpacesSocket } from '../../src/spaces/socket-types.js';

type Listener = (payload: never) => void;

/** A socket whose server side is the test: `open()`, `drop()` and `deliver()` play the server. */
export class FakeSocket implements SpacesSocket {
  /** True between `open()` and a drop or `disconnect()`. */
  connected = false;
  /** Namespace query. */
  query?: string;
  /** Manager options (the handshake query of the next connection). */
  readonly io: { opts: { query?: string } };
  /** Every frame the client emitted, in order. */
  readonly emitted: { event: string; payload: unknown; query: string | undefined }[] = [];
  /** Calls of `connect()` and `disconnect()` by the client. */
  readonly calls: string[] = [];
  readonly #listeners = new Map<string, Set<Listener>>();

  constructor(options: { query: string }) {
    this.query = options.query;
    this.io = { opts: { query: options.query } };
  }

  on(event: string, listener: Listener): this {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener);
    return this;
  }

  off(event?: string, listener?: Listener): this {
    if (event === undefined) this.#listeners.clear();
    else if (listener === undefined) this.#listeners.delete(event);
    else this.#listeners.get(event)?.delete(listener);
    return this;
  }

  emit(event: string, payload?: unknown): this {
    // Like socket.io, a frame emitted while disconnected never reaches the server.
    if (this.connected) this.emitted.push({ event, payload, query: this.io.opts.query });
    return this;
  }

  connect(): this {
    this.calls.push('connect');
    return this;
  }

  disconnect(): this {
    this.calls.push('disconnect');
    if (this.connected) {
      this.connected = false;
      this.fire('disconnect', 'io client disconnect');
    }
    return this;
  }

  /** The server accepted the (re)connection. */
  open(): void {
    this.connected = true;
    this.fire('connect');
  }

  /** The connection died. */
  drop(): void {
    this.connected = false;
    this.fire('disconnect', 'transport close');
  }

  /** The server sends `event`. */
  fire(event: string, payload?: unknown): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) listener(payload as never);
  }

  /** Payloads of the frames emitted as `event`. */
  frames<T = Record<string, unknown>>(event: string): T[] {
    return this.emitted.filter((e) => e.event === event).map((e) => e.payload as T);
  }
}

/** A message as the server stores it. */
export interface ServerMessage {
  _id: string;
  topicId: string;
  category: 'chat' | 'idea' | 'task';
  created: string;
  sender: { _id: string; type: string; username: string; displayname: string; picture_url: string };
  content: Record<string, unknown> & { bodyText: string };
  modified?: string;
}

/** People of the fake server. */
export const PEOPLE = {
  alice: { _id: 'u-alice', type: 'user', username: 'alice', displayname: 'Alice', picture_url: '' },
  bob: { _id: 'u-bob', type: 'user', username: 'bob', displayname: 'Bob', picture_url: '' },
};

/**
 * The REST API of one space, in memory, on the test's clock (optionally skewed: the server's
 * clock runs `skewMs` ahead of the page's). Records every request.
 */
export class FakeRest {
  /** Stored messages, oldest first. */
  readonly messages: ServerMessage[] = [];
  /** `METHOD path?query` of every request. */
  readonly requests: string[] = [];
  /** Members of the space. */
  members = [PEOPLE.alice, PEOPLE.bob];
  /** When set, every request fails with this status. */
  failWith: number | undefined;
  #ids = 0;
  #latest = 0;

  constructor(
    readonly clock: ManualClock,
    readonly spaceId = 'sp',
    readonly skewMs = 0,
  ) {}

  /** The server's time. */
  now(): number {
    return this.clock.now() + this.skewMs;
  }

  /** Stores a message by `sender` at the server's current time (+ `offsetMs`). */
  store(sender: ServerMessage['sender'], bodyText: string, extra: Partial<ServerMessage> = {}, offsetMs = 0): ServerMessage {
    this.#ids += 1;
    // Like the real service, no two messages share a millisecond (pages are cut at `created`).
    this.#latest = Math.max(this.now() + offsetMs, this.#latest + 1);
    const message: ServerMessage = { _id: `m${this.#ids}`, topicId: this.spaceId, category: 'chat', created: new Date(this.#latest).toISOString(), sender, content: { bodyText }, ...extra };
    this.messages.push(message);
    this.messages.sort((a, b) => Date.parse(a.created) - Date.parse(b.created));
    return message;
  }

  /** Bodies of the stored messages, oldest first. */
  get bodies(): string[] {
    return this.messages.map((m) => m.content.bodyText);
  }

  /** The `fetch` the connection uses. */
  readonly fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input));
    const method = init.method ?? 'GET';
    const path = url.pathname.replace(/^\/api/, '');
    this.requests.push(`${method} ${path}${url.search}`);
    if (this.failWith !== undefined) return json(this.failWith, { title: 'failing on purpose' });
    if (method === 'GET' && path === '/users/me') return json(200, PEOPLE.alice);
    if (method === 'GET' && path === `/spaces/${this.spaceId}`) return json(200, { _id: this.spaceId, title: 'Fake space' });
    if (method === 'GET' && path === `/spaces/${this.spaceId}/members`) return json(200, { data: this.members, total: this.members.length });
    if (method === 'GET' && path === `/spaces/${this.spaceId}/messages/query`) {
      const refTime = Number(url.searchParams.get('refTime') ?? Number.MAX_SAFE_INTEGER);
      const size = Number(url.searchParams.get('size') ?? 30);
      const older = this.messages.filter((m) => Date.parse(m.created) < refTime);
      return json(200, { data: older.slice(-size).reverse(), total: this.messages.length, nextPageUrl: older.length > size ? 'more' : 'end' });
    }
    if (method === 'GET' && path === '/users/me/messages') {
      const after = Number(url.searchParams.get('after'));
      return json(200, { data: this.messages.filter((m) => Date.parse(m.created) > after), nextPageUrl: 'end' });
    }
    const post = /^\/spaces\/[^/]+\/(chats|ideas|tasks)$/.exec(path);
    if (method === 'POST' && post) {
      const body = JSON.parse(String(init.body)) as { content: ServerMessage['content'] };
      const category = post[1] === 'chats' ? 'chat' : post[1] === 'ideas' ? 'idea' : 'task';
      return json(200, this.store(PEOPLE.alice, body.content.bodyText, { category, content: body.content }));
    }
    const update = /^\/spaces\/[^/]+\/tasks\/([^/]+)$/.exec(path);
    if ((method === 'PATCH' || method === 'PUT') && update) {
      const task = this.messages.find((m) => m._id === update[1]);
      if (!task) return json(404, { title: 'no such task' });
      const body = JSON.parse(String(init.body)) as { content: Record<string, unknown> };
      Object.assign(task.content, body.content);
      task.modified = new Date(this.now()).toISOString();
      return json(200, task);
    }
    return json(404, { title: `no route ${method} ${path}` });
  };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** An unsigned JWT for `sub` expiring `seconds` after `clock`'s now (the fakes never check signatures). */
export function fakeJwt(clock: ManualClock, sub: string, seconds: number): string {
  const part = (value: unknown) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub, exp: Math.floor(clock.now() / 1000) + seconds })}.sig`;
}

/** A connection for Alice on fakes: every socket it makes is kept in `sockets`. */
export function fakeConnection(options: { clock?: ManualClock; skewMs?: number; tokenSeconds?: number; leadTimeMs?: number } = {}) {
  const clock = options.clock ?? new ManualClock(Date.UTC(2026, 0, 1, 9));
  const rest = new FakeRest(clock, 'sp', options.skewMs ?? 0);
  const sockets: FakeSocket[] = [];
  const tokens: string[] = [];
  const lifecycle = new TokenLifecycle({
    service: 'spaces',
    clock,
    ...(options.leadTimeMs !== undefined ? { leadTimeMs: options.leadTimeMs } : {}),
    provider: () => {
      const token = fakeJwt(clock, 'u-alice', options.tokenSeconds ?? 3600);
      tokens.push(token);
      return token;
    },
  });
  const socketFactory: SocketFactory = (_url, socketOptions) => {
    const socket = new FakeSocket(socketOptions);
    sockets.push(socket);
    return socket;
  };
  const connection = new SpacesConnection(
    { serverUrl: 'https://socket.test/chat', apiUrl: 'https://rest.test/api', tokenType: 'jwt', clock, socketFactory, fetch: rest.fetch as typeof fetch, subject: 'u-alice' },
    lifecycle,
    () => undefined,
  );
  return { clock, rest, sockets, tokens, lifecycle, connection, get socket(): FakeSocket { return sockets.at(-1)!; } };
}
