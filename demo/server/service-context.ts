import type { Server as SocketIOServer } from 'socket.io';
import type { TokenIssuer } from './auth/token-issuer.js';
import type { Router } from './http/router.js';

/** Settings of one backend process. */
export interface BackendOptions {
  /** Port to listen on; 0 picks a free one. */
  port: number;
  /** Host to bind. */
  host: string;
  /** Where state is persisted; in memory only when unset. */
  dataDir?: string;
  /** Unsolicited demo traffic (chatter, generated events). Responsive behaviour stays on either way. */
  demoBots: boolean;
  /** How long simulated people (agent, helper) wait before they react, in ms; tests use 0. */
  reactionDelayMs: number;
  /** Folder served at `/` (demo pages); unset serves none. */
  demoRoot?: string;
  /** Folder served at `/cdn/`; unset serves none. */
  cdnRoot?: string;
}

/** What a service emulation gets to plug itself in. */
export interface ServiceContext {
  router: Router;
  io: SocketIOServer;
  issuer: TokenIssuer;
  options: BackendOptions;
}

/** A running service emulation. */
export interface ServiceHandle {
  /** Stops its timers and releases what it holds. */
  close(): void;
  /** Test controls reachable from browser tests through the test runner's server commands. */
  commands?: Record<string, (payload: unknown) => unknown>;
}
