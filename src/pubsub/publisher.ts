import { parseEnvelope } from './envelope.js';
import { PubSubError, type PubSubEnvelope } from './types.js';

/** One publish request. */
export interface PostEventRequest {
  /** `{baseUrl}/{AccountSid}/{queue}`. */
  url: string;
  /** Parameters, sent form-encoded like the platform's own callbacks (a CORS-simple request: no preflight). */
  params: Record<string, string>;
  /** The fetch to use; the global one by default. */
  fetch?: typeof fetch | undefined;
}

/**
 * POSTs one event. Resolves with the envelope when the service answers with one, else undefined
 * (the real service's answer to a publish is not documented); throws `PubSubError('publish-failed')`
 * with the status on an HTTP error and on a network failure.
 */
export async function postEvent({ url, params, fetch: fetchImpl = globalThis.fetch }: PostEventRequest): Promise<PubSubEnvelope | undefined> {
  let response: Response;
  try {
    response = await fetchImpl(url, { method: 'POST', body: new URLSearchParams(params) });
  } catch (error) {
    throw new PubSubError('publish-failed', `publish could not reach the service: ${error instanceof Error ? error.message : String(error)}`);
  }
  const text = await response.text().catch(() => '');
  if (!response.ok) throw new PubSubError('publish-failed', `publish answered ${response.status}`, response.status);
  try {
    return parseEnvelope(JSON.parse(text));
  } catch {
    return undefined;
  }
}
