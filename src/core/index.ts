// The framework-free core: usable from a worker, a test or any framework. No lit here.
export * from './clock.js';
export * from './typed-events.js';
export * from './backoff.js';
export { TokenError, type TokenErrorCode } from './token-error.js';
export { tokenExpiry } from './token-expiry.js';
export { resolveTokenProvider, type TokenProvider, type TokenReason, type TokenRequest } from './token-provider.js';
export { TokenLifecycle, type TokenLifecycleOptions, type TokenEvents } from './token-lifecycle.js';
export { IdleTimer, validateIdleConfig, IDLE_CONFIG_LIMITS, type IdleConfig, type IdleEvents, type IdleState, type IdleTimerOptions } from './idle-timer.js';
export { PollError, type PollFailureKind } from './poll-error.js';
export { JsonArrayStream, JsonArrayStreamError, type JsonArrayStreamOptions } from './json-array-stream.js';
export { LongPoll, type LongPollEvents, type LongPollOptions, type LongPollState, type PollRequest } from './long-poll.js';
export { loadSanitizer, textToFragment, decodeEntities, type HtmlSanitizer, type SanitizerEngine, type LoadSanitizerOptions } from './sanitize.js';
export { Outbox, type OutboxEvents, type OutboxItem, type OutboxOptions, type OutboxState } from './outbox.js';
