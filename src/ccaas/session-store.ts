import { normalizeHostURL } from './host-url.js';

/** What survives a page reload: ids and the stream cursor, never the token. */
export interface StoredSession {
  sessionId: string;
  engagementIds: string[];
  lastEventId?: string;
}

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Keys in use by a running session, per storage: two sessions under one key would overwrite each other. */
const claims = new WeakMap<StorageLike, Set<string>>();

/**
 * The session of one integration in `sessionStorage`, under `ccaas-chat:{host URL}|{integration
 * id}` plus `|{sessionKey}` when one is given (the element passes its `storage-key` or `id`).
 * A running session claims its key: a second one on the same key (two widgets of one integration
 * without keys) finds it taken and runs without persistence instead of overwriting the first.
 */
export class SessionStore {
  readonly #storage: StorageLike | null;
  readonly #key: string;
  #claimed = false;

  constructor(storage: StorageLike | null, hostURL: string, integrationId: string, sessionKey = '') {
    this.#storage = storage;
    this.#key = `ccaas-chat:${hostURL}|${integrationId}${sessionKey ? `|${sessionKey}` : ''}`;
  }

  /** The key used, for tests and debugging. */
  get key(): string {
    return this.#key;
  }

  /** True when another running session holds this key on this storage. */
  get taken(): boolean {
    return !this.#claimed && !!this.#storage && !!claims.get(this.#storage)?.has(this.#key);
  }

  /** Claims the key for a running session; false when another one holds it. */
  claim(): boolean {
    const storage = this.#storage;
    if (!storage || this.#claimed) return true;
    if (this.taken) return false;
    let keys = claims.get(storage);
    if (!keys) claims.set(storage, (keys = new Set()));
    keys.add(this.#key);
    this.#claimed = true;
    return true;
  }

  /** Gives the key up (the session closed or ended); what is stored stays for a later resume. */
  release(): void {
    if (!this.#claimed || !this.#storage) return;
    claims.get(this.#storage)?.delete(this.#key);
    this.#claimed = false;
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

/** True when a session of this widget was saved before a reload and no running session holds it, so `init` would resume it (our extension). */
export function hasStoredSession(
  params: { hostURL: string; integrationId: string },
  config: { storage?: StorageLike | null; sessionKey?: string } = {},
): boolean {
  try {
    const storage = config.storage === undefined ? defaultStorage() : config.storage;
    const store = new SessionStore(storage, normalizeHostURL(new URL(params.hostURL)), params.integrationId, config.sessionKey);
    return !store.taken && store.load() !== undefined;
  } catch {
    return false;
  }
}
