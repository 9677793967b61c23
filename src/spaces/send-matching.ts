import { byCreated } from './timeline.js';
import type { MessageCategory, OutgoingContent, SpacesMessage } from './types.js';

/** How far the server's clock may be from the page's, when nothing has been measured yet. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** Allowance for the server stamping `created` a moment before the frame had fully arrived, and for rounding. */
const STAMP_SLACK_MS = 2000;

/**
 * The server's clock as the page sees it. A message stamped `created` on the server that arrived
 * at page time `receivedAt` was stamped before it arrived, so `created - receivedAt` never exceeds
 * the true offset: the largest one seen is a safe lower bound for "when could the server have
 * stamped a send the page made at time t".
 */
export class ServerClock {
  #offset: number | undefined;

  /** A message the server stamped `createdMs` reached the page at `receivedAt` (live frames and REST replies only). */
  observe(createdMs: number, receivedAt: number): void {
    const offset = createdMs - receivedAt;
    if (this.#offset === undefined || offset > this.#offset) this.#offset = offset;
  }

  /** The earliest server time that a send the page made at `pageTime` can carry. */
  earliest(pageTime: number): number {
    return this.#offset === undefined ? pageTime - CLOCK_SKEW_MS : pageTime + this.#offset - STAMP_SLACK_MS;
  }
}

/** An own send not yet confirmed: what it says and when it was last handed to the socket (page time). */
export interface AwaitedSend {
  /** The outbox client id (sent as `loopbackMetadata`). */
  clientId: string;
  /** Chat, post or task. */
  category: MessageCategory;
  /** What was sent. */
  content: OutgoingContent;
  /** Page time of the last attempt. */
  attemptedAt: number;
}

/** A server message recognised as the delivery of one awaited send. */
export interface Delivery {
  /** The send it confirms. */
  clientId: string;
  /** The server's copy. */
  message: SpacesMessage;
}

/**
 * Pairs own sends whose echo was lost with the server's copies among `messages`: by client id
 * where the server returns one (`loopbackMetadata`); otherwise by the same kind, title and
 * description, sent by `meId`, stamped no earlier than the send could have been, one message per
 * send and oldest with oldest. `known` names messages the room held before: those are never a
 * lost echo (an identical "ok" sent earlier from another device).
 */
export function matchDeliveries(
  messages: readonly SpacesMessage[],
  awaiting: readonly AwaitedSend[],
  meId: string | undefined,
  clock: ServerClock,
  known: (id: string) => boolean = () => false,
): Delivery[] {
  if (meId === undefined || awaiting.length === 0) return [];
  const open = [...awaiting].sort((a, b) => a.attemptedAt - b.attemptedAt);
  const found: Delivery[] = [];
  for (const message of [...messages].sort(byCreated)) {
    if (open.length === 0) break;
    if (message.sender._id !== meId || known(message._id)) continue;
    const at =
      message.loopbackMetadata !== undefined
        ? open.findIndex((send) => send.clientId === message.loopbackMetadata)
        : open.findIndex((send) => sameContent(send, message) && message.createdMs >= clock.earliest(send.attemptedAt));
    if (at < 0) continue;
    found.push({ clientId: open[at]!.clientId, message });
    open.splice(at, 1);
  }
  return found;
}

function sameContent(send: AwaitedSend, message: SpacesMessage): boolean {
  return send.category === message.category && send.content.bodyText === message.content.bodyText && (send.content.description ?? '') === (message.content.description ?? '');
}
