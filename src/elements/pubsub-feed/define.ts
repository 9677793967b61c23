import { PubSubFeed } from './pubsub-feed.js';

export { PubSubFeed };
export { PubSubErrorEvent, PubSubEventEvent, PubSubStateEvent } from './events.js';

if (!customElements.get('pubsub-feed')) customElements.define('pubsub-feed', PubSubFeed);

declare global {
  interface HTMLElementTagNameMap {
    'pubsub-feed': PubSubFeed;
  }
}
