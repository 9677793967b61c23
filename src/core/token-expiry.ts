import { jwtDecode } from 'jwt-decode';
import { TokenError, describeType } from './token-error.js';

/** The chat platform's SDK hands out JWTs as `jwt.<header>.<payload>.<signature>`. */
const VENDOR_PREFIX = 'jwt.';

/** The bare three-part JWT inside `token` (vendor prefix removed), or undefined for an opaque token. */
export function jwtOf(token: string): string | undefined {
  const bare = token.startsWith(VENDOR_PREFIX) ? token.slice(VENDOR_PREFIX.length) : token;
  // Opaque OAuth tokens may contain dots too (e.g. "ya29.xxx"); only exactly three parts are a JWS.
  return bare.split('.').length === 3 ? bare : undefined;
}

/**
 * ms epoch of `exp` for a JWT (plain or `jwt.`-prefixed); undefined for opaque tokens; throws
 * TokenError('invalid-token') for a malformed JWT or one without a numeric `exp`.
 */
export function tokenExpiry(token: string): number | undefined {
  const jwt = jwtOf(token);
  if (jwt === undefined) return undefined;
  let payload: unknown;
  try {
    payload = jwtDecode<unknown>(jwt);
  } catch {
    // No `cause`: the decoder's message quotes the decoded payload, which is part of the token.
    throw new TokenError('invalid-token', 'the token has three dot-separated parts like a JWT, but its payload is not base64url-encoded JSON');
  }
  const exp = typeof payload === 'object' && payload !== null ? (payload as { exp?: unknown }).exp : undefined;
  // Every token the chat services issue carries `exp`; a JWT without one is more likely the wrong token than an immortal one.
  if (typeof exp !== 'number' || !Number.isFinite(exp)) {
    throw new TokenError('invalid-token', `the JWT has no numeric "exp" claim (found ${describeType(exp)})`);
  }
  return exp * 1000;
}

/** A token that passed validation, with its expiry (undefined for opaque tokens). */
export interface CheckedToken {
  /** The token, surrounding whitespace removed. */
  token: string;
  /** ms epoch of `exp`, or undefined when the token is opaque. */
  expiresAt: number | undefined;
}

/**
 * Validates what a provider returned (or a host passed in): a non-empty string without inner
 * whitespace, a well-formed JWT if it looks like one, not yet expired at `now`. `source` names where
 * it came from in the error message.
 */
export function checkToken(value: unknown, now: number, source: string): CheckedToken {
  if (typeof value !== 'string') {
    throw new TokenError('invalid-token', `${source} gave ${describeType(value)} instead of a token string`);
  }
  // A trailing newline from `response.text()` is a common slip that would break the Authorization header.
  const token = value.trim();
  if (token === '') throw new TokenError('invalid-token', `${source} gave an empty token`);
  if (/\s/.test(token)) {
    throw new TokenError('invalid-token', `${source} gave a token containing whitespace; return the bare token, not an Authorization header value`);
  }
  let expiresAt: number | undefined;
  try {
    expiresAt = tokenExpiry(token);
  } catch (error) {
    throw error instanceof TokenError ? new TokenError(error.code, `${source} gave an invalid token: ${error.message}`) : error;
  }
  if (expiresAt !== undefined && expiresAt <= now) {
    const ago = Math.ceil((now - expiresAt) / 1000);
    throw new TokenError('expired-token', `${source} gave a token that expired ${ago} s ago (exp ${expiresAt / 1000}); check its lifetime and this device's clock`);
  }
  return { token, expiresAt };
}
