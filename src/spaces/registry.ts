import { jwtDecode } from 'jwt-decode';
import { systemClock, type Clock } from '../core/clock.js';
import { jwtOf } from '../core/token-expiry.js';
import type { TokenLifecycle } from '../core/token-lifecycle.js';
import { SpacesConnection } from './connection.js';
import type { SpacesRoom } from './room.js';
import type { SocketFactory } from './socket-types.js';
import { socketIoV2 } from './socket-io-v2.js';

/** What an element needs to open a room. */
export interface OpenRoomOptions {
  /** Socket URL with the `/chat` namespace. */
  serverUrl: string;
  /** REST base URL ending in `/api`. */
  apiUrl: string;
  /** Kind of token the provider gives. */
  tokenType: 'jwt' | 'oauth';
  /** The space to open. */
  spaceId: string;
  /** The space PIN, for locked spaces. */
  password?: string;
  /** The element's token lifecycle; the connection may use it to refresh. */
  lifecycle: TokenLifecycle;
  /** Time source of the connection and room (the page's clock by default); a clock of its own gets a socket of its own. */
  clock?: Clock;
  /** Makes the socket; the compact Socket.IO 2 client by default, or socket.io-client@2's `io`. */
  socketFactory?: SocketFactory;
  /** The `fetch` REST calls use (the page's by default). */
  fetch?: typeof fetch;
}

/** A room held by one element: `release()` exactly once when done. */
export interface RoomLease {
  /** The room, shared with every other element of the same user showing the same space. */
  room: SpacesRoom;
  /** The socket connection it lives on. */
  connection: SpacesConnection;
  /** Lets go of the room (and of the socket, when it was the last). */
  release(): void;
}

const connections = new Map<string, SpacesConnection>();

/** Numbers for objects that are part of a connection's key (a clock or socket factory of its own gets a socket of its own). */
const identities = new WeakMap<object, number>();
let lastIdentity = 0;

function identity(value: object | undefined): number {
  if (value === undefined) return 0;
  let id = identities.get(value);
  if (id === undefined) identities.set(value, (id = ++lastIdentity));
  return id;
}

/** Number of open sockets on the page (leak checks). */
export function openConnectionCount(): number {
  return connections.size;
}

/**
 * Opens `spaceId` on the page's shared connection for this server and user (creating it if
 * needed). The user is told apart by the token's subject, so two elements signed in as the same
 * person share one socket while two people get two.
 */
export async function openRoom(options: OpenRoomOptions): Promise<RoomLease> {
  const token = await options.lifecycle.getToken();
  const subject = subjectOf(token);
  const key = `${options.serverUrl}\n${options.apiUrl}\n${options.tokenType}\n${identity(options.clock)}\n${identity(options.socketFactory)}\n${subject ?? token}`;
  let connection = connections.get(key);
  if (connection) {
    connection.addTokenSource(options.lifecycle);
  } else {
    const created = new SpacesConnection(
      {
        serverUrl: options.serverUrl,
        apiUrl: options.apiUrl,
        tokenType: options.tokenType,
        clock: options.clock ?? systemClock,
        socketFactory: options.socketFactory ?? socketIoV2,
        ...(subject ? { subject } : {}),
        ...(options.fetch ? { fetch: options.fetch } : {}),
      },
      options.lifecycle,
      () => {
        if (connections.get(key) === created) connections.delete(key);
      },
    );
    connections.set(key, created);
    created.open(token);
    connection = created;
  }
  const held = connection;
  const room = held.acquireRoom(options.spaceId, options.password);
  let released = false;
  return {
    room,
    connection: held,
    release() {
      if (released) return;
      released = true;
      held.removeTokenSource(options.lifecycle);
      held.releaseRoom(room);
    },
  };
}

/** Who a JWT belongs to (its subject); undefined for opaque tokens, which are then told apart by the token itself, kept only in memory. */
function subjectOf(token: string): string | undefined {
  const jwt = jwtOf(token);
  if (!jwt) return undefined;
  try {
    const claims = jwtDecode<Record<string, unknown>>(jwt);
    const id = claims.sub ?? claims.anonymous_id ?? claims.user_id ?? claims._id;
    return typeof id === 'string' && id !== '' ? id : undefined;
  } catch {
    return undefined;
  }
}
