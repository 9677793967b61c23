import type { ChatEventMap, ChatEventType } from '../../ccaas/types.js';
import type { ChatView } from '../../controllers/ccaas-chat-controller.js';

const init = { bubbles: true, composed: true } as const;

/** Every event of the chat engine (the vendor SDK's 16 events), re-dispatched for the page. */
export class CcaasSdkEvent<K extends ChatEventType = ChatEventType> extends Event {
  constructor(
    /** The SDK event name and its payload. */
    readonly detail: { type: K; payload: ChatEventMap[K] },
  ) {
    super('ccaas-event', init);
  }
}

/** Fired when the widget's view changes (start, waiting, chatting, ended...). */
export class CcaasStateEvent extends Event {
  constructor(
    /** The new view. */
    readonly detail: { view: ChatView },
  ) {
    super('ccaas-state', init);
  }
}

/** Fired when the panel opens. */
export class CcaasOpenEvent extends Event {
  constructor() {
    super('ccaas-open', init);
  }
}

/** Fired when the panel closes. */
export class CcaasCloseEvent extends Event {
  constructor() {
    super('ccaas-close', init);
  }
}

/** Fired on misconfiguration and failures (`code`: ACS-3xx, or `config`/`token`). */
export class CcaasErrorEvent extends Event {
  constructor(
    /** What failed. */
    readonly detail: { code: string; message: string },
  ) {
    super('ccaas-error', init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ccaas-event': CcaasSdkEvent;
    'ccaas-state': CcaasStateEvent;
    'ccaas-open': CcaasOpenEvent;
    'ccaas-close': CcaasCloseEvent;
    'ccaas-error': CcaasErrorEvent;
  }
}
