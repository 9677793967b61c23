import { messageTextFrom, pageSizeFrom } from './config.js';
import { ChatSdkError, ErrorCode } from './errors.js';
import { PageIterator } from './page-iterator.js';
import type { EngagementStatus, Message, Participant, WireEngagement } from './types.js';
import type { WireClient } from './wire-client.js';

/** Statuses in the order an engagement goes through them. */
const STATUS_ORDER: Record<EngagementStatus, number> = { PENDING: 0, ACTIVE: 1, TERMINATING: 2, TERMINATED: 3 };

/** What an engagement needs from the SDK that owns it. */
export interface EngagementHost {
  /** The wire client; throws ACS-310 when the SDK is not initialised (or shut down). */
  wire(): WireClient;
  /** The current session id. */
  sessionId(): string;
  /** User activity: resets the idle timer. */
  activity(): void;
  /** This session joined (or created) the engagement: remember it across reloads. */
  joined(engagement: Engagement): void;
}

/** One chat (the vendor's Engagement): join, disconnect, send, page through history. */
export class Engagement {
  /** Id of the engagement. */
  readonly engagementId: string;
  /** Id of its dialog. */
  readonly dialogId: string;
  /** When it started (ISO). */
  readonly createdAt: string;
  /** When it last changed (ISO). */
  lastUpdatedAt: string;
  /** PENDING, ACTIVE, TERMINATING or TERMINATED. */
  engagementStatus: EngagementStatus;
  /** Participants currently in the chat. */
  participants: Participant[];
  readonly #host: EngagementHost;

  constructor(wire: WireEngagement, host: EngagementHost) {
    this.engagementId = wire.engagementId;
    this.dialogId = wire.dialogId;
    this.createdAt = wire.createdAt;
    this.lastUpdatedAt = wire.lastUpdatedAt;
    this.engagementStatus = wire.engagementStatus;
    this.participants = [...(wire.participants ?? [])];
    this.#host = host;
  }

  /** Takes the server's view of the engagement unless events already told us something as new or newer. */
  update(wire: WireEngagement): void {
    // A REST answer can arrive after the stream reported later changes (an agent joining): keep those.
    // Ties go to the stream too (timestamps have millisecond grain), and a status never goes back.
    if (wire.lastUpdatedAt <= this.lastUpdatedAt || STATUS_ORDER[wire.engagementStatus] < STATUS_ORDER[this.engagementStatus]) return;
    this.lastUpdatedAt = wire.lastUpdatedAt;
    this.engagementStatus = wire.engagementStatus;
    this.participants = [...(wire.participants ?? [])];
  }

  /** The participants (the guide's samples call this). */
  getParticipants(): Participant[] {
    return [...this.participants];
  }

  /** A participant by id. */
  getParticipantById(participantId: string): Participant | undefined {
    return this.participants.find((p) => p.participantId === participantId);
  }

  /** Joins this ongoing engagement from the current session (after a reload or from another tab). */
  async join(): Promise<Engagement> {
    const wire = this.#host.wire();
    this.#assertNotEnded();
    this.#host.activity();
    this.update(await wire.join(this.engagementId, this.dialogId, this.#host.sessionId()));
    this.#host.joined(this);
    return this;
  }

  /** Leaves and ends the chat; the engagement must be active. */
  async disconnect(reason?: string): Promise<Engagement> {
    const wire = this.#host.wire();
    if (this.engagementStatus !== 'ACTIVE') throw new ChatSdkError(ErrorCode.ENGAGEMENT_NOT_ACTIVE, `engagement ${this.engagementId} is ${this.engagementStatus}, not ACTIVE`);
    this.#host.activity();
    this.update(await wire.disconnect(this.engagementId, this.dialogId, this.#host.sessionId(), reason));
    return this;
  }

  /** Sends a plain-text message of 1–4096 characters; resolves with the stored message. */
  async sendMessage(text: string, parentMessageId?: string): Promise<Message> {
    const wire = this.#host.wire();
    const valid = messageTextFrom(text);
    this.#assertNotEnded();
    this.#host.activity();
    return wire.sendMessage(this.engagementId, this.dialogId, this.#host.sessionId(), { elementType: 'TEXT', elementText: { text: valid, textFormat: 'PLAINTEXT' } }, parentMessageId);
  }

  /** A PageIterator over the transcript as it is now, starting with the newest `pageSize` (1–50, default 10) messages. */
  async getMessages(pageSize?: number): Promise<PageIterator> {
    const wire = this.#host.wire();
    const size = pageSizeFrom(pageSize);
    const sessionId = this.#host.sessionId();
    return PageIterator.open(
      {
        page: (page, perPage) => wire.messages(this.engagementId, this.dialogId, sessionId, perPage, page),
        follow: (url) => wire.messagesAt(url),
      },
      size,
    );
  }

  #assertNotEnded(): void {
    if (this.engagementStatus === 'TERMINATED' || this.engagementStatus === 'TERMINATING') {
      throw new ChatSdkError(ErrorCode.ENGAGEMENT_NOT_ACTIVE, `engagement ${this.engagementId} has ended`);
    }
  }
}
