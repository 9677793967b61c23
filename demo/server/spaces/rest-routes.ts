import type { IncomingMessage } from 'node:http';
import type { TokenIssuer } from '../auth/token-issuer.js';
import { originOf } from '../demo-routes.js';
import { isRecord, readJsonObject } from '../http/body.js';
import { HttpError, badRequest, notFound } from '../http/errors.js';
import { sendJson } from '../http/respond.js';
import type { Router } from '../http/router.js';
import { publicSpace, type Directory } from './directory.js';
import type { MessageStore } from './message-store.js';
import { authenticate, requireSpace } from './rest-auth.js';
import type { MessageCategory, SpaceRecord, SpacesMessage, SpacesUser } from './types.js';
import { MAX_FRAME_BYTES, frameSize, parseContent, type Parsed, type SendMessageFrame } from './validate.js';

/** What the REST API needs from the rest of the emulation. */
export interface RestDependencies {
  issuer: TokenIssuer;
  directory: Directory;
  messages: MessageStore;
  /** Composes, stores and broadcasts a message (as a socket send would). */
  publish(space: SpaceRecord, sender: SpacesUser, frame: SendMessageFrame): Parsed<SpacesMessage>;
}

const DEFAULT_PAGE = 30;
const MAX_PAGE = 50;
const GUEST_TOKEN_SECONDS = 24 * 3600;
const POST_KINDS: Record<string, MessageCategory> = { chats: 'chat', ideas: 'idea', tasks: 'task' };

/** The Spaces REST API under `/api` (protocols.md §1 "REST"). */
export function registerRestRoutes(router: Router, deps: RestDependencies): void {
  const { issuer, directory, messages } = deps;
  const auth = (req: IncomingMessage) => authenticate(req, issuer, directory);

  router.on('GET', '/api/users/me', async ({ req, res }) => {
    sendJson(res, 200, await auth(req));
  });

  router.on('GET', '/api/users/me/spaces', async ({ req, res, url }) => {
    const user = await auth(req);
    const topicType = url.searchParams.get('topictype');
    if (topicType !== null && topicType !== '' && topicType !== 'group' && topicType !== 'direct') throw badRequest('topictype must be "group" or "direct"');
    const size = pageSize(url, 100);
    const spaces = directory.spacesOf(user._id).filter((space) => !topicType || space.type === topicType);
    sendJson(res, 200, { data: spaces.slice(0, size).map(publicSpace), total: spaces.length });
  });

  router.on('GET', '/api/users/me/messages', async ({ req, res, url }) => {
    const user = await auth(req);
    const list = (url.searchParams.get('spacelist') ?? '').split(',').filter((id) => id !== '');
    if (list.length === 0 || list.length > 50) throw badRequest('spacelist must name 1 to 50 space ids, comma-separated');
    for (const id of list) requireSpace(req, directory, user, id);
    const after = timeParam(url, 'after', undefined);
    const size = pageSize(url, MAX_PAGE);
    const page = messages.since(list, after, size);
    const last = page.data.at(-1);
    const next = new URL(`${originOf(req)}/api/users/me/messages`);
    next.search = new URLSearchParams({ spacelist: list.join(','), after: String(last ? Date.parse(last.created) : after), size: String(size) }).toString();
    sendJson(res, 200, { data: page.data, total: page.total, nextPageUrl: page.more ? next.href : 'end' });
  });

  router.on('GET', '/api/spaces/direct/:type/:userId', async ({ req, res, params }) => {
    const user = await auth(req);
    if (params.type !== 'user' && params.type !== 'anonymous') throw notFound('direct spaces are under /spaces/direct/user/{id} or /spaces/direct/anonymous/{id}');
    const other = directory.user(params.userId ?? '');
    if (!other) throw notFound(`no user "${params.userId}"`);
    if (other._id === user._id) throw badRequest('a direct space needs another person');
    sendJson(res, 200, { data: [publicSpace(directory.directSpace(user, other))] });
  });

  router.on('GET', '/api/spaces/:id', async ({ req, res, params }) => {
    const user = await auth(req);
    // The title and whether a PIN is needed are shown before the PIN is asked for, so no PIN check here.
    sendJson(res, 200, publicSpace(requireSpace(req, directory, user, params.id ?? '', false)));
  });

  router.on('GET', '/api/spaces/:id/members', async ({ req, res, params }) => {
    const user = await auth(req);
    const space = requireSpace(req, directory, user, params.id ?? '');
    const data = directory.membersOf(space).map((member, i) => ({ ...member, role: member.type === 'anonymous' ? 'guest' : i === 0 ? 'admin' : 'member' }));
    sendJson(res, 200, { data, total: data.length });
  });

  router.on('GET', '/api/spaces/:id/messages/query', async ({ req, res, url, params }) => {
    const user = await auth(req);
    const space = requireSpace(req, directory, user, params.id ?? '');
    const direction = url.searchParams.get('direction') ?? 'before';
    if (direction !== 'before' && direction !== 'after') throw badRequest('direction must be "before" or "after"');
    const category = url.searchParams.get('category') || undefined;
    if (category !== undefined && category !== 'chat' && category !== 'idea' && category !== 'task') throw badRequest('category must be chat, idea or task');
    const refTime = timeParam(url, 'refTime', direction === 'before' ? Number.MAX_SAFE_INTEGER : 0);
    const size = pageSize(url, MAX_PAGE);
    const page = messages.query({ spaceId: space._id, refTime, direction, category, size });
    const pageUrl = (time: number, dir: string) => {
      const next = new URL(`${originOf(req)}/api/spaces/${encodeURIComponent(space._id)}/messages/query`);
      next.search = new URLSearchParams({ refTime: String(time), direction: dir, size: String(size), ...(category ? { category } : {}) }).toString();
      return next.href;
    };
    const first = page.data[0];
    const last = page.data.at(-1);
    sendJson(res, 200, {
      data: page.data,
      total: page.total,
      nextPageUrl: page.more && last ? pageUrl(Date.parse(last.created), direction) : 'end',
      prevPageUrl: pageUrl(first ? Date.parse(first.created) : refTime, direction === 'before' ? 'after' : 'before'),
    });
  });

  for (const [kind, category] of Object.entries(POST_KINDS)) {
    // `clientId` is this emulation's addition (the real API has none): it is echoed in the HTTP
    // response only, so a client can match the reply to its pending send; production ignores it.
    router.on('POST', `/api/spaces/:id/${kind}`, async ({ req, res, params }) => {
      const user = await auth(req);
      const space = requireSpace(req, directory, user, params.id ?? '');
      const body = await readMessageBody(req);
      const content = parseContent(body.content, category, false);
      if (!content.ok) throw badRequest(content.reason);
      const parent = body.parentMsg;
      if (parent !== undefined && parent !== null && !(isRecord(parent) && typeof parent._id === 'string')) throw badRequest('parentMsg must be { _id }');
      const clientId = body.clientId;
      if (clientId !== undefined && (typeof clientId !== 'string' || clientId.length > 200)) throw badRequest('clientId must be a string of at most 200 characters');
      const frame: SendMessageFrame = { topicId: space._id, category, content: content.value, ...(isRecord(parent) ? { parentId: parent._id as string } : {}) };
      const sent = deps.publish(space, user, frame);
      if (!sent.ok) throw badRequest(sent.reason);
      sendJson(res, 200, clientId === undefined ? sent.value : { ...sent.value, clientId });
    });
  }

  for (const kind of ['ideas', 'tasks']) {
    // Updates of posts and tasks; the changed message is re-broadcast as MESSAGE_SENT (see compose-message.ts).
    router.on(['PUT', 'PATCH'], `/api/spaces/:id/${kind}/:messageId`, async ({ req, res, params }) => {
      const user = await auth(req);
      const space = requireSpace(req, directory, user, params.id ?? '');
      const category = POST_KINDS[kind]!;
      const content = parseContent((await readMessageBody(req)).content, category, true);
      if (!content.ok) throw badRequest(content.reason);
      const existing = messages.get(params.messageId ?? '');
      if (!existing || existing.topicId !== space._id || existing.category !== category) throw notFound(`no ${category} "${params.messageId}" in this space`);
      const sent = deps.publish(space, user, { topicId: space._id, category, content: content.value, _id: existing._id });
      if (!sent.ok) throw badRequest(sent.reason);
      sendJson(res, 200, sent.value);
    });
  }

  router.on('POST', '/api/anonymous/auth', async ({ res, req }) => {
    const body = await readJsonObject(req);
    const { displayname, username } = body;
    if (typeof displayname !== 'string' || displayname.trim() === '' || displayname.length > 70) throw badRequest('displayname must be 1 to 70 characters');
    if (typeof username !== 'string' || username.trim() === '' || username.length > 128) throw badRequest('username must be 1 to 128 characters');
    const guest = directory.addGuest(displayname.trim(), username.trim());
    const token = await issuer.issue('spaces', guest._id, GUEST_TOKEN_SECONDS, { name: guest.displayname, anonymous: true });
    sendJson(res, 200, { token });
  });
}

async function readMessageBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readJsonObject(req);
  if (frameSize(body) > MAX_FRAME_BYTES) throw new HttpError(413, 'Payload Too Large', `a message may be at most ${MAX_FRAME_BYTES} bytes`);
  return body;
}

function pageSize(url: URL, max: number): number {
  const raw = url.searchParams.get('size');
  if (raw === null || raw === '') return Math.min(DEFAULT_PAGE, max);
  const size = Number(raw);
  if (!Number.isInteger(size) || size < 1) throw badRequest('size must be a positive whole number');
  return Math.min(size, max);
}

/** A time in ms since the epoch, or an ISO date; `fallback` when absent (required when undefined). */
function timeParam(url: URL, name: string, fallback: number | undefined): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') {
    if (fallback === undefined) throw badRequest(`${name} is required (ms since the epoch or an ISO date)`);
    return fallback;
  }
  const time = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  if (!Number.isFinite(time)) throw badRequest(`${name} must be ms since the epoch or an ISO date`);
  return time;
}
