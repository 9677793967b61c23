import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type Clock, systemClock } from '../core/clock.js';
import { callTokenProvider } from '../core/token-provider.js';
import { createChatSdk } from '../ccaas/lazy-sdk.js';
import type { ChatSdk } from '../ccaas/sdk-api.js';
import { hasStoredSession } from '../ccaas/session-store.js';
import type { Engagement } from '../ccaas/engagement.js';
import { ChatSdkError, ErrorCode } from '../ccaas/errors.js';
import type { PageIterator } from '../ccaas/page-iterator.js';
import { CHAT_EVENT_TYPES, type ChatEventMap, type ChatEventType, type Message, type Participant } from '../ccaas/types.js';
import { type CcaasChatConfig, sameSession, sameTimeouts, timeoutsOf } from './ccaas-chat-config.js';
import { type ChatLine, Transcript } from './ccaas-transcript.js';
import { FrameBatcher } from './frame-batcher.js';

/** What the element shows. */
export type ChatView = 'unconfigured' | 'start' | 'connecting' | 'waiting' | 'chatting' | 'ended' | 'shutdown' | 'auth-error' | 'error';

/** State of the event stream as the banner shows it. */
export type StreamView = 'ok' | 'reconnecting' | 'failed';

export type { ChatLine } from './ccaas-transcript.js';


/** What the controller tells its host besides re-rendering. */
export interface CcaasChatCallbacks {
  /** Every SDK event, to be re-dispatched to the page. */
  onSdkEvent<K extends ChatEventType>(type: K, payload: ChatEventMap[K]): void;
  /** The view changed. */
  onView(view: ChatView): void;
  /** An agent message arrived (for the unread badge). */
  onIncoming(line: ChatLine): void;
  /** A failure the page author or user should know about. */
  onError(code: string, message: string): void;
}

const HISTORY_PAGE = 50;
/** A Retry's provider call that has not settled after this long fails (as the engine's own calls do). */
const PROVIDER_TIMEOUT_MS = 15_000;
/** Views an auth error can interrupt and give back. */

/**
 * Binds a ChatSdk to the element's lifecycle: resumes a saved session when connected, starts a
 * chat on request, keeps the transcript, agent, idle deadline and stream state for rendering,
 * and coalesces bursts of events into one render per animation frame.
 */
export class CcaasChatController implements ReactiveController {

  /** What the element shows. */
  view: ChatView = 'unconfigured';
  /** The connected agent, if any. */
  agent: Participant | undefined;
  /** Event stream banner state. */
  stream: StreamView = 'ok';
  /** Length of the grace period the last idle warning announced, in seconds. */
  idleGracePeriod = 0;
  /** Why the session shut down. */
  shutdownReason: 'USER_CLOSED' | 'USER_INACTIVE' | 'SESSION_INVALID' | undefined;
  /** The last error message for the error views. */
  errorMessage = '';
  /** Why the auth-error view shows: the token expired (no new one came), or the platform refused one. */
  authProblem: 'expired' | 'rejected' | undefined;
  /** True while older messages can be loaded. */
  canLoadEarlier = false;
  /** True while an older page is loading. */
  loadingEarlier = false;
  readonly #host: ReactiveControllerHost;
  readonly #callbacks: CcaasChatCallbacks;
  #config: CcaasChatConfig | undefined;
  #sdk: ChatSdk | undefined;
  #engagement: Engagement | undefined;
  #history: PageIterator | undefined;
  #connected = false;
  /** The auth error interrupted an ended chat, which it gives back as it was (a live chat comes back as it is now). */
  #endedBeforeAuthError = false;
  /** One render per animation frame however many events arrive in it. */
  readonly #frames: FrameBatcher;
  readonly #transcript = new Transcript();

  constructor(host: ReactiveControllerHost, callbacks: CcaasChatCallbacks) {
    this.#host = host;
    this.#callbacks = callbacks;
    this.#frames = new FrameBatcher(() => this.#host.requestUpdate());
    host.addController(this);
  }

  /** The transcript, oldest first. */
  get lines(): ChatLine[] {
    return this.#transcript.lines;
  }

  /** The time source in use. */
  get clock(): Clock {
    return this.#config?.clock ?? systemClock;
  }

  /**
   * When the session shuts down for inactivity (ms epoch) while the idle warning should show. Read
   * from the engine, so any activity that resets its idle timer (a send, a join, the page calling
   * resetIdleTimeout) takes the warning down.
   */
  get idleDeadline(): number | undefined {
    return this.#sdk?.idleDeadline;
  }

  /** The SDK instance (for pages that want the vendor API; undefined before the first start). */
  get sdk(): ChatSdk | undefined {
    return this.#sdk;
  }

  /** True while an auth error interrupts a conversation (its transcript stays on screen). */
  get authErrorInChat(): boolean {
    return this.view === 'auth-error' && this.#engagement !== undefined;
  }

  /** True when the composer may send. */
  get canSend(): boolean {
    return (this.view === 'waiting' || this.view === 'chatting') && this.stream !== 'failed';
  }

  /**
   * Applies new settings (or none, when misconfigured). A new host, integration, appkey, storage
   * key or clock means another platform or session: the chat restarts. Anything else applies to
   * the running chat where it can: timeouts at once (a new idle or grace timeout restarts the idle
   * period), the token provider from the next token on; the display name and session parameters
   * apply to the next session, engagement parameters to the next chat.
   */
  configure(config: CcaasChatConfig | undefined): void {
    const before = this.#config;
    this.#config = config;
    if (!config) {
      this.#teardown();
      this.#setView('unconfigured');
      return;
    }
    if (before && this.#sdk && sameSession(before, config)) {
      if (this.#sdk.initialized && !sameTimeouts(before, config)) this.#applyTimeouts(this.#sdk, config);
      return;
    }
    this.#teardown();
    this.#setView('start');
    if (this.#connected) this.#autoStart();
  }

  /** @inheritdoc */
  hostConnected(): void {
    this.#connected = true;
    if (this.#config && this.view === 'start') this.#autoStart();
  }

  /** @inheritdoc */
  hostDisconnected(): void {
    this.#connected = false;
    // Keeps the session on the platform and in sessionStorage: re-attaching or reloading resumes it.
    this.#teardown();
    this.#frames.cancel();
    if (this.#config) this.view = 'start';
  }

  /** Opens the session (resuming a saved one) and joins the ongoing chat or starts a new one. */
  async start(displayName?: string): Promise<void> {
    const config = this.#config;
    if (!config || this.view === 'connecting') return;
    this.#setView('connecting');
    const sdk = this.#sdk?.initialized ? this.#sdk : this.#newSdk();
    try {
      if (!sdk.initialized) await this.#init(sdk, config, displayName);
      // Torn down meanwhile (detached, or reconfigured): this start is over.
      if (sdk !== this.#sdk) return;
      const ongoing = sdk.userContext?.engagements.filter((e) => e.engagementStatus !== 'TERMINATED') ?? [];
      const current = ongoing.at(-1);
      if (current) {
        await current.join();
        await this.#attach(current);
      } else {
        await this.#attach(await sdk.createEngagement(config.engagementParameters));
      }
    } catch (error) {
      if (sdk === this.#sdk) this.#fail(error);
    }
  }

  /** Starts another chat after one ended (a new session if the old one shut down). */
  async newChat(): Promise<void> {
    const sdk = this.#sdk;
    if (!sdk?.initialized || !this.#config) return this.start();
    this.#transcript.clear();
    this.agent = undefined;
    this.#setView('connecting');
    try {
      await this.#attach(await sdk.createEngagement(this.#config.engagementParameters));
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Sends a customer message; the line shows sending → sent → delivered (or failed, retryable). */
  async send(text: string, retryKey?: string): Promise<void> {
    const engagement = this.#engagement;
    if (!engagement || !text.trim()) return;
    const pending = this.#transcript.sending(text, this.clock.now(), retryKey);
    this.#changed();
    try {
      this.#transcript.sent(pending, await engagement.sendMessage(text));
    } catch (error) {
      pending.status = 'failed';
      this.#callbacks.onError(codeOf(error), messageOf(error));
    }
    this.#changed();
  }

  /** Ends the current chat. */
  async end(): Promise<void> {
    try {
      await this.#engagement?.disconnect();
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Loads the previous page of the transcript. */
  async loadEarlier(): Promise<void> {
    const history = this.#history;
    if (!history?.hasPrevious() || this.loadingEarlier) return;
    this.loadingEarlier = true;
    this.#changed();
    try {
      this.#merge(await history.previous());
    } catch (error) {
      this.#callbacks.onError(codeOf(error), messageOf(error));
    }
    this.loadingEarlier = false;
    this.canLoadEarlier = history.hasPrevious();
    this.#changed();
  }

  /** "I'm still here": extends the session and hides the idle warning. */
  stillHere(): void {
    this.#sdk?.resetIdleTimeout();
    this.#changed();
  }

  /**
   * The error views' Retry: in a running session, asks the token provider for a new token
   * (reason 'rejected') and installs it, so the paused stream resumes; otherwise starts again.
   */
  async retry(): Promise<void> {
    const sdk = this.#sdk;
    const config = this.#config;
    if (this.view !== 'auth-error' || !sdk?.initialized || !config) return this.start();
    try {
      const token = await callTokenProvider(config.tokenProvider, { service: 'ccaas', reason: 'rejected' }, { clock: this.clock, timeoutMs: PROVIDER_TIMEOUT_MS });
      if (sdk !== this.#sdk) return;
      sdk.setJwtToken(token as string);
      if (!this.#leaveAuthError()) await this.start();
    } catch (error) {
      this.errorMessage = messageOf(error);
      this.#callbacks.onError(codeOf(error), this.errorMessage);
      this.#changed();
    }
  }

  /** Reconnects the event stream after it gave up. */
  retryConnection(): void {
    this.#sdk?.retryConnection();
    this.stream = 'reconnecting';
    this.#changed();
  }

  #applyTimeouts(sdk: ChatSdk, config: CcaasChatConfig): void {
    try {
      sdk.updateConfig(timeoutsOf(config));
    } catch (error) {
      this.#callbacks.onError(codeOf(error), messageOf(error));
    }
  }

  /** Drops the old engine and its chat, and makes a new one whose events reach this controller. */
  #newSdk(): ChatSdk {
    this.#teardown();
    const sdk = createChatSdk();
    this.#sdk = sdk;
    for (const type of CHAT_EVENT_TYPES) sdk.on(type, (payload) => this.#onSdkEvent(sdk, type, payload));
    return sdk;
  }

  async #init(sdk: ChatSdk, config: CcaasChatConfig, displayName: string | undefined): Promise<void> {
    const name = displayName?.trim() || config.displayName;
    await sdk.init(
      {
        hostURL: config.hostURL,
        integrationId: config.integrationId,
        appkey: config.appkey,
        // Looked up per call, so a token-provider changed mid-chat gives the next token.
        tokenProvider: (request) => (this.#config ?? config).tokenProvider(request),
        ...(name ? { displayName: name } : {}),
        ...(config.sessionParameters ? { sessionParameters: config.sessionParameters } : {}),
      },
      {
        ...timeoutsOf(config),
        ...(config.clock ? { clock: config.clock } : {}),
        ...(config.sessionKey ? { sessionKey: config.sessionKey } : {}),
      },
    );
    // Timeouts changed while the session was opening apply now.
    const latest = this.#config;
    if (latest && sdk === this.#sdk && !sameTimeouts(config, latest)) this.#applyTimeouts(sdk, latest);
  }

  async #attach(engagement: Engagement): Promise<void> {
    this.#engagement = engagement;
    this.agent = engagement.participants.find((p) => p.participantType !== 'CUSTOMER');
    this.#setView(this.agent ? 'chatting' : 'waiting');
    const history = await engagement.getMessages(HISTORY_PAGE);
    if (this.#engagement !== engagement) return;
    this.#history = history;
    this.canLoadEarlier = history.hasPrevious();
    this.#merge(history.items);
  }

  /** Adds messages (from history) in transcript order, once each. */
  #merge(messages: readonly Message[]): void {
    if (this.#transcript.merge(messages)) this.#changed();
  }

  #onSdkEvent<K extends ChatEventType>(sdk: ChatSdk, type: K, payload: ChatEventMap[K]): void {
    if (sdk !== this.#sdk) return;
    this.#callbacks.onSdkEvent(type, payload);
    const now = this.clock.now();
    const current = this.#engagement?.engagementId;
    switch (type) {
      case 'PARTICIPANT_ADDED': {
        const p = payload as ChatEventMap['PARTICIPANT_ADDED'];
        if (p.engagementId !== current) return;
        this.agent = p.participant;
        this.#transcript.joined(p.participant, now);
        this.#setView('chatting');
        break;
      }
      case 'PARTICIPANT_DISCONNECTED': {
        const p = payload as ChatEventMap['PARTICIPANT_DISCONNECTED'];
        if (p.engagementId !== current) return;
        if (this.agent?.participantId === p.participant.participantId) this.agent = undefined;
        this.#transcript.left(p.participant, now);
        break;
      }
      case 'ENGAGEMENT_TERMINATED': {
        const p = payload as ChatEventMap['ENGAGEMENT_TERMINATED'];
        if (p.engagementId !== current) return;
        this.agent = undefined;
        this.#setView('ended');
        break;
      }
      case 'MESSAGE_ARRIVED':
      case 'MESSAGE_DELIVERED': {
        const message = payload as Message;
        if (message.engagementId !== current) return;
        const added = this.#transcript.arrived(message);
        if (added && type === 'MESSAGE_ARRIVED') this.#callbacks.onIncoming(added);
        break;
      }
      case 'IDLE_TIMEOUT_EXPIRED':
        this.idleGracePeriod = (payload as ChatEventMap['IDLE_TIMEOUT_EXPIRED']).gracePeriod;
        break;
      case 'SHUTDOWN':
        this.shutdownReason = (payload as ChatEventMap['SHUTDOWN']).reason;
        this.#engagement = undefined;
        this.#setView('shutdown');
        break;
      case 'TOKEN_EXPIRED':
        this.#authFailed('expired', '');
        break;
      case 'EVENT_STREAM_CONNECTED':
        this.stream = 'ok';
        // Polling works again, so the token does: back to the conversation.
        this.#leaveAuthError();
        break;
      case 'EVENT_STREAM_FAILED': {
        const reason = (payload as ChatEventMap['EVENT_STREAM_FAILED']).reason;
        if (reason === 'RECONNECTION_TIMEOUT') this.stream = 'failed';
        else if (reason === 'SDK_SESSION_INVALID') this.#sessionLost();
        else if (reason === 'FORBIDDEN') this.#authFailed('rejected', (payload as ChatEventMap['EVENT_STREAM_FAILED']).message);
        else this.stream = 'reconnecting';
        break;
      }
      default:
        return;
    }
    this.#changed();
  }

  #autoStart(): void {
    const config = this.#config;
    if (!config) return;
    const resumable = hasStoredSession({ hostURL: config.hostURL, integrationId: config.integrationId }, config.sessionKey ? { sessionKey: config.sessionKey } : {});
    if (resumable || config.autoStart) void this.start();
  }

  /** A running session has no usable token: show the auth error (over the transcript) with Retry. */
  #authFailed(problem: 'expired' | 'rejected', message: string): void {
    if (this.view !== 'auth-error') this.#endedBeforeAuthError = this.view === 'ended';
    this.authProblem = problem;
    this.errorMessage = message;
    this.#setView('auth-error');
  }

  /** Gives the conversation back after an auth error; false when there is none to give back. */
  #leaveAuthError(): boolean {
    if (this.view !== 'auth-error' || !this.#engagement) return false;
    const back = this.#endedBeforeAuthError ? 'ended' : this.agent ? 'chatting' : 'waiting';
    this.#endedBeforeAuthError = false;
    this.authProblem = undefined;
    this.errorMessage = '';
    this.#setView(back);
    return true;
  }

  /** The platform dropped the session; the engine has let it go, so "Start again" opens a new one. */
  #sessionLost(): void {
    this.shutdownReason = 'SESSION_INVALID';
    this.#engagement = undefined;
    this.#history = undefined;
    this.canLoadEarlier = false;
    this.#setView('shutdown');
  }

  #fail(error: unknown): void {
    const code = codeOf(error);
    if (code === ErrorCode.SESSION_INVALID) return this.#sessionLost();
    this.errorMessage = messageOf(error);
    this.#callbacks.onError(code, this.errorMessage);
    const auth = code === ErrorCode.TOKEN_EXPIRED || code === ErrorCode.TOKEN_INVALID;
    this.authProblem = auth ? 'rejected' : undefined;
    this.#endedBeforeAuthError = false;
    this.#setView(auth ? 'auth-error' : 'error');
  }

  #setView(view: ChatView): void {
    if (this.view === view) return;
    this.view = view;
    this.#callbacks.onView(view);
    this.#changed();
  }

  #changed(): void {
    this.#frames.request();
  }

  #teardown(): void {
    this.#sdk?.close();
    this.#sdk?.off();
    this.#sdk = undefined;
    this.#engagement = undefined;
    this.#history = undefined;
    this.#transcript.clear();
    this.agent = undefined;
    this.stream = 'ok';
    this.canLoadEarlier = false;
    this.#endedBeforeAuthError = false;
    this.authProblem = undefined;
  }
}

function codeOf(error: unknown): string {
  return error instanceof ChatSdkError ? error.code : 'ACS-300';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
