import { randomUUID } from 'node:crypto';
import { HttpError } from '../http/errors.js';
import type { EventWaiters } from './event-waiters.js';
import { formatEventId, type CcaasStore } from './store.js';
import type {
  EngagementRecord,
  Message,
  MessageBody,
  Participant,
  ServerEvent,
  ServerEventType,
  SessionRecord,
  WireEngagement,
  WireSession,
} from './types.js';

/** Reacts to what customers do (the simulated agents). */
export interface EngagementObserver {
  /** A customer started an engagement. */
  engagementCreated(engagement: EngagementRecord): void;
  /** A customer posted a message. */
  customerMessage(engagement: EngagementRecord, message: Message): void;
  /** An engagement ended, whoever ended it. */
  engagementEnded(engagement: EngagementRecord): void;
}

/** 404 with the title the SDK reads as "session invalid". */
export const sessionNotFound = (sessionId: string) =>
  new HttpError(404, 'Session not found', `Session not found: "${sessionId.slice(0, 128)}" does not exist or has ended`);

const engagementNotFound = (engagementId: string) => new HttpError(404, 'Engagement not found', `no engagement "${engagementId.slice(0, 128)}"`);
const conflict = (detail: string) => new HttpError(409, 'Conflict', detail);

const now = () => new Date().toISOString();

/**
 * The chat platform's rules: sessions owned by a token subject, engagements owned by the same
 * subject and joined by some of its sessions, transcripts, and the events each joined session
 * sees. HTTP routes and the simulated agents both act through it.
 */
export class CcaasService {
  readonly #store: CcaasStore;
  readonly #waiters: EventWaiters;
  #observer: EngagementObserver | undefined;

  constructor(store: CcaasStore, waiters: EventWaiters) {
    this.#store = store;
    this.#waiters = waiters;
  }

  /** Sets who hears about customer activity. */
  observe(observer: EngagementObserver): void {
    this.#observer = observer;
  }

  /** Opens a session for `subject`. */
  createSession(subject: string, displayName: string, sessionParameters: Record<string, string>): SessionRecord {
    const session: SessionRecord = { sessionId: randomUUID(), subject, displayName, sessionParameters, createdAt: now() };
    this.#store.saveSession(session);
    return session;
  }

  /** A live session of `subject`; another subject's session is as unknown as a missing one. */
  liveSession(subject: string, sessionId: string): SessionRecord {
    const session = this.#store.session(sessionId);
    if (!session || session.endedAt || session.subject !== subject) throw sessionNotFound(sessionId);
    return session;
  }

  /** The wire view of a session: the owner's ongoing engagements across all their sessions. */
  sessionView(session: SessionRecord): WireSession {
    const engagements = this.#store
      .engagements()
      .filter((e) => e.subject === session.subject && e.engagementStatus !== 'TERMINATED')
      .map(toWire);
    const { sessionId, displayName, sessionParameters, createdAt } = session;
    return { sessionId, displayName, clientType: 'web', sessionParameters, createdAt, engagements };
  }

  /** Ends a session; ongoing engagements stay (the user may be in them from another session). */
  endSession(session: SessionRecord): void {
    session.endedAt = now();
    this.#store.saveSession(session);
    this.#waiters.notify(session.sessionId);
  }

  /** Any session by id, for test controls. */
  anySession(sessionId: string): SessionRecord {
    const session = this.#store.session(sessionId);
    if (!session || session.endedAt) throw sessionNotFound(sessionId);
    return session;
  }

  /**
   * Starts an engagement from a session. As on the vendor's platform it is PENDING, with nobody
   * in it, until the customer is admitted as its first participant (PARTICIPANT_ADDED, which makes
   * it ACTIVE); here that follows at once, so the creator's answer (what this returns) still shows it
   * PENDING while its stream already tells of the customer joining.
   */
  createEngagement(session: SessionRecord, engagementParameters: Record<string, string>): WireEngagement {
    const at = now();
    const engagement: EngagementRecord = {
      engagementId: randomUUID(),
      dialogId: randomUUID(),
      sessionId: session.sessionId,
      engagementStatus: 'PENDING',
      createdAt: at,
      lastUpdatedAt: at,
      participants: [],
      engagementParameters,
      subject: session.subject,
      joinedSessionIds: [session.sessionId],
    };
    this.#store.saveEngagement(engagement);
    this.#publish(engagement, 'ENGAGEMENT_CREATED', {});
    const created = structuredClone(toWire(engagement));
    this.#admitCustomer(engagement, session);
    this.#observer?.engagementCreated(engagement);
    return created;
  }

  /** The customer joins their new engagement, which makes it ACTIVE. */
  #admitCustomer(engagement: EngagementRecord, session: SessionRecord): void {
    const customer: Participant = { participantId: randomUUID(), participantType: 'CUSTOMER', displayName: session.displayName };
    engagement.participants.push(customer);
    engagement.engagementStatus = 'ACTIVE';
    engagement.lastUpdatedAt = now();
    this.#store.saveEngagement(engagement);
    this.#publish(engagement, 'PARTICIPANT_ADDED', { participant: customer });
  }

  /** An engagement of `subject`, checked against the dialog the client names. */
  ownedEngagement(subject: string, engagementId: string, dialogId?: string): EngagementRecord {
    const engagement = this.#store.engagement(engagementId);
    if (!engagement || engagement.subject !== subject) throw engagementNotFound(engagementId);
    if (dialogId !== undefined && dialogId !== engagement.dialogId) {
      throw new HttpError(400, 'Bad Request', `dialogId "${dialogId.slice(0, 128)}" is not the dialog of engagement ${engagementId}`);
    }
    return engagement;
  }

  /** An engagement by id whoever owns it, for the agents and test controls. */
  anyEngagement(engagementId: string): EngagementRecord {
    const engagement = this.#store.engagement(engagementId);
    if (!engagement) throw engagementNotFound(engagementId);
    return engagement;
  }

  /** Joins an ongoing engagement from (another) session of its owner; joining twice changes nothing. */
  join(engagement: EngagementRecord, session: SessionRecord): EngagementRecord {
    assertActive(engagement);
    if (engagement.joinedSessionIds.includes(session.sessionId)) return engagement;
    engagement.joinedSessionIds.push(session.sessionId);
    engagement.lastUpdatedAt = now();
    this.#store.saveEngagement(engagement);
    // Only the joining session hears the customer arrive: that is what makes it ACTIVE there.
    const customer = engagement.participants.find((p) => p.participantType === 'CUSTOMER');
    if (customer) this.#addEvent(engagement, session.sessionId, 'PARTICIPANT_ADDED', { participant: customer });
    return engagement;
  }

  /** Throws unless the session has joined the engagement. */
  assertJoined(engagement: EngagementRecord, session: SessionRecord): void {
    if (!engagement.joinedSessionIds.includes(session.sessionId)) {
      throw conflict(`session ${session.sessionId} has not joined engagement ${engagement.engagementId}; join it first`);
    }
  }

  /** Posts a message from a connected participant. */
  postMessage(engagement: EngagementRecord, sender: Participant, body: MessageBody, parentMessageId?: string): Message {
    assertActive(engagement);
    if (!engagement.participants.some((p) => p.participantId === sender.participantId)) {
      throw conflict(`${sender.displayName} is not connected to engagement ${engagement.engagementId}`);
    }
    const transcript = this.#store.messages(engagement.engagementId);
    if (parentMessageId !== undefined && !transcript.some((m) => m.messageId === parentMessageId)) {
      throw new HttpError(400, 'Bad Request', `parentMessageId "${parentMessageId.slice(0, 128)}" is not a message of this engagement`);
    }
    const at = now();
    const message: Message = {
      messageId: randomUUID(),
      engagementId: engagement.engagementId,
      dialogId: engagement.dialogId,
      body,
      senderParticipant: { ...sender },
      receivedAt: at,
      lastUpdatedAt: at,
      messageIndex: transcript.length,
      ...(parentMessageId !== undefined ? { parentMessageId } : {}),
    };
    this.#store.addMessage(message);
    engagement.lastUpdatedAt = at;
    this.#store.saveEngagement(engagement);
    this.#publish(engagement, 'MESSAGE', { message });
    if (sender.participantType === 'CUSTOMER') this.#observer?.customerMessage(engagement, message);
    return message;
  }

  /** The customer participant of an engagement (while connected). */
  customerOf(engagement: EngagementRecord): Participant {
    const customer = engagement.participants.find((p) => p.participantType === 'CUSTOMER');
    if (!customer) throw conflict(`engagement ${engagement.engagementId} is not active`);
    return customer;
  }

  /** Adds a participant (an agent joining). */
  addParticipant(engagement: EngagementRecord, participant: Participant): void {
    assertActive(engagement);
    engagement.participants.push(participant);
    engagement.lastUpdatedAt = now();
    this.#store.saveEngagement(engagement);
    this.#publish(engagement, 'PARTICIPANT_ADDED', { participant });
  }

  /**
   * Ends an engagement: everyone else leaves first and the customer last, so a client's
   * ENGAGEMENT_TERMINATED (derived from the customer leaving) is the final thing it sees.
   */
  terminate(engagement: EngagementRecord): EngagementRecord {
    assertActive(engagement);
    const leaving = [
      ...engagement.participants.filter((p) => p.participantType !== 'CUSTOMER'),
      ...engagement.participants.filter((p) => p.participantType === 'CUSTOMER'),
    ];
    engagement.participants = [];
    engagement.engagementStatus = 'TERMINATED';
    engagement.lastUpdatedAt = now();
    this.#store.saveEngagement(engagement);
    for (const participant of leaving) this.#publish(engagement, 'PARTICIPANT_DISCONNECTED', { participant });
    this.#observer?.engagementEnded(engagement);
    return engagement;
  }

  /** A page of an engagement's transcript; page 1 of DSC holds the newest messages. */
  messagesPage(engagement: EngagementRecord, pageSize: number, pageNumber: number, order: 'ASC' | 'DSC'): { messages: Message[]; totalCount: number } {
    const transcript = this.#store.messages(engagement.engagementId);
    const ordered = order === 'DSC' ? [...transcript].reverse() : [...transcript];
    const start = (pageNumber - 1) * pageSize;
    return { messages: ordered.slice(start, start + pageSize), totalCount: transcript.length };
  }

  /** Events of a session after `lastEventId` (all of them when absent). */
  eventsAfter(sessionId: string, lastEventId: number): ServerEvent[] {
    return this.#store.eventsAfter(sessionId, lastEventId);
  }

  #publish(engagement: EngagementRecord, eventType: ServerEventType, payload: Pick<ServerEvent, 'participant' | 'message'>): void {
    for (const sessionId of engagement.joinedSessionIds) {
      const session = this.#store.session(sessionId);
      if (session && !session.endedAt) this.#addEvent(engagement, sessionId, eventType, payload);
    }
  }

  #addEvent(engagement: EngagementRecord, sessionId: string, eventType: ServerEventType, payload: Pick<ServerEvent, 'participant' | 'message'>): void {
    this.#store.addEvent({
      eventId: formatEventId(this.#store.nextEventSequence(sessionId)),
      eventType,
      engagementId: engagement.engagementId,
      dialogId: engagement.dialogId,
      sessionId,
      eventDate: now(),
      ...payload,
    });
    this.#waiters.notify(sessionId);
  }
}

/** The wire view of an engagement (no owner, no joined sessions). */
export function toWire(engagement: EngagementRecord): WireEngagement {
  const { engagementId, dialogId, sessionId, engagementStatus, createdAt, lastUpdatedAt, participants, engagementParameters } = engagement;
  return { engagementId, dialogId, sessionId, engagementStatus, createdAt, lastUpdatedAt, participants, engagementParameters };
}

function assertActive(engagement: EngagementRecord): void {
  if (engagement.engagementStatus === 'TERMINATED') throw conflict(`engagement ${engagement.engagementId} has ended`);
}
