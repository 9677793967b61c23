import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { systemClock, type Clock } from '../core/clock.js';
import { TokenLifecycle, resolveTokenProvider, type TokenProvider } from '../core/token-lifecycle.js';
import { openRoom, type RoomLease } from '../spaces/registry.js';
import type { SpacesRoom } from '../spaces/room.js';
import type { SocketFactory } from '../spaces/socket-types.js';
import type { SpacesMessage } from '../spaces/types.js';
import { BurstThrottle } from './burst-throttle.js';

/**
 * A burst of changes renders when it pauses (BURST_SETTLE_MS), and during a long burst every
 * RENDER_MAX_WAIT_MS: a quarter of a second still reads as live, and each render of a list the
 * burst keeps moving costs tens of milliseconds. New messages reach the host at least every
 * ANNOUNCE_MAX_WAIT_MS.
 */
const RENDER_MAX_WAIT_MS = 250;
const ANNOUNCE_MAX_WAIT_MS = 100;

/** What the controller reads from its host each time it (re)opens a room. */
export interface SpacesRoomConfig {
  /** The space to open; null is a configuration error shown to the author. */
  spaceId: string | null;
  /** Socket.IO URL with the `/chat` namespace. */
  serverUrl: string;
  /** REST base URL ending in `/api`. */
  apiUrl: string;
  /** Kind of token the provider gives. */
  tokenType: 'jwt' | 'oauth';
  /** The token provider, or the dot path of a global one. */
  provider: TokenProvider | string | null | undefined;
  /** The space PIN, for locked spaces. */
  password: string | undefined;
  /** Time source (the page's clock when undefined). */
  clock: Clock | undefined;
  /** How long before expiry the token is refreshed, in ms. */
  tokenLeadTimeMs: number | undefined;
  /** Makes the socket (the built-in client when undefined). */
  socketFactory: SocketFactory | undefined;
}

/** Problems the page author must fix, or a token that could not be had. */
export type SpacesProblem = { code: 'missing-space-id' | 'missing-provider' | 'provider-failed'; message: string };

/** Callbacks to the element (which turns them into DOM events). */
export interface SpacesRoomCallbacks {
  /** New messages from the network. */
  messages(messages: SpacesMessage[]): void;
  /** An own send was confirmed. */
  sent(message: SpacesMessage): void;
  /** Connection or subscription state changed. */
  state(): void;
  /** Token lifecycle news (never the token). */
  token(kind: 'expiring' | 'refreshed' | 'expired', expiresAt: number | undefined): void;
  /** Something failed. */
  error(code: string, message: string): void;
}

/**
 * Binds a shared Spaces room to an element: opens it when the element connects (or its
 * configuration changes), releases it when the element leaves, and coalesces bursts of room
 * changes into a few renders and a few `messages` callbacks.
 */
export class SpacesRoomController implements ReactiveController {
  /** The open room, once the token and connection are in place. */
  room: SpacesRoom | undefined;
  /** Lease of the room (and its connection). */
  lease: RoomLease | undefined;
  /** A misconfiguration or token failure to show. */
  problem: SpacesProblem | undefined;
  /** The element's token lifecycle. */
  lifecycle: TokenLifecycle | undefined;

  readonly #host: ReactiveControllerHost;
  readonly #config: () => SpacesRoomConfig;
  readonly #callbacks: SpacesRoomCallbacks;
  #offs: (() => void)[] = [];
  #generation = 0;
  #frame: number | undefined;
  /** Renders for room changes (see #render). */
  readonly #renders = new BurstThrottle(RENDER_MAX_WAIT_MS, (leading) => this.#render(leading));
  /** New messages not yet announced to the host: a burst is announced in batches, not per frame. */
  #unannounced: SpacesMessage[] = [];
  readonly #announcements = new BurstThrottle(ANNOUNCE_MAX_WAIT_MS, () => this.#announce());
  #connected = false;

  constructor(host: ReactiveControllerHost, config: () => SpacesRoomConfig, callbacks: SpacesRoomCallbacks) {
    this.#host = host;
    this.#config = config;
    this.#callbacks = callbacks;
    host.addController(this);
  }

  /** Opens the room. */
  hostConnected(): void {
    this.#connected = true;
    void this.reopen();
  }

  /** Releases the room, the token lifecycle and any scheduled frame. */
  hostDisconnected(): void {
    this.#connected = false;
    this.#close();
  }

  /** Closes the current room and opens the one the configuration names now. */
  async reopen(): Promise<void> {
    this.#close();
    if (!this.#connected) return;
    const generation = this.#generation;
    const config = this.#config();
    if (!config.spaceId) {
      this.#fail({ code: 'missing-space-id', message: 'no space-id attribute: set it to the id of an Avaya Spaces room' });
      return;
    }
    let provider: TokenProvider;
    try {
      provider = resolveTokenProvider(config.provider);
    } catch (error) {
      this.#fail({ code: 'missing-provider', message: (error as Error).message });
      return;
    }
    const clock = config.clock ?? systemClock;
    const lifecycle = new TokenLifecycle({ service: 'spaces', provider, clock, ...(config.tokenLeadTimeMs !== undefined ? { leadTimeMs: config.tokenLeadTimeMs } : {}) });
    this.lifecycle = lifecycle;
    this.#offs.push(
      lifecycle.on('expiring', ({ detail }) => this.#callbacks.token('expiring', detail.expiresAt)),
      lifecycle.on('refreshed', ({ detail }) => {
        if (detail.reason !== 'initial') this.#callbacks.token('refreshed', detail.expiresAt);
      }),
      lifecycle.on('expired', () => this.#callbacks.token('expired', undefined)),
      lifecycle.on('error', ({ detail }) => {
        this.#callbacks.error(`token-${detail.error.code}`, describe(detail.error));
        // Before the first token, say so at once instead of after the provider's retries run out.
        if (!this.lease && !this.problem) this.#fail({ code: 'provider-failed', message: describe(detail.error) }, false);
      }),
      lifecycle.on('refreshed', () => {
        if (this.problem?.code !== 'provider-failed') return;
        this.problem = undefined;
        this.#host.requestUpdate();
      }),
    );
    this.#host.requestUpdate();
    let lease: RoomLease;
    try {
      lease = await openRoom({
        serverUrl: config.serverUrl,
        apiUrl: config.apiUrl,
        tokenType: config.tokenType,
        spaceId: config.spaceId,
        lifecycle,
        clock,
        ...(config.password ? { password: config.password } : {}),
        ...(config.socketFactory ? { socketFactory: config.socketFactory } : {}),
      });
    } catch (error) {
      if (generation !== this.#generation) return;
      const message = describe(error);
      if (this.problem?.message !== message) this.#fail({ code: 'provider-failed', message });
      return;
    }
    if (generation !== this.#generation) {
      lease.release();
      return;
    }
    this.lease = lease;
    this.room = lease.room;
    const { room } = lease;
    this.#offs.push(
      room.on('change', ({ detail }) => {
        if (detail.what === 'state') {
          // The host hears of messages before the state change that followed them.
          this.#announce();
          this.#callbacks.state();
        }
        // Message and typing bursts arrive one socket frame per task: a burst renders a few times, not per frame.
        if (detail.what === 'messages' || detail.what === 'pending' || detail.what === 'typing' || detail.what === 'history') this.#renders.request();
        else this.#host.requestUpdate();
      }),
      room.on('messages', ({ detail }) => {
        this.#unannounced.push(...detail.messages);
        this.#announcements.request();
      }),
      room.on('sent', ({ detail }) => {
        this.#announce();
        this.#callbacks.sent(detail.message);
      }),
      room.on('error', ({ detail }) => {
        this.#announce();
        this.#callbacks.error(detail.code, detail.message);
      }),
    );
    this.#callbacks.state();
    this.#host.requestUpdate();
  }

  /** Asks for a new token and reconnects (the auth-error and provider-failed retry). */
  async retry(): Promise<void> {
    if (this.lease) await this.lease.connection.retry();
    else await this.reopen();
  }

  #fail(problem: SpacesProblem, announce = true): void {
    this.problem = problem;
    console.warn(`[spaces-chat] ${problem.message}`);
    if (announce) this.#callbacks.error(problem.code, problem.message);
    this.#host.requestUpdate();
  }

  /**
   * Many room changes in one frame become one render, and a burst becomes a few (#renders):
   * rendering every frame would leave the burst's messages little of each frame.
   */
  #render(leading: boolean): void {
    if (this.#frame !== undefined) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = undefined;
      // The change came alone, but a burst has begun since: it renders when the burst pauses or
      // has run for RENDER_MAX_WAIT_MS, rather than now and again then.
      if (leading && this.#renders.burstBegun) return;
      this.#host.requestUpdate();
    });
  }

  #announce(): void {
    const messages = this.#unannounced;
    if (messages.length === 0) return;
    this.#unannounced = [];
    this.#callbacks.messages(messages);
  }

  #close(): void {
    this.#generation += 1;
    for (const off of this.#offs) off();
    this.#offs = [];
    if (this.#frame !== undefined) cancelAnimationFrame(this.#frame);
    this.#frame = undefined;
    this.#renders.cancel();
    // What the room received before it closed is still news to the host.
    this.#announcements.cancel();
    this.#announce();
    this.lease?.release();
    this.lease = undefined;
    this.room = undefined;
    this.lifecycle?.dispose();
    this.lifecycle = undefined;
    this.problem = undefined;
  }
}

/** An error's message with its cause's (a provider's own "login service down" is what the author needs). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
}
