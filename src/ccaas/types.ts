/** Shapes of the chat platform's SDK contract and wire protocol (protocols.md §2). */

/** Who takes part in an engagement. */
export type ParticipantType = 'AGENT' | 'BOT' | 'CUSTOMER' | 'SUPERVISOR' | 'SYSTEM';

/** A participant of an engagement. */
export interface Participant {
  /** Id of the participant within the engagement. */
  participantId: string;
  /** AGENT, BOT, CUSTOMER, SUPERVISOR or SYSTEM. */
  participantType: ParticipantType;
  /** Name to show, when the platform gives one. */
  displayName?: string;
}

/** How a message's text is to be read. */
export type TextFormat = 'PLAINTEXT' | 'HTML' | 'MARKDOWN';

/** A message body; the platform's chat carries TEXT elements. */
export interface MessageBody {
  /** Always TEXT for chat. */
  elementType: 'TEXT';
  /** The text and how to read it (PLAINTEXT, HTML or MARKDOWN). */
  elementText: { text: string; textFormat: TextFormat };
}

/** A chat message. */
export interface Message {
  /** Id of the message. */
  messageId: string;
  /** The engagement it belongs to. */
  engagementId: string;
  /** The engagement's dialog. */
  dialogId: string;
  /** What it says. */
  body: MessageBody;
  /** Who sent it (a CUSTOMER sender makes it MESSAGE_DELIVERED, anyone else MESSAGE_ARRIVED). */
  senderParticipant: Participant;
  /** When the platform received it (ISO). */
  receivedAt: string;
  /** When it last changed (ISO). */
  lastUpdatedAt: string;
  /** 0-based position in the engagement's transcript. */
  messageIndex: number;
  /** The message it answers, if any. */
  parentMessageId?: string;
}

/** Lifecycle of an engagement. */
export type EngagementStatus = 'PENDING' | 'ACTIVE' | 'TERMINATING' | 'TERMINATED';

/** An engagement as the wire shows it. */
export interface WireEngagement {
  /** Id of the engagement. */
  engagementId: string;
  /** Id of its dialog. */
  dialogId: string;
  /** The session that created it. */
  sessionId?: string;
  /** PENDING, ACTIVE, TERMINATING or TERMINATED. */
  engagementStatus: EngagementStatus;
  /** When it was created (ISO). */
  createdAt: string;
  /** When it last changed (ISO). */
  lastUpdatedAt: string;
  /** Who is in it now. */
  participants: Participant[];
  /** The parameters it was created with. */
  engagementParameters?: Record<string, string>;
}

/** A session as the wire shows it. */
export interface WireSession {
  /** Id of the session. */
  sessionId: string;
  /** The customer's name in it. */
  displayName?: string;
  /** The parameters it was opened with. */
  sessionParameters?: Record<string, string>;
  /** The user's ongoing engagements, across all their sessions. */
  engagements?: WireEngagement[];
}

/** Event types of a session's long-poll stream. */
export type ServerEventType = 'MESSAGE' | 'PARTICIPANT_ADDED' | 'PARTICIPANT_DISCONNECTED' | 'ENGAGEMENT_CREATED' | 'ENGAGEMENT_ERROR';

/** One element of a long-poll response. */
export interface ServerEvent {
  /** Id of the event; sent back as `lastEventId`, and what duplicates are told apart by. */
  eventId: string;
  /** MESSAGE, PARTICIPANT_ADDED, PARTICIPANT_DISCONNECTED, ENGAGEMENT_CREATED or ENGAGEMENT_ERROR. */
  eventType: ServerEventType;
  /** The engagement it is about. */
  engagementId: string;
  /** That engagement's dialog. */
  dialogId: string;
  /** The session it was delivered to. */
  sessionId: string;
  /** When it happened (ISO). */
  eventDate: string;
  /** Who joined or left (PARTICIPANT_* events). */
  participant?: Participant;
  /** The message (MESSAGE events). */
  message?: Message;
  /** What went wrong (ENGAGEMENT_ERROR events). */
  error?: { type?: string; title?: string; detail?: string };
}

/** What `init` resolves with and INITIALIZED carries. */
export interface UserContext {
  /** The customer's name in the session. */
  displayName?: string;
  /** The session's parameters. */
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
  /** The engagement's id. */
  engagementId: string;
  /** Its dialog's id. */
  dialogId: string;
  /** When it became active or ended (ISO). */
  eventDate: string;
  /** The engagement itself. */
  engagement: import('./engagement.js').Engagement;
}

/** Payload of PARTICIPANT_ADDED / PARTICIPANT_DISCONNECTED. */
export interface ParticipantEvent {
  /** The engagement joined or left. */
  engagementId: string;
  /** Its dialog's id. */
  dialogId: string;
  /** When (ISO). */
  eventDate: string;
  /** Who joined or left. */
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
