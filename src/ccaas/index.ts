/** The framework-free chat engine offering the vendor Chat SDK's contract (the engine itself loads on the first init). */
export { createChatSdk } from './lazy-sdk.js';
export { hasStoredSession } from './session-store.js';
export type { ChatSdk, ChatEventHandler, ChatEventName } from './sdk-api.js';
export type { Engagement } from './engagement.js';
export type { PageIterator } from './page-iterator.js';
export { ChatSdkError, ErrorCode, type ErrorCodeValue } from './errors.js';
export type { SdkConfig, SdkInitParams } from './config.js';
export * from './types.js';
