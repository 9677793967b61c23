import { type IdleConfig, validateIdleConfig } from '../core/idle-timer.js';
import type { TokenProvider } from '../core/token-lifecycle.js';
import type { Clock } from '../core/clock.js';
import { constraint } from './errors.js';
import { normalizeHostURL } from './host-url.js';
import { type LogLevel, logLevelFrom } from './log.js';

/** The first argument of `init` (the vendor's SDKInitParams). */
export interface SdkInitParams {
  /** The platform's host URL, e.g. `https://na.api.avayacloud.com`. */
  hostURL: string;
  /** The chat integration's id. */
  integrationId: string;
  /** A JWT (`jwt.<h>.<p>.<s>` or plain); may be omitted when `tokenProvider` is given. */
  token?: string;
  /** The integration's application key. */
  appkey: string;
  /** The customer's name (≤ 70 characters). */
  displayName?: string;
  /** Session parameters (≤ 20 keys, key ≤ 64, value ≤ 256 characters). */
  sessionParameters?: Record<string, string>;
  /** Our extension: asked for a token at start and before expiry, so refresh needs no page code. */
  tokenProvider?: TokenProvider;
}

/** The second argument of `init` (the vendor's Config) plus our injectable extensions. */
export interface SdkConfig {
  /** Seconds the event stream keeps retrying after a failure (120–900, default 120). */
  reconnectionTimeout?: number;
  /** Seconds without activity before IDLE_TIMEOUT_EXPIRED (300–3300, default 300). */
  idleTimeout?: number;
  /** Seconds from IDLE_TIMEOUT_EXPIRED to the session's shutdown (30–300, default 30). */
  idleShutdownGraceTimeout?: number;
  /** Console output: DEBUG, INFO, WARN (default), ERROR or OFF (case-insensitive). */
  logLevel?: string;
  /** Our extension: same as the init param. */
  tokenProvider?: TokenProvider;
  /** Our extension: time source (tests pass a ManualClock). */
  clock?: Clock;
  /** Our extension: HTTP transport (tests may inject a failing one). */
  fetch?: typeof fetch;
  /** Our extension: where the session survives a reload; `null` disables it. Default sessionStorage. */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  /** Our extension: random source of the backoff jitter. */
  random?: () => number;
  /** Our extension: tells apart several widgets on one integration in sessionStorage (e.g. the element's id). */
  sessionKey?: string;
}

/** Validated settings the engine runs with; timeouts in seconds as documented. */
export interface ResolvedSettings {
  /** `{hostURL}/sdk/digital/chat/v1/integrations/{integrationId}`: where every call goes. */
  baseUrl: string;
  /** The host URL, normalised (origin and path, no trailing slash). */
  hostURL: string;
  /** The integration's id. */
  integrationId: string;
  /** The integration's application key. */
  appkey: string;
  /** The customer's name, if given. */
  displayName: string | undefined;
  /** Session parameters, if given. */
  sessionParameters: Record<string, string> | undefined;
  /** Seconds the stream keeps retrying. */
  reconnectionTimeout: number;
  /** Seconds without activity before the idle warning. */
  idleTimeout: number;
  /** Seconds of grace after the warning. */
  idleShutdownGraceTimeout: number;
  /** Console output level. */
  logLevel: LogLevel;
}

/** The platform's documented input limits. */
export const LIMITS = { displayName: 70, parameterCount: 20, parameterKey: 64, parameterValue: 256, textMin: 1, textMax: 4096, pageSizeMax: 50 } as const;

/** The timeouts a running session may change (`updateConfig`), in seconds. */
export type TimeoutsConfig = Partial<IdleConfig>;

/** The three timeouts validated, defaults for those left out; a value out of range is a CONSTRAINT_VIOLATION. */
export function timeoutsFrom(config: Partial<Record<keyof IdleConfig, unknown>>): IdleConfig {
  try {
    return validateIdleConfig(config);
  } catch (error) {
    throw constraint(error instanceof Error ? error.message : String(error));
  }
}

/** Checks init params and config against the documented rules; throws ChatSdkError ACS-322 naming the problem. */
export function resolveSettings(params: SdkInitParams, config: SdkConfig = {}): ResolvedSettings {
  if (!params || typeof params !== 'object') throw constraint('init params must be an object');
  const hostURL = requiredString(params.hostURL, 'hostURL');
  let url: URL;
  try {
    url = new URL(hostURL);
  } catch {
    throw constraint(`hostURL must be an absolute http(s) URL, not "${hostURL.slice(0, 80)}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw constraint(`hostURL must use http or https, not ${url.protocol}`);
  const integrationId = requiredString(params.integrationId, 'integrationId');
  const appkey = requiredString(params.appkey, 'appkey');
  if (params.token === undefined && !params.tokenProvider && !config.tokenProvider) throw constraint('token is required (or a tokenProvider)');
  if (params.token !== undefined) requiredString(params.token, 'token');
  const displayName = displayNameFrom(params.displayName);
  const sessionParameters = parametersFrom(params.sessionParameters, 'sessionParameters');
  const timeouts = timeoutsFrom({
    reconnectionTimeout: config.reconnectionTimeout,
    idleTimeout: config.idleTimeout,
    idleShutdownGraceTimeout: config.idleShutdownGraceTimeout,
  });
  const logLevel = logLevelFrom(config.logLevel);
  const base = normalizeHostURL(url);
  return {
    baseUrl: `${base}/sdk/digital/chat/v1/integrations/${encodeURIComponent(integrationId)}`,
    hostURL: base,
    integrationId,
    appkey,
    displayName,
    sessionParameters,
    ...timeouts,
    logLevel,
  };
}

/** A display name of at most 70 characters (undefined when absent). */
export function displayNameFrom(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw constraint('displayName must be a string');
  if (value.length > LIMITS.displayName) throw constraint(`displayName must be at most ${LIMITS.displayName} characters (got ${value.length})`);
  return value;
}

/** Session or engagement parameters: ≤ 20 keys, key ≤ 64 characters, string values ≤ 256. */
export function parametersFrom(value: unknown, field: string): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw constraint(`${field} must be an object of string values`);
  const entries = Object.entries(value);
  if (entries.length > LIMITS.parameterCount) throw constraint(`${field} may have at most ${LIMITS.parameterCount} keys (got ${entries.length})`);
  for (const [key, entry] of entries) {
    if (key === '' || key.length > LIMITS.parameterKey) throw constraint(`${field} keys must be 1–${LIMITS.parameterKey} characters`);
    if (typeof entry !== 'string') throw constraint(`${field}.${key} must be a string`);
    if (entry.length > LIMITS.parameterValue) throw constraint(`${field}.${key} must be at most ${LIMITS.parameterValue} characters (got ${entry.length})`);
  }
  return Object.fromEntries(entries as [string, string][]);
}

/** Message text of 1–4096 characters, not only whitespace. */
export function messageTextFrom(value: unknown): string {
  if (typeof value !== 'string') throw constraint('message text must be a string');
  if (value.trim().length < LIMITS.textMin) throw constraint('message text must not be empty');
  if (value.length > LIMITS.textMax) throw constraint(`message text must be at most ${LIMITS.textMax} characters (got ${value.length})`);
  return value;
}

/** A history page size of 1–50 (default 10). */
export function pageSizeFrom(value: unknown): number {
  if (value === undefined || value === null) return 10;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > LIMITS.pageSizeMax) {
    throw constraint(`pageSize must be a whole number from 1 to ${LIMITS.pageSizeMax}`);
  }
  return value;
}

function requiredString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw constraint(`${field} is required and must be a non-empty string`);
  return value;
}
