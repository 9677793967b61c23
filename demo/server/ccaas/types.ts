/** Wire and stored shapes of the Experience Platform digital chat emulation (protocols.md §2). */

/** Who takes part in an engagement. */
export type ParticipantType = 'AGENT' | 'BOT' | 'CUSTOMER' | 'SUPERVISOR' | 'SYSTEM';

/** A participant as the wire shows it. */
export interface Participant {
  participantId: string;
  participantType: ParticipantType;
  displayName: string;
}

/** How a message's text is to be read. */
export type TextFormat = 'PLAINTEXT' | 'HTML' | 'MARKDOWN';

/** Every accepted text format, for validation. */
export const TEXT_FORMATS: readonly TextFormat[] = ['PLAINTEXT', 'HTML', 'MARKDOWN'];

/** A message body; the emulation supports the TEXT element only. */
export interface MessageBody {
  elementType: 'TEXT';
  elementText: { text: string; textFormat: TextFormat };
}

/** A chat message as the wire shows it. */
export interface Message {
  messageId: string;
  engagementId: string;
  dialogId: string;
  body: MessageBody;
  senderParticipant: Participant;
  receivedAt: string;
  lastUpdatedAt: string;
  /** 0-based position in the engagement's transcript. */
  messageIndex: number;
  parentMessageId?: string;
}

/** Lifecycle of an engagement. */
export type EngagementStatus = 'PENDING' | 'ACTIVE' | 'TERMINATING' | 'TERMINATED';

/** An engagement as the wire shows it. */
export interface WireEngagement {
  engagementId: string;
  dialogId: string;
  /** The session that created it. */
  sessionId: string;
  engagementStatus: EngagementStatus;
  createdAt: string;
  lastUpdatedAt: string;
  /** Participants currently connected. */
  participants: Participant[];
  engagementParameters: Record<string, string>;
}

/** An engagement as stored: the wire view plus its owner and the sessions that joined it. */
export interface EngagementRecord extends WireEngagement {
  subject: string;
  joinedSessionIds: string[];
}

/** A session as stored. */
export interface SessionRecord {
  sessionId: string;
  /** The token subject that owns it. */
  subject: string;
  displayName: string;
  sessionParameters: Record<string, string>;
  createdAt: string;
  /** Set once deleted or expired: the session answers 404 from then on. */
  endedAt?: string;
}

/** A session as the wire shows it, with the owner's ongoing engagements. */
export interface WireSession {
  sessionId: string;
  displayName: string;
  clientType: 'web';
  sessionParameters: Record<string, string>;
  createdAt: string;
  engagements: WireEngagement[];
}

/** Event types of a session's stream (the emulation never has cause to send ENGAGEMENT_ERROR). */
export type ServerEventType = 'MESSAGE' | 'PARTICIPANT_ADDED' | 'PARTICIPANT_DISCONNECTED' | 'ENGAGEMENT_CREATED' | 'ENGAGEMENT_ERROR';

/** One event of a session's long-poll stream. */
export interface ServerEvent {
  /** Zero-padded decimal, monotonic per session: string order equals numeric order. */
  eventId: string;
  eventType: ServerEventType;
  engagementId: string;
  dialogId: string;
  sessionId: string;
  eventDate: string;
  participant?: Participant;
  message?: Message;
}
