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
  /** A person's display name by id. */
  nameOf(userId: string): string;
}
