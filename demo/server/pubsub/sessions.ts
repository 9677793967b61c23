import { randomUUID } from 'node:crypto';
import { EventLog } from '../store/event-log.js';

/** One persisted session grant (an expiry of 0 revokes it). */
interface SessionRecord {
  token: string;
  accountSid: string;
  expiresAt: number;
}

/** Why a session was refused. */
export type SessionProblem = 'missing' | 'unknown' | 'expired';

/** The outcome of checking a session token. */
export type SessionCheck = { ok: true; accountSid: string } | { ok: false; problem: SessionProblem };

/** Session tokens handed out by `/auth`: opaque UUIDs bound to one account until they expire. */
export class SessionStore {
  readonly #sessions = new Map<string, SessionRecord>();
  readonly #log: EventLog<SessionRecord>;

  constructor(dataDir: string | undefined) {
    this.#log = new EventLog<SessionRecord>(dataDir, 'pubsub-sessions');
    for (const record of this.#log.records) this.#sessions.set(record.token, record);
    this.#forgetExpired();
  }

  /** Opens a session for an account, valid for `ttlMs`; returns its token. */
  open(accountSid: string, ttlMs: number): string {
    this.#forgetExpired();
    const record = { token: randomUUID(), accountSid, expiresAt: Date.now() + ttlMs };
    this.#sessions.set(record.token, record);
    this.#log.append(record);
    return record.token;
  }

  /** Checks a token; expired ones stay known so the refusal can say why. */
  check(token: string | undefined): SessionCheck {
    if (!token) return { ok: false, problem: 'missing' };
    const record = this.#sessions.get(token);
    if (!record) return { ok: false, problem: 'unknown' };
    if (record.expiresAt <= Date.now()) return { ok: false, problem: 'expired' };
    return { ok: true, accountSid: record.accountSid };
  }

  /** Ends a session now; returns false for an unknown token. */
  expire(token: string): boolean {
    const record = this.#sessions.get(token);
    if (!record) return false;
    const expired = { ...record, expiresAt: 0 };
    this.#sessions.set(token, expired);
    this.#log.append(expired);
    return true;
  }

  // Expired sessions are kept for a day so a late poll still hears "expired" rather than "unknown".
  #forgetExpired(): void {
    const horizon = Date.now() - 24 * 3_600_000;
    for (const [token, record] of this.#sessions) {
      if (record.expiresAt < horizon) this.#sessions.delete(token);
    }
  }
}
