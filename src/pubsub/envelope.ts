import type { PubSubEnvelope, PubSubEvent } from './types.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks one element of a poll response. Anything that is not a well-typed envelope is refused
 * (undefined) so the poll loop drops it; FormParams values must be strings, as the service
 * form-decodes them, and nested objects there would only be rendered as "[object Object]".
 */
export function parseEnvelope(value: unknown): PubSubEnvelope | undefined {
  if (!isRecord(value)) return undefined;
  const { Hostname, AccountSid, Url, FormParams, Created } = value;
  if (typeof Url !== 'string' || typeof Created !== 'string' || !isRecord(FormParams)) return undefined;
  if (Hostname !== undefined && typeof Hostname !== 'string') return undefined;
  if (AccountSid !== undefined && typeof AccountSid !== 'string') return undefined;
  const params: Record<string, string> = {};
  for (const [name, param] of Object.entries(FormParams)) {
    if (typeof param !== 'string') return undefined;
    params[name] = param;
  }
  return { Hostname: Hostname ?? '', AccountSid: AccountSid ?? '', Url, FormParams: params, Created };
}

/**
 * The identity of an event. The wire has no event id, and the service says delivery is "mostly"
 * de-duplicated, so a re-delivery is recognised by content: the same queue (Url), the same
 * publish instant (Created, nanosecond precision on the real service) and the same parameters.
 * Two genuine publishes never share all three in practice (platform callbacks also carry a
 * unique SmsSid/CallSid), while a re-delivery is a byte-for-byte copy of all three. Hostname is
 * left out because the same stored event may be handed out by different front-end hosts.
 * Parameters are sorted so key order on the wire cannot make one event look like two.
 */
export function eventKey(envelope: PubSubEnvelope): string {
  const params = Object.keys(envelope.FormParams)
    .sort()
    .map((name) => [name, envelope.FormParams[name]]);
  return JSON.stringify([envelope.Url, envelope.Created, params]);
}

/** The queue path below the account: `/AC123/calls/events` → `calls/events`. */
export function queueOfUrl(url: string, accountSid: string): string {
  const path = url.replace(/^\/+/, '');
  const prefix = `${accountSid}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/** A validated envelope as the event handed to listeners. */
export function toEvent(envelope: PubSubEnvelope, accountSid: string, receivedAt: number): PubSubEvent {
  const created = Date.parse(envelope.Created);
  return {
    key: eventKey(envelope),
    queue: queueOfUrl(envelope.Url, accountSid),
    createdAt: Number.isNaN(created) ? receivedAt : created,
    envelope,
  };
}
