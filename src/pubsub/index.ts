export { DEFAULT_BASE_URL, formatDuration, MAX_TIMEOUT_MS, normalizeQueue, parseDuration, queueUrl } from './addressing.js';
export { eventKey, parseEnvelope, queueOfUrl } from './envelope.js';
export { postEvent, type PostEventRequest } from './publisher.js';
export { PUBSUB_SERVICE, PubSubSession, type PubSubSessionOptions } from './session.js';
export { DEFAULT_TIMEOUT, PubSubSubscriber, type PubSubSubscriberEvents, type PubSubSubscriberOptions } from './subscriber.js';
export * from './types.js';
export { describeParams, type EventSummary } from './describe.js';
