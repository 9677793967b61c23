// Package entry for bundler users: the element classes, their events and the framework-free
// clients. Importing it defines no element; import `avaya-chat-elements/spaces-chat` (or
// ccaas-chat, pubsub-feed) for that, or call customElements.define with your own tag name.
export * from './core/index.js';
export * from './spaces/index.js';
export * from './ccaas/index.js';
export * from './pubsub/index.js';
export { SpacesChat } from './elements/spaces-chat/spaces-chat.js';
export * from './elements/spaces-chat/events.js';
export { CcaasChat } from './elements/ccaas-chat/ccaas-chat.js';
export * from './elements/ccaas-chat/events.js';
export { PubSubFeed } from './elements/pubsub-feed/pubsub-feed.js';
export * from './elements/pubsub-feed/events.js';
