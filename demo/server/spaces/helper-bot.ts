import { HELPER_USER_ID } from '../demo-data.js';
import { PRESENCE_ONLINE, PRESENCE_TYPING } from './socket-hub.js';
import type { Timers } from './timers.js';
import type { SpacesMessage, SpacesUser } from './types.js';

/** The space the helper lives in. */
export const HELPER_SPACE_ID = 'sp-general';

const CHATTER_EVERY_MS = 45_000;

const PLAIN_REPLIES = [
  'Thanks, noted!',
  'Sounds good to me.',
  'Got it, I will keep an eye on that.',
  'Nice. Anyone else want to weigh in?',
];

const CHATTER = [
  'Reminder: the design review moved to Thursday.',
  'Coffee machine on the 3rd floor is fixed.',
  'If anyone needs a hand with the widgets, ask here.',
  'Build is green again.',
];

/** What the helper can do in the room. */
export interface HelperActions {
  /** The helper's own user. */
  helper: SpacesUser;
  /** Sends a presence event from the helper; `receivers` narrows it to those users. */
  presence(spaceId: string, category: string, receivers: string[]): void;
  /** Posts a chat message as the helper. */
  say(spaceId: string, bodyText: string): void;
}

/**
 * Ada, the helper member of sp-general: she answers a newcomer's `party.online` with her own
 * presence, types and then answers chat messages, and (with `demoBots`) chats on her own.
 * Her answers are deterministic so tests can pin them: a message containing "code" gets a
 * `<pre>` block, one with a question mark an HTML reply mentioning the asker, others plain text.
 */
export class HelperBot {
  readonly #actions: HelperActions;
  readonly #timers: Timers;
  readonly #delayMs: number;
  #replies = 0;
  #chatter = 0;

  constructor(actions: HelperActions, timers: Timers, reactionDelayMs: number, demoBots: boolean) {
    this.#actions = actions;
    this.#timers = timers;
    this.#delayMs = reactionDelayMs;
    if (demoBots) timers.every(CHATTER_EVERY_MS, () => this.#actions.say(HELPER_SPACE_ID, CHATTER[this.#chatter++ % CHATTER.length]!));
  }

  /** Hears a relayed presence event. */
  onPresence(spaceId: string, from: SpacesUser, category: string): void {
    if (spaceId !== HELPER_SPACE_ID || from._id === HELPER_USER_ID || category !== PRESENCE_ONLINE) return;
    this.#actions.presence(spaceId, PRESENCE_ONLINE, [from._id]);
  }

  /** Hears a new message someone sent. */
  onMessage(message: SpacesMessage): void {
    if (message.topicId !== HELPER_SPACE_ID || message.category !== 'chat' || message.sender._id === HELPER_USER_ID) return;
    const reply = this.#replyTo(message);
    this.#timers.after(this.#delayMs, () => {
      this.#actions.presence(HELPER_SPACE_ID, PRESENCE_TYPING, []);
      // Typing for a while looks human; it scales with the reaction delay, so it is 0 in tests.
      this.#timers.after(this.#delayMs * 1.5, () => this.#actions.say(HELPER_SPACE_ID, reply));
    });
  }

  #replyTo(message: SpacesMessage): string {
    const text = message.content.bodyText;
    if (/code/i.test(text)) {
      return '<p>Here is how I would write it:</p><pre>const greeting = &quot;hello&quot;;\nconsole.log(greeting &amp;&amp; greeting.length);</pre>';
    }
    if (text.includes('?')) {
      const name = escapeHtml(message.sender.displayname);
      return `<p>Good question, <mention id="${escapeHtml(message.sender._id)}" type="user" value="${name}">@${name}</mention>! I&#x27;ll look into it.</p>`;
    }
    return PLAIN_REPLIES[this.#replies++ % PLAIN_REPLIES.length]!;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#x${c.charCodeAt(0).toString(16)};`);
}
