import type { TokenIssuer } from '../auth/token-issuer.js';
import { DEMO_CCAAS } from '../demo-data.js';
import { originOf } from '../demo-routes.js';
import { readJsonObject } from '../http/body.js';
import { HttpError, badRequest, notFound } from '../http/errors.js';
import { sendJson } from '../http/respond.js';
import type { RouteContext, Router } from '../http/router.js';
import { authenticate } from './auth.js';
import type { EventWaiters } from './event-waiters.js';
import type { FaultInjector } from './faults.js';
import { toWire, type CcaasService } from './service.js';
import { displayNameFrom, idFrom, intParam, messageBodyFrom, optionalIdFrom, parametersFrom, reasonFrom } from './validate.js';

/** Where the chat API lives; `:integrationId` must be the demo integration. */
export const CCAAS_BASE = '/sdk/digital/chat/v1/integrations/:integrationId';

/** Tunables the test controls change at runtime. */
export interface CcaasSettings {
  /** How long an events long-poll is held open without news, in ms. */
  pollWindowMs: number;
}

/** What the routes need. */
export interface CcaasRouteDeps {
  /** The platform's rules and state. */
  service: CcaasService;
  /** Verifies the Bearer tokens. */
  issuer: TokenIssuer;
  /** Where event polls wait for news. */
  waiters: EventWaiters;
  /** Failures a test asked for. */
  faults: FaultInjector;
  /** Tunables (the poll window). */
  settings: CcaasSettings;
}

const MAX_PAGE_SIZE = 50;
const NO_STORE = { 'cache-control': 'no-store' };

/** Registers the digital chat REST and long-poll endpoints. */
export function registerCcaasRoutes(router: Router, deps: CcaasRouteDeps): void {
  const { service, waiters, settings } = deps;
  const on = (method: string | string[], path: string, handler: (ctx: RouteContext, subject: string) => Promise<void>) =>
    router.on(method, `${CCAAS_BASE}${path}`, async (ctx) => handler(ctx, await admit(ctx, deps)));

  on('POST', '/sessions', async ({ req, res }, subject) => {
    const body = await readJsonObject(req);
    if (body.clientType !== undefined && body.clientType !== 'web') throw badRequest('clientType must be "web"');
    const session = service.createSession(subject, displayNameFrom(body.displayName), parametersFrom(body.sessionParameters, 'sessionParameters'));
    sendJson(res, 201, service.sessionView(session), NO_STORE);
  });

  on('GET', '/sessions/:sessionId', async ({ res, params }, subject) => {
    sendJson(res, 200, service.sessionView(service.liveSession(subject, param(params, 'sessionId'))), NO_STORE);
  });

  on('DELETE', '/sessions/:sessionId', async ({ res, params }, subject) => {
    service.endSession(service.liveSession(subject, param(params, 'sessionId')));
    res.writeHead(204).end();
  });

  on('GET', '/sessions/:sessionId/events', async ({ res, url, params }, subject) => {
    const sessionId = service.liveSession(subject, param(params, 'sessionId')).sessionId;
    const after = lastEventIdFrom(url.searchParams.get('lastEventId'));
    let events = service.eventsAfter(sessionId, after);
    if (events.length === 0) {
      const gone = new AbortController();
      const onClose = () => {
        if (!res.writableEnded) gone.abort();
      };
      res.once('close', onClose);
      const outcome = await waiters.wait(sessionId, settings.pollWindowMs, gone.signal);
      res.off('close', onClose);
      if (outcome === 'aborted') return;
      // Woken by the session ending: the client learns it the way it would on its next poll.
      service.liveSession(subject, sessionId);
      events = service.eventsAfter(sessionId, after);
    }
    sendJson(res, 200, events, NO_STORE);
  });

  on('POST', '/engagements', async ({ req, res }, subject) => {
    const body = await readJsonObject(req);
    const session = service.liveSession(subject, idFrom(body, 'sessionId'));
    const created = service.createEngagement(session, parametersFrom(body.engagementParameters, 'engagementParameters'));
    sendJson(res, 201, created, NO_STORE);
  });

  on('POST', '/engagements/:idAction', async ({ req, res, params }, subject) => {
    const idAction = param(params, 'idAction');
    const split = idAction.lastIndexOf(':');
    const action = split < 0 ? '' : idAction.slice(split + 1);
    if (action !== 'join' && action !== 'disconnect') throw notFound(`unknown engagement action "${idAction.slice(0, 160)}"; use {id}:join or {id}:disconnect`);
    const body = await readJsonObject(req);
    const session = service.liveSession(subject, idFrom(body, 'sessionId'));
    const engagement = service.ownedEngagement(subject, idAction.slice(0, split), idFrom(body, 'dialogId'));
    if (action === 'join') {
      sendJson(res, 200, toWire(service.join(engagement, session)), NO_STORE);
      return;
    }
    reasonFrom(body.reason);
    service.assertJoined(engagement, session);
    sendJson(res, 200, toWire(service.terminate(engagement)), NO_STORE);
  });

  on('POST', '/engagements/:engagementId/messages', async ({ req, res, params }, subject) => {
    const body = await readJsonObject(req);
    const session = service.liveSession(subject, idFrom(body, 'sessionId'));
    const engagement = service.ownedEngagement(subject, param(params, 'engagementId'), idFrom(body, 'dialogId'));
    const messageBody = messageBodyFrom(body.body);
    const parentMessageId = optionalIdFrom(body, 'parentMessageId');
    service.assertJoined(engagement, session);
    const message = service.postMessage(engagement, service.customerOf(engagement), messageBody, parentMessageId);
    sendJson(res, 201, message, NO_STORE);
  });

  on('GET', '/engagements/:engagementId/messages', async ({ req, res, url, params }, subject) => {
    const query = url.searchParams;
    const sessionId = query.get('sessionId');
    if (!sessionId) throw badRequest('the sessionId query parameter is required');
    service.liveSession(subject, sessionId);
    const engagement = service.ownedEngagement(subject, param(params, 'engagementId'), query.get('dialogId') || undefined);
    const pageSize = intParam(query.get('pageSize'), 'pageSize', 1, MAX_PAGE_SIZE, 10);
    const pageNumber = intParam(query.get('pageNumber'), 'pageNumber', 1, 1_000_000, 1);
    const orderBy = query.get('orderBy') || 'DSC';
    if (orderBy !== 'DSC' && orderBy !== 'ASC') throw badRequest(`orderBy must be DSC or ASC, not "${orderBy.slice(0, 40)}"`);
    const { messages, totalCount } = service.messagesPage(engagement, pageSize, pageNumber, orderBy);
    const pageUrl = (page: number) => {
      const search = new URLSearchParams({ sessionId, dialogId: engagement.dialogId, pageSize: String(pageSize), pageNumber: String(page), orderBy });
      return `${originOf(req)}${url.pathname}?${search}`;
    };
    const links: Record<string, string> = { self: pageUrl(pageNumber) };
    if (pageNumber * pageSize < totalCount) links.next = pageUrl(pageNumber + 1);
    if (pageNumber > 1) links.previous = pageUrl(pageNumber - 1);
    sendJson(res, 200, { messages, links, pageNumber, pageSize, totalCount }, NO_STORE);
  });
}

/** Injected faults first, then credentials, then the integration: what a gateway in front of the service would do. */
async function admit({ req, params }: RouteContext, deps: CcaasRouteDeps): Promise<string> {
  deps.faults.take();
  const subject = await authenticate(req, deps.issuer);
  if (params.integrationId !== DEMO_CCAAS.integrationId) {
    throw new HttpError(404, 'Integration not found', `no chat integration "${String(params.integrationId).slice(0, 128)}"`);
  }
  return subject;
}

function param(params: Record<string, string>, name: string): string {
  return params[name] ?? '';
}

function lastEventIdFrom(raw: string | null): number {
  if (raw === null || raw === '') return 0;
  if (!/^\d{1,15}$/.test(raw)) throw badRequest(`lastEventId must be an event id this stream gave out, not "${raw.slice(0, 40)}"`);
  return Number(raw);
}
