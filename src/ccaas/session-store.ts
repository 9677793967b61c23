/** What survives a page reload: ids and the stream cursor, never the token. */
export interface StoredSession {
  sessionId: string;
  engagementIds: string[];
  lastEventId?: string;
}

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * The session of one integration in `sessionStorage`, keyed by host URL and integration id so
 * several widgets on a page (or several integrations) keep apart.
 */
export class SessionStore {
  readonly #storage: StorageLike | null;
  readonly #key: string;

  constructor(storage: StorageLike | null, hostURL: string, integrationId: string, sessionKey = '') {
    this.#storage = storage;
    this.#key = `ccaas-chat:${hostURL}|${integrationId}${sessionKey ? `|${sessionKey}` : ''}`;
  }

  /** The key used, for tests and debugging. */
  get key(): string {
    return this.#key;
  }

  /** The stored session, or undefined when none (or unreadable). */
  load(): StoredSession | undefined {
    try {
      const raw = this.#storage?.getItem(this.#key);
      if (!raw) return undefined;
      const value = JSON.parse(raw) as Partial<StoredSession>;
      if (typeof value.sessionId !== 'string' || !Array.isArray(value.engagementIds)) return undefined;
      return {
        sessionId: value.sessionId,
        engagementIds: value.engagementIds.filter((id): id is string => typeof id === 'string'),
        ...(typeof value.lastEventId === 'string' ? { lastEventId: value.lastEventId } : {}),
      };
    } catch {
      return undefined;
    }
  }

  /** Writes the session; storage failures (quota, privacy mode) only cost the resume. */
  save(session: StoredSession): void {
    try {
      this.#storage?.setItem(this.#key, JSON.stringify(session));
    } catch {
      // Nothing to do: the chat works, it just will not survive a reload.
    }
  }

  /** Forgets the session. */
  clear(): void {
    try {
      this.#storage?.removeItem(this.#key);
    } catch {
      // See save().
    }
  }
}

/** The page's sessionStorage when it can be used. */
export function defaultStorage(): StorageLike | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

/** The host URL as sessions are keyed: origin and path, without trailing slashes. */
export function normalizeHostURL(hostURL: string): string {
  const url = new URL(hostURL);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** True when a session of this widget was saved before a reload, so `init` would resume it (our extension). */
export function hasStoredSession(
  params: { hostURL: string; integrationId: string },
  config: { storage?: StorageLike | null; sessionKey?: string } = {},
): boolean {
  try {
    const storage = config.storage === undefined ? defaultStorage() : config.storage;
    return new SessionStore(storage, normalizeHostURL(params.hostURL), params.integrationId, config.sessionKey).load() !== undefined;
  } catch {
    return false;
  }
}
