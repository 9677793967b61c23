import type { PendingMessage } from '../../spaces/room.js';
import type { SpacesMessage } from '../../spaces/types.js';
import { dayKey } from '../../ui/day-label.js';

/** One row of the virtualized list. */
export type Row =
  | { kind: 'day'; key: string; ms: number }
  | { kind: 'message'; key: string; message: SpacesMessage; grouped: boolean; own: boolean }
  | { kind: 'pending'; key: string; pending: PendingMessage };

/** Messages closer than this from the same sender share one header. */
const GROUP_WINDOW_MS = 5 * 60_000;

/** What the rows depend on besides the messages themselves. */
export interface RowInputs {
  /** The timeline's messages, in order. */
  messages: readonly SpacesMessage[];
  /** The timeline's `rewrites`: unchanged means the messages only grew at their ends. */
  rewrites: number;
  /** The timeline's `prepended`: how many of the messages went in before those held at the time. */
  prepended: number;
  /** Own sends not confirmed yet (rows at the end). */
  pending: readonly PendingMessage[];
  /** The signed-in user, whose messages are `own`. */
  meId: string | undefined;
  /** Kinds to show. */
  categories: ReadonlySet<string>;
}

/**
 * Turns messages (in order) and pending sends into list rows: a separator at each new day, and
 * consecutive chats of one sender within a few minutes grouped under one name and avatar.
 * Appends (the live case, thousands per second in a burst) extend the previous rows, and an older
 * history page only has its own rows made and joined on, so a frame or a page costs what arrived
 * in it, not the size of the history.
 */
export class RowBuilder {
  #rows: Row[] = [];
  #messageRows = 0;
  #consumed = 0;
  #prepended = 0;
  #lastDay = '';
  #previous: SpacesMessage | undefined;
  #basis = '';

  /** Rows for `inputs`; a new array whenever anything changed. */
  build({ messages, rewrites, prepended, pending, meId, categories }: RowInputs): Row[] {
    const basis = `${rewrites}|${meId ?? ''}|${[...categories].join()}`;
    let front = prepended - this.#prepended;
    if (basis !== this.#basis || front < 0 || messages.length < this.#consumed + front) this.#reset(basis);
    this.#prepended = prepended;
    let rows = this.#rows.slice(0, this.#messageRows);
    if (this.#consumed === 0) front = 0;
    else if (front > 0) rows = this.#prepend(messages.slice(0, front), rows, meId, categories);
    for (let i = this.#consumed + front; i < messages.length; i += 1) this.#append(rows, messages[i]!, meId, categories);
    this.#consumed = messages.length;
    this.#messageRows = rows.length;
    for (const item of pending) rows.push({ kind: 'pending', key: `pending-${item.clientId}`, pending: item });
    this.#rows = rows;
    return rows;
  }

  #reset(basis: string): void {
    this.#basis = basis;
    this.#rows = [];
    this.#messageRows = 0;
    this.#consumed = 0;
    this.#lastDay = '';
    this.#previous = undefined;
  }

  /**
   * Rows of `older` (which went in before everything consumed) on their own, joined to `rows`: only
   * the first shown row before them can change (its day's separator goes when the older rows end
   * on that day; it may group with the last of them).
   */
  #prepend(older: readonly SpacesMessage[], rows: Row[], meId: string | undefined, categories: ReadonlySet<string>): Row[] {
    const [lastDay, previous] = [this.#lastDay, this.#previous];
    this.#lastDay = '';
    this.#previous = undefined;
    const head: Row[] = [];
    for (const message of older) this.#append(head, message, meId, categories);
    const first = rows[1];
    if (first?.kind !== 'message') return head.concat(rows);
    const sameDay = dayKey(first.message.createdMs) === this.#lastDay;
    const joined = { ...first, grouped: sameDay && groups(this.#previous, first.message) };
    [this.#lastDay, this.#previous] = [lastDay, previous];
    return head.concat(sameDay ? [] : rows[0]!, joined, rows.slice(2));
  }

  #append(rows: Row[], message: SpacesMessage, meId: string | undefined, categories: ReadonlySet<string>): void {
    if (!categories.has(message.category)) return;
    const day = dayKey(message.createdMs);
    if (day !== this.#lastDay) {
      rows.push({ kind: 'day', key: `day-${day}`, ms: message.createdMs });
      this.#lastDay = day;
      this.#previous = undefined;
    }
    rows.push({ kind: 'message', key: message._id, message, grouped: groups(this.#previous, message), own: message.sender._id === meId });
    this.#previous = message;
  }
}

/** True when `message` shares the header of `previous` (the shown message before it on the same day). */
function groups(previous: SpacesMessage | undefined, message: SpacesMessage): boolean {
  return (
    previous !== undefined &&
    message.category === 'chat' &&
    previous.category === 'chat' &&
    previous.sender._id === message.sender._id &&
    message.createdMs - previous.createdMs < GROUP_WINDOW_MS
  );
}
