import type { Clock, Timer } from '../core/clock.js';
import type { SpacesMessage, TaskStatus } from './types.js';

/** What a member may change on a task. */
export interface TaskChanges {
  /** Done or not. */
  status?: TaskStatus;
  /** ISO date it is due, or null for none. */
  dueDate?: string | null;
  /** Who it is assigned to (the whole list). */
  assignees?: { _id: string }[];
}

/** What task updates need from their room. */
export interface TaskUpdateHost {
  /** Time source of the echo timers. */
  readonly clock: Clock;
  /** True when a socket frame would reach the server. */
  socketUsable(): boolean;
  /** Emits a frame on the socket. */
  emitFrame(event: string, payload: unknown): void;
  /** Sends the change through REST. */
  sendByRest(messageId: string, changes: TaskChanges): Promise<void>;
}

/** A task change not echoed within this long is sent again through REST. */
export const TASK_ECHO_MS = 4000;

/**
 * Changes to tasks, one path for status, due date and assignees: a `SEND_MESSAGE` naming the
 * task's `_id` over the socket, and the same change through REST when no `MESSAGE_SENT` carrying
 * it comes back in time (the frame has no acknowledgement and may be lost with the connection).
 * Without a usable socket it goes through REST at once.
 */
export class TaskUpdates {
  readonly #host: TaskUpdateHost;
  readonly #spaceId: string;
  readonly #waiting = new Map<string, { changes: TaskChanges; timer: Timer }>();

  constructor(host: TaskUpdateHost, spaceId: string) {
    this.#host = host;
    this.#spaceId = spaceId;
  }

  /** Applies `changes` to `task` (a later change to the same task replaces a waiting one). */
  async update(task: SpacesMessage, changes: TaskChanges): Promise<void> {
    this.#settle(task._id);
    if (!this.#host.socketUsable()) {
      await this.#host.sendByRest(task._id, changes);
      return;
    }
    const timer = this.#host.clock.setTimeout(() => {
      this.#waiting.delete(task._id);
      void this.#host.sendByRest(task._id, changes);
    }, TASK_ECHO_MS);
    this.#waiting.set(task._id, { changes, timer });
    this.#host.emitFrame('SEND_MESSAGE', { _id: task._id, category: 'task', topicId: this.#spaceId, content: changes });
  }

  /** A `MESSAGE_SENT` arrived: when it carries a waiting change, the change is done. */
  received(message: SpacesMessage): void {
    const waiting = this.#waiting.get(message._id);
    if (waiting && carries(message, waiting.changes)) this.#settle(message._id);
  }

  /** Stops every echo timer. */
  dispose(): void {
    for (const id of [...this.#waiting.keys()]) this.#settle(id);
  }

  #settle(id: string): void {
    this.#waiting.get(id)?.timer.cancel();
    this.#waiting.delete(id);
  }
}

/** True when `message` shows every field of `changes`. */
export function carries(message: SpacesMessage, changes: TaskChanges): boolean {
  const { content } = message;
  if (changes.status !== undefined && content.status !== changes.status) return false;
  if (changes.dueDate !== undefined && timeOf(content.dueDate) !== timeOf(changes.dueDate)) return false;
  if (changes.assignees !== undefined && idsOf(content.assignees) !== idsOf(changes.assignees)) return false;
  return true;
}

function timeOf(date: string | null | undefined): number | null {
  return date ? Date.parse(date) : null;
}

function idsOf(list: { _id: string }[] | undefined): string {
  return (list ?? []).map((a) => a._id).sort().join(',');
}
