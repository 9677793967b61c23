import type { ChatEngine } from './chat-sdk.js';
import type { SdkConfig, SdkInitParams, TimeoutsConfig } from './config.js';
import type { Engagement } from './engagement.js';
import { ChatSdkError, ErrorCode } from './errors.js';
import { HandlerRegistry } from './handlers.js';
import { createLogger } from './log.js';
import type { ChatEventHandler, ChatEventName, ChatSdk } from './sdk-api.js';
import { CHAT_EVENT_TYPES, type ChatEventType, type UserContext } from './types.js';

const fallbackLog = createLogger('WARN');
const notInitialized = () => new ChatSdkError(ErrorCode.NOT_INITIALIZED, 'the SDK is not initialised; call init() first');

/**
 * What `createChatSdk()` returns: the SDK contract with the engine (REST, long-poll, token and
 * idle lifecycles) loaded on the first `init`, so a page that shows only a launcher does not pay
 * for it. Handlers live here and are fed by the engine once it exists.
 */
class LazyChatSdk implements ChatSdk {
  #engine: ChatEngine | undefined;
  // Reported where the engine logs once it exists (at its init's log level).
  readonly #handlers = new HandlerRegistry((type, error) => (this.#engine?.logger ?? fallbackLog).error(`a ${type} handler threw`, error));
  /** close() came while the engine was still loading for an init. */
  #closeRequested = false;

  /** @inheritdoc */
  on<K extends ChatEventType>(event: K | 'IDLE_TIMEOUT', handler: ChatEventHandler<K>): void {
    this.#handlers.on(event, handler);
  }

  /** @inheritdoc */
  off(event?: ChatEventName): void {
    this.#handlers.off(event);
  }

  /** @inheritdoc */
  async init(params: SdkInitParams, config?: SdkConfig): Promise<UserContext> {
    this.#closeRequested = false;
    if (!this.#engine) {
      const { ChatEngine } = await import('./chat-sdk.js');
      this.#engine ??= this.#attach(new ChatEngine());
      if (this.#closeRequested) throw new ChatSdkError(ErrorCode.NOT_INITIALIZED, 'closed before init completed');
    }
    return this.#engine.init(params, config);
  }

  /** @inheritdoc */
  createEngagement(engagementParameters?: Record<string, string>): Promise<Engagement> {
    return this.#engine ? this.#engine.createEngagement(engagementParameters) : Promise.reject(notInitialized());
  }

  /** @inheritdoc */
  getEngagements(): Promise<Engagement[]> {
    return this.#engine ? this.#engine.getEngagements() : Promise.reject(notInitialized());
  }

  /** @inheritdoc */
  getEngagementById(engagementId: string): Engagement | undefined {
    return this.#require().getEngagementById(engagementId);
  }

  /** @inheritdoc */
  setJwtToken(token: string): void {
    this.#require().setJwtToken(token);
  }

  /** @inheritdoc */
  resetIdleTimeout(): void {
    this.#require().resetIdleTimeout();
  }

  /** @inheritdoc */
  resetTimer(): void {
    this.resetIdleTimeout();
  }

  /** @inheritdoc */
  retryConnection(): void {
    this.#require().retryConnection();
  }

  /** @inheritdoc */
  shutdown(): Promise<{ reason: 'USER_CLOSED' }> {
    return this.#engine ? this.#engine.shutdown() : Promise.reject(notInitialized());
  }

  /** @inheritdoc */
  updateConfig(config: TimeoutsConfig): void {
    this.#require().updateConfig(config);
  }

  /** @inheritdoc */
  close(): void {
    if (this.#engine) this.#engine.close();
    else this.#closeRequested = true;
  }

  /** @inheritdoc */
  get initialized(): boolean {
    return this.#engine?.initialized ?? false;
  }

  /** @inheritdoc */
  get idleDeadline(): number | undefined {
    return this.#engine?.idleDeadline;
  }

  /** @inheritdoc */
  get sessionId(): string | undefined {
    return this.#engine?.sessionId;
  }

  /** @inheritdoc */
  get userContext(): UserContext | undefined {
    return this.#engine?.userContext;
  }

  #attach(engine: ChatEngine): ChatEngine {
    for (const type of CHAT_EVENT_TYPES) engine.on(type, (payload) => this.#handlers.emit(type, payload));
    return engine;
  }

  #require(): ChatEngine {
    if (!this.#engine?.initialized) throw notInitialized();
    return this.#engine;
  }
}

/** Creates an independent SDK instance (what the vendor ships as the global `AvayaCCaaSChatSDK`). */
export function createChatSdk(): ChatSdk {
  return new LazyChatSdk();
}
