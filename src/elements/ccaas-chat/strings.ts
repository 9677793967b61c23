import { StringTables } from '../../ui/string-tables.js';

/** Every user-visible string of <ccaas-chat>, English. */
const en = {
  heading: 'Chat with us',
  openChat: 'Open chat',
  closeChat: 'Close chat',
  unread: '{n} unread',
  startTitle: 'Questions? Our team is here to help.',
  nameLabel: 'Your name (optional)',
  start: 'Start chat',
  connecting: 'Connecting…',
  waiting: 'Waiting for an agent…',
  waitingHint: 'You can already type your question.',
  joined: '{name} joined the chat',
  left: '{name} left the chat',
  agent: 'Agent',
  roleAGENT: 'Agent',
  roleBOT: 'Virtual assistant',
  roleSUPERVISOR: 'Supervisor',
  roleSYSTEM: 'System',
  roleCUSTOMER: 'Customer',
  conversation: 'Conversation',
  message: 'Message',
  placeholder: 'Type a message…',
  send: 'Send',
  end: 'End chat',
  ended: 'The chat has ended.',
  newChat: 'Start a new chat',
  shutdownInactive: 'Your chat session ended because of inactivity.',
  shutdownClosed: 'Your chat session has ended.',
  sessionInvalid: 'Your chat session is no longer valid.',
  restart: 'Start again',
  idleWarning: 'Are you still there? This session ends in {s} s.',
  idleAlert: 'Are you still there? Your chat session ends in {s} seconds unless you continue.',
  idleAlertSoon: 'Your chat session ends in {s} seconds.',
  stillHere: "I'm still here",
  reconnecting: 'Connection lost. Reconnecting…',
  connectionFailed: 'Could not reconnect to the chat.',
  retry: 'Retry',
  authError: 'We could not sign you in to the chat.',
  tokenExpired: 'Your sign-in to the chat has expired.',
  error: 'Something went wrong.',
  loadEarlier: 'Load earlier messages',
  loading: 'Loading…',
  you: 'You',
  sending: 'Sending',
  sent: 'Sent',
  delivered: 'Delivered',
  failed: 'Not sent',
  retrySend: 'Send again',
  configError: 'This chat is not set up correctly: {detail}',
} as const;

/** Id of one string. */
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
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
