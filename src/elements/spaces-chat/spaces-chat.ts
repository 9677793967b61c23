import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { virtualize, virtualizerRef, type VirtualizerHostElement } from '@lit-labs/virtualizer/virtualize.js';
import { SpacesRoomController } from '../../controllers/spaces-room.js';
import type { Clock } from '../../core/clock.js';
import { decodeEntities, loadSanitizer, textToFragment, type HtmlSanitizer } from '../../core/sanitize.js';
import type { TokenProvider } from '../../core/token-lifecycle.js';
import type { PendingMessage } from '../../spaces/room.js';
import type { SocketFactory } from '../../spaces/socket-types.js';
import type { MessageCategory, SpacesFile, SpacesMessage, SpacesUser } from '../../spaces/types.js';
import { avatar } from '../../ui/avatar.js';
import { chatStyles, themeStyles } from '../../ui/chat-styles.js';
import { dateLabel, dayLabel, timeLabel } from '../../ui/day-label.js';
import { FragmentCache } from '../../ui/fragment-cache.js';
import { paperclipIcon } from '../../ui/icons.js';
import { SpacesErrorEvent, SpacesMessageEvent, SpacesSentEvent, SpacesStateEvent, SpacesTokenEvent } from './events.js';
import { RowBuilder, type Row } from './rows.js';
import { spacesChatStyles } from './spaces-chat.styles.js';
import { fill, stringsFor, type StringId } from './strings.js';

const CATEGORIES: readonly MessageCategory[] = ['chat', 'idea', 'task'];
/** Within this many pixels of the top, older history loads. */
const LOAD_OLDER_PX = 120;
/** Within this many pixels of the bottom, new messages keep the list scrolled to the end. */
const STICK_PX = 48;

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
 * @attr locale - Language of the UI strings and dates.
 * @attr theme - `light`, `dark` or `auto` (follows the system).
 *
 * @prop tokenProvider - Function `(request: { service, reason }) => string | Promise<string>`.
 * @prop spacePassword - PIN of a locked space.
 *
 * @fires spaces-message - New messages from the network (`messages`).
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

  /** Id of the space to show. */
  @property({ attribute: 'space-id', reflect: true }) spaceId: string | null = null;
  /** Socket.IO URL with the `/chat` namespace. */
  @property({ attribute: 'server-url' }) serverUrl = 'https://spacesapis-socket.avayacloud.com/chat';
  /** REST base URL. */
  @property({ attribute: 'api-url' }) apiUrl = 'https://spacesapis.avayacloud.com/api';
  /** `jwt` or `oauth`. */
  @property({ attribute: 'token-type' }) tokenType: 'jwt' | 'oauth' = 'jwt';
  /** Dot path of a global token function. */
  @property({ attribute: 'token-provider' }) tokenProviderName: string | null = null;
  /** Title shown instead of the space's own. */
  @property() heading: string | null = null;
  /** Placeholder of the message box. */
  @property() placeholder: string | null = null;
  /** Shows the room without a composer. */
  @property({ type: Boolean, reflect: true }) readonly = false;
  /** Kinds to show and compose (`chat idea task`). */
  @property() categories = 'chat idea task';
  /** Shows online members in the header. */
  @property({ attribute: 'show-presence', type: Boolean }) showPresence = false;
  /** UI language. */
  @property() locale: string | null = null;
  /** `light`, `dark` or `auto`. */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'auto';
  /** Token function (takes precedence over `token-provider`). */
  @property({ attribute: false }) tokenProvider: TokenProvider | undefined;
  /** PIN of a locked space. */
  @property({ attribute: false }) spacePassword: string | undefined;
  /** Time source of the token lifecycle (tests inject a ManualClock). */
  @property({ attribute: false }) clock: Clock | undefined;
  /** How long before expiry the token is refreshed, in ms (default 180 000). */
  @property({ attribute: false }) tokenLeadTimeMs: number | undefined;
  /** Makes the socket: the built-in Socket.IO 2 client by default; pass socket.io-client@2's `io` to use it instead. */
  @property({ attribute: false }) socketFactory: SocketFactory | undefined;

  @state() private composeCategory: MessageCategory = 'chat';
  @query('.messages') private scroller!: HTMLElement | null;
  @query('textarea') private input!: HTMLTextAreaElement | null;
  @query('input[type=file]') private fileInput!: HTMLInputElement | null;

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

  #sanitizer: HtmlSanitizer | undefined;
  readonly #bodies = new FragmentCache<SpacesMessage>();
  #rows: Row[] = [];
  #rowBuilder = new RowBuilder();
  #rowsFor: string | undefined;
  #atBottom = true;
  /** Key of the row at the top when older history was asked for; it stays at the top once the page arrives. */
  #olderAnchor: string | undefined;
  #lastCount = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.#sanitizer) {
      loadSanitizer().then(
        (sanitizer) => {
          this.#sanitizer = sanitizer;
          this.#bodies.clear();
          this.requestUpdate();
        },
        (error: unknown) => console.warn('[spaces-chat] the HTML sanitizer failed to load; bodies show as text', error),
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
    if (changed.has('categories') && !this.#allowed().has(this.composeCategory)) this.composeCategory = [...this.#allowed()][0] ?? 'chat';
  }

  /** Sends what is in the message box (as the chosen kind). */
  send(): void {
    const room = this.controller.room;
    const input = this.input;
    if (!room || !input || !room.canSend || this.readonly) return;
    const text = input.value.trim();
    if (!text) return;
    const category = this.#composeKind();
    if (category === 'chat') {
      room.send('chat', { bodyText: text });
    } else {
      const [title = '', ...rest] = text.split('\n');
      const description = rest.join('\n').trim();
      room.send(category, { bodyText: title, ...(description ? { description } : {}) });
    }
    input.value = '';
    this.#atBottom = true;
  }

  /** Loads the page of history before the oldest message shown. */
  async loadOlder(): Promise<void> {
    const room = this.controller.room;
    if (!room || room.loadingHistory || !room.hasMoreHistory) return;
    // A message row, not a day separator: the day's separator moves up when older rows of that day arrive.
    this.#olderAnchor = this.#rows.find((row) => row.kind === 'message')?.key;
    await room.loadOlder();
  }

  protected override render(): TemplateResult {
    const t = stringsFor(this.locale ?? undefined);
    const room = this.controller.room;
    const problem = this.controller.problem;
    return html`
      ${this.#renderHeader(t)}
      ${problem ? html`<div class="banner error" part="error" role="alert">
            <span>${problem.code === 'missing-space-id' ? t.missingSpace : problem.code === 'missing-provider' ? t.missingProvider : fill(t.providerFailed, { reason: problem.message })}</span>
            ${problem.code === 'provider-failed' ? html`<button type="button" @click=${() => this.controller.retry()}>${t.retry}</button>` : nothing}
          </div>`
        : nothing}
      ${room?.connection === 'auth-error'
        ? html`<div class="banner error" part="error" role="alert"><span>${t.authError}</span><button type="button" @click=${() => this.controller.retry()}>${t.retry}</button></div>`
        : nothing}
      ${room?.subscription === 'failed'
        ? html`<div class="banner error" part="error" role="alert">${fill(t.subscribeFailed, { reason: room.subscribeError ?? '' })}</div>`
        : nothing}
      ${room?.connection === 'reconnecting' ? html`<div class="banner" part="banner" role="status">${t.offlineBanner}</div>` : nothing}
      ${room?.missedMessages
        ? html`<div class="banner" part="banner" role="status"><span>${t.missedNotice}</span><button type="button" ?disabled=${room.loadingHistory} @click=${() => void room.loadMissed()}>${t.loadMissed}</button></div>`
        : nothing}
      ${this.#renderList(t)}
      <div class="typing" part="typing" aria-live="polite">${this.#typingText(t)}</div>
      ${this.#renderUploads(t)}
      ${this.readonly ? html`<div class="readonly">${t.readonly}</div>` : this.#renderComposer(t)}
    `;
  }

  protected override updated(): void {
    const scroller = this.scroller;
    if (!scroller) return;
    const count = this.#rows.length;
    if (this.#olderAnchor !== undefined && count !== this.#lastCount) {
      const index = this.#rows.findIndex((row) => row.key === this.#olderAnchor);
      this.#olderAnchor = undefined;
      // The virtualizer takes new items a microtask after render and measures rows as it scrolls,
      // so ask it, a frame later, to bring the old top row back to the top.
      if (index >= 0) requestAnimationFrame(() => (scroller as VirtualizerHostElement)[virtualizerRef]?.element(index)?.scrollIntoView({ block: 'start' }));
    } else if (this.#atBottom && count !== this.#lastCount) {
      this.#stickIfAtBottom();
      requestAnimationFrame(() => requestAnimationFrame(this.#stickIfAtBottom));
    }
    this.#lastCount = count;
  }

  #allowed(): Set<MessageCategory> {
    const wanted = new Set(this.categories.split(/[\s,]+/).map((c) => (c === 'post' ? 'idea' : c)));
    const allowed = CATEGORIES.filter((c) => wanted.has(c));
    return new Set(allowed.length > 0 ? allowed : CATEGORIES);
  }

  /** The kind the composer makes: the chosen one while `categories` allows it, else the first allowed. */
  #composeKind(): MessageCategory {
    const allowed = this.#allowed();
    return allowed.has(this.composeCategory) ? this.composeCategory : [...allowed][0]!;
  }

  #renderHeader(t: Record<StringId, string>): TemplateResult {
    const room = this.controller.room;
    const connection = room?.connection ?? 'connecting';
    const title = this.heading || room?.info?.title || this.spaceId || t.untitled;
    const stateText = connection === 'connected' && room?.subscription !== 'subscribed' ? t.connecting : t[connection === 'auth-error' ? 'authError' : connection];
    return html`<div class="header" part="header">
      <div class="title">
        <h2 part="title">${title}</h2>
        <div class="status" part="status" role="status"><span class="dot ${connection}"></span>${stateText}</div>
      </div>
      ${this.showPresence && room
        ? html`<ul class="roster" part="roster" aria-label=${`${room.roster.length} ${t.online}`}>
            ${room.roster.slice(0, 6).map((user) => html`<li title=${user.displayname}>${avatar(user, 'sm')}<span class="visually-hidden">${user.displayname}</span></li>`)}
          </ul>`
        : nothing}
    </div>`;
  }

  #renderList(t: Record<StringId, string>): TemplateResult {
    const room = this.controller.room;
    const rows = this.#currentRows();
    const locale = this.locale ?? undefined;
    const now = Date.now();
    const top = room && room.historyLoaded && !room.hasMoreHistory ? html`<div class="notice">${t.beginning}</div>` : room?.loadingHistory ? html`<div class="notice">${t.loadingOlder}</div>` : nothing;
    // The notice sits outside the list: every child of the scroller is positioned by the virtualizer.
    return html`${top}<div class="messages" part="messages" role="log" aria-live="polite" aria-label=${t.messagesLabel} tabindex="0" @scroll=${this.#onScroll}
      @rangeChanged=${this.#stickIfAtBottom}>
      ${virtualize({
        // The list itself scrolls (the element has a fixed height), so it is the virtualizer's scroller.
        scroller: true,
        items: rows,
        keyFunction: (row: Row) => row.key,
        renderItem: (row: Row) => this.#renderRow(row, t, locale ?? 'en', now),
      })}
    </div>`;
  }

  #currentRows(): Row[] {
    const room = this.controller.room;
    if (!room) return (this.#rows = []);
    const pending = room.pending;
    const { timeline } = room;
    const key = `${timeline.version}|${pending.map((p) => `${p.clientId}:${p.state}`).join()}|${room.me?._id ?? ''}|${this.categories}`;
    if (key === this.#rowsFor) return this.#rows;
    this.#rowsFor = key;
    this.#rows = this.#rowBuilder.build({ messages: timeline.messages, rewrites: timeline.rewrites, pending, meId: room.me?._id, categories: this.#allowed() });
    return this.#rows;
  }

  #renderRow(row: Row, t: Record<StringId, string>, locale: string, now: number): TemplateResult {
    if (row.kind === 'day') return html`<div class="day" role="separator">${dayLabel(row.ms, now, locale, t)}</div>`;
    if (row.kind === 'pending') return this.#renderPending(row.pending, t);
    const { message, grouped, own } = row;
    const time = timeLabel(message.createdMs, locale);
    return html`<article class="row ${own ? 'own' : ''} ${grouped ? '' : 'first'}" part="message" data-id=${message._id} aria-label=${`${message.sender.displayname}, ${time}`}>
      <div class="gutter">${grouped ? nothing : avatar(message.sender)}</div>
      <div class="main">
        ${grouped ? nothing : html`<div class="meta"><span class="name">${message.sender.displayname}</span><time class="time" datetime=${message.created}>${time}</time></div>`}
        ${message.category === 'chat' ? html`<div class="bubble">${this.#body(message)}${this.#files(message.content.data, t)}</div>` : this.#renderCard(message, t, locale)}
      </div>
    </article>`;
  }

  #renderCard(message: SpacesMessage, t: Record<StringId, string>, locale: string): TemplateResult {
    const { content } = message;
    const isTask = message.category === 'task';
    const complete = content.status === 'complete';
    return html`<div class="card ${complete ? 'complete' : ''}" part="card">
      <div class="kind">${isTask ? t.task : t.idea}</div>
      <h3>${decodeEntities(content.bodyText)}</h3>
      ${content.description ? html`<div class="description">${this.#html(message, content.description)}</div>` : nothing}
      ${this.#files(content.data, t)}
      <div class="facts">
        ${isTask
          ? html`<button type="button" class="toggle" aria-pressed=${complete ? 'true' : 'false'}
              ?disabled=${this.readonly} @click=${() => this.controller.room?.setTaskStatus(message, complete ? 'pending' : 'complete')}>${complete ? '✓ ' : ''}${t.done}</button>`
          : nothing}
        ${content.dueDate ? html`<span>${fill(t.due, { date: dateLabel(Date.parse(content.dueDate), locale) })}</span>` : nothing}
        ${content.assignees && content.assignees.length > 0
          ? html`<span>${t.assignees}: ${content.assignees.map((a) => this.#nameOf(a._id)).join(', ')}</span>`
          : nothing}
      </div>
    </div>`;
  }

  #renderPending(item: PendingMessage, t: Record<StringId, string>): TemplateResult {
    const failed = item.state === 'failed';
    const me = this.controller.room?.me;
    return html`<article class="row own first ${failed ? 'failed' : 'pending'}" part="message ${failed ? 'failed' : 'pending'}" data-client-id=${item.clientId} aria-busy=${failed ? 'false' : 'true'}>
      <div class="gutter">${me ? avatar(me) : nothing}</div>
      <div class="main">
        <div class="meta">
          <span class="name">${me?.displayname ?? ''}</span>
          <span class="state ${failed ? 'failed' : ''}">${failed ? t.failed : t.sending}</span>
          ${failed
            ? html`<button type="button" class="link-button" @click=${() => this.controller.room?.retry(item.clientId)}>${t.retry}</button>
                <button type="button" class="link-button" @click=${() => this.controller.room?.discard(item.clientId)}>${t.discard}</button>`
            : nothing}
        </div>
        <div class="bubble">${item.category === 'chat' ? item.content.bodyText : html`<strong>${t[item.category]}:</strong> ${item.content.bodyText}`}</div>
      </div>
    </article>`;
  }

  #body(message: SpacesMessage): unknown {
    return this.#html(message, message.content.bodyText);
  }

  /** Bodies from the vendor's web client are HTML, from phones and sockets plain text; both end up as safe DOM. */
  #html(message: SpacesMessage, source: string): unknown {
    if (!looksLikeHtml(source)) return this.#bodies.get(message, () => textToFragment(decodeEntities(source)), source === message.content.bodyText ? 'body' : 'body description');
    const sanitizer = this.#sanitizer;
    // Until the sanitizer is loaded, show the text content from an inert document (nothing in it runs or loads).
    if (!sanitizer) return new DOMParser().parseFromString(source, 'text/html').body.textContent ?? '';
    if (source !== message.content.bodyText) return sanitizer.toFragment(source);
    return this.#bodies.get(message, () => sanitizer.toFragment(source));
  }

  #files(files: SpacesFile[] | undefined, t: Record<StringId, string>): unknown {
    if (!files || files.length === 0) return nothing;
    return html`<div class="files">
      ${files.map((file) => {
        const url = safeUrl(file.path);
        if (!url) return html`<span>${file.name}</span>`;
        const thumb = safeUrl(file.thumbnailUrl ?? file.previewUrl ?? (file.fileType === 'image' ? file.path : undefined));
        return thumb
          ? html`<a href=${url} target="_blank" rel="noopener noreferrer"><img src=${thumb} alt=${file.name} loading="lazy" /></a>`
          : html`<a href=${url} target="_blank" rel="noopener noreferrer" download=${file.name}>${paperclipIcon} ${file.name || t.file}</a>`;
      })}
    </div>`;
  }

  #nameOf(userId: string): string {
    const room = this.controller.room;
    const known: SpacesUser | undefined = room?.roster.find((u) => u._id === userId) ?? room?.timeline.messages.find((m) => m.sender._id === userId)?.sender;
    return known?.displayname ?? userId;
  }

  #typingText(t: Record<StringId, string>): string {
    const typing = this.controller.room?.typing ?? [];
    if (typing.length === 0) return '';
    if (typing.length === 1) return fill(t.typingOne, { name: typing[0]!.displayname });
    return fill(t.typingMany, { names: typing.map((u) => u.displayname).join(', ') });
  }

  #renderUploads(t: Record<StringId, string>): unknown {
    const uploads = this.controller.room?.uploads ?? [];
    if (uploads.length === 0) return nothing;
    return html`<div class="uploads">
      ${uploads.map((u) => html`<div class="upload" part="upload">
        <span>${fill(t.uploading, { name: u.name })}</span>
        <progress max=${u.total || 1} .value=${u.loaded} aria-label=${fill(t.uploading, { name: u.name })}></progress>
        <button type="button" class="link-button" @click=${() => u.cancel()}>${t.cancel}</button>
      </div>`)}
    </div>`;
  }

  #renderComposer(t: Record<StringId, string>): TemplateResult {
    const room = this.controller.room;
    const enabled = room?.canSend === true;
    const allowed = [...this.#allowed()];
    const kind = this.#composeKind();
    return html`<form class="composer" part="composer" @submit=${this.#onSubmit}>
      ${allowed.length > 1
        ? html`<select aria-label=${t.categoryLabel} .value=${kind} ?disabled=${!enabled}
            @change=${(e: Event) => (this.composeCategory = (e.target as HTMLSelectElement).value as MessageCategory)}>
            ${allowed.map((c) => html`<option value=${c} ?selected=${c === kind}>${t[c]}</option>`)}
          </select>`
        : nothing}
      <input type="file" hidden @change=${this.#onFile} />
      <button type="button" class="icon-button" part="attach-button" aria-label=${t.attach} title=${t.attach} ?disabled=${!enabled || room?.subscription !== 'subscribed'}
        @click=${() => this.fileInput?.click()}>${paperclipIcon}</button>
      <textarea part="input" rows="1" aria-label=${t.inputLabel} placeholder=${this.placeholder ?? t.placeholder} ?disabled=${!enabled}
        @keydown=${this.#onKeydown} @input=${() => this.controller.room?.userTyping()}></textarea>
      <button type="submit" class="send" part="send-button" ?disabled=${!enabled}>${t.send}</button>
    </form>`;
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

  /** The virtualizer re-measures rows after rendering them, which moves the end: follow it while the reader is there. */
  #stickIfAtBottom = (): void => {
    const scroller = this.scroller;
    if (scroller && this.#atBottom && this.#olderAnchor === undefined) scroller.scrollTop = scroller.scrollHeight;
  };

  #onScroll = (): void => {
    const scroller = this.scroller;
    if (!scroller) return;
    this.#atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < STICK_PX;
    if (scroller.scrollTop < LOAD_OLDER_PX) void this.loadOlder();
  };
}

function looksLikeHtml(text: string): boolean {
  return /<\/?[a-z][\s\S]*>/i.test(text);
}

/** Only http(s) URLs reach `href`/`src`; anything else (javascript:, data:) is not linked. */
function safeUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value, document.baseURI);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
