/** Every user-visible string of `<pubsub-feed>`, keyed by id. */
const en = {
  title: 'Events',
  caption: 'Events on {topic}, newest first',
  colTime: 'Time',
  colQueue: 'Queue',
  colEvent: 'Event',
  stateIdle: 'Not connected',
  stateConnecting: 'Connecting…',
  stateLive: 'Live',
  stateRetrying: 'Reconnecting…',
  statePaused: 'Paused',
  stateError: 'Error',
  pause: 'Pause',
  resume: 'Resume',
  clear: 'Clear',
  filterLabel: 'Filter events',
  filterPlaceholder: 'Filter…',
  empty: 'No events yet. They appear here as they are published.',
  noMatch: 'No event matches the filter.',
  showing: 'Showing {shown} of {total}',
  callStatus: 'Call {status}',
  smsStatus: 'SMS {status}',
  announceOne: 'New event: {summary}',
  announceMany: '{count} new events',
  publishLegend: 'Publish to {topic}',
  paramName: 'Name',
  paramValue: 'Value',
  paramNameLabel: 'Parameter {n} name',
  paramValueLabel: 'Parameter {n} value',
  addParam: 'Add parameter',
  removeParam: 'Remove parameter {n}',
  publish: 'Publish',
  publishing: 'Publishing…',
  published: 'Published.',
  publishEmpty: 'Give at least one parameter a name.',
  publishFailed: 'Publish failed: {message}',
  errorPrefix: 'The feed cannot run: {message}',
};

/** String ids. */
export type StringId = keyof typeof en;

const tables: Record<string, Record<StringId, string>> = { en };

/** The string table for a locale (`fr-CA` → `fr` → English). */
export function stringsFor(locale: string | undefined): Record<StringId, string> {
  const tag = (locale ?? '').toLowerCase();
  return tables[tag] ?? tables[tag.split('-')[0] ?? ''] ?? en;
}

/** Fills `{name}` placeholders. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
