import { StringTables } from '../../ui/string-tables.js';

/** Every user-visible string of `<spaces-chat>`, by id. */
const en = {
  messagesLabel: 'Messages',
  untitled: 'Avaya Spaces',
  placeholder: 'Write a message',
  inputLabel: 'Message',
  send: 'Send',
  attach: 'Attach a file',
  categoryLabel: 'Kind of message',
  chat: 'Chat',
  idea: 'Post',
  task: 'Task',
  today: 'Today',
  yesterday: 'Yesterday',
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offlineBanner: 'Connection lost. Reconnecting… Messages you send now go through the REST API.',
  closed: 'Disconnected',
  unavailable: 'Space not available',
  authError: 'Sign-in failed: the Spaces token was refused.',
  retry: 'Retry',
  discard: 'Discard',
  cancel: 'Cancel',
  sending: 'Sending…',
  failed: 'Not sent',
  loadingOlder: 'Loading older messages…',
  beginning: 'This is the beginning of the conversation.',
  missedNotice: 'Some messages from while you were offline may be missing.',
  loadMissed: 'Load them',
  online: 'online',
  typingOne: '{name} is typing…',
  typingMany: '{names} are typing…',
  due: 'Due {date}',
  assignees: 'Assigned to',
  done: 'Done',
  edit: 'Edit',
  save: 'Save',
  dueLabel: 'Due',
  assignLabel: 'Assign to',
  loadingMembers: 'Loading members…',
  uploading: 'Uploading {name}',
  readonly: 'This room is read-only.',
  subscribeFailed: 'Could not open this space: {reason}',
  missingSpace: 'Set the space-id attribute to the id of an Avaya Spaces room.',
  missingProvider: 'Set token-provider (the name of a global function) or the tokenProvider property.',
  providerFailed: 'The token provider failed: {reason}',
  file: 'File',
} as const;

/** String ids. */
export type StringId = keyof typeof en;

/** One language's table. */
export type Strings = Record<StringId, string>;

/** The tables by language: English here, the others fetched the first time a page asks for them. */
export const strings = new StringTables<Strings>(en, {
  de: () => import('./locales/de.js'),
  fr: () => import('./locales/fr.js'),
  es: () => import('./locales/es.js'),
});

/** Fills `{name}` placeholders. */
export function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
}
