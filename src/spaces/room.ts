import { TypedEmitter } from '../core/typed-events.js';
import { GapTracker } from './catch-up.js';
import { RoomSends } from './room-sends.js';
import type { ConnectionState, PendingMessage, RoomEvents, RoomHost, SubscriptionState } from './room-types.js';
import { TaskUpdates, type TaskChanges } from './task-updates.js';
import { TypingThrottle, TypingTracker } from './typing.js';
import { Timeline } from './timeline.js';
import { NOT_SUBSCRIBED, PRESENCE, type MessageCategory, type OutgoingContent, type SpaceInfo, type SpacesMessage, type SpacesPresence, type SpacesUser, type TaskStatus } from './types.js';
import { FileUpload } from './upload.js';

export type { ConnectionState, PendingMessage, RoomErrorCode, RoomEvents, RoomHost, SubscriptionState } from './room-types.js';

/** Size of the first history page and of each older page. */
export const HISTORY_PAGE = 50;

export { TASK_ECHO_MS, type TaskChanges } from './task-updates.js';

/**
 * One space as the widget sees it: ordered messages, own sends awaiting their echo, typing
 * people, the roster, and subscription state. Shared by every element showing the same space
 * for the same user; the connection routes frames to it by `topicId`.
 */
export class SpacesRoom extends TypedEmitter<RoomEvents> {
  /** The space's id. */
  readonly spaceId: string;
  /** Ordered, de-duplicated messages. */
  readonly timeline = new Timeline();
  /** Subscription on the socket. */
  subscription: SubscriptionState = 'idle';
  /** Why the last subscription failed. */
  subscribeError: string | undefined;
  /** Title and description, once loaded. */
  info: SpaceInfo | undefined;
  /** True while older history may exist. */
  hasMoreHistory = true;
  /** True while a history page is loading. */
  loadingHistory = false;
  /** True once the first history page arrived. */
  historyLoaded = false;
  /** Uploads in progress or just failed. */
  uploads: FileUpload[] = [];
  /** True when the last catch-up stopped at its cap: messages from while offline may be missing until `loadMissed()`. */
  missedMessages = false;
  /** Members of the space (`GET /spaces/{id}/members`), once `loadMembers()` got them: who a task may be assigned to. */
  members: SpacesUser[] | undefined;

  readonly #host: RoomHost;
  readonly #password: string | undefined;
  readonly #sends: RoomSends;
  readonly #typing: TypingTracker;
  readonly #throttle: TypingThrottle;
  readonly #roster = new Map<string, SpacesUser>();
  readonly #inbound: SpacesMessage[] = [];
  #flushScheduled = false;
  #disposed = false;
  /** True once the gap after the latest (re)subscription was filled: only then do sends use the socket. */
  #caughtUp = false;
  /** What the server delivered in order, and the gap a drop opened. */
  readonly #gap = new GapTracker();
  readonly #tasks: TaskUpdates;
  #members: Promise<void> | undefined;

  constructor(host: RoomHost, spaceId: string, password?: string) {
    super();
    this.#host = host;
    this.spaceId = spaceId;
    this.#password = password;
    this.#typing = new TypingTracker(host.clock, () => this.#changed('typing'));
    this.#throttle = new TypingThrottle(host.clock);
    this.#tasks = new TaskUpdates(
      {
        clock: host.clock,
        socketUsable: () => this.#socketUsable(),
        emitFrame: (event, payload) => host.emitFrame(event, payload),
        sendByRest: (messageId, changes) => this.#updateByRest(messageId, changes),
      },
      spaceId,
    );
    this.#sends = new RoomSends(host, {
      spaceId,
      password,
      socketUsable: () => this.#socketUsable(),
      confirmed: (message, clientId) => {
        if (this.timeline.upsert(message) !== 'ignored') this.#changed('messages');
        this.emit('sent', { message, clientId });
      },
      changed: () => this.#changed('pending'),
      failed: (message) => this.emit('error', { code: 'send-failed', message }),
    });
  }

  /** State of the shared connection. */
  get connection(): ConnectionState {
    return this.#host.state;
  }

  /** True while the socket is replaced for a refreshed token: sends go through REST, nothing to warn about. */
  get handover(): boolean {
    return this.#host.handover;
  }

  /** The signed-in user, once known. */
  get me(): SpacesUser | undefined {
    return this.#host.user;
  }

  /** Own sends not yet confirmed, oldest first. */
  get pending(): PendingMessage[] {
    return this.#sends.pending;
  }

  /** People typing now (never the user themself). */
  get typing(): SpacesUser[] {
    return this.#typing.users;
  }

  /** People present in the room, the user first. */
  get roster(): SpacesUser[] {
    const me = this.#host.user;
    const others = [...this.#roster.values()].filter((u) => u._id !== me?._id);
    return me && this.subscription === 'subscribed' ? [me, ...others] : others;
  }

  /** True when the composer may send. */
  get canSend(): boolean {
    return this.subscription === 'subscribed' || (this.historyLoaded && (this.#host.state === 'reconnecting' || this.#host.handover));
  }

  // ---- called by the connection ----

  /** The socket is up: subscribe (again). */
  socketUp(): void {
    if (this.#disposed) return;
    this.subscription = 'subscribing';
    this.subscribeError = undefined;
    const channel: Record<string, string> = { _id: this.spaceId, type: 'topic' };
    if (this.#password) channel.password = this.#password;
    this.#host.emitFrame('SUBSCRIBE_CHANNEL', { channel });
    this.#changed('state');
  }

  /** The socket went down: the subscription is gone until the next `socketUp`. */
  socketDown(): void {
    this.#lapsed();
    if (this.subscription !== 'failed') this.subscription = 'idle';
    this.#changed('state');
  }

  /** The connection state changed. */
  connectionChanged(): void {
    this.#changed('state');
  }

  /** `CHANNEL_SUBSCRIBED` arrived: load history (first time) or fill the gap, then flush sends. */
  async subscribed(): Promise<void> {
    if (this.#disposed) return;
    this.subscription = 'subscribed';
    this.subscribeError = undefined;
    this.#host.emitFrame('SEND_PRESENCE_EVENT', { category: PRESENCE.online, topicId: this.spaceId, content: {}, receivers: [] });
    this.#changed('state');
    await this.#host.me().catch(() => undefined);
    this.#sends.userKnown();
    try {
      if (!this.historyLoaded) await this.#loadFirstPage();
      else await this.#catchUp();
      await this.#sends.settleRestored();
    } catch (error) {
      this.emit('error', { code: 'history-failed', message: (error as Error).message });
    }
    if (this.#disposed || this.subscription !== 'subscribed') return;
    this.#caughtUp = true;
    this.#sends.resume();
    this.#changed('roster');
  }

  /** `SUBSCRIBE_CHANNEL_FAILED` arrived. */
  subscribeFailed(reason: string): void {
    this.subscription = 'failed';
    this.subscribeError = reason;
    this.#changed('state');
    this.emit('error', { code: 'subscribe-failed', message: reason });
  }

  /** A `MESSAGE_SENT` for this space. Bursts are applied together. */
  receive(message: SpacesMessage): void {
    if (this.#disposed || message.topicId !== this.spaceId) return;
    this.#inbound.push(message);
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    queueMicrotask(() => this.#flushInbound());
  }

  /** A `SEND_MESSAGE_FAILED` naming one of this room's sends (or none); `type` says why it was refused. */
  sendFailed(clientId: string | undefined, reason: string, type: string): void {
    const lapsed = type === NOT_SUBSCRIBED;
    if (lapsed) this.#resubscribe();
    // A send of ours the socket refused goes through REST instead. A refused presence event lost
    // nothing the user wrote, and the lapse behind it is being repaired: not worth an error.
    if (!this.#sends.refused(clientId) && !lapsed) this.emit('error', { code: 'send-failed', message: reason });
  }

  /** A `PRESENCE_EVENT_RESPONSE` for this space. */
  presence(event: SpacesPresence): void {
    const me = this.#host.user;
    if (this.#disposed || event.topicId !== this.spaceId || event.sender._id === me?._id) return;
    const { sender } = event;
    if (event.category === PRESENCE.online) {
      const known = this.#roster.has(sender._id);
      this.#roster.set(sender._id, sender);
      // Only a newcomer's broadcast gets an answer, or two clients would answer each other forever.
      if (event.receivers.length === 0 && this.subscription === 'subscribed') {
        this.#host.emitFrame('SEND_PRESENCE_EVENT', { category: PRESENCE.online, topicId: this.spaceId, content: {}, receivers: [sender._id] });
      }
      if (!known) this.#changed('roster');
    } else if (event.category === PRESENCE.leaves) {
      if (this.#roster.delete(sender._id)) this.#changed('roster');
      this.#typing.stopped(sender._id);
    } else if (event.category === PRESENCE.typing) {
      this.#typing.typed(sender);
    }
  }

  // ---- user actions ----

  /** Queues a chat, post or task; it shows as pending until the server's echo. */
  send(category: MessageCategory, content: OutgoingContent): PendingMessage {
    this.#throttle.reset();
    return this.#sends.send(category, content);
  }

  /** Sends a failed message again. */
  retry(clientId: string): void {
    this.#sends.retry(clientId);
  }

  /** Drops a failed message. */
  discard(clientId: string): void {
    this.#sends.discard(clientId);
  }

  /** Tells the others the user is typing (throttled). */
  userTyping(): void {
    if (this.subscription !== 'subscribed' || !this.#throttle.take()) return;
    this.#host.emitFrame('SEND_PRESENCE_EVENT', { category: PRESENCE.typing, topicId: this.spaceId, content: {} });
  }

  /** Loads the page of history before the oldest message held. */
  async loadOlder(): Promise<void> {
    if (this.loadingHistory || !this.hasMoreHistory || !this.historyLoaded) return;
    this.loadingHistory = true;
    this.#changed('history');
    try {
      const page = await this.#host.rest.history(this.spaceId, this.timeline.oldestMs, HISTORY_PAGE, this.#password);
      this.hasMoreHistory = page.more;
      this.#apply(page.messages, false);
    } catch (error) {
      this.emit('error', { code: 'history-failed', message: (error as Error).message });
    } finally {
      this.loadingHistory = false;
      this.#changed('history');
    }
  }

  /**
   * Changes a task's status, due date or assignees: over the socket (a SEND_MESSAGE naming the
   * task's `_id`), and through REST if the change does not come back within a few seconds.
   */
  updateTask(task: SpacesMessage, changes: TaskChanges): Promise<void> {
    return this.#tasks.update(task, changes);
  }

  /** Marks a task done or not done (see `updateTask`). */
  setTaskStatus(task: SpacesMessage, status: TaskStatus): Promise<void> {
    return this.updateTask(task, { status });
  }

  /** Loads who may be assigned tasks, once (after a failure the list stays empty: pickers offer who is assigned already). */
  loadMembers(): Promise<void> {
    this.#members ??= this.#host.rest.members(this.spaceId, this.#password).then(
      (members) => {
        this.members = members;
        this.#changed('members');
      },
      (error: unknown) => {
        this.members = [];
        this.#changed('members');
        this.emit('error', { code: 'members-failed', message: (error as Error).message });
      },
    );
    return this.#members;
  }

  /** Uploads a file and sends it as a chat message once it is up. */
  upload(file: File, bodyText = ''): FileUpload {
    const upload = new FileUpload(this.#host.rest, file, (fileKey) => {
      this.send('chat', { bodyText, data: [{ fileId: fileKey, name: file.name }] });
    });
    upload.on('progress', () => this.#changed('uploads'));
    upload.on('settled', ({ detail }) => {
      if (detail.state === 'failed') this.emit('error', { code: 'upload-failed', message: detail.error ?? 'upload failed' });
      this.uploads = this.uploads.filter((u) => u !== upload);
      this.#changed('uploads');
    });
    this.uploads = [...this.uploads, upload];
    this.#changed('uploads');
    return upload;
  }

  /** Fetches more of what was missed while offline, after a catch-up stopped at its cap. */
  async loadMissed(): Promise<void> {
    if (!this.missedMessages || this.loadingHistory) return;
    this.loadingHistory = true;
    this.#changed('history');
    try {
      await this.#catchUp();
    } catch (error) {
      this.emit('error', { code: 'history-failed', message: (error as Error).message });
    } finally {
      this.loadingHistory = false;
      this.#changed('history');
    }
  }

  /** Loads the space's title (best effort). */
  async loadInfo(): Promise<void> {
    try {
      this.info = await this.#host.rest.space(this.spaceId, this.#password);
      this.#changed('info');
    } catch {
      // The header falls back to the heading attribute or the id; nothing else depends on it.
    }
  }

  /** Unsubscribes and stops every timer; the connection calls it when the last element leaves. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    if (this.#host.socketReady() && this.subscription === 'subscribed') {
      this.#host.emitFrame('UNSUBSCRIBE_CHANNEL', { channel: { _id: this.spaceId, type: 'topic' } });
    }
    for (const upload of this.uploads) upload.cancel();
    this.#sends.dispose();
    this.#typing.clear();
    this.#tasks.dispose();
  }

  async #updateByRest(messageId: string, changes: TaskChanges): Promise<void> {
    try {
      await this.#host.rest.update(this.spaceId, 'task', messageId, changes, this.#password);
    } catch (error) {
      this.emit('error', { code: 'update-failed', message: (error as Error).message });
    }
  }

  /**
   * The server dropped the subscription without telling (a send was refused for want of it):
   * subscribe again on the same socket and fill the gap, exactly as after a reconnect. Only a
   * subscribed room does: while SUBSCRIBE_CHANNEL is pending, or the socket is down (it
   * subscribes on connect), further refusals need nothing more.
   */
  #resubscribe(): void {
    if (this.subscription !== 'subscribed' || !this.#host.socketReady()) return;
    this.#lapsed();
    this.socketUp();
  }

  /**
   * The subscription is gone: sends stop using the socket, what the server sends from now on is a
   * gap to fill, and who is present or typing is unknown (a leave would not reach us) until the
   * presence that follows the next subscription.
   */
  #lapsed(): void {
    this.#caughtUp = false;
    if (this.historyLoaded) this.#gap.opened();
    this.#roster.clear();
    this.#typing.clear();
  }

  #socketUsable(): boolean {
    return this.#caughtUp && this.subscription === 'subscribed' && this.#host.socketReady();
  }

  // ---- internals ----

  async #loadFirstPage(): Promise<void> {
    this.loadingHistory = true;
    this.#changed('history');
    try {
      const page = await this.#host.rest.history(this.spaceId, undefined, HISTORY_PAGE, this.#password);
      this.hasMoreHistory = page.more;
      this.historyLoaded = true;
      this.#gap.delivered(page.messages);
      this.#apply(page.messages, false);
    } finally {
      this.loadingHistory = false;
      this.#changed('history');
    }
  }

  /**
   * Fills what was missed while the socket was down, from the newest message the server delivered
   * before the drop (never from one the room added itself); `_id` de-duplication absorbs the
   * overlap. Own sends found there confirm their pending twins.
   */
  async #catchUp(): Promise<void> {
    const from = this.#gap.gapFrom;
    if (from === undefined) return;
    const { messages, complete } = await this.#host.rest.since([this.spaceId], from);
    if (this.#disposed) return;
    this.#gap.delivered(messages);
    this.#gap.filled(messages.at(-1)?.createdMs, complete);
    // What the room held before cannot be a lost echo: it came live (echoes carry our client id) or from a REST reply.
    this.#sends.foundInGap(messages, (id) => this.timeline.get(id) !== undefined);
    this.#apply(messages, true);
    if (this.missedMessages !== !complete) {
      this.missedMessages = !complete;
      this.#changed('history');
    }
    if (!complete) this.emit('error', { code: 'catch-up-incomplete', message: `more than ${messages.length} messages arrived while offline; some may be missing` });
  }

  #flushInbound(): void {
    this.#flushScheduled = false;
    const batch = this.#inbound.splice(0);
    this.#gap.delivered(batch);
    const now = this.#host.clock.now();
    const fresh: SpacesMessage[] = [];
    for (const message of batch) {
      this.#sends.observed(message, now);
      this.#tasks.received(message);
      if (this.#sends.echoed(message)) continue;
      fresh.push(message);
      this.#typing.stopped(message.sender._id);
    }
    this.#apply(fresh, true);
  }

  /** Adds messages; announces the new ones when `live`. */
  #apply(messages: SpacesMessage[], live: boolean): void {
    if (this.#disposed || messages.length === 0) return;
    const changed = this.timeline.upsertMany(messages);
    if (changed.length === 0) return;
    this.#changed('messages');
    if (live) this.emit('messages', { messages: changed });
  }

  #changed(what: RoomEvents['change']['what']): void {
    if (!this.#disposed) this.emit('change', { what });
  }
}
