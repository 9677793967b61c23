/** Wire shapes of the Avaya Spaces emulation (see shared/docs/protocols.md §1). */

/** Message categories: posts travel as `idea`. */
export type MessageCategory = 'chat' | 'idea' | 'task';

/** Task states. */
export type TaskStatus = 'pending' | 'complete';

/** A person as Spaces shows them in `sender` and member lists. */
export interface SpacesUser {
  /** The user's id. */
  _id: string;
  /** `user` for accounts, `anonymous` for guests from `POST /anonymous/auth`. */
  type: 'user' | 'anonymous';
  /** Sign-in name (an e-mail address for accounts). */
  username: string;
  /** Name to show. */
  displayname: string;
  /** Picture URL, or '' for none. */
  picture_url: string;
}

/** A room: a group space from the demo data, or a direct space between two people. */
export interface SpaceRecord {
  /** The space's id. */
  _id: string;
  /** Its title. */
  title: string;
  /** What it is about. */
  description: string;
  /** A group space, or a direct space between two people. */
  type: 'group' | 'direct';
  /** Ids of the members. */
  members: string[];
  /** The space PIN, when the room is locked. Never sent to clients. */
  password?: string;
  /** Guests (anonymous users) may join without being listed as members. */
  openToGuests?: boolean;
}

/** An attachment as it appears in `content.data`. */
export interface FileAttachment {
  /** The file key from `files/getuploadurl`. */
  fileId: string;
  /** Size in bytes. */
  fileSize: number;
  /** Broad kind, from the MIME type. */
  fileType: 'image' | 'video' | 'audio' | 'document';
  /** File name as the sender gave it. */
  name: string;
  /** Where the file is stored (always the vendor's own storage here). */
  provider: 'native';
  /** MIME type. */
  providerFileType: string;
  /** Where the file is served. */
  path: string;
  /** Preview image (images only). */
  previewUrl?: string;
  /** Thumbnail image (images only). */
  thumbnailUrl?: string;
  /** File key of the thumbnail. */
  thumbnailFile?: string;
}

/** What a message carries. */
export interface MessageContent {
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
  /** Attached files. */
  data?: FileAttachment[];
}

/** A chat, post or task as `MESSAGE_SENT` and REST history deliver it. */
export interface SpacesMessage {
  /** The message's id (24 hex digits, like the vendor's). */
  _id: string;
  /** The space. */
  topicId: string;
  /** Chat, post (`idea`) or task. */
  category: MessageCategory;
  /** When it was stored (ISO), unique and increasing. */
  created: string;
  /** Set when a post or task was changed after it was created. */
  modified?: string;
  /** Who sent it (always the token's user). */
  sender: SpacesUser;
  /** What it says. */
  content: MessageContent;
  /** Summary of the post or task it answers. */
  parentMsg?: { _id: string; bodyText: string; category: MessageCategory };
}

/** An uploaded (or announced) file. */
export interface StoredFile {
  /** Unguessable key: the upload URL is the only credential. */
  fileKey: string;
  /** MIME type announced to `getuploadurl`. */
  contentType: string;
  /** Bytes announced (the upload must match). */
  size: number;
  /** Origin of the backend that handed out the upload URL, so `path` works from the browser that uploaded. */
  origin: string;
  /** True once the bytes arrived. */
  uploaded: boolean;
}
