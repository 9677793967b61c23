import { html, LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { resolveTokenProvider } from '../../core/token-lifecycle.js';
import { type FeedState, PubSubFeedController } from '../../controllers/pubsub-feed-controller.js';
import { DEFAULT_BASE_URL } from '../../pubsub/addressing.js';
import { DEFAULT_TIMEOUT } from '../../pubsub/subscriber.js';
import type { PubSubError, PubSubEvent, SessionProvider } from '../../pubsub/types.js';
import { eventRow, searchTextOf, summaryOf } from './event-row.js';
import { PubSubErrorEvent, PubSubEventEvent, PubSubStateEvent } from './events.js';
import { feedStyles } from './pubsub-feed.styles.js';
import { type ParamRow, paramsOf, publishForm } from './publish-form.js';
import { format, type StringId, stringsFor } from './strings.js';

const CONFIG_PROPS = ['baseUrl', 'accountSid', 'topic', 'sessionProvider', 'timeout'] as const;
const STATE_TEXT: Record<FeedState, StringId> = {
  idle: 'stateIdle',
  connecting: 'stateConnecting',
  live: 'stateLive',
  retrying: 'stateRetrying',
  paused: 'statePaused',
  error: 'stateError',
};
const ANNOUNCE_MAX = 120;

/**
 * A live table of the events of one CPaaS PubSub queue, long-polled with a session token from
 * the host page, with filtering, pause/resume, clear and an optional publish form.
 *
 * @tag pubsub-feed
 * @summary Live CPaaS PubSub events (SMS, call callbacks) without opening the site to webhooks.
 *
 * @attr base-url - PubSub service URL (default `https://pubsub-us.cpaas.avayacloud.com`).
 * @attr account-sid - The account whose queue is read.
 * @attr topic - Queue path, e.g. `SMS` or `calls/events`.
 * @attr session-provider - Dot path of a global function returning a session token (the host mints it server-side).
 * @attr timeout - How long the service may hold a poll: `500ms`, `30s`, `2m` (default `30s`).
 * @attr max-events - Rows kept, newest first (default 200).
 * @attr allow-publish - Shows a form that publishes key/value params to the topic.
 * @attr paused - Stops polling; events wait on the service until resumed.
 * @attr locale - String table and time format.
 * @attr theme - `light`, `dark` or `auto` (follows prefers-color-scheme).
 *
 * @prop sessionProvider - A function `({ service, reason }) => string | { session, expiresAt } | Promise<...>`, or a dot path.
 *
 * @fires {PubSubEventEvent} pubsub-event - Each received event (`detail`: key, queue, createdAt, envelope).
 * @fires {PubSubStateEvent} pubsub-state - Connection state changes (`detail.state`).
 * @fires {PubSubErrorEvent} pubsub-error - Failures and misconfiguration (`detail`: code, message, willRetry).
 *
 * @csspart header - Title, connection state.
 * @csspart status - Connection state text with its dot (`data-state`).
 * @csspart toolbar - Filter, count, pause and clear.
 * @csspart filter - The filter box.
 * @csspart pause - The pause/resume button.
 * @csspart clear - The clear button.
 * @csspart error - Misconfiguration and fatal errors (role=alert).
 * @csspart body - The scrolling region around the table.
 * @csspart table - The events table.
 * @csspart row - One event row.
 * @csspart params - The FormParams list of a row.
 * @csspart empty - Shown when no row is visible.
 * @csspart publish-form - The publish form.
 * @csspart publish-status - Outcome of the last publish.
 *
 * @cssprop --ace-font - Font family.
 * @cssprop --ace-mono - Monospace font (queues, params).
 * @cssprop --ace-accent - Accent (buttons, focus).
 * @cssprop --ace-on-accent - Text on the accent.
 * @cssprop --ace-bg - Background.
 * @cssprop --ace-fg - Text.
 * @cssprop --ace-muted - Secondary text.
 * @cssprop --ace-border - Borders.
 * @cssprop --ace-surface - Header, hover and form background.
 * @cssprop --ace-radius - Corner radius.
 * @cssprop --ace-danger - Errors.
 * @cssprop --ace-success - Live state.
 * @cssprop --ace-warning - Connecting and reconnecting states.
 * @cssprop --ace-focus - Focus ring (box-shadow).
 * @cssprop --ace-feed-max-height - Height of the scrolling table region.
 */
export class PubSubFeed extends LitElement {
  static override styles = feedStyles;

  /** PubSub service URL. */
  @property({ attribute: 'base-url' }) baseUrl = DEFAULT_BASE_URL;
  /** The account whose queue is read. */
  @property({ attribute: 'account-sid' }) accountSid = '';
  /** Queue path, e.g. `SMS`. */
  @property() topic = '';
  /** Session callback, or the dot path of a global one. */
  @property({ attribute: 'session-provider' }) sessionProvider: SessionProvider | string | null = null;
  /** Longest the service may hold a poll (`30s`). */
  @property() timeout = DEFAULT_TIMEOUT;
  /** Rows kept. */
  @property({ type: Number, attribute: 'max-events' }) maxEvents = 200;
  /** Shows the publish form. */
  @property({ type: Boolean, attribute: 'allow-publish' }) allowPublish = false;
  /** Stops polling while true. */
  @property({ type: Boolean, reflect: true }) paused = false;
  /** Locale of strings and times. */
  @property() locale = '';
  /** `light`, `dark` or `auto`. */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'auto';

  @state() private filter = '';
  @state() private errorText = '';
  @state() private announcement = '';
  @state() private paramRows: ParamRow[] = [{ id: 0, name: '', value: '' }];
  @state() private publishing = false;
  @state() private publishStatus: { text: string; failed: boolean } | undefined;

  readonly #feed = new PubSubFeedController(this, {
    onEvent: (event) => this.dispatchEvent(new PubSubEventEvent(event)),
    onRows: (added) => this.#announce(added),
    onState: (feedState) => {
      if (feedState === 'live') this.errorText = '';
      this.dispatchEvent(new PubSubStateEvent({ state: feedState }));
    },
    onError: (error, willRetry) => this.#reportError(error, willRetry),
  });
  #nextRowId = 1;
  #warned = new Set<string>();
  #timeFormat: { locale: string; format: Intl.DateTimeFormat } | undefined;

  /** Connection state. */
  get state(): FeedState {
    return this.#feed.state;
  }

  /** Received events, newest first (at most `maxEvents`). */
  get events(): readonly PubSubEvent[] {
    return this.#feed.rows;
  }

  /** Empties the table. */
  clear(): void {
    this.#feed.clear();
    this.announcement = '';
  }

  /** Publishes `params` on the topic with the feed's session. */
  publish(params: Record<string, string>): Promise<unknown> {
    return this.#feed.publish(params);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('maxEvents')) {
      this.#feed.maxEvents = Number.isFinite(this.maxEvents) && this.maxEvents > 0 ? Math.floor(this.maxEvents) : 200;
      this.#feed.rows = this.#feed.rows.slice(0, this.#feed.maxEvents);
    }
    if (CONFIG_PROPS.some((name) => changed.has(name))) {
      this.errorText = '';
      this.#feed.configure({
        baseUrl: this.baseUrl || DEFAULT_BASE_URL,
        accountSid: this.accountSid ?? '',
        topic: this.topic ?? '',
        timeout: this.timeout || DEFAULT_TIMEOUT,
        ...this.#resolveProvider(),
      });
    }
    if (changed.has('paused')) this.#feed.setPaused(this.paused);
  }

  protected override render() {
    const strings = stringsFor(this.locale);
    const feedState = this.#feed.state;
    const needle = this.filter.trim().toLowerCase();
    const rows = needle ? this.#feed.rows.filter((event) => searchTextOf(event, strings).includes(needle)) : this.#feed.rows;
    const total = this.#feed.rows.length;
    const timeFormat = this.#timeFormatter();
    return html`
      <div part="header">
        <h2 id="title">${this.topic || strings.title}</h2>
        <span part="status" data-state=${feedState}>${strings[STATE_TEXT[feedState]]}</span>
      </div>
      <div part="toolbar">
        <input
          part="filter"
          type="search"
          aria-label=${strings.filterLabel}
          placeholder=${strings.filterPlaceholder}
          .value=${this.filter}
          @input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)}
        />
        <span class="count">${format(strings.showing, { shown: rows.length, total })}</span>
        <button part="pause" type="button" aria-pressed=${this.paused ? 'true' : 'false'} @click=${() => (this.paused = !this.paused)}>
          ${this.paused ? strings.resume : strings.pause}
        </button>
        <button part="clear" type="button" ?disabled=${total === 0} @click=${() => this.clear()}>${strings.clear}</button>
      </div>
      ${this.errorText ? html`<div part="error" role="alert">${format(strings.errorPrefix, { message: this.errorText })}</div>` : ''}
      <div part="body" tabindex="0" role="region" aria-labelledby="caption">
        <table part="table">
          <caption id="caption" class="sr-only">${format(strings.caption, { topic: this.topic })}</caption>
          <thead>
            <tr>
              <th scope="col">${strings.colTime}</th>
              <th scope="col">${strings.colQueue}</th>
              <th scope="col">${strings.colEvent}</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map((event) => eventRow(event, strings, timeFormat))}
          </tbody>
        </table>
        ${rows.length === 0 ? html`<p part="empty">${total === 0 ? strings.empty : strings.noMatch}</p>` : ''}
      </div>
      <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      ${this.allowPublish
        ? publishForm({
            strings,
            topic: this.topic,
            rows: this.paramRows,
            busy: this.publishing,
            status: this.publishStatus,
            onEdit: (id, field, text) => (this.paramRows = this.paramRows.map((row) => (row.id === id ? { ...row, [field]: text } : row))),
            onAdd: () => (this.paramRows = [...this.paramRows, { id: this.#nextRowId++, name: '', value: '' }]),
            onRemove: (id) => (this.paramRows = this.paramRows.filter((row) => row.id !== id)),
            onSubmit: () => void this.#submitPublish(),
          })
        : ''}
    `;
  }

  #resolveProvider(): { sessionProvider: SessionProvider | undefined; providerProblem?: string } {
    const value = this.sessionProvider;
    if (typeof value === 'function') return { sessionProvider: value };
    if (!value) return { sessionProvider: undefined };
    try {
      return { sessionProvider: resolveTokenProvider(value, globalThis) };
    } catch (error) {
      // The core's message quotes the path only when it cannot be a pasted token.
      return { sessionProvider: undefined, providerProblem: `session-provider: ${(error as Error).message}` };
    }
  }

  #announce(added: readonly PubSubEvent[]): void {
    if (added.length === 0) return;
    const strings = stringsFor(this.locale);
    const [first] = added;
    if (added.length > 1 || !first) {
      this.announcement = format(strings.announceMany, { count: added.length });
      return;
    }
    const { kind, text } = summaryOf(first, strings);
    const summary = `${kind ? `${kind} ` : ''}${text}`;
    this.announcement = format(strings.announceOne, { summary: summary.length > ANNOUNCE_MAX ? `${summary.slice(0, ANNOUNCE_MAX - 1)}…` : summary });
  }

  #reportError(error: Pick<PubSubError, 'code' | 'message'>, willRetry: boolean): void {
    this.dispatchEvent(new PubSubErrorEvent({ code: error.code, message: error.message, willRetry }));
    // Transient network trouble shows as "Reconnecting…"; what needs the page author shows here.
    if (willRetry && error.code !== 'provider') return;
    if (this.errorText && error.code !== 'config') return;
    this.errorText = error.message;
    if (!this.#warned.has(error.message)) {
      this.#warned.add(error.message);
      console.warn(`[pubsub-feed] ${error.message}`);
    }
  }

  async #submitPublish(): Promise<void> {
    const strings = stringsFor(this.locale);
    const params = paramsOf(this.paramRows);
    if (Object.keys(params).length === 0) {
      this.publishStatus = { text: strings.publishEmpty, failed: true };
      return;
    }
    this.publishing = true;
    this.publishStatus = undefined;
    try {
      await this.#feed.publish(params);
      this.publishStatus = { text: strings.published, failed: false };
      this.paramRows = [{ id: this.#nextRowId++, name: '', value: '' }];
    } catch (error) {
      this.publishStatus = { text: format(strings.publishFailed, { message: (error as Error).message }), failed: true };
    } finally {
      this.publishing = false;
    }
  }

  #timeFormatter(): Intl.DateTimeFormat {
    const locale = this.locale;
    if (this.#timeFormat?.locale !== locale) {
      const options: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', second: '2-digit' };
      let formatter: Intl.DateTimeFormat;
      try {
        formatter = new Intl.DateTimeFormat(locale || undefined, options);
      } catch {
        formatter = new Intl.DateTimeFormat(undefined, options);
      }
      this.#timeFormat = { locale, format: formatter };
    }
    return this.#timeFormat.format;
  }
}
