// Helpers of the <ccaas-chat> tests: configured fixtures against the embedded backend.
import { fixture, html } from '@open-wc/testing';
import '../../../src/elements/ccaas-chat/define.js';
import type { CcaasChat } from '../../../src/elements/ccaas-chat/ccaas-chat.js';
import type { Clock } from '../../../src/core/clock.js';
import type { TokenProvider } from '../../../src/core/token-provider.js';
import { fetchToken, until } from '../../support/backend.js';
import { ccaasConfig, freshUser } from '../../ccaas/support.js';

/** Options of a test chat. */
export interface ChatFixtureOptions {
  user?: string;
  launcher?: boolean;
  displayName?: string;
  clock?: Clock;
  theme?: 'light' | 'dark';
  id?: string;
  extra?: Record<string, string>;
  /** The page's token provider (default: a fresh one-hour token for `user` each time). */
  tokenProvider?: TokenProvider;
}

/** A configured <ccaas-chat> for a fresh customer. */
export async function chatFixture(options: ChatFixtureOptions = {}): Promise<CcaasChat> {
  const { hostURL, integrationId, appkey } = await ccaasConfig();
  const user = options.user ?? freshUser();
  const el = await fixture<CcaasChat>(html`<ccaas-chat
    host-url=${hostURL}
    integration-id=${integrationId}
    app-key=${appkey}
    display-name=${options.displayName ?? ''}
    theme=${options.theme ?? 'light'}
    id=${options.id ?? `chat-${user}`}
    ?launcher=${options.launcher ?? false}
    .clock=${options.clock}
    .tokenProvider=${options.tokenProvider ?? (() => fetchToken('ccaas', user))}
  ></ccaas-chat>`);
  for (const [name, value] of Object.entries(options.extra ?? {})) el.setAttribute(name, value);
  await el.updateComplete;
  return el;
}

/** The first element in the chat's shadow root matching `part`. */
export function part<T extends HTMLElement = HTMLElement>(el: CcaasChat, name: string): T | null {
  return el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
}

/** All elements of a part. */
export function parts(el: CcaasChat, name: string): HTMLElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
}

/** Texts of the message rows. */
export function messageTexts(el: CcaasChat): string[] {
  return parts(el, 'message').map((m) => m.textContent?.replace(/\s+/g, ' ').trim() ?? '');
}

/** Waits for a view. */
export async function untilView(el: CcaasChat, view: string, timeoutMs = 8000): Promise<void> {
  await until(() => el.view === view, `view ${view} (now ${el.view})`, timeoutMs);
  await el.updateComplete;
  await new Promise((r) => requestAnimationFrame(r));
  await el.updateComplete;
}

/** Types a message and presses Enter. */
export async function typeAndSend(el: CcaasChat, text: string): Promise<void> {
  const input = part<HTMLTextAreaElement>(el, 'input')!;
  input.value = text;
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
  await el.updateComplete;
}

/** Re-renders settled (events are coalesced per animation frame). */
export async function settled(el: CcaasChat): Promise<void> {
  await new Promise((r) => requestAnimationFrame(r));
  await el.updateComplete;
}

/**
 * Starts the chat and waits until the agent has joined and greeted `name`. Tests that then move a
 * ManualClock need the stream to have delivered the join first: the greeting alone may come from
 * the history call, and a poll cut by the clock retries only when the clock moves again.
 */
export async function startChat(el: CcaasChat, name: string): Promise<void> {
  part(el, 'start-button')!.click();
  await until(() => messageTexts(el).some((t) => t.includes(`Hi ${name}`)), `the greeting of ${name}`);
  await untilView(el, 'chatting');
}
