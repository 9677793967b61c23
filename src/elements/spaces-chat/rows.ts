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

/**
 * Turns messages (in order) and pending sends into list rows: a separator at each new day, and
 * consecutive chats of one sender within a few minutes grouped under one name and avatar.
 */
export function buildRows(messages: readonly SpacesMessage[], pending: readonly PendingMessage[], meId: string | undefined, categories: ReadonlySet<string>): Row[] {
  const rows: Row[] = [];
  let lastDay = '';
  let previous: SpacesMessage | undefined;
  for (const message of messages) {
    if (!categories.has(message.category)) continue;
    const day = dayKey(message.createdMs);
    if (day !== lastDay) {
      rows.push({ kind: 'day', key: `day-${day}`, ms: message.createdMs });
      lastDay = day;
      previous = undefined;
    }
    const grouped =
      previous !== undefined &&
      message.category === 'chat' &&
      previous.category === 'chat' &&
      previous.sender._id === message.sender._id &&
      message.createdMs - previous.createdMs < GROUP_WINDOW_MS;
    rows.push({ kind: 'message', key: message._id, message, grouped, own: message.sender._id === meId });
    previous = message;
  }
  for (const item of pending) rows.push({ kind: 'pending', key: `pending-${item.clientId}`, pending: item });
  return rows;
}
