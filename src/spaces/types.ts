/** Wire shapes of Avaya Spaces as the socket and REST API deliver them (protocols.md §1). */

/** Message categories; posts travel as `idea`. */
export type MessageCategory = 'chat' | 'idea' | 'task';

/** Task states. */
export type TaskStatus = 'pending' | 'complete';

/** A person as Spaces shows them in `sender` and member lists. */
export interface SpacesUser {
  /** The user's id. */
  _id: string;
  /** `user` for accounts, `anonymous` for guests. */
  type: string;
  /** Sign-in name, usually an e-mail address. */
  username: string;
  /** Name to show. */
  displayname: string;
  /** Picture URL, or '' for none. */
  picture_url: string;
}

/** An attachment in `content.data`. */
export interface SpacesFile {
  /** The file key from `files/getuploadurl`. */
  fileId: string;
  /** Size in bytes. */
  fileSize: number;
  /** Broad kind of file. */
  fileType: 'image' | 'video' | 'audio' | 'document';
  /** File name. */
  name: string;
  /** MIME type. */
  providerFileType: string;
  /** Where the file is served. */
  path: string;
  /** A preview image, when the server made one. */
  previewUrl?: string;
  /** A thumbnail image, when the server made one. */
  thumbnailUrl?: string;
}

/** What a chat, post or task carries. */
export interface SpacesContent {
  /** The text of a chat, or the title of a post or task (HTML from the vendor's web client). */
  bodyText: string;
  /** A post's or task's details. */
  description?: string;
  /** A task's state. */
  status?: TaskStatus;
  /** When a task is due (ISO), or null. */
  dueDate?: string | null;
  /** Who a task is assigned to. */
  assignees?: { _id: string }[];
  /** Attached files. */
  data?: SpacesFile[];
}

/** A chat, post or task (MESSAGE_SENT and REST history). */
export interface SpacesMessage {
  /** The message's id. */
  _id: string;
  /** The space it belongs to. */
  topicId: string;
  /** Chat, post (`idea`) or task. */
  category: MessageCategory;
  /** When the server stored it (ISO). */
  created: string;
  /** Parsed `created`, kept so ordering never re-parses dates. */
  createdMs: number;
  /** When a post or task was last changed (ISO). */
  modified?: string;
  /** Who sent it. */
  sender: SpacesUser;
  /** What it says. */
  content: SpacesContent;
  /** The post or task it answers. */
  parentMsg?: { _id: string; bodyText: string; category: MessageCategory };
  /** Only in the sender's own echo: the client id of the send it confirms. */
  loopbackMetadata?: string;
}

/** A presence event relayed by the server (`PRESENCE_EVENT_RESPONSE`). */
export interface SpacesPresence {
  /** `app.event.presence.party.online`, `…party.leaves` or `party.typing`. */
  category: string;
  /** The space. */
  topicId: string;
  /** Who it is about. */
  sender: SpacesUser;
  /** The users it was addressed to; empty for everyone. */
  receivers: string[];
}

/** Content of a message the user composes. */
export interface OutgoingContent {
  /** Chat text, or the title of a post or task. */
  bodyText: string;
  /** A post's or task's details. */
  description?: string;
  /** A task's state. */
  status?: TaskStatus;
  /** When a task is due (ISO), or null. */
  dueDate?: string | null;
  /** Who a task is assigned to. */
  assignees?: { _id: string }[];
  /** Uploaded files, by file key. */
  data?: { fileId: string; name?: string }[];
}

/** A send waiting in the outbox: everything needed to deliver it by socket or by REST. */
export interface OutgoingMessage {
  /** The space. */
  topicId: string;
  /** Chat, post or task. */
  category: MessageCategory;
  /** What to send. */
  content: OutgoingContent;
}

/** A space as `GET /spaces/{id}` returns it (only what the widget uses). */
export interface SpaceInfo {
  /** The space's id. */
  _id: string;
  /** Its title. */
  title: string;
  /** What it is about. */
  description?: string;
}

/** A page of REST history. */
export interface HistoryPage {
  /** The page's messages, oldest first. */
  messages: SpacesMessage[];
  /** False once the server says there is nothing older (`nextPageUrl: "end"` or a short page). */
  more: boolean;
}

/** Presence categories of the roster protocol. */
export const PRESENCE = {
  online: 'app.event.presence.party.online',
  leaves: 'app.event.presence.party.leaves',
  typing: 'party.typing',
} as const;

/** `SEND_MESSAGE_FAILED` type of a frame refused because the socket is not subscribed to its space. */
export const NOT_SUBSCRIBED = 'app.event.channel.subscription.required';
