import type { TimeoutsConfig } from '../ccaas/config.js';
import type { Clock } from '../core/clock.js';
import type { TokenProvider } from '../core/token-provider.js';

/** Settings the element derives from its attributes. */
export interface CcaasChatConfig {
  /** The platform's host URL. */
  hostURL: string;
  /** The chat integration's id. */
  integrationId: string;
  /** The integration's application key. */
  appkey: string;
  /** Where tokens come from. */
  tokenProvider: TokenProvider;
  /** The customer's name (else the start screen's, else the platform's default). */
  displayName?: string;
  /** Parameters of the next session. */
  sessionParameters?: Record<string, string>;
  /** Parameters of the next engagement. */
  engagementParameters?: Record<string, string>;
  /** Seconds without activity before the idle warning. */
  idleTimeout?: number;
  /** Seconds of grace after the warning. */
  idleShutdownGraceTimeout?: number;
  /** Seconds the stream keeps retrying. */
  reconnectionTimeout?: number;
  /** Time source (tests pass a ManualClock). */
  clock?: Clock;
  /** Tells this chat's stored session from others of the integration. */
  sessionKey?: string;
  /** Start a chat as soon as configured. */
  autoStart: boolean;
}

/** Same platform, integration and stored session: what a running chat cannot change under it. */
export function sameSession(a: CcaasChatConfig, b: CcaasChatConfig): boolean {
  return a.hostURL === b.hostURL && a.integrationId === b.integrationId && a.appkey === b.appkey && a.sessionKey === b.sessionKey && a.clock === b.clock;
}

/** Same idle, grace and reconnection timeouts. */
export function sameTimeouts(a: CcaasChatConfig, b: CcaasChatConfig): boolean {
  return a.idleTimeout === b.idleTimeout && a.idleShutdownGraceTimeout === b.idleShutdownGraceTimeout && a.reconnectionTimeout === b.reconnectionTimeout;
}

/** The timeouts the config sets, as the SDK's Config takes them. */
export function timeoutsOf(config: CcaasChatConfig): TimeoutsConfig {
  return {
    ...(config.idleTimeout !== undefined ? { idleTimeout: config.idleTimeout } : {}),
    ...(config.idleShutdownGraceTimeout !== undefined ? { idleShutdownGraceTimeout: config.idleShutdownGraceTimeout } : {}),
    ...(config.reconnectionTimeout !== undefined ? { reconnectionTimeout: config.reconnectionTimeout } : {}),
  };
}
