import type { IncomingMessage } from 'node:http';
import { DEMO_CCAAS, DEMO_PUBSUB_ACCOUNTS, DEMO_SPACES, DEMO_USERS } from './demo-data.js';
import { HttpError, badRequest } from './http/errors.js';
import { sendJson, sendText } from './http/respond.js';
import type { Router } from './http/router.js';
import type { TokenIssuer, TokenService } from './auth/token-issuer.js';

const MAX_TTL_SECONDS = 24 * 3600;

/** The origin a request reached us on, so URLs handed out work from the browser that asked. */
export function originOf(req: IncomingMessage): string {
  const host = req.headers.host ?? 'localhost';
  const proto = String(req.headers['x-forwarded-proto'] ?? 'http').split(',')[0];
  return `${proto}://${host}`;
}

/** `/demo/config`, `/demo/token` and `/demo/pubsub-session`: what a demo page needs to point the widgets at this backend. */
export function registerDemoRoutes(router: Router, issuer: TokenIssuer): void {
  router.on('GET', '/demo/config', ({ req, res }) => {
    const origin = originOf(req);
    const [account] = DEMO_PUBSUB_ACCOUNTS;
    sendJson(res, 200, {
      spaces: {
        socketUrl: `${origin}/chat`,
        apiUrl: `${origin}/api`,
        spaces: DEMO_SPACES.map(({ _id, title }) => ({ _id, title })),
        users: DEMO_USERS.map(({ _id, displayname }) => ({ _id, displayname })),
      },
      ccaas: { hostURL: origin, integrationId: DEMO_CCAAS.integrationId, appkey: DEMO_CCAAS.appkey },
      // No AuthToken: the page gets PubSub sessions from /demo/pubsub-session, as from its own site's server.
      pubsub: { baseUrl: `${origin}/pubsub`, accountSid: account?.accountSid },
    });
  });

  router.on('GET', '/demo/token', async ({ res, url }) => {
    const service = url.searchParams.get('service');
    if (service !== 'spaces' && service !== 'ccaas') throw badRequest('service must be "spaces" or "ccaas"');
    const ttl = parseTtl(url.searchParams.get('ttl'));
    const user = url.searchParams.get('user') ?? (service === 'spaces' ? 'u-alice' : 'customer-1');
    const claims = tokenClaims(service, user);
    sendText(res, 200, await issuer.issue(service, user, ttl, claims));
  });

  // Plays the host site's server: it holds the AccountSid:AuthToken pair and hands the browser
  // only a PubSub session token, by calling the PubSub auth endpoint like any client would.
  router.on('GET', '/demo/pubsub-session', async ({ req, res, url }) => {
    const [account] = DEMO_PUBSUB_ACCOUNTS;
    if (!account) throw badRequest('no demo PubSub account');
    const ttl = url.searchParams.get('ttl');
    const auth = new URL(`http://127.0.0.1:${req.socket.localPort}/pubsub/auth`);
    if (ttl) auth.searchParams.set('ttl', ttl);
    const answer = await fetch(auth, { headers: { authorization: `Basic ${Buffer.from(`${account.accountSid}:${account.authToken}`).toString('base64')}` } });
    const text = await answer.text();
    if (!answer.ok) throw new HttpError(502, 'Bad Gateway', `PubSub auth answered ${answer.status}: ${text}`);
    sendText(res, 200, text);
  });
}

function parseTtl(raw: string | null): number {
  if (raw === null || raw === '') return 3600;
  const ttl = Number(raw);
  // Negative ttls mint already-expired tokens, which tests of the refusal paths need.
  if (!Number.isInteger(ttl) || ttl < -MAX_TTL_SECONDS || ttl > MAX_TTL_SECONDS || ttl === 0) {
    throw badRequest(`ttl must be a whole number of seconds between -${MAX_TTL_SECONDS} and ${MAX_TTL_SECONDS}, not 0`);
  }
  return ttl;
}

function tokenClaims(service: TokenService, user: string): Record<string, unknown> {
  if (service === 'spaces') {
    const known = DEMO_USERS.find((u) => u._id === user);
    if (!known) throw badRequest(`unknown spaces user "${user}"; demo users: ${DEMO_USERS.map((u) => u._id).join(', ')}`);
    return { name: known.displayname, email: known.username };
  }
  if (user.length > 128 || !/^[\w.@-]+$/.test(user)) throw badRequest('user must be 1-128 letters, digits or . @ _ -');
  return {};
}
