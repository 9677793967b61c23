import type { Clock } from './clock.js';
import { TokenError, describeType } from './token-error.js';

/** Why a token is being asked for: first use, ahead of expiry, or after the service refused one. */
export type TokenReason = 'initial' | 'refresh' | 'rejected';

/** What a token provider is told about the token it should return. */
export interface TokenRequest {
  /** Which service the token is for ('spaces', 'ccaas'...). */
  service: string;
  /** Why it is asked for. */
  reason: TokenReason;
}

/** The host page's function that returns a token (from its own backend), or a promise of one. */
export type TokenProvider = (request: TokenRequest) => string | Promise<string>;

/** Path segments that would walk into prototypes rather than the page's own globals. */
const UNSAFE_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** True if `path` is a plain dot path of identifiers that is safe to quote in a message. */
function isQuotablePath(path: string): boolean {
  // A pasted JWT (eyJ...) can look like identifiers separated by dots; never echo one into a log.
  if (/^(jwt\.)?eyJ/.test(path)) return false;
  return path.split('.').every((segment) => IDENTIFIER.test(segment) && segment.length <= 64 && !UNSAFE_SEGMENTS.has(segment));
}

/** How to define the provider the path names, for error messages. */
function defineHint(path: string): string {
  const target = /^(window|globalThis|self)\./.test(path) ? path : `window.${path}`;
  return `define it before the element connects, e.g. ${target} = async ({ service, reason }) => token (top-level let/const are not window properties)`;
}

/**
 * Resolves a function, or a global function named by a dot path ("app.auth.getToken") under `root`
 * (globalThis by default). A path's function is called with its owner as `this`, so methods work.
 * `attribute` is the caller's attribute for it (e.g. `session-provider`), named in the messages
 * with its camel-cased property. Throws TokenError 'provider-missing' | 'provider-not-function'.
 */
export function resolveTokenProvider(value: TokenProvider | string | null | undefined, root: object = globalThis, attribute = 'token-provider'): TokenProvider {
  if (typeof value === 'function') return value;
  if (value === null || value === undefined) {
    const property = attribute.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
    throw new TokenError(
      'provider-missing',
      `no token provider: set the ${property} property, or ${attribute} to the dot path of a global function (e.g. "app.auth.getToken")`,
    );
  }
  if (typeof value !== 'string') {
    throw new TokenError('provider-not-function', `the token provider must be a function or a dot path, not ${describeType(value)}`);
  }
  const path = value.trim();
  if (!isQuotablePath(path)) {
    throw new TokenError(
      'provider-missing',
      `${attribute} is not a dot path like "app.auth.getToken" (not quoted: it may be a token)`,
    );
  }
  const segments = path.split('.');
  let owner: unknown;
  let current: unknown = root;
  for (const [index, segment] of segments.entries()) {
    if (current === null || (typeof current !== 'object' && typeof current !== 'function')) {
      const walked = segments.slice(0, index).join('.');
      throw new TokenError('provider-missing', `token provider "${path}" is not defined: "${walked}" is ${describeType(current)}; ${defineHint(path)}`);
    }
    owner = current;
    current = (current as Record<string, unknown>)[segment];
  }
  if (current === undefined) {
    throw new TokenError('provider-missing', `token provider "${path}" is not defined; ${defineHint(path)}`);
  }
  if (typeof current !== 'function') {
    throw new TokenError('provider-not-function', `token provider "${path}" is ${describeType(current)}, not a function; ${defineHint(path)}`);
  }
  const provider = current as TokenProvider;
  return (request) => provider.call(owner, request);
}

/** How `callTokenProvider` bounds one call. */
export interface ProviderCallOptions {
  /** Clock the timeout runs on. */
  clock: Clock;
  /** Give up on a provider that has not settled after this long. */
  timeoutMs: number;
  /** Abandons the call (its eventual result is ignored); rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * Calls the provider once. Resolves with whatever it returned (validate it with `checkToken`);
 * rejects with TokenError 'provider-failed' (cause attached) if it throws or rejects, or
 * 'provider-timeout' if it has not settled within `timeoutMs`.
 */
export function callTokenProvider(provider: TokenProvider, request: TokenRequest, options: ProviderCallOptions): Promise<unknown> {
  const { clock, timeoutMs, signal } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    let settled = false;
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      timer.cancel();
      signal?.removeEventListener('abort', onAbort);
      settle();
    };
    // The provider's own message stays in `cause`: it is the page's text and may quote anything.
    const failed = (cause: unknown) =>
      new TokenError('provider-failed', `the token provider for "${request.service}" failed (see the error's cause)`, { cause });
    const onAbort = () => finish(() => reject(signal?.reason));
    const timer = clock.setTimeout(
      () => finish(() => reject(new TokenError('provider-timeout', `the token provider for "${request.service}" did not answer within ${timeoutMs} ms`))),
      timeoutMs,
    );
    signal?.addEventListener('abort', onAbort, { once: true });
    let result: unknown;
    try {
      result = provider(request);
    } catch (error) {
      finish(() => reject(failed(error)));
      return;
    }
    Promise.resolve(result).then(
      (value) => finish(() => resolve(value)),
      (error: unknown) => finish(() => reject(failed(error))),
    );
  });
}
