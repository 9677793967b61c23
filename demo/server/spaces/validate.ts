import { isRecord } from '../http/body.js';
import type { MessageCategory, TaskStatus } from './types.js';

/** Largest inbound socket frame or REST message body the emulation accepts. */
export const MAX_FRAME_BYTES = 64 * 1024;

/** The outcome of checking untrusted input. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Message content as a client may send it, before files and assignees are resolved. */
export interface ContentInput {
  /** Chat text, or the title of a post or task. */
  bodyText?: string;
  /** A post's or task's details. */
  description?: string;
  /** A task's state. */
  status?: TaskStatus;
  /** When a task is due (ISO), or null to clear it. */
  dueDate?: string | null;
  /** Ids of the people a task is assigned to. */
  assignees?: string[];
  /** Uploaded files by key, with their names. */
  data?: { fileId: string; name?: string }[];
}

/** A checked `SEND_MESSAGE` frame. */
export interface SendMessageFrame {
  /** The space. */
  topicId: string;
  /** Chat, post (`idea`) or task. */
  category: MessageCategory;
  /** What the message says (or, for an update, what changes). */
  content: ContentInput;
  /** Present when the frame updates an existing post or task. */
  _id?: string;
  /** The post or task it answers. */
  parentId?: string;
  /** Returned unchanged in the sender's own `MESSAGE_SENT` only. */
  loopbackMetadata?: unknown;
}

/** A checked `SEND_PRESENCE_EVENT` frame. */
export interface PresenceFrame {
  /** The space. */
  topicId: string;
  /** A dotted name such as `party.typing`. */
  category: string;
  /** Free-form details, relayed as they are. */
  content: Record<string, unknown>;
  /** User ids it is for; empty for everyone in the space. */
  receivers: string[];
}

const CATEGORIES: readonly MessageCategory[] = ['chat', 'idea', 'task'];
const MAX_ID = 200;
const MAX_FILES = 10;
const MAX_ASSIGNEES = 50;

/** Byte size of a frame as JSON, or Infinity when it cannot be serialised. */
export function frameSize(payload: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(payload) ?? '');
  } catch {
    return Infinity;
  }
}

/** Checks `{ channel: { _id, type: 'topic', password? } }` (`SUBSCRIBE_CHANNEL` and `UNSUBSCRIBE_CHANNEL`). */
export function parseChannel(payload: unknown): Parsed<{ spaceId: string; password?: string }> {
  if (frameSize(payload) > MAX_FRAME_BYTES) return fail(`frame is larger than ${MAX_FRAME_BYTES} bytes`);
  if (!isRecord(payload) || !isRecord(payload.channel)) return fail('payload must be an object with a "channel" object');
  const { _id, type, password } = payload.channel;
  if (!isId(_id)) return fail('channel._id must be a non-empty string');
  if (type !== undefined && type !== 'topic') return fail('channel.type must be "topic"');
  if (password !== undefined && password !== null && typeof password !== 'string') return fail('channel.password must be a string');
  return { ok: true, value: { spaceId: _id, ...(typeof password === 'string' ? { password } : {}) } };
}

/** Checks a `SEND_MESSAGE` frame. `sender` is ignored: the server always uses the token's user. */
export function parseSendMessage(payload: unknown): Parsed<SendMessageFrame> {
  if (frameSize(payload) > MAX_FRAME_BYTES) return fail(`message is larger than ${MAX_FRAME_BYTES} bytes`);
  if (!isRecord(payload)) return fail('payload must be an object');
  const { topicId, category, _id, parentMsg } = payload;
  if (!isId(topicId)) return fail('topicId must be a non-empty string');
  if (!CATEGORIES.includes(category as MessageCategory)) return fail('category must be "chat", "idea" or "task"');
  if (_id !== undefined && !isId(_id)) return fail('_id must be a non-empty string when present');
  if (parentMsg !== undefined && parentMsg !== null && !(isRecord(parentMsg) && isId(parentMsg._id))) return fail('parentMsg must be { _id }');
  const content = parseContent(payload.content, category as MessageCategory, _id !== undefined);
  if (!content.ok) return content;
  return {
    ok: true,
    value: {
      topicId,
      category: category as MessageCategory,
      content: content.value,
      ...(_id !== undefined ? { _id: _id as string } : {}),
      ...(isRecord(parentMsg) ? { parentId: parentMsg._id as string } : {}),
      ...('loopbackMetadata' in payload ? { loopbackMetadata: payload.loopbackMetadata } : {}),
    },
  };
}

/**
 * Checks message content. A new message needs a body (a chat may have only files instead);
 * an update (`partial`) may carry any subset of the fields.
 */
export function parseContent(raw: unknown, category: MessageCategory, partial: boolean): Parsed<ContentInput> {
  if (!isRecord(raw)) return fail('content must be an object');
  const out: ContentInput = {};
  const { bodyText, description, status, dueDate, assignees, data } = raw;
  if (bodyText !== undefined) {
    if (typeof bodyText !== 'string') return fail('content.bodyText must be a string');
    out.bodyText = bodyText;
  }
  if (description !== undefined && description !== null) {
    if (typeof description !== 'string') return fail('content.description must be a string');
    out.description = description;
  }
  if (status !== undefined && status !== null) {
    if (status !== 'pending' && status !== 'complete') return fail('content.status must be "pending" or "complete"');
    if (category !== 'task') return fail('content.status only applies to tasks');
    out.status = status;
  }
  if (dueDate !== undefined) {
    if (dueDate !== null && (typeof dueDate !== 'string' || Number.isNaN(Date.parse(dueDate)))) return fail('content.dueDate must be an ISO date or null');
    out.dueDate = dueDate === null ? null : new Date(dueDate).toISOString();
  }
  if (assignees !== undefined && assignees !== null) {
    if (!Array.isArray(assignees) || assignees.length > MAX_ASSIGNEES) return fail(`content.assignees must be an array of at most ${MAX_ASSIGNEES} { _id }`);
    const ids = assignees.map((a: unknown) => (typeof a === 'string' ? a : isRecord(a) ? a._id : undefined));
    if (!ids.every(isId)) return fail('every assignee must be { _id: string }');
    out.assignees = ids;
  }
  if (data !== undefined && data !== null) {
    if (!Array.isArray(data) || data.length > MAX_FILES) return fail(`content.data must be an array of at most ${MAX_FILES} files`);
    const files: { fileId: string; name?: string }[] = [];
    for (const item of data as unknown[]) {
      if (!isRecord(item) || !isId(item.fileId)) return fail('every content.data entry needs a fileId string');
      if (item.name !== undefined && (typeof item.name !== 'string' || item.name.length > 255)) return fail('content.data[].name must be a string of at most 255 characters');
      files.push({ fileId: item.fileId, ...(typeof item.name === 'string' ? { name: item.name } : {}) });
    }
    out.data = files;
  }
  if (!partial) {
    const hasBody = (out.bodyText ?? '').trim() !== '';
    if (category === 'chat' && !hasBody && !(out.data && out.data.length > 0)) return fail('a chat needs content.bodyText or a file in content.data');
    if (category !== 'chat' && !hasBody) return fail(`a ${category === 'idea' ? 'post' : 'task'} needs a title in content.bodyText`);
  }
  return { ok: true, value: out };
}

/** Checks a `SEND_PRESENCE_EVENT` frame. */
export function parsePresence(payload: unknown): Parsed<PresenceFrame> {
  if (frameSize(payload) > MAX_FRAME_BYTES) return fail(`presence event is larger than ${MAX_FRAME_BYTES} bytes`);
  if (!isRecord(payload)) return fail('payload must be an object');
  const { topicId, category, content, receivers } = payload;
  if (!isId(topicId)) return fail('topicId must be a non-empty string');
  if (typeof category !== 'string' || !/^[\w.-]{1,100}$/.test(category)) return fail('category must be a dotted name such as "party.typing"');
  if (content !== undefined && content !== null && !isRecord(content)) return fail('content must be an object');
  if (receivers !== undefined && receivers !== null && !(Array.isArray(receivers) && receivers.every(isId))) return fail('receivers must be an array of user ids');
  return {
    ok: true,
    value: { topicId, category, content: isRecord(content) ? content : {}, receivers: Array.isArray(receivers) ? (receivers as string[]) : [] },
  };
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID;
}

function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}
