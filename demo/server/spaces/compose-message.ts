import { randomBytes } from 'node:crypto';
import type { Directory } from './directory.js';
import { attachmentOf, type FileStore } from './file-store.js';
import type { MessageStore } from './message-store.js';
import type { FileAttachment, MessageContent, SpaceRecord, SpacesMessage, SpacesUser } from './types.js';
import type { Parsed, SendMessageFrame } from './validate.js';

/** A message ready to store and broadcast. */
export interface ComposedMessage {
  message: SpacesMessage;
  /** True when it replaces an existing post or task. */
  updated: boolean;
}

/** What composing needs to look things up. */
export interface ComposeSources {
  directory: Directory;
  messages: MessageStore;
  files: FileStore;
}

/**
 * Builds the server's message from a checked frame: the server fills `_id`, `created` and the full
 * `sender`, resolves `fileId`s into file objects and `parentMsg` into its summary.
 *
 * Updates: a `SEND_MESSAGE` (or REST `PUT|PATCH /spaces/{id}/tasks|ideas/{msgId}`) naming an
 * existing `_id` changes that post or task, merging the given content fields over the stored
 * ones; the result is re-broadcast as `MESSAGE_SENT` with the same `_id`, which is how the
 * vendor announces task changes. Any member may update a task (status, due date, assignees are
 * shared work); only its author may change a post; chats cannot be edited.
 */
export function composeMessage(sources: ComposeSources, space: SpaceRecord, sender: SpacesUser, frame: SendMessageFrame): Parsed<ComposedMessage> {
  const { directory, messages } = sources;
  const input = frame.content;
  if (input.assignees) {
    const stranger = input.assignees.find((id) => !directory.isMember(space, id));
    if (stranger !== undefined) return { ok: false, reason: `assignee "${stranger}" is not a member of the space` };
  }
  let data: FileAttachment[] | undefined;
  if (input.data) {
    data = [];
    for (const { fileId, name } of input.data) {
      const file = sources.files.get(fileId);
      if (!file?.uploaded) return { ok: false, reason: `file "${fileId}" was not uploaded (PUT it to the URL from files/getuploadurl first)` };
      data.push(attachmentOf(file, name ?? 'file'));
    }
  }

  if (frame._id !== undefined) {
    const existing = messages.get(frame._id);
    if (!existing || existing.topicId !== space._id) return { ok: false, reason: `no message "${frame._id}" in this space` };
    if (existing.category !== frame.category) return { ok: false, reason: `message "${frame._id}" is a ${existing.category}, not a ${frame.category}` };
    if (existing.category === 'chat') return { ok: false, reason: 'chat messages cannot be edited' };
    if (existing.category === 'idea' && existing.sender._id !== sender._id) return { ok: false, reason: 'only the author may change a post' };
    const content: MessageContent = { ...existing.content, ...definedFields(input), ...(data ? { data } : {}) };
    if (input.assignees) content.assignees = input.assignees.map((_id) => ({ _id }));
    if (content.bodyText.trim() === '') return { ok: false, reason: `a ${existing.category === 'idea' ? 'post' : 'task'} needs a title in content.bodyText` };
    return { ok: true, value: { message: { ...existing, content, modified: new Date().toISOString() }, updated: true } };
  }

  let parentMsg: SpacesMessage['parentMsg'];
  if (frame.parentId !== undefined) {
    const parent = messages.get(frame.parentId);
    if (!parent || parent.topicId !== space._id) return { ok: false, reason: `parent message "${frame.parentId}" is not in this space` };
    parentMsg = { _id: parent._id, bodyText: parent.content.bodyText, category: parent.category };
  }
  const content: MessageContent = { bodyText: input.bodyText ?? '' };
  if (input.description !== undefined) content.description = input.description;
  if (frame.category === 'task') {
    content.status = input.status ?? 'pending';
    content.dueDate = input.dueDate ?? null;
    content.assignees = (input.assignees ?? []).map((_id) => ({ _id }));
  }
  if (data) content.data = data;
  const message: SpacesMessage = {
    _id: newMessageId(),
    topicId: space._id,
    category: frame.category,
    created: messages.nextCreated(),
    sender,
    content,
    ...(parentMsg ? { parentMsg } : {}),
  };
  return { ok: true, value: { message, updated: false } };
}

/** A 24-hex-digit id like the vendor's (MongoDB ObjectId-shaped). */
export function newMessageId(): string {
  return randomBytes(12).toString('hex');
}

function definedFields(input: SendMessageFrame['content']): Partial<MessageContent> {
  const out: Partial<MessageContent> = {};
  if (input.bodyText !== undefined) out.bodyText = input.bodyText;
  if (input.description !== undefined) out.description = input.description;
  if (input.status !== undefined) out.status = input.status;
  if (input.dueDate !== undefined) out.dueDate = input.dueDate;
  return out;
}
