import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { type Clock, type Timer } from '../../core/clock.js';
import type { TokenProvider } from '../../core/token-provider.js';
import { CcaasChatController, type ChatLine, type ChatView } from '../../controllers/ccaas-chat-controller.js';
import type { ChatSdk } from '../../ccaas/sdk-api.js';
import { themeStyles } from '../../ui/chat-styles.js';
import { FragmentCache } from '../../ui/fragment-cache.js';
import { ccaasStyles } from './ccaas-chat.styles.js';
import { type ChatAttributes, chatConfigFrom } from './config-from-attributes.js';
import { CcaasCloseEvent, CcaasErrorEvent, CcaasOpenEvent, CcaasSdkEvent, CcaasStateEvent } from './events.js';
import type { RichRenderer } from './rich-body.js';
import { format, type StringId, strings } from './strings.js';

const CONFIG_PROPS = ['hostUrl', 'integrationId', 'appKey', 'tokenProvider', 'displayName', 'sessionParameters', 'engagementParameters', 'idleTimeout', 'idleGraceTimeout', 'reconnectionTimeout', 'storageKey', 'autoStart', 'clock'] as const;
const CHAT_ICON = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2Z" /></svg>`;
const BLOCK = 100;
/**
 * The idle warning is announced when it appears and once more this many seconds before the end;
 * the visible countdown ticks every second outside any live region, so it is not read out each time.
 */
const IDLE_SOON_S = 10;
const TICKS = { sending: '…', sent: '✓', delivered: '✓✓', failed: '!' } as const;

/**
 * A customer chat with a contact-center agent on Avaya Experience Platform: start a chat, wait
 * for an agent, talk, see delivery ticks and earlier messages, get idle warnings, survive reloads.
 *
 * @tag ccaas-chat
 * @summary Customer-to-agent chat (REST + long-poll), as an inline panel or a floating launcher.
 *
 * @attr host-url - The platform's host URL, e.g. `https://na.api.avayacloud.com`.
 * @attr integration-id - The chat integration id.
 * @attr app-key - The integration's application key.
 * @attr token-provider - Dot path of a global function `({ service, reason }) => jwt | Promise<jwt>`. A change gives the next token.
 * @attr display-name - The customer's name; without it the start screen asks for one. A change applies to the next session.
 * @attr session-parameters - JSON object of session parameters (≤ 20 keys). A change applies to the next session.
 * @attr engagement-parameters - JSON object of engagement (routing) parameters (≤ 20 keys). A change applies to the next chat.
 * @attr idle-timeout - Seconds without activity before the idle warning (300–3300, default 300). A change applies at once and restarts the idle period.
 * @attr idle-grace-timeout - Seconds between the warning and the session shutting down (30–300, default 30). A change applies at once and restarts the idle period.
 * @attr reconnection-timeout - Seconds the event stream keeps retrying (120–900, default 120). A change applies at once.
 * @attr storage-key - Keeps this chat's session (kept in sessionStorage under the host URL and integration id) apart from other chats of the same integration on the page; defaults to the element's `id`. With neither, the first such chat to start keeps its session across reloads and the others start a new one on each page load (a console warning says so).
 * @attr launcher - Floating button (with an unread badge) that opens and closes the panel.
 * @attr open - Whether the panel is open (launcher mode).
 * @attr auto-start - Starts a chat as soon as the element is configured.
 * @attr heading - Panel title.
 * @attr locale - Language of strings and dates (BCP 47): English built in, de, fr and es loaded on first use, others in English.
 * @attr theme - `light`, `dark` or `auto`.
 *
 * @prop tokenProvider - A function (or dot path) giving JWTs for the chat platform.
 * @prop clock - Time source (tests pass a ManualClock).
 * @prop sdk - The engine in use (the vendor Chat SDK contract), read only.
 *
 * @fires {CcaasSdkEvent} ccaas-event - Every engine event (`detail.type`: INITIALIZED, MESSAGE_ARRIVED, ...; `detail.payload`).
 * @fires {CcaasStateEvent} ccaas-state - The view changed (`detail.view`).
 * @fires {CcaasOpenEvent} ccaas-open - The panel opened.
 * @fires {CcaasCloseEvent} ccaas-close - The panel closed.
 * @fires {CcaasErrorEvent} ccaas-error - Misconfiguration or a failure (`detail.code`, `detail.message`).
 *
 * @csspart launcher - The floating button.
 * @csspart badge - Unread count on the launcher.
 * @csspart panel - The chat panel.
 * @csspart header - Title, agent and actions.
 * @csspart agent - Agent name and role.
 * @csspart end-button - Ends the chat.
 * @csspart close-button - Closes the panel (launcher mode).
 * @csspart messages - The transcript (role=log).
 * @csspart message - One message or notice.
 * @csspart load-earlier - The "load earlier messages" button.
 * @csspart composer - Input and send button.
 * @csspart input - The message box.
 * @csspart send-button - The send button.
 * @csspart start - The start screen.
 * @csspart name-input - The optional pre-chat name.
 * @csspart start-button - Starts the chat.
 * @csspart idle-warning - Idle countdown banner with "I'm still here".
 * @csspart connection - Reconnecting / connection lost banner.
 * @csspart ended - Chat ended / session shut down notice.
 * @csspart error - Misconfiguration and auth errors (role=alert).
 *
 * @cssprop --ace-font - Font family.
 * @cssprop --ace-accent - Accent (buttons, launcher, ticks).
 * @cssprop --ace-accent-fg - Text on the accent.
 * @cssprop --ace-bg - Background.
 * @cssprop --ace-fg - Text.
 * @cssprop --ace-muted - Secondary text.
 * @cssprop --ace-border - Borders.
 * @cssprop --ace-surface - Header background.
 * @cssprop --ace-radius - Corner radius.
 * @cssprop --ace-bubble-self - Customer bubbles.
 * @cssprop --ace-bubble-other - Agent bubbles.
 * @cssprop --ace-danger - Errors and the unread badge.
 * @cssprop --ace-warning-bg - Banner background.
 * @cssprop --ace-warning-fg - Banner text.
 * @cssprop --ace-ccaas-width - Panel width in launcher mode.
 * @cssprop --ace-ccaas-height - Panel height.
 * @cssprop --ace-ccaas-offset - Distance of the launcher from the viewport corner.
 * @cssprop --ace-ccaas-z - z-index of the launcher and floating panel.
 */
export class CcaasChat extends LitElement {
  static override styles = [themeStyles, ccaasStyles];

  /** The platform's host URL. */
  @property({ attribute: 'host-url' }) hostUrl = '';
  /** The chat integration id. */
  @property({ attribute: 'integration-id' }) integrationId = '';
  /** The integration's application key. */
  @property({ attribute: 'app-key' }) appKey = '';
  /** Token provider function, or the dot path of a global one. */
  @property({ attribute: 'token-provider' }) tokenProvider: TokenProvider | string | undefined;
  /** The customer's display name. */
  @property({ attribute: 'display-name' }) displayName = '';
  /** Session parameters as JSON text. */
  @property({ attribute: 'session-parameters' }) sessionParameters = '';
  /** Engagement parameters as JSON text. */
  @property({ attribute: 'engagement-parameters' }) engagementParameters = '';
  /** Idle timeout in seconds. */
  @property({ attribute: 'idle-timeout', type: Number }) idleTimeout: number | undefined;
  /** Idle grace period in seconds. */
  @property({ attribute: 'idle-grace-timeout', type: Number }) idleGraceTimeout: number | undefined;
  /** Reconnection timeout in seconds. */
  @property({ attribute: 'reconnection-timeout', type: Number }) reconnectionTimeout: number | undefined;
  /** Floating launcher mode. */
  @property({ type: Boolean, reflect: true }) launcher = false;
  /** Whether the panel is open (launcher mode). */
  @property({ type: Boolean, reflect: true }) open = false;
  /** Start a chat as soon as configured. */
  @property({ attribute: 'auto-start', type: Boolean }) autoStart = false;
  /** Panel title. */
  @property() heading = '';
  /** Language of strings and dates (BCP 47): English built in, de, fr and es loaded on first use, others in English. */
  @property() locale = 'en';
  /** `light`, `dark` or `auto`. */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'auto';
  /** Keeps this chat's session apart from other chats of the integration on the page (default: the id). */
  @property({ attribute: 'storage-key' }) storageKey = '';
  /** Time source (tests pass a ManualClock). */
  @property({ attribute: false }) clock: Clock | undefined;

  @state() private configError = '';
  @state() private unread = 0;
  @query('textarea') private input?: HTMLTextAreaElement;

  readonly #chat = new CcaasChatController(this, {
    onSdkEvent: (type, payload) => this.dispatchEvent(new CcaasSdkEvent({ type, payload })),
    onView: (view) => this.#onView(view),
    onIncoming: () => {
      if (this.launcher && !this.open) this.unread += 1;
    },
    onError: (code, message) => this.dispatchEvent(new CcaasErrorEvent({ code, message })),
  });
  readonly #bodies = new FragmentCache<ChatLine>();
  #rich: RichRenderer | undefined;
  #richLoading = false;
  #countdown: Timer | undefined;
  #warned = '';
  #focusAfterRender: 'panel' | 'launcher' | undefined;
  #stickToBottom = true;

  /** The engine in use (the vendor Chat SDK contract); undefined before a chat starts. */
  get sdk(): ChatSdk | undefined {
    return this.#chat.sdk;
  }

  /** What the widget currently shows. */
  get view(): ChatView {
    return this.#chat.view;
  }

  /** Opens the panel (launcher mode). */
  show(): void {
    this.#setOpen(true);
  }

  /** Closes the panel (launcher mode). */
  hide(): void {
    this.#setOpen(false);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#countdown?.cancel();
    this.#countdown = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (CONFIG_PROPS.some((p) => changed.has(p as keyof CcaasChat))) this.#configure();
    if (changed.has('open') && this.open) this.unread = 0;
    if (changed.has('locale')) void strings.load(this.locale).then((table) => table && this.requestUpdate());
  }

  protected override updated(changed: PropertyValues<this>): void {
    this.#tickCountdown();
    const log = this.renderRoot.querySelector<HTMLElement>('[part="messages"]');
    if (log && this.#stickToBottom) log.scrollTop = log.scrollHeight;
    if (this.#focusAfterRender === 'panel') this.#focusPanel();
    else if (this.#focusAfterRender === 'launcher') this.renderRoot.querySelector<HTMLElement>('[part="launcher"]')?.focus();
    this.#focusAfterRender = undefined;
    if (changed.has('open') && changed.get('open') !== undefined) this.dispatchEvent(this.open ? new CcaasOpenEvent() : new CcaasCloseEvent());
  }

  protected override render(): TemplateResult {
    const t = strings.get(this.locale);
    const showPanel = !this.launcher || this.open;
    return html`
      ${this.launcher ? this.#renderLauncher(t) : nothing}
      ${showPanel ? this.#renderPanel(t) : nothing}
    `;
  }

  #renderLauncher(t: Record<StringId, string>): TemplateResult {
    return html`<button part="launcher" class="launcher" type="button" aria-expanded=${this.open ? 'true' : 'false'} aria-controls="panel"
      aria-label=${this.open ? t.closeChat : this.unread ? `${t.openChat}, ${format(t.unread, { n: this.unread })}` : t.openChat} @click=${() => this.#setOpen(!this.open)}>
      ${CHAT_ICON}${this.unread ? html`<span part="badge" class="badge" aria-hidden="true">${this.unread}</span>` : nothing}
    </button>`;
  }

  #renderPanel(t: Record<StringId, string>): TemplateResult {
    const chat = this.#chat;
    const heading = this.heading || t.heading;
    const agent = chat.agent;
    return html`<section part="panel" id="panel" class="panel" role=${this.launcher ? 'dialog' : 'region'} aria-labelledby="heading" tabindex="-1" @keydown=${this.#onKeydown}>
      <header part="header">
        <div class="titles">
          <h2 id="heading">${heading}</h2>
          ${agent ? html`<p part="agent" class="agent">${agent.displayName ?? t.agent} · ${t[`role${agent.participantType}` as StringId] ?? t.agent}</p>` : nothing}
        </div>
        ${chat.view === 'waiting' || chat.view === 'chatting' ? html`<button part="end-button" class="header-button" type="button" @click=${() => chat.end()}>${t.end}</button>` : nothing}
        ${this.launcher ? html`<button part="close-button" class="close" type="button" aria-label=${t.closeChat} @click=${() => this.#setOpen(false)}>×</button>` : nothing}
      </header>
      ${this.#renderBanners(t)}
      ${this.#renderBody(t)}
    </section>`;
  }

  #renderBanners(t: Record<StringId, string>): TemplateResult {
    const chat = this.#chat;
    const deadline = chat.idleDeadline;
    const seconds = deadline === undefined ? 0 : Math.max(0, Math.ceil((deadline - chat.clock.now()) / 1000));
    return html`
      ${deadline !== undefined
        ? html`<div part="idle-warning" class="banner">
            <span class="visually-hidden" role="alert">${seconds > IDLE_SOON_S ? format(t.idleAlert, { s: chat.idleGracePeriod }) : format(t.idleAlertSoon, { s: IDLE_SOON_S })}</span>
            <span>${format(t.idleWarning, { s: seconds })}</span>
            <button type="button" @click=${() => chat.stillHere()}>${t.stillHere}</button></div>`
        : nothing}
      ${chat.authErrorInChat ? html`<div part="error" class="banner error" role="alert"><span>${this.#authText(t)}</span><button type="button" @click=${this.#retry}>${t.retry}</button></div>` : nothing}
      ${chat.stream === 'reconnecting' && !chat.authErrorInChat ? html`<div part="connection" class="banner" role="status">${t.reconnecting}</div>` : nothing}
      ${chat.stream === 'failed'
        ? html`<div part="connection" class="banner error" role="alert"><span>${t.connectionFailed}</span><button type="button" @click=${() => chat.retryConnection()}>${t.retry}</button></div>`
        : nothing}
    `;
  }

  #renderBody(t: Record<StringId, string>): TemplateResult {
    const chat = this.#chat;
    switch (chat.view) {
      case 'unconfigured':
        return html`<div part="error" class="error" role="alert">${format(t.configError, { detail: this.configError })}</div>`;
      case 'start':
        return html`<div part="start" class="center">
          <p>${t.startTitle}</p>
          ${this.displayName ? nothing : html`<label class="field">${t.nameLabel}<input part="name-input" name="name" autocomplete="name" maxlength="70" /></label>`}
          <button part="start-button" class="primary" type="button" @click=${this.#start}>${t.start}</button>
        </div>`;
      case 'connecting':
        return html`<div class="center" role="status"><div class="spinner" aria-hidden="true"></div><p>${t.connecting}</p></div>`;
      case 'auth-error':
      case 'error':
        if (chat.authErrorInChat) return this.#renderConversation(t);
        return html`<div part="error" class="error" role="alert">${chat.view === 'auth-error' ? this.#authText(t) : `${t.error} ${chat.errorMessage}`}</div>
          <div class="center"><button part="start-button" class="primary" type="button" @click=${this.#retry}>${t.retry}</button></div>`;
      default:
        return this.#renderConversation(t);
    }
  }

  #renderConversation(t: Record<StringId, string>): TemplateResult {
    const chat = this.#chat;
    const view = chat.view;
    return html`
      <div part="messages" class="messages" role="log" aria-live="polite" aria-label=${t.conversation} tabindex="0" @scroll=${this.#onScroll}>
        ${chat.canLoadEarlier
          ? html`<div class="earlier"><button part="load-earlier" class="link-button" type="button" ?disabled=${chat.loadingEarlier} @click=${this.#loadEarlier}>${chat.loadingEarlier ? t.loading : t.loadEarlier}</button></div>`
          : nothing}
        ${this.#blocks(chat.lines).map((block) => guard([t, this.#rich, ...block, ...block.map((l) => l.status)], () => block.map((line) => this.#renderLine(line, t))))}
        ${view === 'waiting' ? html`<div part="message" class="line system" role="status">${t.waiting} ${t.waitingHint}</div>` : nothing}
      </div>
      ${view === 'ended' || view === 'shutdown'
        ? html`<div part="ended" class="center" role="status">
            <p>${view === 'ended' ? t.ended : chat.shutdownReason === 'USER_INACTIVE' ? t.shutdownInactive : chat.shutdownReason === 'SESSION_INVALID' ? t.sessionInvalid : t.shutdownClosed}</p>
            <button part="start-button" class="primary" type="button" @click=${view === 'ended' ? () => chat.newChat() : this.#start}>${view === 'ended' ? t.newChat : t.restart}</button>
          </div>`
        : html`<form part="composer" class="composer" @submit=${this.#send}>
            <label class="visually-hidden" for="input">${t.message}</label>
            <textarea part="input" id="input" rows="1" maxlength="4096" placeholder=${t.placeholder} ?disabled=${!chat.canSend} @keydown=${this.#onInputKeydown}></textarea>
            <button part="send-button" class="send" type="submit" ?disabled=${!chat.canSend}>${t.send}</button>
          </form>`}
    `;
  }

  /** Lines in blocks of BLOCK: under a burst only the block that changed is re-rendered. */
  #blocks(lines: readonly ChatLine[]): ChatLine[][] {
    const blocks: ChatLine[][] = [];
    for (let i = 0; i < lines.length; i += BLOCK) blocks.push(lines.slice(i, i + BLOCK));
    return blocks;
  }

  #renderLine(line: ChatLine, t: Record<StringId, string>): TemplateResult {
    if (line.kind === 'system') {
      const [what, name] = [line.text.slice(0, line.text.indexOf(':')), line.text.slice(line.text.indexOf(':') + 1)];
      return html`<div part="message" class="line system">${format(what === 'joined' ? t.joined : t.left, { name: name || t.agent })}</div>`;
    }
    const own = line.kind === 'self';
    const status = line.status;
    return html`<div part="message" class="line ${own ? 'self own' : 'agent'}" data-format=${line.format}>
      <span class="meta">${own ? t.you : line.name ?? t.agent}</span>
      <div class="bubble">${this.#body(line)}</div>
      ${own && status
        ? html`<span class="meta"><span class="tick" data-status=${status} aria-hidden="true">${TICKS[status]}</span><span class="visually-hidden">${t[status]}</span>
            ${status === 'failed' ? html`<button class="link-button" type="button" @click=${() => this.#chat.send(line.text, line.key)}>${t.retrySend}</button>` : nothing}</span>`
        : nothing}
    </div>`;
  }

  /** Plain text through Lit (never parsed as HTML); HTML and Markdown sanitized, once the renderer has loaded. */
  #body(line: ChatLine): TemplateResult | HTMLElement {
    const rich = this.#rich;
    if (line.format !== 'PLAINTEXT' && rich) return this.#bodies.get(line, () => rich(line));
    if (line.format !== 'PLAINTEXT') this.#loadRich();
    return html`<div class="body plain">${line.text}</div>`;
  }

  #loadRich(): void {
    if (this.#richLoading) return;
    this.#richLoading = true;
    import('./rich-body.js')
      .then((m) => m.loadRichRenderer())
      .then(
        (render) => {
          this.#rich = render;
          this.requestUpdate();
        },
        (error: unknown) => {
          this.#richLoading = false;
          console.warn('[ccaas-chat] rich messages show as text: the sanitizer did not load', error);
        },
      );
  }

  #configure(): void {
    const attributes: ChatAttributes = {
      hostUrl: this.hostUrl,
      integrationId: this.integrationId,
      appKey: this.appKey,
      tokenProvider: this.tokenProvider,
      displayName: this.displayName,
      sessionParameters: this.sessionParameters,
      engagementParameters: this.engagementParameters,
      idleTimeout: this.idleTimeout,
      idleGraceTimeout: this.idleGraceTimeout,
      reconnectionTimeout: this.reconnectionTimeout,
      sessionKey: this.#sessionKey(),
      autoStart: this.autoStart,
      clock: this.clock,
    };
    const problem = chatConfigFrom(attributes, (error) => {
      const message = error instanceof Error ? error.message : String(error);
      console.warn('[ccaas-chat] the token provider failed:', message);
      this.dispatchEvent(new CcaasErrorEvent({ code: 'token', message }));
    });
    if (typeof problem === 'string') {
      this.configError = problem;
      if (this.#warned !== problem) {
        this.#warned = problem;
        console.warn(`[ccaas-chat] ${problem}`);
        this.dispatchEvent(new CcaasErrorEvent({ code: 'config', message: problem }));
      }
      this.#chat.configure(undefined);
      return;
    }
    this.configError = '';
    this.#warned = '';
    this.#chat.configure(problem);
  }

  /** Tells apart several widgets on one integration in sessionStorage: `storage-key`, else the id. */
  #sessionKey(): string {
    return this.storageKey || this.id;
  }

  #onView(view: ChatView): void {
    this.dispatchEvent(new CcaasStateEvent({ view }));
    if (view === 'waiting' && (this.renderRoot as ShadowRoot).activeElement) this.#focusAfterRender = 'panel';
  }

  #setOpen(open: boolean): void {
    if (!this.launcher || this.open === open) return;
    this.open = open;
    this.#focusAfterRender = open ? 'panel' : 'launcher';
  }

  #focusPanel(): void {
    const root = this.renderRoot;
    const target =
      root.querySelector<HTMLElement>('textarea:not([disabled])') ??
      root.querySelector<HTMLElement>('[part="name-input"]') ??
      root.querySelector<HTMLElement>('[part="start-button"]') ??
      root.querySelector<HTMLElement>('[part="panel"]');
    target?.focus();
  }

  #onKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.launcher) {
      event.stopPropagation();
      this.#setOpen(false);
    }
  };

  #onInputKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.#send();
    }
  };

  #onScroll = (event: Event): void => {
    const log = event.currentTarget as HTMLElement;
    this.#stickToBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 48;
  };

  #authText(t: Record<StringId, string>): string {
    const chat = this.#chat;
    return `${chat.authProblem === 'expired' ? t.tokenExpired : t.authError} ${chat.errorMessage}`.trim();
  }

  #retry = (): void => {
    this.#focusAfterRender = 'panel';
    void this.#chat.retry();
  };

  #start = (): void => {
    const name = this.renderRoot.querySelector<HTMLInputElement>('[part="name-input"]')?.value;
    this.#focusAfterRender = 'panel';
    void this.#chat.start(name);
  };

  #send = (event?: Event): void => {
    event?.preventDefault();
    const input = this.input;
    if (!input || !input.value.trim() || !this.#chat.canSend) return;
    const text = input.value;
    input.value = '';
    this.#stickToBottom = true;
    void this.#chat.send(text);
  };

  #loadEarlier = (): void => {
    this.#stickToBottom = false;
    void this.#chat.loadEarlier();
  };

  /** Re-renders once a second while the idle countdown shows, on the chat's clock. */
  #tickCountdown(): void {
    if (this.#chat.idleDeadline === undefined || !this.isConnected) {
      this.#countdown?.cancel();
      this.#countdown = undefined;
      return;
    }
    if (this.#countdown) return;
    this.#countdown = this.#chat.clock.setTimeout(() => {
      this.#countdown = undefined;
      this.requestUpdate();
    }, 1000);
  }
}
