import { type Clock, type Timer, systemClock } from '../core/clock.js';
import { IdleTimer } from '../core/idle-timer.js';
import { TokenError } from '../core/token-error.js';
import { TokenLifecycle, type TokenProvider } from '../core/token-lifecycle.js';
import { type SdkConfig, type SdkInitParams, type ResolvedSettings, type TimeoutsConfig, parametersFrom, resolveSettings, timeoutsFrom } from './config.js';
import { Engagement, type EngagementHost } from './engagement.js';
import { ChatSdkError, ErrorCode } from './errors.js';
import { HandlerRegistry } from './handlers.js';
import { type Logger, createLogger } from './log.js';
import type { ChatEventHandler } from './sdk-api.js';
import { EventStream } from './event-stream.js';
import { SessionStore, defaultStorage } from './session-store.js';
import type { ChatSdk } from './sdk-api.js';
import { type ChatEventMap, type ChatEventType, type ServerEvent, type UserContext, type WireEngagement, type WireSession } from './types.js';
import { WireClient } from './wire-client.js';


/** Everything one initialised session holds; dropped as a whole on shutdown. */
interface Running {
  settings: ResolvedSettings;
  clock: Clock;
  wire: WireClient;
  tokens: TokenLifecycle;
  idle: IdleTimer;
  /** Unsubscribes from `idle` (replaced when the idle settings change). */
  idleOffs: (() => void)[];
  stream: EventStream;
  store: SessionStore;
  sessionId: string;
  offs: (() => void)[];
}

const iso = (ms: number) => new Date(ms).toISOString();
/** TOKEN_EXPIRY_REMINDER comes this long before the token's `exp` (the vendor's contract). */
const REMINDER_LEAD_MS = 180_000;

/**
 * The chat engine behind `createChatSdk()` (loaded on the first `init`): the vendor Chat SDK's documented contract (seed 003, protocols.md §2):
 * a session with the platform, its engagements, the long-poll event stream, token and idle
 * lifecycles, and resume after a page reload. Framework-free; one instance per widget.
 */
export class ChatEngine implements ChatSdk {
  readonly #handlers = new HandlerRegistry((type, error) => this.#log.error(`a ${type} handler threw`, error));
  readonly #engagements = new Map<string, Engagement>();
  readonly #joined = new Set<string>();
  #running: Running | undefined;
  #initializing: Promise<UserContext> | undefined;
  #userContext: UserContext | undefined;
  #closeRequested = false;
  /** Console output at the level of the last init's Config.logLevel. */
  #log: Logger = createLogger('WARN');

  /** Subscribes `handler` to `event` (one of the 16 EventType names). */
  on<K extends ChatEventType>(event: K | 'IDLE_TIMEOUT', handler: ChatEventHandler<K>): void {
    this.#handlers.on(event, handler);
  }

  /** Removes every handler of `event`, or of all events when called without one. */
  off(event?: ChatEventType | 'IDLE_TIMEOUT'): void {
    this.#handlers.off(event);
  }

  /** Where this engine writes (the lazy facade reports its handlers' errors there too). */
  get logger(): Logger {
    return this.#log;
  }

  /** True between a successful `init` and `shutdown`. */
  get initialized(): boolean {
    return this.#running !== undefined;
  }

  /** Our extension: when the session shuts down for inactivity (ms epoch) while the grace period runs; undefined otherwise. */
  get idleDeadline(): number | undefined {
    const idle = this.#running?.idle;
    return idle?.state === 'grace' ? idle.deadline : undefined;
  }

  /** Id of the current session (undefined before init). */
  get sessionId(): string | undefined {
    return this.#running?.sessionId;
  }

  /**
   * Connects: validates params and config, opens (or, after a reload, resumes) the session,
   * starts the event stream and the idle timer; resolves with the UserContext (also sent as INITIALIZED).
   */
  init(params: SdkInitParams, config: SdkConfig = {}): Promise<UserContext> {
    if (this.#running || this.#initializing) return Promise.reject(new ChatSdkError(ErrorCode.ALREADY_INITIALIZED, 'the SDK is already initialised; shut it down first'));
    this.#closeRequested = false;
    this.#initializing = this.#init(params, config).finally(() => (this.#initializing = undefined));
    return this.#initializing;
  }

  /** Starts a new chat with optional engagement parameters (≤ 20 keys, key ≤ 64, value ≤ 256 characters). */
  async createEngagement(engagementParameters?: Record<string, string>): Promise<Engagement> {
    const running = this.#require();
    const parameters = parametersFrom(engagementParameters, 'engagementParameters');
    running.idle.activity();
    const engagement = this.#adopt(await running.wire.createEngagement(running.sessionId, parameters));
    this.#markJoined(engagement);
    return engagement;
  }

  /** Ongoing engagements of the user across all their sessions (asks the platform). */
  async getEngagements(): Promise<Engagement[]> {
    const running = this.#require();
    const session = await running.wire.getSession(running.sessionId);
    return (session.engagements ?? []).map((e) => this.#adopt(e));
  }

  /** The engagement with this id, if the SDK knows it. */
  getEngagementById(engagementId: string): Engagement | undefined {
    this.#require();
    return this.#engagements.get(engagementId);
  }

  /** Installs a new JWT (after TOKEN_EXPIRY_REMINDER or TOKEN_EXPIRED); a paused event stream resumes. */
  setJwtToken(token: string): void {
    const running = this.#require();
    try {
      running.tokens.setToken(token);
    } catch (error) {
      throw tokenFailure(error);
    }
    running.stream.resume();
  }

  /** Extends the session: restarts the idle timer and cancels a running grace period. */
  resetIdleTimeout(): void {
    this.#require().idle.activity();
  }

  /** The guide's own sample calls this name; same as `resetIdleTimeout`. */
  resetTimer(): void {
    this.resetIdleTimeout();
  }

  /** Reconnects the event stream now (after EVENT_STREAM_FAILED, e.g. RECONNECTION_TIMEOUT). */
  retryConnection(): void {
    this.#require().stream.retry();
  }

  /** Ends the session (ongoing chats stay open); SHUTDOWN with reason USER_CLOSED follows. */
  async shutdown(): Promise<{ reason: 'USER_CLOSED' }> {
    this.#require();
    await this.#shutdown('USER_CLOSED');
    return { reason: 'USER_CLOSED' };
  }

  /**
   * Our extension: stops polling and timers but keeps the session on the server and in
   * sessionStorage, so a later `init` (e.g. the element re-attached, or a reload) resumes it.
   */
  close(): void {
    const running = this.#running;
    if (running) this.#release(running);
    // Closed while init is under way: init stops short of starting anything.
    else if (this.#initializing) this.#closeRequested = true;
  }

  async #init(params: SdkInitParams, config: SdkConfig): Promise<UserContext> {
    const settings = resolveSettings(params, config);
    const log = createLogger(settings.logLevel);
    this.#log = log;
    const clock = config.clock ?? systemClock;
    // Looked up per call, so a page that instruments window.fetch later still sees our requests.
    const fetchImpl: typeof fetch = config.fetch ?? ((input, init) => globalThis.fetch(input, init));
    const provider: TokenProvider | undefined = params.tokenProvider ?? config.tokenProvider;
    const tokens = new TokenLifecycle({ service: 'ccaas', clock, leadTimeMs: REMINDER_LEAD_MS, ...(provider ? { provider } : {}), autoRefresh: provider !== undefined });
    const offs: (() => void)[] = [];
    const lastToken: { value: string | undefined } = { value: undefined };
    offs.push(tokens.on('refreshed', (e) => (lastToken.value = e.detail.token)));
    try {
      if (params.token !== undefined) tokens.setToken(params.token);
    } catch (error) {
      tokens.dispose();
      throw tokenFailure(error);
    }
    const wire: WireClient = new WireClient({
      baseUrl: settings.baseUrl,
      appkey: settings.appkey,
      fetch: fetchImpl,
      // A call of the running session answered 404 Session not found: the platform dropped it.
      sessionInvalid: (message) => {
        if (this.#running?.wire === wire) this.#sessionInvalid({ message, reason: 'SDK_SESSION_INVALID', retryAfter: undefined, eventDate: iso(clock.now()) });
      },
      token: async () => {
        // With a provider an expired token is replaced; without one the last token is still sent,
        // so the platform answers 401 and the stream pauses until setJwtToken (the vendor's behaviour).
        if (!provider) return tokens.token ?? lastToken.value ?? Promise.reject(new ChatSdkError(ErrorCode.TOKEN_EXPIRED, 'no token; call setJwtToken'));
        try {
          return await tokens.getToken();
        } catch (error) {
          throw tokenFailure(error);
        }
      },
    });
    let store = new SessionStore(config.storage === undefined ? defaultStorage() : config.storage, settings.hostURL, settings.integrationId, config.sessionKey);
    if (!store.claim()) {
      this.#log.warn(`another chat on this page keeps its session under "${store.key}"; this one will not survive a reload (give each widget its own id or storage-key, or each SDK its own sessionKey)`);
      store = new SessionStore(null, settings.hostURL, settings.integrationId, config.sessionKey);
    }
    let session: WireSession;
    const stored = store.load();
    try {
      session = await this.#openSession(wire, store, settings, stored?.sessionId);
    } catch (error) {
      tokens.dispose();
      store.release();
      throw error;
    }
    const resumed = stored?.sessionId === session.sessionId ? stored : undefined;
    log.info(`session ${session.sessionId} ${resumed ? 'resumed' : 'opened'}`);
    if (this.#closeRequested) {
      // Kept for a later init to resume, as close() promises.
      store.save({ sessionId: session.sessionId, engagementIds: resumed?.engagementIds ?? [], ...(resumed?.lastEventId ? { lastEventId: resumed.lastEventId } : {}) });
      tokens.dispose();
      store.release();
      throw new ChatSdkError(ErrorCode.NOT_INITIALIZED, 'closed before init completed');
    }
    this.#engagements.clear();
    this.#joined.clear();
    for (const e of session.engagements ?? []) {
      this.#adopt(e);
      // After a reload the engagements this session had joined are still ours.
      if (resumed?.engagementIds.includes(e.engagementId) || e.sessionId === session.sessionId) this.#joined.add(e.engagementId);
    }
    const stream = new EventStream(
      {
        clock,
        fetch: fetchImpl,
        url: `${settings.baseUrl}/sessions/${encodeURIComponent(session.sessionId)}/events`,
        headers: () => wire.headers(),
        reconnectionTimeoutMs: settings.reconnectionTimeout * 1000,
        cursor: resumed?.lastEventId,
        ...(config.random ? { random: config.random } : {}),
        log,
      },
      {
        event: (e) => this.#onServerEvent(e),
        connecting: () => this.#emit('EVENT_STREAM_CONNECTING', { eventDate: iso(clock.now()) }),
        connected: () => this.#emit('EVENT_STREAM_CONNECTED', { eventDate: iso(clock.now()) }),
        failed: (payload) => {
          log.info(`event stream failed: ${payload.reason}${payload.retryAfter === undefined ? '' : `, retrying in ${payload.retryAfter} ms`}`);
          if (payload.reason === 'SDK_SESSION_INVALID') return this.#sessionInvalid({ ...payload, eventDate: iso(clock.now()) });
          this.#emit('EVENT_STREAM_FAILED', { ...payload, eventDate: iso(clock.now()) });
          // With a provider a rejected token is replaced at once; 'refreshed' then resumes the stream.
          // (Not when the stream stopped for want of a token: the provider has just failed to give one.)
          if (payload.reason === 'UNAUTHORIZED' && provider && !stream.waitingForToken) {
            tokens.refresh('rejected').catch(() => {
              // No token and none to be had: disconnected until one is set, as after TOKEN_EXPIRED.
              if (this.#running?.tokens === tokens && tokens.token === undefined) this.#emit('TOKEN_EXPIRED', { expiredDate: iso(clock.now()) });
            });
          }
        },
        closed: () => this.#emit('EVENT_STREAM_CLOSED', { eventDate: iso(clock.now()) }),
      },
    );
    // The contract: the reminder comes 180 s before exp, and at once for a token with less left.
    // (The lifecycle reminds of such a token half-way, which is when it asks the provider again.)
    let remindedEarly: string | undefined;
    // One pending early reminder at most: a newer token replaces the one before.
    let earlyReminder: Timer | undefined;
    const remind = (expiresAt: number) => this.#emit('TOKEN_EXPIRY_REMINDER', { eventDate: iso(clock.now()), expiryDate: iso(expiresAt) });
    const remindIfInside = (token: string | undefined, expiresAt: number | undefined) => {
      if (token === undefined || expiresAt === undefined || expiresAt - clock.now() > REMINDER_LEAD_MS) return;
      remindedEarly = token;
      earlyReminder?.cancel();
      earlyReminder = clock.setTimeout(() => tokens.token === token && remind(expiresAt), 0);
    };
    offs.push(
      () => earlyReminder?.cancel(),
      tokens.on('refreshed', (e) => remindIfInside(e.detail.token, e.detail.expiresAt)),
      tokens.on('expiring', (e) => remindedEarly !== e.detail.token && remind(e.detail.expiresAt)),
      tokens.on('expired', (e) => {
        this.#emit('TOKEN_EXPIRED', { expiredDate: iso(e.detail.expiredAt) });
        // Unless a handler set a new token: stay disconnected until one is set (the guide's words).
        if (tokens.token === undefined) stream.waitForToken('the token expired; polling resumes when a new token is set');
      }),
      tokens.on('refreshed', () => stream.resume()),
    );
    // The token init opened the session with came before these listeners.
    remindIfInside(tokens.token, tokens.expiresAt);
    const { idle, idleOffs } = this.#idleTimer(clock, settings);
    this.#running = { settings, clock, wire, tokens, idle, idleOffs, stream, store, sessionId: session.sessionId, offs };
    this.#save();
    const userContext: UserContext = {
      ...(session.displayName !== undefined ? { displayName: session.displayName } : {}),
      ...(session.sessionParameters !== undefined ? { sessionParameters: session.sessionParameters } : {}),
      engagements: [...this.#engagements.values()],
    };
    this.#userContext = userContext;
    this.#emit('INITIALIZED', userContext);
    // After INITIALIZED, so a page that sets up in that handler sees the stream connect.
    idle.start();
    stream.start();
    return userContext;
  }

  /**
   * Our extension: applies new timeouts to the running session (validated like init's Config).
   * A new idle or grace timeout restarts the idle period from now; a new reconnection timeout
   * applies to the stream's current and later runs of failures.
   */
  updateConfig(config: TimeoutsConfig): void {
    const running = this.#require();
    const current = running.settings;
    const next = timeoutsFrom({
      idleTimeout: config.idleTimeout ?? current.idleTimeout,
      idleShutdownGraceTimeout: config.idleShutdownGraceTimeout ?? current.idleShutdownGraceTimeout,
      reconnectionTimeout: config.reconnectionTimeout ?? current.reconnectionTimeout,
    });
    running.settings = { ...current, ...next };
    if (next.idleTimeout !== current.idleTimeout || next.idleShutdownGraceTimeout !== current.idleShutdownGraceTimeout) {
      running.idle.stop();
      for (const off of running.idleOffs) off();
      Object.assign(running, this.#idleTimer(running.clock, running.settings));
      running.idle.start();
    }
    if (next.reconnectionTimeout !== current.reconnectionTimeout) running.stream.setReconnectionTimeout(next.reconnectionTimeout * 1000);
  }

  #idleTimer(clock: Clock, settings: ResolvedSettings): { idle: IdleTimer; idleOffs: (() => void)[] } {
    const idle = new IdleTimer({ clock, idleMs: settings.idleTimeout * 1000, graceMs: settings.idleShutdownGraceTimeout * 1000 });
    const idleOffs = [
      idle.on('warning', (e) => this.#emit('IDLE_TIMEOUT_EXPIRED', { eventDate: iso(e.detail.at), gracePeriod: Math.round(e.detail.graceMs / 1000) })),
      idle.on('expired', () => void this.#shutdown('USER_INACTIVE')),
    ];
    return { idle, idleOffs };
  }

  /** Resumes the stored session if the platform still has it, else creates one. */
  async #openSession(wire: WireClient, store: SessionStore, settings: ResolvedSettings, storedId: string | undefined): Promise<WireSession> {
    if (storedId) {
      try {
        return await wire.getSession(storedId);
      } catch (error) {
        if (!(error instanceof ChatSdkError && error.code === ErrorCode.SESSION_INVALID)) throw error;
        store.clear();
      }
    }
    return wire.createSession(settings.displayName, settings.sessionParameters);
  }

  #onServerEvent(event: ServerEvent): void {
    const engagement = this.#engagements.get(event.engagementId) ?? this.#adopt(placeholder(event));
    switch (event.eventType) {
      case 'PARTICIPANT_ADDED': {
        const participant = event.participant!;
        if (!engagement.getParticipantById(participant.participantId)) engagement.participants.push(participant);
        engagement.lastUpdatedAt = event.eventDate;
        if (participant.participantType === 'CUSTOMER') {
          engagement.engagementStatus = 'ACTIVE';
          this.#markJoined(engagement);
          this.#emit('ENGAGEMENT_ACTIVE', { engagementId: engagement.engagementId, dialogId: engagement.dialogId, eventDate: event.eventDate, engagement });
        } else {
          this.#emit('PARTICIPANT_ADDED', { engagementId: engagement.engagementId, dialogId: engagement.dialogId, eventDate: event.eventDate, participant });
        }
        break;
      }
      case 'PARTICIPANT_DISCONNECTED': {
        const participant = event.participant!;
        engagement.participants = engagement.participants.filter((p) => p.participantId !== participant.participantId);
        engagement.lastUpdatedAt = event.eventDate;
        if (participant.participantType === 'CUSTOMER') {
          engagement.engagementStatus = 'TERMINATED';
          this.#joined.delete(engagement.engagementId);
          this.#emit('ENGAGEMENT_TERMINATED', { engagementId: engagement.engagementId, dialogId: engagement.dialogId, eventDate: event.eventDate, engagement });
        } else {
          this.#emit('PARTICIPANT_DISCONNECTED', { engagementId: engagement.engagementId, dialogId: engagement.dialogId, eventDate: event.eventDate, participant });
        }
        break;
      }
      case 'MESSAGE': {
        const message = event.message!;
        engagement.lastUpdatedAt = message.lastUpdatedAt ?? event.eventDate;
        this.#emit(message.senderParticipant.participantType === 'CUSTOMER' ? 'MESSAGE_DELIVERED' : 'MESSAGE_ARRIVED', message);
        break;
      }
      case 'ENGAGEMENT_ERROR':
        this.#emit('ENGAGEMENT_ERROR', {
          engagementId: engagement.engagementId,
          type: event.error?.type ?? 'ENGAGEMENT_ERROR',
          title: event.error?.title ?? 'Engagement error',
          detail: event.error?.detail ?? '',
          eventDate: event.eventDate,
        });
        break;
      case 'ENGAGEMENT_CREATED':
        break;
    }
    this.#save();
  }

  #adopt(wire: WireEngagement): Engagement {
    const known = this.#engagements.get(wire.engagementId);
    if (known) {
      known.update(wire);
      return known;
    }
    const engagement = new Engagement(wire, this.#host);
    this.#engagements.set(engagement.engagementId, engagement);
    return engagement;
  }

  #markJoined(engagement: Engagement): void {
    if (this.#joined.has(engagement.engagementId)) return;
    this.#joined.add(engagement.engagementId);
    this.#save();
  }

  readonly #host: EngagementHost = {
    wire: () => this.#require().wire,
    sessionId: () => this.#require().sessionId,
    activity: () => this.#running?.idle.activity(),
    joined: (engagement) => this.#markJoined(engagement),
  };

  #save(): void {
    const running = this.#running;
    if (!running) return;
    const cursor = running.stream.cursor;
    running.store.save({ sessionId: running.sessionId, engagementIds: [...this.#joined], ...(cursor ? { lastEventId: cursor } : {}) });
  }

  async #shutdown(reason: 'USER_CLOSED' | 'USER_INACTIVE'): Promise<void> {
    const running = this.#dropSession();
    if (!running) return;
    try {
      await running.wire.deleteSession(running.sessionId);
    } catch {
      // The session is gone for us either way; the platform expires abandoned sessions itself.
    }
    this.#log.info(`session ${running.sessionId} shut down (${reason})`);
    this.#emit('SHUTDOWN', { reason, eventDate: iso(running.clock.now()) });
  }

  /** The platform no longer knows the session: nothing of it can be resumed, a new init starts afresh. */
  #sessionInvalid(failure: ChatEventMap['EVENT_STREAM_FAILED']): void {
    this.#emit('EVENT_STREAM_FAILED', failure);
    this.#dropSession();
  }

  /** Forgets the session here and in storage (shut down, or dropped by the platform); returns what ran. */
  #dropSession(): Running | undefined {
    const running = this.#running;
    if (!running) return undefined;
    this.#release(running);
    running.store.clear();
    this.#engagements.clear();
    this.#joined.clear();
    this.#userContext = undefined;
    return running;
  }

  #release(running: Running): void {
    this.#running = undefined;
    for (const off of [...running.offs, ...running.idleOffs]) off();
    running.idle.stop();
    running.tokens.dispose();
    running.stream.stop();
    running.store.release();
  }

  #require(): Running {
    if (!this.#running) throw new ChatSdkError(ErrorCode.NOT_INITIALIZED, 'the SDK is not initialised; call init() first');
    return this.#running;
  }

  #emit<K extends ChatEventType>(type: K, payload: ChatEventMap[K]): void {
    this.#log.debug(describeEvent(type, payload));
    this.#handlers.emit(type, payload);
  }

  /** The context of the last successful init (undefined after shutdown). */
  get userContext(): UserContext | undefined {
    return this.#userContext;
  }
}

/** An event for the DEBUG log: its type and ids, never message text or tokens. */
function describeEvent(type: ChatEventType, payload: unknown): string {
  const p = payload as { engagementId?: unknown; messageId?: unknown; reason?: unknown; participant?: { participantType?: unknown } };
  const parts = [type, p.engagementId, p.messageId, p.reason, p.participant?.participantType].filter((part) => typeof part === 'string');
  return parts.join(' ');
}

function tokenFailure(error: unknown): ChatSdkError {
  if (error instanceof ChatSdkError) return error;
  if (error instanceof TokenError) {
    return new ChatSdkError(error.code === 'expired-token' ? ErrorCode.TOKEN_EXPIRED : ErrorCode.TOKEN_INVALID, `${error.code}: ${error.message}`);
  }
  return new ChatSdkError(ErrorCode.TOKEN_INVALID, error instanceof Error ? error.message : String(error));
}

/** An engagement the stream mentions before we knew it (joined from another session). */
function placeholder(event: ServerEvent): WireEngagement {
  return { engagementId: event.engagementId, dialogId: event.dialogId, engagementStatus: 'ACTIVE', createdAt: event.eventDate, lastUpdatedAt: event.eventDate, participants: [] };
}
