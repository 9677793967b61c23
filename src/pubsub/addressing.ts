/** The production PubSub service (seed 004). */
export const DEFAULT_BASE_URL = 'https://pubsub-us.cpaas.avayacloud.com';

/** `SMS`, `/calls/events/`, `a//b` → `SMS`, `calls/events`, `a/b`: the canonical queue path. */
export function normalizeQueue(queue: string): string {
  return queue
    .split('/')
    .filter((segment) => segment !== '')
    .join('/');
}

/** `{baseUrl}/{AccountSid}/{queue}` with each segment escaped, so a queue name cannot change the path's meaning. */
export function queueUrl(baseUrl: string, accountSid: string, queue: string): string {
  const path = normalizeQueue(queue)
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
  return `${baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(accountSid)}/${path}`;
}

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `500ms`, `30s`, `2m`, `1h` → milliseconds; undefined when it is not such a duration. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match?.[1] || !match[2]) return undefined;
  const ms = Number(match[1]) * (UNIT_MS[match[2]] ?? 0);
  return Number.isFinite(ms) && ms > 0 ? Math.round(ms) : undefined;
}
