import type { SdkConfig, SdkInitParams, TimeoutsConfig } from './config.js';
import type { Engagement } from './engagement.js';
import { constraint } from './errors.js';
import { CHAT_EVENT_TYPES, type ChatEventMap, type ChatEventType, type UserContext } from './types.js';

/** A handler of one SDK event. */
export type ChatEventHandler<K extends ChatEventType> = (payload: ChatEventMap[K]) => void;

/** An event name `on`/`off` accept: the 16 EventType names, plus the guide's own alias. */
export type ChatEventName = ChatEventType | 'IDLE_TIMEOUT';

/** The vendor Chat SDK's documented contract (seed 003, protocols.md §2), plus our marked extensions. */
export interface ChatSdk {
  /** Subscribes `handler` to `event`. */
  on<K extends ChatEventType>(event: K | 'IDLE_TIMEOUT', handler: ChatEventHandler<K>): void;
  /** Removes every handler of `event`, or of all events. */
  off(event?: ChatEventName): void;
  /** Opens (or resumes) the session; resolves with the UserContext, also sent as INITIALIZED. */
  init(params: SdkInitParams, config?: SdkConfig): Promise<UserContext>;
  /** Starts a new chat. */
  createEngagement(engagementParameters?: Record<string, string>): Promise<Engagement>;
  /** Ongoing engagements of the user across all their sessions. */
  getEngagements(): Promise<Engagement[]>;
  /** The engagement with this id, if known. */
  getEngagementById(engagementId: string): Engagement | undefined;
  /** Installs a new JWT; a paused event stream resumes. */
  setJwtToken(token: string): void;
  /** Restarts the idle timer and cancels a running grace period. */
  resetIdleTimeout(): void;
  /** The name the guide's own sample calls; same as `resetIdleTimeout`. */
  resetTimer(): void;
  /** Reconnects the event stream now. */
  retryConnection(): void;
  /** Ends the session; SHUTDOWN (USER_CLOSED) follows. */
  shutdown(): Promise<{ reason: 'USER_CLOSED' }>;
  /** Our extension: applies new timeouts to the running session (a new idle timeout restarts the idle period). */
  updateConfig(config: TimeoutsConfig): void;
  /** Our extension: stops polling and timers, keeping the session for a later `init`. */
  close(): void;
  /** Our extension: true between `init` and `shutdown`. */
  readonly initialized: boolean;
  /** Our extension: when the session shuts down for inactivity (ms epoch) while the idle grace period runs. */
  readonly idleDeadline: number | undefined;
  /** Our extension: the current session id. */
  readonly sessionId: string | undefined;
  /** Our extension: the context of the last successful `init`. */
  readonly userContext: UserContext | undefined;
}

const EVENT_ALIASES: Record<string, ChatEventType> = { IDLE_TIMEOUT: 'IDLE_TIMEOUT_EXPIRED' };

/** The EventType an `on`/`off` name means; throws ACS-322 for an unknown one. */
export function eventTypeOf(event: string): ChatEventType {
  const type = EVENT_ALIASES[event] ?? event;
  if (!(CHAT_EVENT_TYPES as readonly string[]).includes(type)) throw constraint(`unknown event "${String(event).slice(0, 40)}"; use one of ${CHAT_EVENT_TYPES.join(', ')}`);
  return type as ChatEventType;
}
