import type { IncomingMessage } from 'node:http';
import { badRequest } from '../http/errors.js';
import { readBody, readParams } from '../http/body.js';

/** What a publish carried: string parameters, or raw call-control XML. */
export type PublishBody = { kind: 'params'; params: Record<string, string> } | { kind: 'xml'; xml: string };

/** Query parameters that steer this service and are not part of what is published. */
const CONTROL_PARAMS = new Set(['session', 'timeout']);

/**
 * Reads a publish body: XML (call-control replies) stays raw; JSON and form bodies become
 * parameters merged over the URL's query parameters, as a Go server's `r.Form` would see them.
 */
export async function readPublishBody(req: IncomingMessage, url: URL): Promise<PublishBody> {
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  if (type.includes('/xml') || type.includes('+xml')) {
    const xml = (await readBody(req)).toString('utf8').trim();
    if (!xml.startsWith('<') || !xml.endsWith('>')) throw badRequest('an XML body must be an XML document such as <Response>...</Response>');
    return { kind: 'xml', xml };
  }
  const params: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    if (!CONTROL_PARAMS.has(key)) params[key] = value;
  }
  return { kind: 'params', params: { ...params, ...(await readParams(req)) } };
}
