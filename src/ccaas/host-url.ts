/**
 * A host URL as the engine uses it: origin and path without trailing slashes. The base of every
 * API call, and the key sessions are stored under, so both must normalise it the same way.
 */
export function normalizeHostURL(url: URL): string {
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
