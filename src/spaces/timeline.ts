import type { SpacesMessage } from './types.js';

/** Orders messages by `created`, then `_id`, the order every room shows. */
export function byCreated(a: SpacesMessage, b: SpacesMessage): number {
  return a.createdMs - b.createdMs || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);
}

/** What adding a message did. */
export type UpsertResult = 'added' | 'updated' | 'ignored';

/**
 * The messages of one space, ordered by `created` then `_id`, each `_id` once. A message seen
 * again with a newer `modified` (a task or post update) replaces the stored one in place.
 */
export class Timeline {
  readonly #list: SpacesMessage[] = [];
  #version = 0;
  #rewrites = 0;
  #prepended = 0;
  readonly #byId = new Map<string, SpacesMessage>();

  /** Messages in display order (a live view: renderers copy it once per frame; `version` says when it changed). */
  get messages(): readonly SpacesMessage[] {
    return this.#list;
  }

  /** Increases on every change. */
  get version(): number {
    return this.#version;
  }

  /** Increases when a change was neither an append nor a prepend (an insert in the middle, or an update in place). */
  get rewrites(): number {
    return this.#rewrites;
  }

  /** How many messages went in before all those held at the time (older history pages). */
  get prepended(): number {
    return this.#prepended;
  }

  /** How many messages are held. */
  get size(): number {
    return this.#list.length;
  }

  /** `created` of the newest message, in ms. */
  get newestMs(): number | undefined {
    return this.#list.at(-1)?.createdMs;
  }

  /** `created` of the oldest message, in ms. */
  get oldestMs(): number | undefined {
    return this.#list[0]?.createdMs;
  }

  /** A message by id. */
  get(id: string): SpacesMessage | undefined {
    return this.#byId.get(id);
  }

  /** Adds or updates messages; returns those that were new or changed. */
  upsertMany(messages: readonly SpacesMessage[]): SpacesMessage[] {
    const changed: SpacesMessage[] = [];
    // Messages this call put before the ones held when it began (an older page arrives oldest first).
    const held = this.#list.length;
    let front = 0;
    for (const message of messages) {
      const previous = this.#byId.get(message._id);
      if (previous) {
        if (!isNewer(message, previous)) continue;
        this.#list[this.#list.lastIndexOf(previous)] = message;
        this.#rewrites += 1;
      } else {
        const at = insertSorted(this.#list, message);
        if (held > 0 && at <= front) {
          front += 1;
          this.#prepended += 1;
        } else if (at < this.#list.length - 1) {
          this.#rewrites += 1;
        }
      }
      this.#byId.set(message._id, message);
      changed.push(message);
    }
    if (changed.length > 0) this.#version += 1;
    return changed;
  }

  /** Adds or updates one message. */
  upsert(message: SpacesMessage): UpsertResult {
    const had = this.#byId.has(message._id);
    const changed = this.upsertMany([message]);
    return changed.length === 0 ? 'ignored' : had ? 'updated' : 'added';
  }
}

function isNewer(candidate: SpacesMessage, stored: SpacesMessage): boolean {
  if (candidate.modified === undefined) return false;
  return stored.modified === undefined || Date.parse(candidate.modified) >= Date.parse(stored.modified);
}

/** Live messages almost always arrive newest-last, so the common case is a push. Returns where it went. */
function insertSorted(list: SpacesMessage[], message: SpacesMessage): number {
  const last = list.at(-1);
  if (!last || byCreated(last, message) <= 0) return list.push(message) - 1;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byCreated(list[mid]!, message) <= 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, message);
  return lo;
}
