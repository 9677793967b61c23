/** The framework-free chat engine offering the vendor Chat SDK's contract. */
export { ChatSdk, createChatSdk, hasStoredSession, type ChatEventHandler } from './chat-sdk.js';
export { Engagement } from './engagement.js';
export { PageIterator } from './page-iterator.js';
export { ChatSdkError, ErrorCode, type ErrorCodeValue } from './errors.js';
export type { SdkConfig, SdkInitParams } from './config.js';
export * from './types.js';
