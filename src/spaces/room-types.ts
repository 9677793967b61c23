import type { Clock } from '../core/clock.js';
import type { OutboxState } from '../core/outbox.js';
import type { SpacesRestClient } from './rest-client.js';
import type { SendStorage } from './saved-sends.js';
import type { MessageCategory, OutgoingContent, SpacesMessage, SpacesUser } from './types.js';

/** State of the shared socket, as every room of it sees it. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'auth-error' | 'closed';

/** Whether this room's space is subscribed on the socket. */
export type SubscriptionState = 'idle' | 'subscribing' | 'subscribed' | 'failed';

/** A message the user sent that the server has not confirmed yet. */
export interface PendingMessage {
  /** The outbox's id for it, sent as `loopbackMetadata`. */
  clientId: string;
  /** Chat, post or task. */
  category: MessageCategory;
  /** What the user sent. */
  content: OutgoingContent;
  /** Queued, on its way, awaiting its echo, or failed. */
  state: OutboxState;
  /** Page time the user sent it, ms epoch. */
  createdAt: number;
  /** Why the last attempt failed. */
  error?: string;
}

/** What a room tells its listeners. */
export type RoomEvents = {
  /** Something to render changed. */
  change: { what: 'messages' | 'pending' | 'typing' | 'roster' | 'state' | 'history' | 'info' | 'uploads' | 'members' };
  /** Messages from the network that were new (not the confirmation of an own send). */
  messages: { messages: SpacesMessage[] };
  /** An own send confirmed by the server. */
  sent: { message: SpacesMessage; clientId: string };
  /** Something went wrong that the user should hear about. */
  error: { code: RoomErrorCode; message: string };
};

/** What went wrong, for `error` events. */
export type RoomErrorCode = 'subscribe-failed' | 'send-failed' | 'history-failed' | 'catch-up-incomplete' | 'upload-failed' | 'update-failed' | 'members-failed';

/** What a room needs from the connection that owns it. */
export interface RoomHost {
  /** Time source of every timer of the room. */
  readonly clock: Clock;
  /** REST calls with the current token. */
  readonly rest: SpacesRestClient;
  /** State of the shared socket. */
  readonly state: ConnectionState;
  /** The signed-in user, once known. */
  readonly user: SpacesUser | undefined;
  /** Who is signed in (never the token), once known: part of the key under which unsent messages are saved. */
  readonly userId: string | undefined;
  /** The socket URL: part of that key too. */
  readonly serverUrl: string;
  /** Where unsent messages are saved across reloads, if anywhere. */
  readonly storage: SendStorage | undefined;
  /** True while the socket reconnects for a refreshed token (planned: not an outage). */
  readonly handover: boolean;
  /** Resolves to the signed-in user. */
  me(): Promise<SpacesUser>;
  /** True when the socket is connected. */
  socketReady(): boolean;
  /** Emits a frame on the socket. */
  emitFrame(event: string, payload: unknown): void;
}
