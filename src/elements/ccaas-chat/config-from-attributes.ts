import type { Clock } from '../../core/clock.js';
import { validateIdleConfig } from '../../core/idle-timer.js';
import { resolveTokenProvider, type TokenProvider } from '../../core/token-provider.js';
import type { CcaasChatConfig } from '../../controllers/ccaas-chat-config.js';

/** What the element's attributes and properties hold, as read for its configuration. */
export interface ChatAttributes {
  /** `host-url`. */
  hostUrl: string;
  /** `integration-id`. */
  integrationId: string;
  /** `app-key`. */
  appKey: string;
  /** `token-provider`: a function or the dot path of a global one. */
  tokenProvider: TokenProvider | string | undefined;
  /** `display-name`. */
  displayName: string;
  /** `session-parameters` (JSON text). */
  sessionParameters: string;
  /** `engagement-parameters` (JSON text). */
  engagementParameters: string;
  /** `idle-timeout` in seconds. */
  idleTimeout: number | undefined;
  /** `idle-grace-timeout` in seconds. */
  idleGraceTimeout: number | undefined;
  /** `reconnection-timeout` in seconds. */
  reconnectionTimeout: number | undefined;
  /** `storage-key`, else the id: what tells the stored session apart. */
  sessionKey: string;
  /** `auto-start`. */
  autoStart: boolean;
  /** The time source, if one was set. */
  clock: Clock | undefined;
}

/** The SDK's names of the timeouts, as the page author knows them (attribute names). */
const TIMEOUT_ATTRIBUTES: [RegExp, string][] = [
  [/idleShutdownGraceTimeout/g, 'idle-grace-timeout'],
  [/idleTimeout/g, 'idle-timeout'],
  [/reconnectionTimeout/g, 'reconnection-timeout'],
];

/**
 * The controller's settings from the element's attributes, or a message naming what the page
 * author must fix. Every failed call of the token provider is reported to `providerFailed`.
 */
export function chatConfigFrom(attributes: ChatAttributes, providerFailed: (error: unknown) => void): CcaasChatConfig | string {
  const a = attributes;
  for (const [value, attr] of [[a.hostUrl, 'host-url'], [a.integrationId, 'integration-id'], [a.appKey, 'app-key']] as const) {
    if (!value) return `the ${attr} attribute is required`;
  }
  let provider: TokenProvider;
  try {
    const resolved = resolveTokenProvider(a.tokenProvider);
    provider = async (request) => {
      try {
        return await resolved(request);
      } catch (error) {
        providerFailed(error);
        throw error;
      }
    };
  } catch (error) {
    return `token-provider: ${error instanceof Error ? error.message : String(error)}`;
  }
  const sessionParameters = parseJson(a.sessionParameters, 'session-parameters');
  if (typeof sessionParameters === 'string') return sessionParameters;
  const engagementParameters = parseJson(a.engagementParameters, 'engagement-parameters');
  if (typeof engagementParameters === 'string') return engagementParameters;
  let timeouts;
  try {
    timeouts = validateIdleConfig({
      idleTimeout: a.idleTimeout ?? undefined,
      idleShutdownGraceTimeout: a.idleGraceTimeout ?? undefined,
      reconnectionTimeout: a.reconnectionTimeout ?? undefined,
    });
  } catch (error) {
    return TIMEOUT_ATTRIBUTES.reduce((message, [name, attr]) => message.replace(name, attr), (error as Error).message);
  }
  return {
    hostURL: a.hostUrl,
    integrationId: a.integrationId,
    appkey: a.appKey,
    tokenProvider: provider,
    ...(a.displayName ? { displayName: a.displayName } : {}),
    ...(sessionParameters ? { sessionParameters } : {}),
    ...(engagementParameters ? { engagementParameters } : {}),
    ...timeouts,
    ...(a.clock ? { clock: a.clock } : {}),
    sessionKey: a.sessionKey,
    autoStart: a.autoStart,
  };
}

/** A JSON object attribute (undefined when empty), or the message saying what is wrong with it. */
function parseJson(text: string, attr: string): Record<string, string> | undefined | string {
  if (!text) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `${attr} is not valid JSON (${error instanceof Error ? error.message : String(error)}); expected an object like {"key": "value"}`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${attr} must be a JSON object like {"key": "value"}`;
  return value as Record<string, string>;
}
