// Mounting <spaces-chat> against the embedded backend.
import { fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/spaces-chat/define.js';
import type { SpacesChat } from '../../../src/elements/spaces-chat/define.js';
import { type Clock, ManualClock } from '../../../src/core/clock.js';
import type { TokenProvider } from '../../../src/core/token-lifecycle.js';
import { socketIoV2 } from '../../../src/spaces/socket-io-v2.js';
import type { SocketFactory, SpacesSocket } from '../../../src/spaces/socket-types.js';
import { backendCommand, backendUrl, fetchToken, until } from '../../support/backend.js';

// The virtualizer measures rows with a ResizeObserver; when a measurement changes the layout in
// the same frame, browsers report this benign error (the notifications arrive next frame). Mocha
// would count it as a test failure, so only this exact message is swallowed.
window.addEventListener('error', (event) => {
  if (event.message?.startsWith('ResizeObserver loop')) event.stopImmediatePropagation();
}, true);

/**
 * A provider minting tokens for `user`, recording each request's reason. Later tokens may get
 * another lifetime, so that a refresh within the same second still yields a different token.
 */
export function providerFor(user: string, ttlSeconds = 3600, refreshTtlSeconds = ttlSeconds): TokenProvider & { reasons: string[] } {
  const reasons: string[] = [];
  const provider = (request: { reason: string }) => {
    reasons.push(request.reason);
    return fetchToken('spaces', user, reasons.length === 1 ? ttlSeconds : refreshTtlSeconds);
  };
  return Object.assign(provider, { reasons });
}

/** Mounts an element for `user` in `spaceId` and waits until it is subscribed with history. */
export async function mount(
  user: string,
  spaceId: string,
  options: { ttl?: number; refreshTtl?: number; leadMs?: number; presence?: boolean; wait?: boolean; clock?: Clock; socketFactory?: SocketFactory } = {},
): Promise<SpacesChat & { provider: ReturnType<typeof providerFor> }> {
  const base = await backendUrl();
  const provider = providerFor(user, options.ttl, options.refreshTtl);
  const el = await fixture<SpacesChat>(html`<spaces-chat
    space-id=${spaceId}
    server-url=${`${base}/chat`}
    api-url=${`${base}/api`}
    ?show-presence=${options.presence ?? false}
    theme="light"
    .tokenLeadTimeMs=${options.leadMs}
    .clock=${options.clock}
    .socketFactory=${options.socketFactory}
    .tokenProvider=${provider}
  ></spaces-chat>`);
  if (options.wait !== false) await until(() => el.controller.room?.subscription === 'subscribed' && el.controller.room.historyLoaded === true, 'subscribed');
  await el.updateComplete;
  return Object.assign(el, { provider });
}

/** A text no other test (or the other browser, against the same backend) uses. */
export function unique(label: string): string {
  return `${label} ${Math.random().toString(36).slice(2, 10)}`;
}

/** The element's shadow root. */
export function shadow(el: SpacesChat): ShadowRoot {
  return el.shadowRoot!;
}

/** The rendered message rows. */
export function rows(el: HTMLElement): HTMLElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="message"]')];
}

/** The row showing `text`, if rendered. */
export function rowWith(el: HTMLElement, text: string): HTMLElement | undefined {
  return rows(el).find((r) => r.textContent?.includes(text));
}

/** The scrolling message list of `el`. */
export function messageList(el: HTMLElement): HTMLElement {
  return el.shadowRoot!.querySelector<HTMLElement>('[part="messages"]')!;
}

/** How far below the visible part of `list` its end is, in pixels. */
export function gapBelow(list: HTMLElement): number {
  return list.scrollHeight - list.scrollTop - list.clientHeight;
}

/** Waits for `count` animation frames. */
export async function frames(count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) await new Promise((r) => requestAnimationFrame(r));
}

/** Waits until `found` holds, scrolling the list to its end before each look (the newest rows render there). */
export async function untilShown(el: SpacesChat, found: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
  const list = messageList(el);
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

/** A socket factory (the built-in client) that counts the sockets it makes. */
export function countingSockets(): SocketFactory & { made: number } {
  const factory = (url: string, options: Parameters<SocketFactory>[1]) => {
    counted.made += 1;
    return socketIoV2(url, options);
  };
  const counted = Object.assign(factory, { made: 0 });
  return counted;
}

/** The element focused inside `el`'s shadow root, or null when focus is elsewhere (the page, its body). */
export function focused(el: HTMLElement): Element | null {
  return document.activeElement === el ? el.shadowRoot!.activeElement : null;
}

/**
 * Presses `key` (e.g. `Tab`, `Shift+Tab`, `Enter`, `Space`) as a real key press from the browser.
 * A modifier is held down around the key, and Space is sent as " ": Firefox's driver (WebDriver
 * BiDi through Puppeteer) knows neither "Shift+Tab" nor "Space".
 */
export async function press(key: string): Promise<void> {
  const keys = key.split('+').map((k) => (k === 'Space' ? ' ' : k));
  const main = keys.pop()!;
  for (const modifier of keys) await sendKeys({ down: modifier });
  await sendKeys({ press: main });
  for (const modifier of keys.reverse()) await sendKeys({ up: modifier });
}

/**
 * Holds back the page's fetches whose URL `matches` (while `armed`) until `release()`; `restore()`
 * puts the page's own fetch back. A REST client takes `fetch` when its connection is made, so
 * install this before mounting an element with a socket factory of its own (which gets it a
 * connection of its own), and restore it once the element is subscribed.
 */
export function holdFetches(matches: (url: string) => boolean, armed = true) {
  const realFetch = window.fetch;
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const hold = {
    armed,
    /** How many fetches were held. */
    held: 0,
    release: () => open(),
    restore: () => {
      window.fetch = realFetch;
    },
  };
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    if (hold.armed && matches(String(input))) {
      hold.held += 1;
      await gate;
    }
    return realFetch(input, init);
  };
  return hold;
}

/**
 * Bob's room in a space with more history than one page, its rows on screen, with the requests
 * for older pages ready to be held (`older.armed = true` holds them until `older.release()`).
 */
export async function withOlderHistoryHeld(): Promise<{ el: SpacesChat; older: ReturnType<typeof holdFetches> }> {
  await backendCommand('spaces', 'injectMessages', { spaceId: 'sp-general', count: 60, prefix: unique('history'), senderId: 'u-carol' });
  const older = holdFetches((url) => url.includes('refTime='), false);
  let el: SpacesChat;
  try {
    // A socket factory of its own gets the element a connection, and a REST client taking this fetch, of its own.
    el = await mount('u-bob', 'sp-general', { socketFactory: countingSockets() });
  } finally {
    older.restore();
  }
  await until(() => rows(el).length > 0, 'rows rendered');
  if (!el.controller.room!.hasMoreHistory) throw new Error('the space has no older history to load');
  return { el, older };
}

/**
 * Alice's room in a space whose sends all fail: its socket (real, so it can come back) is taken
 * down, and REST sends are refused as by a network that is down (history still loads). Retries
 * wait on `clock`; `failUntilDone()` advances it until every pending send has failed.
 */
export async function withFailingSends(spaceId: string) {
  const base = await backendUrl();
  let socket: SpacesSocket | undefined;
  // A socket factory of its own gets a connection of its own, whose REST client takes the fetch below.
  const capture: SocketFactory = (url, options) => (socket = socketIoV2(url, options));
  const realFetch = window.fetch;
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) =>
    init?.method === 'POST' && /\/spaces\/[^/]+\/chats$/.test(String(input)) ? Promise.reject(new TypeError('network down')) : realFetch(input, init);
  const clock = new ManualClock(Date.now());
  let el: SpacesChat;
  try {
    el = await fixture<SpacesChat>(html`<spaces-chat space-id=${spaceId} server-url=${`${base}/chat`} api-url=${`${base}/api`} theme="light"
      .clock=${clock} .socketFactory=${capture} .tokenProvider=${() => fetchToken('spaces', 'u-alice')}></spaces-chat>`);
    // (The connection, and its REST client, is made once the token is there.)
    await until(() => el.controller.room?.subscription === 'subscribed' && el.controller.room.historyLoaded, 'subscribed');
  } finally {
    window.fetch = realFetch;
  }
  const room = el.controller.room!;
  socket!.disconnect();
  await until(() => room.connection === 'reconnecting', 'socket down');
  const failUntilDone = () =>
    until(() => {
      // Retries wait 1 s, 2 s... on the element's clock.
      void clock.advance(1000);
      return room.pending.length > 0 && room.pending.every((p) => p.state === 'failed');
    }, 'failed');
  return { el, room, clock, socket: socket!, failUntilDone };
}

/**
 * Picks an 8 MB file named `name` in the element's file input and waits until its first bytes are
 * on their way (slow them with the backend's paceUploads first, or the transfer may already be over).
 */
export async function startLargeUpload(el: SpacesChat, name: string) {
  const room = el.controller.room!;
  const transfer = new DataTransfer();
  transfer.items.add(new File([new Uint8Array(8 * 1024 * 1024)], name, { type: 'application/octet-stream' }));
  const picker = shadow(el).querySelector<HTMLInputElement>('input[type=file]')!;
  picker.files = transfer.files;
  picker.dispatchEvent(new Event('change'));
  await until(() => (room.uploads[0]?.loaded ?? 0) > 0 && shadow(el).querySelector('[part="upload"] button') !== null, 'bytes on their way');
  return room.uploads[0]!;
}

/**
 * Alice's element in `spaceId`, whose provider hands out `bad()` until `fix()` is called, then
 * good tokens; it records each request's reason. Waits until the element shows the sign-in error.
 */
export async function refusedUntilFixed(spaceId: string, bad: () => Promise<string>, clock?: ManualClock) {
  const base = await backendUrl();
  let fixed = false;
  const reasons: string[] = [];
  const provider = ({ reason }: { reason: string }) => {
    reasons.push(reason);
    return fixed ? fetchToken('spaces', 'u-alice') : bad();
  };
  const el = await fixture<SpacesChat>(html`<spaces-chat space-id=${spaceId} server-url=${`${base}/chat`} api-url=${`${base}/api`} theme="light"
    .clock=${clock} .tokenProvider=${provider}></spaces-chat>`);
  await until(() => el.controller.room?.connection === 'auth-error', 'auth error', 12000);
  await el.updateComplete;
  return { el, reasons, fix: () => (fixed = true) };
}
