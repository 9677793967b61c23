import { EventLog } from '../store/event-log.js';
import type { EngagementRecord, Message, ServerEvent, SessionRecord } from './types.js';

/** One line of the persisted log: the latest snapshot of an entity, or an appended message or event. */
type LogRecord =
  | { kind: 'session'; session: SessionRecord }
  | { kind: 'engagement'; engagement: EngagementRecord }
  | { kind: 'message'; message: Message }
  | { kind: 'event'; event: ServerEvent };

const EVENT_ID_DIGITS = 12;

/** Formats a per-session event sequence number as a zero-padded id. */
export function formatEventId(sequence: number): string {
  return String(sequence).padStart(EVENT_ID_DIGITS, '0');
}

/**
 * Sessions, engagements, transcripts and per-session event streams. Every change is written to
 * an EventLog (sessions and engagements as whole snapshots, last one wins) and replayed on start,
 * so with a data directory a restarted backend resumes where it stopped.
 */
export class CcaasStore {
  readonly #log: EventLog<LogRecord>;
  readonly #sessions = new Map<string, SessionRecord>();
  readonly #engagements = new Map<string, EngagementRecord>();
  readonly #messages = new Map<string, Message[]>();
  readonly #events = new Map<string, ServerEvent[]>();

  constructor(dataDir: string | undefined) {
    this.#log = new EventLog<LogRecord>(dataDir, 'ccaas');
    for (const record of this.#log.records) this.#apply(record);
  }

  /** A session by id, ended or not. */
  session(sessionId: string): SessionRecord | undefined {
    return this.#sessions.get(sessionId);
  }

  /** An engagement by id. */
  engagement(engagementId: string): EngagementRecord | undefined {
    return this.#engagements.get(engagementId);
  }

  /** Every engagement, oldest first. */
  engagements(): EngagementRecord[] {
    return [...this.#engagements.values()];
  }

  /** The transcript of an engagement, oldest first. */
  messages(engagementId: string): readonly Message[] {
    return this.#messages.get(engagementId) ?? [];
  }

  /** Events of a session with a sequence number above `afterSequence`. */
  eventsAfter(sessionId: string, afterSequence: number): ServerEvent[] {
    const events = this.#events.get(sessionId) ?? [];
    // Sequence n sits at index n-1, so the tail is a slice, not a scan.
    return events.slice(Math.max(0, afterSequence));
  }

  /** The sequence number the next event of a session gets. */
  nextEventSequence(sessionId: string): number {
    return (this.#events.get(sessionId)?.length ?? 0) + 1;
  }

  /** Stores (a new version of) a session. */
  saveSession(session: SessionRecord): void {
    this.#write({ kind: 'session', session });
  }

  /** Stores (a new version of) an engagement. */
  saveEngagement(engagement: EngagementRecord): void {
    this.#write({ kind: 'engagement', engagement });
  }

  /** Appends a message to its engagement's transcript. */
  addMessage(message: Message): void {
    this.#write({ kind: 'message', message });
  }

  /** Appends an event to its session's stream. */
  addEvent(event: ServerEvent): void {
    this.#write({ kind: 'event', event });
  }

  #write(record: LogRecord): void {
    this.#log.append(record);
    this.#apply(record);
  }

  #apply(record: LogRecord): void {
    switch (record.kind) {
      case 'session':
        this.#sessions.set(record.session.sessionId, record.session);
        break;
      case 'engagement':
        this.#engagements.set(record.engagement.engagementId, record.engagement);
        break;
      case 'message':
        listIn(this.#messages, record.message.engagementId).push(record.message);
        break;
      case 'event':
        listIn(this.#events, record.event.sessionId).push(record.event);
        break;
    }
  }
}

function listIn<T>(map: Map<string, T[]>, key: string): T[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}
