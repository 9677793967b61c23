import { StringTables } from '../../ui/string-tables.js';

/** Every user-visible string of `<pubsub-feed>`, keyed by id; connection states by their name. */
const en = {
  title: 'Events',
  caption: 'Events on {0}, newest first',
  time: 'Time',
  queue: 'Queue',
  event: 'Event',
  idle: 'Not connected',
  connecting: 'Connecting…',
  live: 'Live',
  retrying: 'Reconnecting…',
  paused: 'Paused',
  error: 'Error',
  pause: 'Pause',
  resume: 'Resume',
  clear: 'Clear',
  filter: 'Filter events',
  filterHint: 'Filter…',
  empty: 'No events yet. They appear here as they are published.',
  noMatch: 'No event matches the filter.',
  showing: 'Showing {0} of {1}',
  call: 'Call {0}',
  newOne: 'New event: {0}',
  newMany: '{0} new events',
  publishTo: 'Publish to {0}',
  name: 'Name',
  value: 'Value',
  nameN: 'Parameter {0} name',
  valueN: 'Parameter {0} value',
  add: 'Add parameter',
  removeN: 'Remove parameter {0}',
  publish: 'Publish',
  publishing: 'Publishing…',
  published: 'Published.',
  noParams: 'Give at least one parameter a name.',
  publishFailed: 'Publish failed: {0}',
  cannotRun: 'The feed cannot run: {0}',
  sms: 'SMS',
  callKind: 'Call',
  // Failures, by config problem or error code (the console has the detail); {0}: timeout, {1}: HTTP status.
  errConfig: 'check its attributes (see the console)',
  errNoAccount: 'account-sid is missing',
  errNoQueue: 'topic is missing',
  errNoProvider: 'session-provider is missing',
  errProviderUndefined: 'session-provider names no function on the page',
  errProviderNotFunction: 'session-provider names no function',
  errBadTimeout: 'timeout "{0}" is not a duration like 30s',
  errZeroTimeout: 'timeout must be over 0',
  errNotRunning: 'it is not running',
  errProvider: 'the session provider failed (see the console)',
  errSessionRejected: 'the service refuses every session',
  errForbidden: 'the session is for another account',
  errNotFound: 'no such account or queue',
  errNetwork: 'the service cannot be reached',
  errBadResponse: 'the service sent no list of events',
  errPublishFailed: 'the service answered HTTP {1}',
};

/** String ids. */
export type StringId = keyof typeof en;

/** One locale's table. */
export type Strings = Record<StringId, string>;

/** The tables by language: English here, the others fetched the first time a page asks for them. */
export const strings = new StringTables<Strings>(en, {
  de: () => import('./locales/de.js'),
  fr: () => import('./locales/fr.js'),
  es: () => import('./locales/es.js'),
});

/** Fills the `{0}`, `{1}`… placeholders of `template`. */
export function format(template: string, ...values: (string | number)[]): string {
  return template.replace(/\{(\d)\}/g, (_, n: string) => String(values[+n]));
}
