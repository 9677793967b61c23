import { CcaasChat } from './ccaas-chat.js';

export { CcaasChat };
export { CcaasCloseEvent, CcaasErrorEvent, CcaasOpenEvent, CcaasSdkEvent, CcaasStateEvent } from './events.js';
/** The engine with the vendor Chat SDK contract, so the script-tag bundle offers it too. */
export { createChatSdk } from '../../ccaas/index.js';

if (!customElements.get('ccaas-chat')) customElements.define('ccaas-chat', CcaasChat);

declare global {
  interface HTMLElementTagNameMap {
    'ccaas-chat': CcaasChat;
  }
}
