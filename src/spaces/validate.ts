import type { MessageCategory, SpaceInfo, SpacesContent, SpacesFile, SpacesMessage, SpacesPresence, SpacesUser } from './types.js';

/** Largest socket frame accepted; bigger ones are dropped before parsing (a chat is far smaller). */
export const MAX_FRAME_CHARS = 256 * 1024;

/** Largest body plus description of one message; bigger messages are dropped. */
export const MAX_TEXT_CHARS = 64 * 1024;

/** Names longer than this are cut (they only label things). */
const MAX_LABEL = 512;

/** URLs longer than this are dropped, not cut: a cut URL points somewhere else. */
export const MAX_URL = 2048;

const CATEGORIES: readonly string[] = ['chat', 'idea', 'task'];
const FILE_TYPES: readonly string[] = ['image', 'video', 'audio', 'document'];
const MAX_ID = 200;

type Rec = Record<string, unknown>;

/** True for a plain object (not null, not an array). */
export function isRecord(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID;
}

function str(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

function url(value: unknown): string | undefined {
  return typeof value === 'string' && value.length <= MAX_URL ? value : undefined;
}

/** Reports a dropped frame once, saying what was wrong without echoing the (possibly huge) payload. */
export function warnDropped(what: string, reason: string): void {
  console.warn(`[spaces-chat] dropped ${what}: ${reason}`);
}

/** A user object, tolerant of missing optional fields; undefined without an id. */
export function parseUser(raw: unknown): SpacesUser | undefined {
  if (!isRecord(raw) || !isId(raw._id)) return undefined;
  return {
    _id: raw._id,
    type: str(raw.type, 'user').slice(0, MAX_LABEL),
    username: str(raw.username).slice(0, MAX_LABEL),
    displayname: (str(raw.displayname) || str(raw.username) || raw._id).slice(0, MAX_LABEL),
    picture_url: url(raw.picture_url) ?? '',
  };
}

function parseFile(raw: unknown): SpacesFile | undefined {
  if (!isRecord(raw) || !isId(raw.fileId)) return undefined;
  const fileType = FILE_TYPES.includes(str(raw.fileType)) ? (raw.fileType as SpacesFile['fileType']) : 'document';
  const file: SpacesFile = {
    fileId: raw.fileId,
    fileSize: typeof raw.fileSize === 'number' ? raw.fileSize : 0,
    fileType,
    name: str(raw.name, 'file').slice(0, MAX_LABEL),
    providerFileType: str(raw.providerFileType).slice(0, MAX_LABEL),
    path: url(raw.path) ?? '',
  };
  const previewUrl = url(raw.previewUrl);
  const thumbnailUrl = url(raw.thumbnailUrl);
  if (previewUrl !== undefined) file.previewUrl = previewUrl;
  if (thumbnailUrl !== undefined) file.thumbnailUrl = thumbnailUrl;
  return file;
}

function parseContent(raw: unknown): SpacesContent | undefined {
  if (!isRecord(raw)) return undefined;
  if (raw.bodyText !== undefined && raw.bodyText !== null && typeof raw.bodyText !== 'string') return undefined;
  const content: SpacesContent = { bodyText: str(raw.bodyText) };
  if (typeof raw.description === 'string') content.description = raw.description;
  if (raw.status === 'pending' || raw.status === 'complete') content.status = raw.status;
  if (typeof raw.dueDate === 'string' && !Number.isNaN(Date.parse(raw.dueDate))) content.dueDate = raw.dueDate;
  if (Array.isArray(raw.assignees)) {
    content.assignees = raw.assignees.filter((a): a is { _id: string } => isRecord(a) && isId(a._id)).map((a) => ({ _id: a._id }));
  }
  if (Array.isArray(raw.data)) content.data = raw.data.map(parseFile).filter((f): f is SpacesFile => f !== undefined);
  return content;
}

/**
 * Validates a message from `MESSAGE_SENT` or REST history; returns the reason it is unusable
 * as a string, or the message.
 */
export function checkMessage(raw: unknown): SpacesMessage | string {
  if (!isRecord(raw)) return 'not an object';
  if (!isId(raw._id)) return 'missing _id';
  if (!isId(raw.topicId)) return 'missing topicId';
  if (!CATEGORIES.includes(str(raw.category))) return 'unknown category';
  const createdMs = typeof raw.created === 'string' ? Date.parse(raw.created) : Number.NaN;
  if (Number.isNaN(createdMs)) return 'created is not a date';
  const sender = parseUser(raw.sender);
  if (!sender) return 'missing sender';
  const content = parseContent(raw.content);
  if (!content) return 'content is not an object';
  if (content.bodyText.length + (content.description?.length ?? 0) > MAX_TEXT_CHARS) return `larger than ${MAX_TEXT_CHARS} characters`;
  const message: SpacesMessage = { _id: raw._id, topicId: raw.topicId, category: raw.category as MessageCategory, created: raw.created as string, createdMs, sender, content };
  if (typeof raw.modified === 'string') message.modified = raw.modified;
  if (typeof raw.loopbackMetadata === 'string') message.loopbackMetadata = raw.loopbackMetadata;
  if (isRecord(raw.parentMsg) && isId(raw.parentMsg._id) && CATEGORIES.includes(str(raw.parentMsg.category))) {
    message.parentMsg = { _id: raw.parentMsg._id, bodyText: str(raw.parentMsg.bodyText), category: raw.parentMsg.category as MessageCategory };
  }
  return message;
}

/** A message, or undefined after one console warning. */
export function parseMessage(raw: unknown, what = 'message'): SpacesMessage | undefined {
  const checked = checkMessage(raw);
  if (typeof checked === 'string') {
    warnDropped(what, checked);
    return undefined;
  }
  return checked;
}

/** A presence event, or undefined after one console warning. */
export function parsePresence(raw: unknown): SpacesPresence | undefined {
  const sender = isRecord(raw) ? parseUser(raw.sender) : undefined;
  if (!isRecord(raw) || typeof raw.category !== 'string' || !isId(raw.topicId) || !sender) {
    warnDropped('presence event', 'needs category, topicId and sender');
    return undefined;
  }
  const receivers = Array.isArray(raw.receivers) ? raw.receivers.filter(isId) : [];
  return { category: raw.category, topicId: raw.topicId, sender, receivers };
}

/** The space id of a `CHANNEL_*` / `SUBSCRIBE_CHANNEL_FAILED` frame, or undefined after a warning. */
export function parseChannelId(raw: unknown, what: string): string | undefined {
  const id = isRecord(raw) && isRecord(raw.channel) ? raw.channel._id : undefined;
  if (isId(id)) return id;
  warnDropped(what, 'missing channel._id');
  return undefined;
}

/** The reason text of a failure frame. */
export function failureReason(raw: unknown): { type: string; reason: string } {
  if (!isRecord(raw)) return { type: 'unknown', reason: 'unknown error' };
  return { type: str(raw.type, 'unknown'), reason: str(raw.reason) || str(raw.message) || str(raw.type, 'unknown error') };
}

/** Fields of a `SEND_MESSAGE_FAILED` that identify the send. */
export function parseSendFailure(raw: unknown): { topicId?: string; loopbackMetadata?: string; type: string; reason: string } {
  const base = failureReason(raw);
  if (!isRecord(raw)) return base;
  return {
    ...base,
    ...(isId(raw.topicId) ? { topicId: raw.topicId } : {}),
    ...(typeof raw.loopbackMetadata === 'string' ? { loopbackMetadata: raw.loopbackMetadata } : {}),
  };
}

/** A list of messages from a REST body (`{ data: [...] }`): bad entries are dropped one by one; undefined was dropped (and warned about) already. */
export function parseMessageList(body: unknown, what: string): { messages: SpacesMessage[]; raw: number; nextPageUrl?: string } {
  if (!isRecord(body) || !Array.isArray(body.data)) {
    if (body !== undefined) warnDropped(what, 'response has no data array');
    return { messages: [], raw: 0 };
  }
  const messages: SpacesMessage[] = [];
  for (const item of body.data) {
    const message = parseMessage(item, `${what} entry`);
    if (message) messages.push(message);
  }
  return { messages, raw: body.data.length, ...(typeof body.nextPageUrl === 'string' ? { nextPageUrl: body.nextPageUrl } : {}) };
}

/** A space description from REST. */
export function parseSpaceInfo(body: unknown): SpaceInfo | undefined {
  const raw = isRecord(body) && isRecord(body.data) ? body.data : body;
  if (!isRecord(raw) || !isId(raw._id)) return undefined;
  return { _id: raw._id, title: str(raw.title, raw._id), ...(typeof raw.description === 'string' ? { description: raw.description } : {}) };
}

/** Member list from `GET /spaces/{id}/members` (`{ data: [user or { member: user }] }`). */
export function parseMembers(body: unknown): SpacesUser[] {
  const list = isRecord(body) && Array.isArray(body.data) ? body.data : Array.isArray(body) ? body : [];
  return list.map((m: unknown) => parseUser(isRecord(m) && isRecord(m.member) ? m.member : m)).filter((u): u is SpacesUser => u !== undefined);
}
