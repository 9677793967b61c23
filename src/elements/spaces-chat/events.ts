import type { ConnectionState, SubscriptionState } from '../../spaces/room.js';
import type { SpacesMessage } from '../../spaces/types.js';

/** New messages from the network arrived in the room. */
export class SpacesMessageEvent extends Event {
  /** The messages, in the order they arrived. */
  readonly messages: SpacesMessage[];
  constructor(messages: SpacesMessage[]) {
    super('spaces-message', { bubbles: true, composed: true });
    this.messages = messages;
  }
}

/** A message the user sent was confirmed by the server. */
export class SpacesSentEvent extends Event {
  /** The stored message. */
  readonly message: SpacesMessage;
  constructor(message: SpacesMessage) {
    super('spaces-sent', { bubbles: true, composed: true });
    this.message = message;
  }
}

/** The connection or the room's subscription changed. */
export class SpacesStateEvent extends Event {
  /** Socket state. */
  readonly connection: ConnectionState;
  /** Subscription of this space. */
  readonly subscription: SubscriptionState;
  constructor(connection: ConnectionState, subscription: SubscriptionState) {
    super('spaces-state', { bubbles: true, composed: true });
    this.connection = connection;
    this.subscription = subscription;
  }
}

/** Token lifecycle news: about to expire, refreshed, expired. Never carries the token. */
export class SpacesTokenEvent extends Event {
  /** What happened. */
  readonly kind: 'expiring' | 'refreshed' | 'expired';
  /** ms epoch of the (new) token's expiry, when known. */
  readonly expiresAt: number | undefined;
  constructor(kind: 'expiring' | 'refreshed' | 'expired', expiresAt: number | undefined) {
    super('spaces-token', { bubbles: true, composed: true });
    this.kind = kind;
    this.expiresAt = expiresAt;
  }
}

/** Something failed: configuration, token, subscription, a send, history, an upload. */
export class SpacesErrorEvent extends Event {
  /** Machine-readable kind. */
  readonly code: string;
  /** Human-readable explanation. */
  readonly message: string;
  constructor(code: string, message: string) {
    super('spaces-error', { bubbles: true, composed: true });
    this.code = code;
    this.message = message;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'spaces-message': SpacesMessageEvent;
    'spaces-sent': SpacesSentEvent;
    'spaces-state': SpacesStateEvent;
    'spaces-token': SpacesTokenEvent;
    'spaces-error': SpacesErrorEvent;
  }
}
