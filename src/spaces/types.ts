/** Wire shapes of Avaya Spaces as the socket and REST API deliver them (protocols.md §1). */

/** Message categories; posts travel as `idea`. */
export type MessageCategory = 'chat' | 'idea' | 'task';

/** Task states. */
export type TaskStatus = 'pending' | 'complete';

/** A person as Spaces shows them in `sender` and member lists. */
export interface SpacesUser {
  _id: string;
  type: string;
  username: string;
  displayname: string;
  picture_url: string;
}

/** An attachment in `content.data`. */
export interface SpacesFile {
  fileId: string;
  fileSize: number;
  fileType: 'image' | 'video' | 'audio' | 'document';
  name: string;
  providerFileType: string;
  path: string;
  previewUrl?: string;
  thumbnailUrl?: string;
}

/** What a chat, post or task carries. */
export interface SpacesContent {
  bodyText: string;
  description?: string;
  status?: TaskStatus;
  dueDate?: string | null;
  assignees?: { _id: string }[];
  data?: SpacesFile[];
}

/** A chat, post or task (MESSAGE_SENT and REST history). */
export interface SpacesMessage {
  _id: string;
  topicId: string;
  category: MessageCategory;
  created: string;
  /** Parsed `created`, kept so ordering never re-parses dates. */
  createdMs: number;
  modified?: string;
  sender: SpacesUser;
  content: SpacesContent;
  parentMsg?: { _id: string; bodyText: string; category: MessageCategory };
  /** Only in the sender's own echo: the client id of the send it confirms. */
  loopbackMetadata?: string;
}

/** A presence event relayed by the server (`PRESENCE_EVENT_RESPONSE`). */
export interface SpacesPresence {
  category: string;
  topicId: string;
  sender: SpacesUser;
  receivers: string[];
}

/** Content of a message the user composes. */
export interface OutgoingContent {
  bodyText: string;
  description?: string;
  status?: TaskStatus;
  dueDate?: string | null;
  assignees?: { _id: string }[];
  data?: { fileId: string; name?: string }[];
}

/** A send waiting in the outbox: everything needed to deliver it by socket or by REST. */
export interface OutgoingMessage {
  topicId: string;
  category: MessageCategory;
  content: OutgoingContent;
}

/** A space as `GET /spaces/{id}` returns it (only what the widget uses). */
export interface SpaceInfo {
  _id: string;
  title: string;
  description?: string;
}

/** A page of REST history. */
export interface HistoryPage {
  messages: SpacesMessage[];
  /** False once the server says there is nothing older (`nextPageUrl: "end"` or a short page). */
  more: boolean;
}

/** Names of the socket events the client listens to. */
export const SERVER_EVENTS = ['CHANNEL_SUBSCRIBED', 'SUBSCRIBE_CHANNEL_FAILED', 'CHANNEL_UNSUBSCRIBED', 'MESSAGE_SENT', 'PRESENCE_EVENT_RESPONSE', 'SEND_MESSAGE_FAILED'] as const;

/** Presence categories of the roster protocol. */
export const PRESENCE = {
  online: 'app.event.presence.party.online',
  leaves: 'app.event.presence.party.leaves',
  typing: 'party.typing',
} as const;
