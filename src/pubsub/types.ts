/** The event envelope of the CPaaS PubSub service, exactly as it comes over the wire (seed 004). */
export interface PubSubEnvelope {
  /** Host the publish was addressed to. */
  Hostname: string;
  /** The account the event was published for ('' when the publisher sent none). */
  AccountSid: string;
  /** `/<AccountSid>/<queue>`: where the event was published. */
  Url: string;
  /** The published parameters (platform callbacks: `From`, `To`, `Body`, `CallStatus`...). */
  FormParams: Record<string, string>;
  /** When it was published, RFC 3339. */
  Created: string;
}

/** A received event: the envelope plus what the client derived from it. */
export interface PubSubEvent {
  /** Stable identity used to drop re-deliveries (see `eventKey`). */
  key: string;
  /** The queue path below the account, e.g. `SMS` or `calls/events/NodeId-11`. */
  queue: string;
  /** `Created` as epoch ms (NaN-free: falls back to the receive time when unparsable). */
  createdAt: number;
  /** The envelope as received. */
  envelope: PubSubEnvelope;
}

/** Why the host is asked for a session. */
export type SessionReason = 'initial' | 'refresh' | 'rejected';

/** What a session provider may return: the raw session token, or the token with its expiry. */
export type SessionGrant = string | { session: string; expiresAt?: number };

/**
 * The host page's callback that returns a PubSub session token. A host backend gets one from
 * `/auth` with the AccountSid:AuthToken pair, which must never reach the browser.
 */
export type SessionProvider = (request: { service: string; reason: SessionReason }) => SessionGrant | Promise<SessionGrant>;

/** Connection state of a subscriber. */
export type PubSubState = 'idle' | 'connecting' | 'live' | 'retrying' | 'paused' | 'error';

/** What went wrong, for hosts that branch on it. */
export type PubSubErrorCode =
  | 'config'
  | 'provider'
  | 'session-rejected'
  | 'forbidden'
  | 'not-found'
  | 'network'
  | 'bad-response'
  | 'publish-failed';

/** Which setting a 'config' error is about, for hosts that show their own text. */
export type PubSubConfigProblem =
  | 'no-account'
  | 'no-queue'
  | 'no-provider'
  | 'provider-undefined'
  | 'provider-not-function'
  | 'bad-timeout'
  | 'zero-timeout'
  | 'not-running';

/** A failure the client reports to its host; the message is English for developers, the codes are for UIs. */
export class PubSubError extends Error {
  override readonly name = 'PubSubError';

  constructor(
    /** What kind of failure. */
    readonly code: PubSubErrorCode,
    message: string,
    /** HTTP status when a response caused it. */
    readonly status?: number,
    /** For 'config': which setting is at fault. */
    readonly problem?: PubSubConfigProblem,
  ) {
    super(message);
  }
}
