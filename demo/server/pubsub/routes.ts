import type { IncomingMessage } from 'node:http';
import { badRequest, forbidden, HttpError, notFound, unauthorized } from '../http/errors.js';
import { readParams } from '../http/body.js';
import { sendJson, sendText } from '../http/respond.js';
import type { Router } from '../http/router.js';
import { awaitCallXml } from './call-control.js';
import { basicAccount, isKnownAccount, sessionToken } from './credentials.js';
import { parseDuration } from './durations.js';
import { streamEvents } from './long-poll.js';
import { readPublishBody } from './publish-body.js';
import type { Publisher } from './publisher.js';
import type { SessionStore } from './sessions.js';

/** Session lifetime when `/auth` gets no `ttl`. */
export const DEFAULT_SESSION_TTL_MS = 3_600_000;
/** Longest session `/auth` grants; longer requests are shortened to it. */
export const MAX_SESSION_TTL_MS = 24 * 3_600_000;
/** Subscribe timeout when the poll gives none. */
export const DEFAULT_POLL_TIMEOUT_MS = 30_000;
/** How long a call-control request waits for its XML when the URL gives no `timeout`. */
export const DEFAULT_CALL_CONTROL_TIMEOUT_MS = 10_000;

/** What the routes share with the service. */
export interface PubSubRoutesContext {
  router: Router;
  sessions: SessionStore;
  publisher: Publisher;
  /** The longest a poll may be held, in ms (60 s, or lower through the `setPollCap` test control). */
  pollCapMs: () => number;
  /** How long a response stays open after its first event, in ms (GATHER_WINDOW_MS, or another through `setGatherWindow`). */
  gatherWindowMs: () => number;
}

/** Registers `/pubsub/auth`, subscribe (GET) and publish (POST) under `/pubsub`. */
export function registerPubSubRoutes({ router, sessions, publisher, pollCapMs, gatherWindowMs }: PubSubRoutesContext): void {
  router.on(['GET', 'POST'], '/pubsub/auth', async ({ req, res, url }) => {
    const accountSid = basicAccount(req);
    if (!accountSid) {
      throw new HttpError(401, 'Unauthorized', 'check Account Sid and Auth Token (HTTP Basic AccountSid:AuthToken)', {
        'www-authenticate': 'Basic realm="pubsub"',
      });
    }
    const ttl = url.searchParams.get('ttl') ?? (req.method === 'POST' ? (await readParams(req)).ttl : undefined);
    const ttlMs = ttl === undefined || ttl === '' ? DEFAULT_SESSION_TTL_MS : parseDuration(ttl);
    if (!ttlMs) throw badRequest(`ttl "${ttl}" is not a positive duration such as 90s, 10m or 2h`);
    sendText(res, 200, sessions.open(accountSid, Math.min(ttlMs, MAX_SESSION_TTL_MS)));
  });

  router.on('GET', '/pubsub/:account/*', async ({ req, res, url, params }) => {
    const accountSid = params.account ?? '';
    const queue = queueKey(accountSid, params['*'] ?? '');
    const session = sessionToken(req, url);
    const check = sessions.check(session);
    if (!check.ok) throw unauthorized(`session ${check.problem}: get one from /auth and pass it as ?session= or the Authorization header`);
    if (check.accountSid !== accountSid) throw forbidden(`this session belongs to ${check.accountSid}, not ${accountSid}`);
    const timeoutMs = durationParam(url, 'timeout', DEFAULT_POLL_TIMEOUT_MS, pollCapMs());
    if (req.method === 'HEAD') {
      // A HEAD has no body to carry events, so it must not consume any.
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache' }).end();
      return;
    }
    // A subscriber is a session polling a queue; the key stays in memory, never in a log.
    await streamEvents({ req, res, hub: publisher.hub, queue, subscriberId: `session:${session}`, timeoutMs, gatherWindowMs: gatherWindowMs() });
  });

  router.on('POST', '/pubsub/:account/*', async ({ req, res, url, params }) => {
    const accountSid = params.account ?? '';
    const queue = queueKey(accountSid, params['*'] ?? '');
    if (!isKnownAccount(accountSid)) throw notFound(`no account ${accountSid}`);
    const body = await readPublishBody(req, url);
    const hostname = hostOf(req);
    if (body.kind === 'xml') {
      sendJson(res, 200, publisher.publishXml(queue, body.xml, hostname).envelope);
      return;
    }
    const callSid = body.params.CallSid;
    if (!queue.endsWith('.xml') || callSid === undefined) {
      sendJson(res, 200, publisher.publish(queue, body.params, hostname).envelope);
      return;
    }
    // Call control (seed 004): publish the call's request, then answer with the XML posted for this call.
    if (!/^[\w-]{1,64}$/.test(callSid)) throw badRequest('CallSid must be 1-64 letters, digits, _ or -');
    const timeoutMs = durationParam(url, 'timeout', DEFAULT_CALL_CONTROL_TIMEOUT_MS, pollCapMs());
    publisher.publish(queue, body.params, hostname);
    await awaitCallXml({ req, res, hub: publisher.hub, replyQueue: `${queue}/${callSid}`, callSid, timeoutMs });
  });
}

/** `/<AccountSid>/<queue>` with empty segments and trailing slashes removed, so `/SMS` and `/SMS/` are one queue. */
export function queueKey(accountSid: string, queuePath: string): string {
  const segments = queuePath.split('/').filter((segment) => segment !== '');
  if (segments.length === 0) throw badRequest('a queue name is required: /<AccountSid>/<QueueName>');
  const key = `/${accountSid}/${segments.join('/')}`;
  if (key.length > 1024) throw badRequest('the queue name is longer than 1024 characters');
  return key;
}

function durationParam(url: URL, name: string, fallbackMs: number, capMs: number): number {
  const raw = url.searchParams.get(name);
  const ms = raw === null || raw === '' ? fallbackMs : parseDuration(raw);
  if (ms === undefined) throw badRequest(`${name} "${raw}" is not a duration such as 500ms, 5s or 2m`);
  return Math.min(ms, capMs);
}

function hostOf(req: IncomingMessage): string {
  return String(req.headers['x-forwarded-host'] ?? req.headers.host ?? 'localhost').split(',')[0]?.trim() ?? 'localhost';
}
