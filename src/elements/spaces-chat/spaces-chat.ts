import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { virtualize, virtualizerRef, type VirtualizerHostElement } from '@lit-labs/virtualizer/virtualize.js';
import { SpacesRoomController } from '../../controllers/spaces-room.js';
import type { Clock } from '../../core/clock.js';
import type { TokenProvider } from '../../core/token-lifecycle.js';
import type { SocketFactory } from '../../spaces/socket-types.js';
import type { MessageCategory, SpacesUser } from '../../spaces/types.js';
import { chatStyles, themeStyles } from '../../ui/chat-styles.js';
import { fixRepeatMarkers } from '../../ui/repeat-marker-fix.js';
import { MessageBodies } from './bodies.js';
import type { AnchorPin, ChatLayout } from './chat-layout.js';
import { renderComposer } from './composer.js';
import { SpacesErrorEvent, SpacesMessageEvent, SpacesSentEvent, SpacesStateEvent, SpacesTokenEvent } from './events.js';
import { renderUploads } from './files.js';
import { renderBanners, renderHeader } from './header.js';
import { renderRow } from './message-row.js';
import { ReaderScroll } from './reader-scroll.js';
import { RowBuilder, type Row } from './rows.js';
import { spacesChatStyles } from './spaces-chat.styles.js';
import { fill, strings, type StringId } from './strings.js';
import { readTaskFields } from './task-fields.js';
import type { ChatView } from './view.js';

const CATEGORIES: readonly MessageCategory[] = ['chat', 'idea', 'task'];
/** Within this many pixels of the top, older history loads. */
const LOAD_OLDER_PX = 120;
/** Within this many pixels of the bottom, new messages keep the list scrolled to the end. */
const STICK_PX = 48;
/**
 * The virtualizer's layout config that drops a pin. Its config type only offers a pin, but the
 * layout keeps "no pin" as null (and an undefined pin would break its reflow).
 */
const UNPIN = { pin: null as unknown as undefined };
/** Pins the virtualizer's layout to its last row, whichever that is at each pass (it clamps the index). */
const PIN_END = { pin: { index: Number.MAX_SAFE_INTEGER, block: 'end' as const } };
/**
 * The list's layout: loading, loaded, or null if it failed. The virtualizer used to load its own
 * flow layout at the first list render too, so waiting for this (which extends it) costs the list
 * no extra round trip, and the flow code stays out of the bundle a page loads first.
 */
let chatLayout: typeof ChatLayout | null | undefined;
let chatLayoutLoading: Promise<void> | undefined;
const loadChatLayout = (): Promise<void> =>
  (chatLayoutLoading ??= import('./chat-layout.js').then(
    (module) => void (chatLayout = module.ChatLayout),
    (error: unknown) => {
      chatLayout = null;
      console.error('[spaces-chat] the list layout did not load', error);
    },
  ));

/**
 * A live Avaya Spaces room: history, chats, posts, tasks, files, typing and presence over the
 * Spaces Socket.IO and REST APIs.
 *
 * @tag spaces-chat
 * @summary An Avaya Spaces room on any page.
 *
 * @attr space-id - Id of the space (room) to show.
 * @attr server-url - Socket.IO URL with the `/chat` namespace.
 * @attr api-url - REST base URL ending in `/api`.
 * @attr token-type - `jwt` (default) or `oauth`.
 * @attr token-provider - Dot path of a global function returning a token, e.g. `app.getSpacesToken`.
 * @attr heading - Title shown instead of the space's own.
 * @attr placeholder - Placeholder of the message box.
 * @attr readonly - Shows the room without a composer.
 * @attr categories - Which kinds to show and compose, from `chat idea task` (default all three).
 * @attr show-presence - Shows who is online in the header.
 * @attr locale - Language of strings and dates (BCP 47): English built in, de, fr and es loaded on first use, others in English.
 * @attr theme - `light`, `dark` or `auto` (follows the system).
 *
 * @prop tokenProvider - Function `(request: { service, reason }) => string | Promise<string>`.
 * @prop spacePassword - PIN of a locked space.
 *
 * @fires spaces-message - New messages from the network (`messages`, in the order they arrived); a burst comes in batches, at least every 100 ms.
 * @fires spaces-sent - A message the user sent was confirmed (`message`).
 * @fires spaces-state - Connection or subscription changed (`connection`, `subscription`).
 * @fires spaces-token - Token expiring, refreshed or expired (`kind`, `expiresAt`).
 * @fires spaces-error - Something failed (`code`, `message`).
 *
 * @csspart header - The top bar.
 * @csspart title - The space title.
 * @csspart status - The connection state.
 * @csspart roster - The online members.
 * @csspart banner - The reconnecting banner.
 * @csspart error - Configuration, sign-in and subscription errors.
 * @csspart messages - The scrolling message list.
 * @csspart message - One message (also `pending`, `failed` when not yet confirmed).
 * @csspart avatar - A person's picture or initials.
 * @csspart card - A post or task.
 * @csspart typing - Who is typing.
 * @csspart upload - An upload in progress.
 * @csspart composer - The bar to write in.
 * @csspart attach-button - The button that picks a file to upload.
 * @csspart input - The message box.
 * @csspart send-button - The send button.
 *
 * @cssprop --ace-font - Font family.
 * @cssprop --ace-accent - Accent colour (send button, links, mentions).
 * @cssprop --ace-accent-fg - Text on the accent colour.
 * @cssprop --ace-bg - Background.
 * @cssprop --ace-fg - Text colour.
 * @cssprop --ace-muted - Secondary text.
 * @cssprop --ace-border - Borders and separators.
 * @cssprop --ace-surface - Raised surfaces (code, inputs when disabled).
 * @cssprop --ace-radius - Corner radius of the element, bubbles and cards.
 * @cssprop --ace-bubble-self - Background of the user's own messages.
 * @cssprop --ace-bubble-other - Background of others' messages.
 * @cssprop --ace-danger - Errors and failed messages.
 */
export class SpacesChat extends LitElement {
  static override styles = [themeStyles, chatStyles, spacesChatStyles];

  static {
    // The virtualized list would otherwise gather an orphan comment per row that leaves it.
    fixRepeatMarkers();
  }

  // Static properties rather than decorators: the decorators' helpers would ship in this bundle.
  static override properties = {
    spaceId: { attribute: 'space-id', reflect: true },
    serverUrl: { attribute: 'server-url' },
    apiUrl: { attribute: 'api-url' },
    tokenType: { attribute: 'token-type' },
    tokenProviderName: { attribute: 'token-provider' },
    heading: {},
    placeholder: {},
    readonly: { type: Boolean, reflect: true },
    categories: {},
    showPresence: { attribute: 'show-presence', type: Boolean },
    locale: {},
    theme: { reflect: true },
    tokenProvider: { attribute: false },
    spacePassword: { attribute: false },
    clock: { attribute: false },
    tokenLeadTimeMs: { attribute: false },
    socketFactory: { attribute: false },
  };

  /** Id of the space to show. */
  spaceId: string | null = null;
  /** Socket.IO URL with the `/chat` namespace. */
  serverUrl = 'https://spacesapis-socket.avayacloud.com/chat';
  /** REST base URL. */
  apiUrl = 'https://spacesapis.avayacloud.com/api';
  /** `jwt` or `oauth`. */
  tokenType: 'jwt' | 'oauth' = 'jwt';
  /** Dot path of a global token function. */
  tokenProviderName: string | null = null;
  /** Title shown instead of the space's own. */
  heading: string | null = null;
  /** Placeholder of the message box. */
  placeholder: string | null = null;
  /** Shows the room without a composer. */
  readonly = false;
  /** Kinds to show and compose (`chat idea task`). */
  categories = 'chat idea task';
  /** Shows online members in the header. */
  showPresence = false;
  /** Language of strings and dates (BCP 47): English built in, de, fr and es loaded on first use, others in English. */
  locale: string | null = null;
  /** `light`, `dark` or `auto`. */
  theme: 'light' | 'dark' | 'auto' = 'auto';
  /** Token function (takes precedence over `token-provider`). */
  tokenProvider: TokenProvider | undefined;
  /** PIN of a locked space. */
  spacePassword: string | undefined;
  /** Time source of the token lifecycle (tests inject a ManualClock). */
  clock: Clock | undefined;
  /** How long before expiry the token is refreshed, in ms (default 180 000). */
  tokenLeadTimeMs: number | undefined;
  /** Makes the socket: the built-in Socket.IO 2 client by default; pass socket.io-client@2's `io` to use it instead. */
  socketFactory: SocketFactory | undefined;

  /** The kind the composer makes (changed through `#pickKind`, which renders). */
  #composeCategory: MessageCategory = 'chat';
  /** The task card whose editor is open (changed through `#editTask`, which renders). */
  #editingTask: string | undefined;

  private get scroller(): HTMLElement | null {
    return this.renderRoot.querySelector('.messages');
  }

  private get input(): HTMLTextAreaElement | null {
    return this.renderRoot.querySelector('textarea');
  }

  private get fileInput(): HTMLInputElement | null {
    return this.renderRoot.querySelector('input[type=file]');
  }

  /** The room binding (exposed for tests and advanced hosts). */
  readonly controller = new SpacesRoomController(this, () => ({
    spaceId: this.spaceId,
    serverUrl: this.serverUrl,
    apiUrl: this.apiUrl,
    tokenType: this.tokenType === 'oauth' ? 'oauth' : 'jwt',
    provider: this.tokenProvider ?? this.tokenProviderName,
    password: this.spacePassword,
    clock: this.clock,
    tokenLeadTimeMs: this.tokenLeadTimeMs,
    socketFactory: this.socketFactory,
  }), {
    messages: (messages) => this.dispatchEvent(new SpacesMessageEvent(messages)),
    sent: (message) => this.dispatchEvent(new SpacesSentEvent(message)),
    state: () => {
      const room = this.controller.room;
      if (room) this.dispatchEvent(new SpacesStateEvent(room.connection, room.subscription));
    },
    token: (kind, expiresAt) => this.dispatchEvent(new SpacesTokenEvent(kind, expiresAt)),
    error: (code, message) => this.dispatchEvent(new SpacesErrorEvent(code, message)),
  });

  #sanitizerLoading = false;
  readonly #bodies = new MessageBodies();
  #rows: Row[] = [];
  #rowBuilder = new RowBuilder();
  #rowsFor: string | undefined;
  #atBottom = true;
  readonly #reader = new ReaderScroll();
  /** Older history was asked for: the row in view when the page lands stays where it is on screen. */
  #keepInView = false;
  #lastCount = 0;
  /** The virtualizer's layout is pinned to the last row (see `#virtualRows`). */
  #pinned = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.#sanitizerLoading) {
      this.#sanitizerLoading = true;
      // Loaded apart (with DOMPurify where the browser has no Sanitizer API, and the full table of
      // character references): plain text needs none of it at first.
      import('../../core/sanitize.js')
        .then(async ({ loadSanitizer, decodeEntities }) => {
          this.#bodies.decode = decodeEntities;
          this.requestUpdate();
          this.#bodies.sanitizer = await loadSanitizer();
        })
        .then(
          () => this.requestUpdate(),
          (error: unknown) => {
            // The next connect tries again (say, a chunk that failed to download).
            this.#sanitizerLoading = false;
            console.warn('[spaces-chat] the HTML sanitizer failed to load; bodies show as text', error);
          },
        );
    }
  }

  protected override willUpdate(changed: PropertyValues): void {
    const reopenOn: PropertyKey[] = ['spaceId', 'serverUrl', 'apiUrl', 'tokenType', 'tokenProviderName', 'tokenProvider', 'spacePassword', 'clock', 'socketFactory'];
    if (this.hasUpdated && reopenOn.some((key) => changed.has(key))) {
      this.#rowsFor = undefined;
      this.#rowBuilder = new RowBuilder();
      this.#atBottom = true;
      void this.controller.reopen();
    }
    if (changed.has('locale')) void strings.load(this.locale).then((table) => table && this.requestUpdate());
    if (changed.has('categories') && !this.#allowed().has(this.#composeCategory)) this.#composeCategory = [...this.#allowed()][0] ?? 'chat';
  }

  /** Sends what is in the message box (as the chosen kind). */
  send(): void {
    const room = this.controller.room;
    const input = this.input;
    if (!room || !input || !room.canSend || this.readonly) return;
    const text = input.value.trim();
    if (!text) return;
    const category = this.#composeKind();
    const form = input.form;
    if (category === 'chat') {
      room.send('chat', { bodyText: text });
    } else {
      const [title = '', ...rest] = text.split('\n');
      const description = rest.join('\n').trim();
      const task = category === 'task' && form ? readTaskFields(form) : undefined;
      room.send(category, {
        bodyText: title,
        ...(description ? { description } : {}),
        ...(task?.dueDate ? { dueDate: task.dueDate } : {}),
        ...(task && task.assignees.length > 0 ? { assignees: task.assignees } : {}),
      });
    }
    // Clears the message box and the task fields (the kind picker keeps its choice: it is the default option).
    if (form) form.reset();
    input.value = '';
    this.#atBottom = true;
  }

  /** Loads the page of history before the oldest message shown. */
  async loadOlder(): Promise<void> {
    const room = this.controller.room;
    if (!room || room.loadingHistory || !room.hasMoreHistory) return;
    this.#keepInView = true;
    await room.loadOlder();
  }

  /**
   * The first message row in view and how far below the list's top it is. A message row, not a
   * day separator: a day's separator moves up when older rows of that day arrive.
   */
  #firstInView(scroller: HTMLElement): { key: string; offset: number } | undefined {
    const { top } = scroller.getBoundingClientRect();
    let first: { key: string; offset: number } | undefined;
    for (const row of scroller.querySelectorAll<HTMLElement>('[part~="message"][data-id]')) {
      const { top: rowTop, bottom } = row.getBoundingClientRect();
      if (bottom > top && (!first || rowTop - top < first.offset)) first = { key: row.dataset.id!, offset: rowTop - top };
    }
    return first;
  }

  protected override render(): TemplateResult {
    const view = this.#view();
    const room = view.room;
    return html`
      ${renderHeader(view, this.heading || room?.info?.title || this.spaceId || view.t.untitled, this.showPresence)}
      ${renderBanners(view, this.controller.problem, () => {
        view.refocus();
        void this.controller.retry();
      })}
      ${this.#renderList(view)}
      <div class="typing" part="typing" aria-live="polite">${this.#typingText(view.t)}</div>
      ${renderUploads(room?.uploads ?? [], view.t, view.refocus)}
      ${this.readonly
        ? html`<div class="readonly">${view.t.readonly}</div>`
        : renderComposer(view, {
            allowed: [...this.#allowed()],
            kind: this.#composeKind(),
            placeholder: this.placeholder,
            submit: this.#onSubmit,
            keydown: this.#onKeydown,
            pickKind: (kind) => {
              this.#composeCategory = kind;
              this.requestUpdate();
            },
            pickFile: this.#onFile,
            attach: () => this.fileInput?.click(),
          })}
    `;
  }

  protected override updated(): void {
    // The assignee picker (composer or card editor) offers the space's members.
    if (this.#editingTask !== undefined || (!this.readonly && this.#composeKind() === 'task')) void this.controller.room?.loadMembers();
    const scroller = this.scroller;
    if (!scroller) return;
    const count = this.#rows.length;
    if (this.#keepInView && !this.controller.room?.loadingHistory) {
      this.#keepInView = false;
      // The page has landed (a page that brought no rows has nothing to keep in place). The
      // virtualizer has not taken the new rows yet: what is on screen is what the reader saw last.
      const anchor = count === this.#lastCount ? undefined : this.#firstInView(scroller);
      const index = anchor ? this.#rows.findIndex((row) => row.key === anchor.key) : -1;
      // The layout keeps the row at its offset as it measures the new rows above it (ChatLayout),
      // from its next reflow, which comes once the directive has handed it the new rows. The
      // reader's next scroll unpins it (the virtualizer's own rule).
      const pin: AnchorPin = { index, block: 'start', offset: anchor?.offset ?? 0 };
      if (index >= 0) void (scroller as VirtualizerHostElement)[virtualizerRef]?.updateLayoutConfig({ type: chatLayout!, pin });
    }
    this.#lastCount = count;
  }

  /** What every render function of this render reads. */
  #view(): ChatView {
    const room = this.controller.room;
    return {
      t: strings.get(this.locale),
      locale: this.locale ?? 'en',
      room,
      readonly: this.readonly,
      bodies: this.#bodies,
      now: Date.now(),
      editingTask: this.#editingTask,
      nameOf: (userId) => this.#nameOf(userId),
      editTask: (taskId) => {
        const card = taskId ?? this.#editingTask;
        this.#editingTask = taskId;
        this.requestUpdate();
        // The button pressed goes away: focus goes into the editor, or back to the card's Edit button.
        void this.updateComplete.then(() => {
          const row = card === undefined ? null : this.scroller?.querySelector(`[data-id="${CSS.escape(card)}"]`);
          row?.querySelector<HTMLElement>(taskId ? '.task-edit input' : '.edit')?.focus();
        });
      },
      refocus: () => this.scroller?.focus(),
    };
  }

  #allowed(): Set<MessageCategory> {
    const wanted = new Set(this.categories.split(/[\s,]+/).map((c) => (c === 'post' ? 'idea' : c)));
    const allowed = CATEGORIES.filter((c) => wanted.has(c));
    return new Set(allowed.length > 0 ? allowed : CATEGORIES);
  }

  /** The kind the composer makes: the chosen one while `categories` allows it, else the first allowed. */
  #composeKind(): MessageCategory {
    const allowed = this.#allowed();
    return allowed.has(this.#composeCategory) ? this.#composeCategory : [...allowed][0]!;
  }

  #renderList(view: ChatView): TemplateResult {
    const { room, t } = view;
    const rows = this.#currentRows();
    const top = room && room.historyLoaded && !room.hasMoreHistory ? html`<div class="notice">${t.beginning}</div>` : room?.loadingHistory ? html`<div class="notice">${t.loadingOlder}</div>` : nothing;
    if (chatLayout === undefined) void loadChatLayout().then(() => this.requestUpdate());
    // The notice sits outside the list: every child of the scroller is positioned by the virtualizer.
    return html`${top}<div class="messages" part="messages" role="log" aria-live="polite" aria-label=${t.messagesLabel} tabindex="0" @scroll=${this.#onScroll}
      @wheel=${this.#reader.listener} @touchstart=${this.#reader.listener} @keydown=${this.#reader.listener} @pointerdown=${this.#reader.listener}
      @unpinned=${this.#onUnpinned}>
      ${chatLayout ? this.#virtualRows(rows, view, chatLayout) : nothing}
    </div>`;
  }

  #virtualRows(rows: Row[], view: ChatView, type: typeof ChatLayout): unknown {
    // At the end, the layout is pinned to the last row: it scrolls there itself in the pass that
    // lays out new rows, and again as it measures them, with no layout forced from here and no
    // extra pass for a scroll of ours. The reader's own scrolling unpins it (#noteScroll). Only a
    // change of pin goes to the layout: setting one makes it reflow.
    const pin = this.#atBottom && !this.#keepInView;
    const layout = { type, ...(pin === this.#pinned ? {} : pin ? PIN_END : UNPIN) };
    this.#pinned = pin;
    return virtualize({
      // The list itself scrolls (the element has a fixed height), so it is the virtualizer's scroller.
      scroller: true,
      items: rows,
      layout,
      // A pin set in the same update as fewer rows makes the virtualizer report, for one pass in
      // this task, a range from its previous rows: those missing rows render as nothing.
      keyFunction: (row: Row | undefined, index: number) => row?.key ?? `gone-${index}`,
      renderItem: (row: Row | undefined) => (row ? renderRow(row, view) : html``),
    });
  }

  #currentRows(): Row[] {
    const room = this.controller.room;
    if (!room) return (this.#rows = []);
    const pending = room.pending;
    const { timeline } = room;
    const key = `${timeline.version}|${pending.map((p) => `${p.clientId}:${p.state}`).join()}|${room.me?._id ?? ''}|${this.categories}`;
    if (key === this.#rowsFor) return this.#rows;
    this.#rowsFor = key;
    this.#rows = this.#rowBuilder.build({ messages: timeline.messages, rewrites: timeline.rewrites, prepended: timeline.prepended, pending, meId: room.me?._id, categories: this.#allowed() });
    return this.#rows;
  }

  #nameOf(userId: string): string {
    const room = this.controller.room;
    const known: SpacesUser | undefined =
      room?.members?.find((u) => u._id === userId) ?? room?.roster.find((u) => u._id === userId) ?? room?.timeline.messages.find((m) => m.sender._id === userId)?.sender;
    return known?.displayname ?? userId;
  }

  #typingText(t: Record<StringId, string>): string {
    const typing = this.controller.room?.typing ?? [];
    if (typing.length === 0) return '';
    if (typing.length === 1) return fill(t.typingOne, { name: typing[0]!.displayname });
    return fill(t.typingMany, { names: typing.map((u) => u.displayname).join(', ') });
  }

  #onSubmit = (event: Event): void => {
    event.preventDefault();
    this.send();
  };

  #onKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.send();
    }
  };

  #onFile = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (file) this.controller.room?.upload(file);
    input.value = '';
  };

  /**
   * The virtualizer unpins on any scroll but its own corrections (a host's scrollTop, say): the
   * list stays pinned unless the reader took it away from the end.
   */
  #onUnpinned = (event: Event): void => {
    this.#pinned = false;
    this.#noteScroll(event.timeStamp);
    if (this.#atBottom) this.requestUpdate();
  };

  #onScroll = (event: Event): void => {
    const scroller = this.scroller;
    if (!scroller) return;
    this.#noteScroll(event.timeStamp);
    if (scroller.scrollTop < LOAD_OLDER_PX) void this.loadOlder();
  };

  /** Whether the list is at its end after a scroll at `timeStamp`; unpins it when the reader left. */
  #noteScroll(timeStamp: number): void {
    const scroller = this.scroller;
    if (!scroller) return;
    const gap = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;
    this.#reader.scrolled(timeStamp);
    // The reader's own scrolling leaves the end by any amount, and comes back to it only all the
    // way; the list moving by itself (rows measured, or grown before the event of a scroll to its
    // end came) never takes it away from there.
    if (this.#reader.active(timeStamp)) this.#atBottom = gap <= 1;
    else if (gap < STICK_PX) this.#atBottom = true;
    // Within two frames of a correction of its own the virtualizer keeps its pin through any
    // scroll, and would take the reader back: drop it now (before its pass, a microtask away).
    // (There is a virtualizer only once the layout has loaded.)
    if (!this.#atBottom && this.#pinned) {
      this.#pinned = false;
      void (scroller as VirtualizerHostElement)[virtualizerRef]?.updateLayoutConfig({ type: chatLayout!, ...UNPIN });
    }
  }
}
