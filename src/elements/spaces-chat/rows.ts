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
  /** The timeline's `rewrites`: unchanged means the messages only grew at the end. */
  rewrites: number;
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
 * Appends (the live case, thousands per second in a burst) extend the previous rows instead of
 * rebuilding them, so a frame costs what arrived in it, not the size of the history.
 */
export class RowBuilder {
  #rows: Row[] = [];
  #messageRows = 0;
  #consumed = 0;
  #lastDay = '';
  #previous: SpacesMessage | undefined;
  #basis = '';

  /** Rows for `inputs`; a new array whenever anything changed. */
  build({ messages, rewrites, pending, meId, categories }: RowInputs): Row[] {
    const basis = `${rewrites}|${meId ?? ''}|${[...categories].join()}`;
    if (basis !== this.#basis || messages.length < this.#consumed) this.#reset(basis);
    const rows = this.#rows.slice(0, this.#messageRows);
    for (let i = this.#consumed; i < messages.length; i += 1) this.#append(rows, messages[i]!, meId, categories);
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

  #append(rows: Row[], message: SpacesMessage, meId: string | undefined, categories: ReadonlySet<string>): void {
    if (!categories.has(message.category)) return;
    const day = dayKey(message.createdMs);
    if (day !== this.#lastDay) {
      rows.push({ kind: 'day', key: `day-${day}`, ms: message.createdMs });
      this.#lastDay = day;
      this.#previous = undefined;
    }
    const previous = this.#previous;
    const grouped =
      previous !== undefined &&
      message.category === 'chat' &&
      previous.category === 'chat' &&
      previous.sender._id === message.sender._id &&
      message.createdMs - previous.createdMs < GROUP_WINDOW_MS;
    rows.push({ kind: 'message', key: message._id, message, grouped, own: message.sender._id === meId });
    this.#previous = message;
  }
}
