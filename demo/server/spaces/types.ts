/** Wire shapes of the Avaya Spaces emulation (see shared/docs/protocols.md §1). */

/** Message categories: posts travel as `idea`. */
export type MessageCategory = 'chat' | 'idea' | 'task';

/** Task states. */
export type TaskStatus = 'pending' | 'complete';

/** A person as Spaces shows them in `sender` and member lists. */
export interface SpacesUser {
  _id: string;
  /** `user` for accounts, `anonymous` for guests from `POST /anonymous/auth`. */
  type: 'user' | 'anonymous';
  username: string;
  displayname: string;
  picture_url: string;
}

/** A room: a group space from the demo data, or a direct space between two people. */
export interface SpaceRecord {
  _id: string;
  title: string;
  description: string;
  type: 'group' | 'direct';
  members: string[];
  /** The space PIN, when the room is locked. Never sent to clients. */
  password?: string;
  /** Guests (anonymous users) may join without being listed as members. */
  openToGuests?: boolean;
}

/** An attachment as it appears in `content.data`. */
export interface FileAttachment {
  fileId: string;
  fileSize: number;
  fileType: 'image' | 'video' | 'audio' | 'document';
  name: string;
  provider: 'native';
  providerFileType: string;
  path: string;
  previewUrl?: string;
  thumbnailUrl?: string;
  thumbnailFile?: string;
}

/** What a message carries. */
export interface MessageContent {
  bodyText: string;
  description?: string;
  status?: TaskStatus;
  dueDate?: string | null;
  assignees?: { _id: string }[];
  data?: FileAttachment[];
}

/** A chat, post or task as `MESSAGE_SENT` and REST history deliver it. */
export interface SpacesMessage {
  _id: string;
  topicId: string;
  category: MessageCategory;
  created: string;
  /** Set when a post or task was changed after it was created. */
  modified?: string;
  sender: SpacesUser;
  content: MessageContent;
  parentMsg?: { _id: string; bodyText: string; category: MessageCategory };
}

/** An uploaded (or announced) file. */
export interface StoredFile {
  fileKey: string;
  contentType: string;
  size: number;
  /** Origin of the backend that handed out the upload URL, so `path` works from the browser that uploaded. */
  origin: string;
  uploaded: boolean;
}
