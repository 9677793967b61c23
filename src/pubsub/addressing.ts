/** The production PubSub service (seed 004). */
export const DEFAULT_BASE_URL = 'https://pubsub-us.cpaas.avayacloud.com';

/** `SMS`, `/calls/events/`, `a//b` → `SMS`, `calls/events`, `a/b`: the canonical queue path. */
export function normalizeQueue(queue: string): string {
  return queue.split('/').filter(Boolean).join('/');
}

/** `{baseUrl}/{AccountSid}/{queue}` with each segment escaped, so a queue name cannot change the path's meaning. */
export function queueUrl(baseUrl: string, accountSid: string, queue: string): string {
  const path = normalizeQueue(queue).split('/').map(encodeURIComponent).join('/');
  return `${baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(accountSid)}/${path}`;
}

/** The longest the service holds a poll: longer timeouts are shortened to it, as the service does. */
export const MAX_TIMEOUT_MS = 60_000;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Reads a duration the way the service reads `timeout` and `ttl` (Go-style `500ms`, `30s`, `2m`,
 * `1m30s`, `1.5s`, or a plain number of seconds such as `45`) → milliseconds; undefined when the
 * text is not a non-negative duration.
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) total += Number(amount) * UNIT_MS[unit!]!;
  return Number.isFinite(total) ? Math.round(total) : undefined;
}

/** Milliseconds as a duration every Go-style parser reads: `2s`, `90s`, `500ms`. */
export function formatDuration(ms: number): string {
  return ms % 1000 ? `${ms}ms` : `${ms / 1000}s`;
}
