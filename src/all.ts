// cdn/avaya-chat-elements.js: all three elements from one script tag (shared code bundled once).
export * from './elements/spaces-chat/define.js';
export * from './elements/ccaas-chat/define.js';
export * from './elements/pubsub-feed/define.js';
