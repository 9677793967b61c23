import { EventLog } from '../store/event-log.js';
import type { MessageCategory, SpacesMessage } from './types.js';

/** Filters of a history query. */
export interface HistoryQuery {
  spaceId: string;
  /** Only messages strictly older (`before`) or newer (`after`) than this time, in ms. */
  refTime: number;
  direction: 'before' | 'after';
  category?: MessageCategory;
  size: number;
}

/** A page of history and whether more lies beyond it. */
export interface HistoryPage {
  data: SpacesMessage[];
  total: number;
  more: boolean;
}

/**
 * Every message of every space, kept sorted by `created`. Creations and updates are appended to
 * one log; on replay a later record with the same `_id` replaces the earlier one, which is how a
 * task update survives a restart.
 */
export class MessageStore {
  readonly #log: EventLog<SpacesMessage>;
  readonly #bySpace = new Map<string, SpacesMessage[]>();
  readonly #byId = new Map<string, SpacesMessage>();
  #latest = -Infinity;

  constructor(dataDir: string | undefined) {
    this.#log = new EventLog<SpacesMessage>(dataDir, 'spaces-messages');
    for (const message of this.#log.records) this.#index(message);
  }

  /** True when nothing was ever stored (first start, or no data directory). */
  get empty(): boolean {
    return this.#byId.size === 0;
  }

  /** A message by id. */
  get(id: string): SpacesMessage | undefined {
    return this.#byId.get(id);
  }

  /** How many messages a space holds. */
  count(spaceId: string): number {
    return this.#bySpace.get(spaceId)?.length ?? 0;
  }

  /**
   * A creation time unique and increasing across all spaces: history and catch-up pages are cut
   * at `created`, so two messages in the same millisecond could make a page boundary drop one.
   */
  nextCreated(now = Date.now()): string {
    const created = Math.max(now, this.#latest + 1);
    this.#latest = created;
    return new Date(created).toISOString();
  }

  /** Stores a new or updated message. */
  save(message: SpacesMessage): void {
    this.#index(message);
    this.#log.append(message);
  }

  /** One page of a space's history: newest first going `before`, oldest first going `after`. */
  query({ spaceId, refTime, direction, category, size }: HistoryQuery): HistoryPage {
    const all = (this.#bySpace.get(spaceId) ?? []).filter((m) => category === undefined || m.category === category);
    if (direction === 'before') {
      const older = all.filter((m) => Date.parse(m.created) < refTime);
      return { data: older.slice(-size).reverse(), total: all.length, more: older.length > size };
    }
    const newer = all.filter((m) => Date.parse(m.created) > refTime);
    return { data: newer.slice(0, size), total: all.length, more: newer.length > size };
  }

  /** Messages of several spaces newer than `after`, oldest first (the catch-up after a reconnect). */
  since(spaceIds: string[], after: number, size: number): HistoryPage {
    const newer = spaceIds
      .flatMap((id) => this.#bySpace.get(id) ?? [])
      .filter((m) => Date.parse(m.created) > after)
      .sort((a, b) => Date.parse(a.created) - Date.parse(b.created));
    return { data: newer.slice(0, size), total: newer.length, more: newer.length > size };
  }

  #index(message: SpacesMessage): void {
    const list = this.#bySpace.get(message.topicId) ?? [];
    this.#bySpace.set(message.topicId, list);
    const previous = this.#byId.get(message._id);
    this.#byId.set(message._id, message);
    this.#latest = Math.max(this.#latest, Date.parse(message.created));
    if (previous) {
      const at = list.indexOf(previous);
      if (at >= 0) {
        list[at] = message;
        return;
      }
    }
    // Appends are almost always in order; insert in place for the rare out-of-order one (seeded history).
    let at = list.length;
    while (at > 0 && Date.parse(list[at - 1]!.created) > Date.parse(message.created)) at--;
    list.splice(at, 0, message);
  }
}
