/** The event envelope a subscriber receives, exactly as seed 004 shows it. */
export interface PubSubEnvelope {
  /** Host the publish request was addressed to. */
  Hostname: string;
  /** The `AccountSid` form parameter of the publish ('' when the publisher sent none, as in the seed). */
  AccountSid: string;
  /** `/<AccountSid>/<queue>`: the publish path without the service's base path. */
  Url: string;
  /** The published parameters, all strings. */
  FormParams: Record<string, string>;
  /** RFC 3339 with the server's UTC offset. */
  Created: string;
}

/** An event waiting in a queue. */
export interface QueuedEvent {
  id: string;
  /** Queue key: `/<AccountSid>/<queue>`, the same text as the envelope's Url. */
  queue: string;
  envelope: PubSubEnvelope;
  /** Raw call-control XML when the publish was an XML body; handed as-is to a call-control poller. */
  xml?: string;
  /** Made by the demo generator, so it may be dropped to bound an idle demo. */
  generated: boolean;
  /** Epoch ms of the publish, for the 7-day retention. */
  publishedAt: number;
}

/** RFC 3339 with the local UTC offset written out (`+00:00`, never `Z`), as the seed's `-05:00`. */
export function rfc3339(date: Date): string {
  const pad = (n: number, width = 2) => String(Math.trunc(Math.abs(n))).padStart(width, '0');
  const offset = -date.getTimezoneOffset();
  const zone = `${offset >= 0 ? '+' : '-'}${pad(offset / 60)}:${pad(offset % 60)}`;
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}${zone}`
  );
}
