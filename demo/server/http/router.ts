import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, notFound } from './errors.js';
import { sendProblem } from './respond.js';

/** What a route handler receives. */
export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** Named segments (`:id`) and the `*` rest of the path. */
  params: Record<string, string>;
}

export type RouteHandler = (ctx: RouteContext) => unknown | Promise<unknown>;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: RouteHandler;
}

/** A small method + path router; every handler error becomes a problem response, never a crash. */
export class Router {
  #routes: Route[] = [];

  /** Adds a route: `/api/spaces/:id/chats`; a trailing `*` captures the rest of the path as `params['*']`. */
  on(method: string | string[], path: string, handler: RouteHandler): this {
    const names: string[] = [];
    const source = path
      .split('/')
      .map((segment) => {
        if (segment === '*') {
          names.push('*');
          return '(.*)';
        }
        if (segment.startsWith(':')) {
          names.push(segment.slice(1));
          return '([^/]+)';
        }
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    for (const m of Array.isArray(method) ? method : [method]) {
      this.#routes.push({ method: m, pattern: new RegExp(`^${source}$`), names, handler });
    }
    return this;
  }

  /** Handles a request if a route matches its path; returns false if none does. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    let pathMatched = false;
    for (const route of this.#routes) {
      const match = route.pattern.exec(url.pathname);
      if (!match) continue;
      pathMatched = true;
      if (route.method !== req.method && !(route.method === 'GET' && req.method === 'HEAD')) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = safeDecode(match[i + 1] ?? '');
      });
      try {
        await route.handler({ req, res, url, params });
      } catch (error) {
        respondToError(res, error, url.pathname);
      }
      return true;
    }
    if (pathMatched) {
      sendProblem(res, new HttpError(405, 'Method Not Allowed', `${req.method} is not supported on ${url.pathname}`));
      return true;
    }
    return false;
  }
}

/** Turns any thrown value into a problem response; unexpected errors are logged as 500s. */
export function respondToError(res: ServerResponse, error: unknown, instance: string): void {
  if (error instanceof HttpError) {
    sendProblem(res, error, instance);
    return;
  }
  console.error(`[backend] unexpected error on ${instance}:`, error);
  sendProblem(res, new HttpError(500, 'Internal Server Error', 'the demo backend failed; see its console'), instance);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw notFound(`malformed path segment "${segment}"`);
  }
}
