import type { Message, Participant, TextFormat } from '../ccaas/types.js';

/** Delivery of a customer line. */
export type LineStatus = 'sending' | 'sent' | 'delivered' | 'failed';

/** One row of the transcript. */
export interface ChatLine {
  /** Stable key for rendering (the message id once known). */
  key: string;
  /** The customer's own line, another participant's, or a notice. */
  kind: 'self' | 'agent' | 'system';
  /** The text (for notices `joined:<name>` or `left:<name>`). */
  text: string;
  /** How the text is to be read. */
  format: TextFormat;
  /** The sender's name, when known. */
  name?: string;
  /** When (ms epoch). */
  at: number;
  /** The platform's message id (not for pending lines or notices). */
  messageId?: string;
  /** Position in the transcript, which orders the lines. */
  messageIndex?: number;
  /** Delivery of a customer line. */
  status?: LineStatus;
  /** The sender's participant id. */
  senderId?: string;
}

/**
 * What a chat shows, oldest first: every message once, in transcript order whether it came from
 * history pages or the stream; the customer's sends from pending to delivered; and join/leave
 * notices. Lines are indexed by message id, so a burst of events does not scan the transcript.
 */
export class Transcript {
  /** The lines, oldest first. */
  lines: ChatLine[] = [];
  readonly #byId = new Map<string, ChatLine>();
  #seq = 0;

  /** Forgets every line. */
  clear(): void {
    this.lines = [];
    this.#byId.clear();
  }

  /** A new customer line being sent, or the failed one `retryKey` names, being sent again. */
  sending(text: string, at: number, retryKey?: string): ChatLine {
    const retried = retryKey ? this.lines.find((l) => l.key === retryKey) : undefined;
    if (retried) {
      retried.status = 'sending';
      return retried;
    }
    const line: ChatLine = { key: `local-${++this.#seq}`, kind: 'self', text, format: 'PLAINTEXT', at, status: 'sending' };
    this.lines = [...this.lines, line];
    return line;
  }

  /** The platform stored the line as `message` (unless its echo came first, which already shows it). */
  sent(line: ChatLine, message: Message): void {
    if (this.#byId.has(message.messageId)) {
      this.lines = this.lines.filter((l) => l !== line);
      return;
    }
    Object.assign(line, { messageId: message.messageId, messageIndex: message.messageIndex, key: message.messageId, status: 'sent' as const });
    this.#byId.set(message.messageId, line);
  }

  /** A message the stream brought: a known customer line is now delivered; a new one is added and returned. */
  arrived(message: Message): ChatLine | undefined {
    const known = this.#byId.get(message.messageId);
    if (known) {
      if (known.kind === 'self') known.status = 'delivered';
      return undefined;
    }
    this.merge([message]);
    return this.#byId.get(message.messageId);
  }

  /** Adds messages (from history or events) in transcript order, once each; false when none was new. */
  merge(messages: readonly Message[]): boolean {
    const fresh = messages.filter((m) => !this.#byId.has(m.messageId)).map(lineOf).sort((a, b) => a.messageIndex! - b.messageIndex!);
    for (const line of fresh) this.#byId.set(line.messageId!, line);
    if (fresh.length === 0) return false;
    // Earlier pages go on top; live messages (and anything at or after the oldest shown) at the bottom.
    // With no message shown yet there is nothing to be older than: system lines ("joined") stay above.
    const oldest = this.lines.find((l) => l.messageIndex !== undefined)?.messageIndex;
    const older = oldest === undefined ? [] : fresh.filter((l) => l.messageIndex! < oldest);
    const newer = fresh.filter((l) => !older.includes(l));
    if (older.length) this.lines = [...older, ...this.lines];
    this.lines.push(...newer);
    return true;
  }

  /** A participant joined: the notice goes above anything they said already (history can beat the stream to it). */
  joined(participant: Participant, at: number): void {
    const notice = system(`join-${participant.participantId}-${at}`, `joined:${participant.displayName ?? ''}`, at);
    const first = this.lines.findIndex((l) => l.senderId === participant.participantId);
    this.lines = first < 0 ? [...this.lines, notice] : [...this.lines.slice(0, first), notice, ...this.lines.slice(first)];
  }

  /** A participant left. */
  left(participant: Participant, at: number): void {
    this.lines = [...this.lines, system(`left-${participant.participantId}-${at}`, `left:${participant.displayName ?? ''}`, at)];
  }
}

const system = (key: string, text: string, at: number): ChatLine => ({ key, kind: 'system', text, format: 'PLAINTEXT', at });

/** The line a platform message shows as. */
function lineOf(message: Message): ChatLine {
  const self = message.senderParticipant.participantType === 'CUSTOMER';
  return {
    key: message.messageId,
    kind: self ? 'self' : 'agent',
    text: message.body.elementText.text,
    format: message.body.elementText.textFormat,
    ...(message.senderParticipant.displayName ? { name: message.senderParticipant.displayName } : {}),
    at: Date.parse(message.receivedAt) || 0,
    messageId: message.messageId,
    messageIndex: message.messageIndex,
    senderId: message.senderParticipant.participantId,
    ...(self ? { status: 'delivered' as const } : {}),
  };
}
