import type { SpacesRoom } from '../../spaces/room.js';
import type { MessageBodies } from './bodies.js';
import type { StringId } from './strings.js';

/** What the render functions of `<spaces-chat>` read: one snapshot per render. */
export interface ChatView {
  /** UI strings in the element's locale. */
  readonly t: Record<StringId, string>;
  /** Locale for dates and times. */
  readonly locale: string;
  /** The open room, if any. */
  readonly room: SpacesRoom | undefined;
  /** True when the element is read-only. */
  readonly readonly: boolean;
  /** Bodies and descriptions as safe DOM. */
  readonly bodies: MessageBodies;
  /** Time the render started (for "Today"/"Yesterday"). */
  readonly now: number;
  /** The task whose due date and assignees are being edited, if any. */
  readonly editingTask: string | undefined;
  /** A person's display name by id. */
  nameOf(userId: string): string;
  /** Opens the editor of a task card (or closes it with undefined). */
  editTask(taskId: string | undefined): void;
  /**
   * Focuses the message list: for a control about to go away (a failed send's Retry or Discard, an
   * upload's Cancel, the sign-in Retry), so that focus does not fall back to the page.
   */
  refocus(): void;
}
