import type { IncomingMessage, ServerResponse } from 'node:http';

const ALLOWED_HEADERS = 'authorization, appkey, content-type, spaces-x-space-password, x-requested-with';

/**
 * The real services answer browsers on other origins (the widget runs on the customer's site),
 * so every response carries permissive CORS headers and preflights are answered here.
 * Returns true when the request was a preflight and has been answered.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse): boolean {
  res.setHeader('access-control-allow-origin', '*');
  res.setHeader('access-control-expose-headers', 'content-type, content-length, location');
  if (req.method !== 'OPTIONS') return false;
  res.writeHead(204, {
    'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
    'access-control-allow-headers': String(req.headers['access-control-request-headers'] ?? ALLOWED_HEADERS),
    'access-control-max-age': '600',
  });
  res.end();
  return true;
}
