import type { PubSubErrorCode, PubSubEvent } from '../../pubsub/types.js';
import type { FeedState } from '../../controllers/pubsub-feed-controller.js';

const init = { bubbles: true, composed: true } as const;

/** Fired for each event received from the queue. */
export class PubSubEventEvent extends Event {
  constructor(
    /** The event: envelope, queue, derived key. */
    readonly detail: PubSubEvent,
  ) {
    super('pubsub-event', init);
  }
}

/** Fired when the connection state changes. */
export class PubSubStateEvent extends Event {
  constructor(
    /** The new state. */
    readonly detail: { state: FeedState },
  ) {
    super('pubsub-state', init);
  }
}

/** Fired on a failure or misconfiguration. */
export class PubSubErrorEvent extends Event {
  constructor(
    /** What failed and whether the feed carries on by itself. */
    readonly detail: { code: PubSubErrorCode; message: string; willRetry: boolean },
  ) {
    super('pubsub-error', init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'pubsub-event': PubSubEventEvent;
    'pubsub-state': PubSubStateEvent;
    'pubsub-error': PubSubErrorEvent;
  }
}
