/** Shapes of the chat platform's SDK contract and wire protocol (protocols.md §2). */

/** Who takes part in an engagement. */
export type ParticipantType = 'AGENT' | 'BOT' | 'CUSTOMER' | 'SUPERVISOR' | 'SYSTEM';

/** A participant of an engagement. */
export interface Participant {
  participantId: string;
  participantType: ParticipantType;
  displayName?: string;
}

/** How a message's text is to be read. */
export type TextFormat = 'PLAINTEXT' | 'HTML' | 'MARKDOWN';

/** A message body; the platform's chat carries TEXT elements. */
export interface MessageBody {
  elementType: 'TEXT';
  elementText: { text: string; textFormat: TextFormat };
}

/** A chat message. */
export interface Message {
  messageId: string;
  engagementId: string;
  dialogId: string;
  body: MessageBody;
  senderParticipant: Participant;
  receivedAt: string;
  lastUpdatedAt: string;
  messageIndex: number;
  parentMessageId?: string;
}

/** Lifecycle of an engagement. */
export type EngagementStatus = 'PENDING' | 'ACTIVE' | 'TERMINATING' | 'TERMINATED';

/** An engagement as the wire shows it. */
export interface WireEngagement {
  engagementId: string;
  dialogId: string;
  sessionId?: string;
  engagementStatus: EngagementStatus;
  createdAt: string;
  lastUpdatedAt: string;
  participants: Participant[];
  engagementParameters?: Record<string, string>;
}

/** A session as the wire shows it. */
export interface WireSession {
  sessionId: string;
  displayName?: string;
  sessionParameters?: Record<string, string>;
  engagements?: WireEngagement[];
}

/** Event types of a session's long-poll stream. */
export type ServerEventType = 'MESSAGE' | 'PARTICIPANT_ADDED' | 'PARTICIPANT_DISCONNECTED' | 'ENGAGEMENT_CREATED' | 'ENGAGEMENT_ERROR';

/** One element of a long-poll response. */
export interface ServerEvent {
  eventId: string;
  eventType: ServerEventType;
  engagementId: string;
  dialogId: string;
  sessionId: string;
  eventDate: string;
  participant?: Participant;
  message?: Message;
  error?: { type?: string; title?: string; detail?: string };
}

/** What `init` resolves with and INITIALIZED carries. */
export interface UserContext {
  displayName?: string;
  sessionParameters?: Record<string, string>;
  /** Ongoing engagements of the user across all their sessions. */
  engagements: import('./engagement.js').Engagement[];
}

/** Why the event stream failed (EVENT_STREAM_FAILED `reason`). */
export type StreamFailureReason =
  | 'FORBIDDEN'
  | 'UNAUTHORIZED'
  | 'RECONNECTION_TIMEOUT'
  | 'SDK_SESSION_INVALID'
  | 'SERVER_ERROR'
  | 'SERVER_UNREACHABLE'
  | 'UNEXPECTED_ERROR';

/** Payload of EVENT_STREAM_FAILED. */
export interface StreamFailedEvent {
  /** What went wrong, in words. */
  message: string;
  /** Why: FORBIDDEN, UNAUTHORIZED, RECONNECTION_TIMEOUT, SDK_SESSION_INVALID, SERVER_ERROR, SERVER_UNREACHABLE or UNEXPECTED_ERROR. */
  reason: StreamFailureReason;
  /**
   * Milliseconds until the next attempt; undefined when none is scheduled (paused for a token,
   * session invalid, given up). The guide (seed 003) says only that the event carries "the next
   * retry attempt", with no unit; milliseconds, like JavaScript's timers, are our reading.
   */
  retryAfter: number | undefined;
  /** When it failed (ISO). */
  eventDate: string;
}

/** Payload of ENGAGEMENT_ACTIVE / ENGAGEMENT_TERMINATED. */
export interface EngagementEvent {
  engagementId: string;
  dialogId: string;
  eventDate: string;
  engagement: import('./engagement.js').Engagement;
}

/** Payload of PARTICIPANT_ADDED / PARTICIPANT_DISCONNECTED. */
export interface ParticipantEvent {
  engagementId: string;
  dialogId: string;
  eventDate: string;
  participant: Participant;
}

/** The 16 events of the SDK and the payload each handler receives. */
export interface ChatEventMap {
  INITIALIZED: UserContext;
  SHUTDOWN: { reason: 'USER_CLOSED' | 'USER_INACTIVE'; eventDate: string };
  TOKEN_EXPIRY_REMINDER: { eventDate: string; expiryDate: string };
  TOKEN_EXPIRED: { expiredDate: string };
  IDLE_TIMEOUT_EXPIRED: { eventDate: string; gracePeriod: number };
  ENGAGEMENT_ACTIVE: EngagementEvent;
  ENGAGEMENT_ERROR: { engagementId: string; type: string; title: string; detail: string; eventDate: string };
  ENGAGEMENT_TERMINATED: EngagementEvent;
  PARTICIPANT_ADDED: ParticipantEvent;
  PARTICIPANT_DISCONNECTED: ParticipantEvent;
  MESSAGE_ARRIVED: Message;
  MESSAGE_DELIVERED: Message;
  EVENT_STREAM_CONNECTING: { eventDate: string };
  EVENT_STREAM_CONNECTED: { eventDate: string };
  EVENT_STREAM_FAILED: StreamFailedEvent;
  EVENT_STREAM_CLOSED: { eventDate: string };
}

/** Name of one SDK event. */
export type ChatEventType = keyof ChatEventMap;

/** Every SDK event name, in the vendor's order. */
export const CHAT_EVENT_TYPES: readonly ChatEventType[] = [
  'INITIALIZED',
  'SHUTDOWN',
  'TOKEN_EXPIRY_REMINDER',
  'TOKEN_EXPIRED',
  'IDLE_TIMEOUT_EXPIRED',
  'ENGAGEMENT_ACTIVE',
  'ENGAGEMENT_ERROR',
  'ENGAGEMENT_TERMINATED',
  'PARTICIPANT_ADDED',
  'PARTICIPANT_DISCONNECTED',
  'MESSAGE_ARRIVED',
  'MESSAGE_DELIVERED',
  'EVENT_STREAM_CONNECTING',
  'EVENT_STREAM_CONNECTED',
  'EVENT_STREAM_FAILED',
  'EVENT_STREAM_CLOSED',
];
