import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { DEMO_PUBSUB_ACCOUNTS } from '../demo-data.js';

/** True when the account exists. */
export function isKnownAccount(accountSid: string): boolean {
  return DEMO_PUBSUB_ACCOUNTS.some((account) => account.accountSid === accountSid);
}

/** The AccountSid of valid HTTP Basic `AccountSid:AuthToken` credentials, else undefined. */
export function basicAccount(req: IncomingMessage): string | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(String(req.headers.authorization ?? ''));
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const accountSid = decoded.slice(0, colon);
  const account = DEMO_PUBSUB_ACCOUNTS.find((candidate) => candidate.accountSid === accountSid);
  return account && sameSecret(account.authToken, decoded.slice(colon + 1)) ? accountSid : undefined;
}

/** The session token of a subscribe: `?session=`, else the Authorization header (raw or `Bearer`). */
export function sessionToken(req: IncomingMessage, url: URL): string | undefined {
  const fromQuery = url.searchParams.get('session');
  if (fromQuery) return fromQuery.trim();
  const header = String(req.headers.authorization ?? '').trim();
  if (header === '' || /^Basic\s/i.test(header)) return undefined;
  return header.replace(/^Bearer\s+/i, '');
}

// Hashing first makes the comparison constant-time whatever the lengths.
function sameSecret(expected: string, given: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(expected), digest(given));
}
