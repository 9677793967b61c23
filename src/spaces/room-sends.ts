import { Outbox, type OutboxItem } from '../core/outbox.js';
import type { PendingMessage, RoomHost } from './room-types.js';
import { parseSavedSend, savedSendsKey, type QueuedSend } from './saved-sends.js';
import { MAX_CATCH_UP, MAX_PAGE_SIZE } from './rest-client.js';
import { ServerClock, matchDeliveries } from './send-matching.js';
import type { MessageCategory, OutgoingContent, SpacesMessage } from './types.js';

/** What the sends of a room need from the room. */
export interface RoomSendsOwner {
  /** The space sends go to. */
  readonly spaceId: string;
  /** The space PIN, for REST sends to a locked space. */
  readonly password: string | undefined;
  /** True when a socket frame would reach the server (subscribed and caught up). */
  socketUsable(): boolean;
  /** A send was confirmed: `message` is the server's copy (without `loopbackMetadata`). */
  confirmed(message: SpacesMessage, clientId: string): void;
  /** The pending list changed. */
  changed(): void;
  /** A send failed for good (until retried). */
  failed(message: string): void;
}

/**
 * The own sends of one room: an outbox (saved in storage once the user is known) delivering over
 * the socket with the client id as `loopbackMetadata`, or through REST while the socket cannot
 * be used; and the matching of server copies to sends whose echo was lost (a dropped socket, a
 * reload before the echo came).
 */
export class RoomSends {
  readonly #host: RoomHost;
  readonly #owner: RoomSendsOwner;
  #outbox!: Outbox<QueuedSend>;
  #outboxOffs: (() => void)[] = [];
  /** True when the outbox saves to storage (once the user's id is known). */
  #saved = false;
  /** Sends restored from storage that may have reached the server before the page was reloaded. */
  readonly #inDoubt = new Set<string>();
  /** The server's clock as measured from live messages, to tell a lost echo from an older twin. */
  readonly #serverClock = new ServerClock();
  /** Page time each send was last handed to the socket, by client id. */
  readonly #attemptedAt = new Map<string, number>();
  /** REST sends of messages the socket refused, by client id, while they are on their way. */
  readonly #rerouted = new Map<string, Promise<void>>();
  #disposed = false;

  constructor(host: RoomHost, owner: RoomSendsOwner) {
    this.#host = host;
    this.#owner = owner;
    this.#open();
  }

  /** Own sends not yet confirmed, oldest first. */
  get pending(): PendingMessage[] {
    return this.#outbox.items.map((item) => ({
      clientId: item.clientId,
      category: item.payload.category,
      content: item.payload.content,
      state: item.state,
      createdAt: item.payload.at,
      ...(item.error ? { error: item.error } : {}),
    }));
  }

  /** Queues a send. */
  send(category: MessageCategory, content: OutgoingContent): PendingMessage {
    const item = this.#outbox.enqueue({ topicId: this.#owner.spaceId, category, content, at: this.#host.clock.now() });
    return { clientId: item.clientId, category, content, state: item.state, createdAt: item.payload.at };
  }

  /** Sends a failed message again. */
  retry(clientId: string): void {
    this.#outbox.retry(clientId);
  }

  /** Drops a message. */
  discard(clientId: string): void {
    this.#outbox.discard(clientId);
  }

  /** An opaque token names nobody: once users/me told who this is, earlier unsent messages can be found. */
  userKnown(): void {
    if (!this.#saved && this.#host.userId && this.#outbox.items.length === 0) this.#open();
  }

  /** A message reached the page at `receivedAt`: it tells how far the server's clock is ahead. */
  observed(message: SpacesMessage, receivedAt: number): void {
    this.#serverClock.observe(message.createdMs, receivedAt);
  }

  /** A live `MESSAGE_SENT`: true when its `loopbackMetadata` confirmed one of these sends. */
  echoed(message: SpacesMessage): boolean {
    return message.loopbackMetadata !== undefined && this.#confirm(message.loopbackMetadata, message);
  }

  /** Messages a catch-up found: copies of sends whose echo died with the socket confirm them. `known`: held before. */
  foundInGap(messages: readonly SpacesMessage[], known: (id: string) => boolean): void {
    this.#confirmCopies(messages, this.#outbox.items.filter((i) => i.state === 'sent' || i.state === 'sending'), known);
  }

  /**
   * Restored sends that already reached the server (the page went before the echo came) are
   * confirmed, not sent again. Their copies are among the newest messages, so the history is read
   * newest first back to the earliest time they can carry: in a busy room a read forward from
   * "a few minutes before" would stop at its cap before reaching them.
   */
  async settleRestored(): Promise<void> {
    const doubtful = this.#outbox.items.filter((i) => this.#inDoubt.has(i.clientId));
    if (doubtful.length === 0) return;
    const earliest = Math.min(...doubtful.map((i) => this.#serverClock.earliest(i.payload.at)));
    const found: SpacesMessage[] = [];
    let before: number | undefined;
    for (let pages = 0; pages < MAX_CATCH_UP / MAX_PAGE_SIZE; pages += 1) {
      const page = await this.#host.rest.history(this.#owner.spaceId, before, MAX_PAGE_SIZE, this.#owner.password);
      found.push(...page.messages);
      const oldest = page.messages[0]?.createdMs;
      if (!page.more || oldest === undefined || oldest < earliest) break;
      before = oldest;
    }
    this.#confirmCopies(found, doubtful);
  }

  /**
   * The room is subscribed and caught up: restored sends not found on the server were never
   * delivered and go now, once (when the server could not be asked they go too: losing what the
   * user typed would be worse than a rare duplicate). Sends still awaiting an echo were made on a
   * socket that died; those not found in the gap are sent again with the same client id.
   */
  resume(): void {
    this.#inDoubt.clear();
    this.#outbox.setOnline(false);
    this.#outbox.setOnline(true);
  }

  /** A `SEND_MESSAGE_FAILED` for `clientId`: true when it was ours, which then goes through REST (once). */
  refused(clientId: string | undefined): boolean {
    if (!clientId || !this.#outbox.items.some((i) => i.clientId === clientId)) return false;
    if (this.#rerouted.has(clientId)) return true;
    const sending = this.#sendByRest(clientId).finally(() => this.#rerouted.delete(clientId));
    this.#rerouted.set(clientId, sending);
    sending.catch((error: unknown) => this.#owner.failed((error as Error).message));
    return true;
  }

  /** Stops timers; saved sends stay for the next room of this user and space (a re-mount or a reload). */
  dispose(): void {
    this.#disposed = true;
    this.#outbox.dispose();
  }

  /**
   * The outbox, saving to storage once the user's id is known. It starts on hold: sends restored
   * from storage wait until the room is subscribed and has looked for them on the server.
   */
  #open(): void {
    for (const off of this.#outboxOffs) off();
    const host = this.#host;
    const { spaceId } = this.#owner;
    const userId = host.userId;
    const storage = userId ? host.storage : undefined;
    const outbox = new Outbox<QueuedSend>({
      clock: host.clock,
      transmit: (item) => this.#transmit(item),
      online: false,
      ...(storage && userId ? { storage, storageKey: savedSendsKey(host.serverUrl, spaceId, userId), restorePayload: (value: unknown) => parseSavedSend(value, spaceId) } : {}),
    });
    this.#outbox?.dispose();
    this.#outbox = outbox;
    this.#saved = storage !== undefined;
    this.#outboxOffs = [
      outbox.on('change', () => this.#owner.changed()),
      outbox.on('failed', ({ detail }) => this.#owner.failed(detail.item.error ?? 'the message could not be sent')),
    ];
    for (const item of outbox.items) this.#inDoubt.add(item.clientId);
    if (outbox.items.length === 0) outbox.setOnline(true);
    else this.#owner.changed();
  }

  /** Server copies of unconfirmed sends (see `matchDeliveries`) confirm them. */
  #confirmCopies(messages: readonly SpacesMessage[], awaiting: readonly OutboxItem<QueuedSend>[], known?: (id: string) => boolean): void {
    const sends = awaiting.map((item) => ({ clientId: item.clientId, category: item.payload.category, content: item.payload.content, attemptedAt: this.#attemptedAt.get(item.clientId) ?? item.payload.at }));
    for (const { clientId, message } of matchDeliveries(messages, sends, this.#host.user?._id ?? this.#host.userId, this.#serverClock, known)) this.#confirm(clientId, message);
  }

  /** Confirms a send with the server's copy; false when the client id is not ours. */
  #confirm(clientId: string, message: SpacesMessage): boolean {
    // A disposed room's late REST answer must not rewrite the storage the next room of this space now owns.
    if (this.#disposed) return false;
    if (!this.#outbox.confirm(clientId)) return false;
    this.#attemptedAt.delete(clientId);
    const { loopbackMetadata: _, ...stored } = message;
    this.#owner.confirmed(stored, clientId);
    return true;
  }

  async #transmit(item: OutboxItem<QueuedSend>): Promise<void> {
    // A refused send already going through REST: the resume after a re-subscription must not put
    // it on the socket as well. This attempt is that REST send (and holds later sends behind it).
    const rerouted = this.#rerouted.get(item.clientId);
    if (rerouted) return rerouted;
    const { category, content, topicId } = item.payload;
    if (this.#owner.socketUsable()) {
      const me = this.#host.user;
      this.#attemptedAt.set(item.clientId, this.#host.clock.now());
      this.#host.emitFrame('SEND_MESSAGE', {
        content,
        ...(me ? { sender: { _id: me._id, type: 'user' } } : {}),
        category,
        topicId,
        loopbackMetadata: item.clientId,
      });
      return;
    }
    // The API Send path answers with the stored message: that is the confirmation (the outbox copes with a confirm before transmit resolves).
    await this.#sendByRest(item.clientId, item);
  }

  async #sendByRest(clientId: string, item = this.#outbox.items.find((i) => i.clientId === clientId)): Promise<void> {
    if (!item) return;
    const message = await this.#host.rest.send(this.#owner.spaceId, item.payload.category, item.payload.content, this.#owner.password);
    if (!message) return;
    this.#serverClock.observe(message.createdMs, this.#host.clock.now());
    this.#confirm(clientId, message);
  }
}
