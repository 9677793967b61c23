import type { MessageCategory, OutgoingContent, OutgoingMessage } from './types.js';
import { MAX_TEXT_CHARS, isRecord } from './validate.js';

/** What the outbox keeps (and saves) per send: the message plus when the user sent it. */
export interface QueuedSend extends OutgoingMessage {
  /** Client time of the send, ms epoch; after a reload it bounds the search for a copy that reached the server. */
  at: number;
}

/** The part of `Storage` the outbox uses. */
export type SendStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const KEY_PREFIX = 'avaya-chat-elements:spaces-outbox:';
const CATEGORIES: readonly string[] = ['chat', 'idea', 'task'];
const MAX_ITEMS = 20;

/** The tab's sessionStorage, or undefined where the page may not use it (sandboxed frames, privacy modes). */
export function sessionStore(): SendStorage | undefined {
  try {
    return globalThis.sessionStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/** Storage key of one user's unsent messages in one space of one server (never derived from the token). */
export function savedSendsKey(serverUrl: string, spaceId: string, userId: string): string {
  return KEY_PREFIX + JSON.stringify([serverUrl, spaceId, userId]);
}

/** A saved send read back from storage (which the page or another script may have altered); undefined drops it. */
export function parseSavedSend(value: unknown, spaceId: string): QueuedSend | undefined {
  if (!isRecord(value) || value.topicId !== spaceId || !CATEGORIES.includes(value.category as string)) return undefined;
  if (typeof value.at !== 'number' || !Number.isFinite(value.at)) return undefined;
  const content = parseContent(value.content);
  if (!content) return undefined;
  return { topicId: spaceId, category: value.category as MessageCategory, content, at: value.at };
}

/** Saved content, only the fields a send carries, with their types checked. */
function parseContent(raw: unknown): OutgoingContent | undefined {
  if (!isRecord(raw) || typeof raw.bodyText !== 'string') return undefined;
  const content: OutgoingContent = { bodyText: raw.bodyText };
  if (typeof raw.description === 'string') content.description = raw.description;
  if (raw.status === 'pending' || raw.status === 'complete') content.status = raw.status;
  if (typeof raw.dueDate === 'string' || raw.dueDate === null) content.dueDate = raw.dueDate;
  if (Array.isArray(raw.assignees)) {
    if (!raw.assignees.every((a) => isRecord(a) && typeof a._id === 'string')) return undefined;
    content.assignees = (raw.assignees as { _id: string }[]).slice(0, MAX_ITEMS).map((a) => ({ _id: a._id }));
  }
  if (Array.isArray(raw.data)) {
    if (!raw.data.every((f) => isRecord(f) && typeof f.fileId === 'string')) return undefined;
    content.data = (raw.data as { fileId: string; name?: unknown }[]).slice(0, MAX_ITEMS).map((f) => (typeof f.name === 'string' ? { fileId: f.fileId, name: f.name } : { fileId: f.fileId }));
  }
  if (content.bodyText.length + (content.description?.length ?? 0) > MAX_TEXT_CHARS) return undefined;
  return content;
}
