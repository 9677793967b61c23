import { SpacesChat } from './spaces-chat.js';

if (!customElements.get('spaces-chat')) customElements.define('spaces-chat', SpacesChat);

declare global {
  interface HTMLElementTagNameMap {
    'spaces-chat': SpacesChat;
  }
}

export { SpacesChat };
export * from './events.js';
