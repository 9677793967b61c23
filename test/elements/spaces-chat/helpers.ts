// Mounting <spaces-chat> against the embedded backend.
import { fixture, html } from '@open-wc/testing';
import '../../../src/elements/spaces-chat/define.js';
import type { SpacesChat } from '../../../src/elements/spaces-chat/define.js';
import type { TokenProvider } from '../../../src/core/token-lifecycle.js';
import { backendUrl, fetchToken, until } from '../../support/backend.js';

// The virtualizer measures rows with a ResizeObserver; when a measurement changes the layout in
// the same frame, browsers report this benign error (the notifications arrive next frame). Mocha
// would count it as a test failure, so only this exact message is swallowed.
window.addEventListener('error', (event) => {
  if (event.message?.startsWith('ResizeObserver loop')) event.stopImmediatePropagation();
}, true);

/** A provider minting tokens for `user`, recording each request's reason. */
export function providerFor(user: string, ttlSeconds = 3600): TokenProvider & { reasons: string[] } {
  const reasons: string[] = [];
  const provider = (request: { reason: string }) => {
    reasons.push(request.reason);
    return fetchToken('spaces', user, ttlSeconds);
  };
  return Object.assign(provider, { reasons });
}

/** Mounts an element for `user` in `spaceId` and waits until it is subscribed with history. */
export async function mount(user: string, spaceId: string, options: { ttl?: number; leadMs?: number; presence?: boolean; wait?: boolean } = {}): Promise<SpacesChat & { provider: ReturnType<typeof providerFor> }> {
  const base = await backendUrl();
  const provider = providerFor(user, options.ttl);
  const el = await fixture<SpacesChat>(html`<spaces-chat
    space-id=${spaceId}
    server-url=${`${base}/chat`}
    api-url=${`${base}/api`}
    ?show-presence=${options.presence ?? false}
    theme="light"
    .tokenLeadTimeMs=${options.leadMs}
    .tokenProvider=${provider}
  ></spaces-chat>`);
  if (options.wait !== false) await until(() => el.controller.room?.subscription === 'subscribed' && el.controller.room.historyLoaded === true, 'subscribed');
  await el.updateComplete;
  return Object.assign(el, { provider });
}

/** The rendered message rows. */
export function rows(el: HTMLElement): HTMLElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="message"]')];
}

/** The row showing `text`, if rendered. */
export function rowWith(el: HTMLElement, text: string): HTMLElement | undefined {
  return rows(el).find((r) => r.textContent?.includes(text));
}

/** Waits until `found` holds, scrolling the list to its end before each look (the newest rows render there). */
export async function untilShown(el: SpacesChat, found: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
  const list = el.shadowRoot!.querySelector<HTMLElement>('[part="messages"]')!;
  await until(() => {
    list.scrollTop = list.scrollHeight;
    return found();
  }, what, timeoutMs);
}

/** The next `type` event of `el`, typed by the element's event map. */
export function nextEvent<K extends 'spaces-message' | 'spaces-sent' | 'spaces-state' | 'spaces-token' | 'spaces-error'>(el: HTMLElement, type: K): Promise<GlobalEventHandlersEventMap[K]> {
  return new Promise((resolve) => el.addEventListener(type, (event) => resolve(event), { once: true }));
}

/** Waits for a row containing `text` (and optionally matching `ready`), scrolling to the end on each look. */
export async function untilRow(el: SpacesChat, text: string, ready: (row: HTMLElement) => boolean = () => true, timeoutMs = 8000): Promise<HTMLElement> {
  await untilShown(el, () => {
    const row = rowWith(el, text);
    return row !== undefined && ready(row);
  }, `row "${text}"`, timeoutMs);
  return rowWith(el, text)!;
}
