import { adoptStyles, html, LitElement, type PropertyValues } from 'lit';
import { type FeedState, PubSubFeedController } from '../../controllers/pubsub-feed-controller.js';
import { TokenError, resolveTokenProvider } from '../../core/token-lifecycle.js';
import { type PubSubConfigProblem, PubSubError, type PubSubErrorCode, type PubSubEvent, type SessionProvider } from '../../pubsub/types.js';
import { eventRow, summaryOf } from './event-row.js';
import { PubSubErrorEvent, PubSubEventEvent, PubSubStateEvent } from './events.js';
import { feedStyles } from './pubsub-feed.styles.js';
import type { PublishForm } from './publish-form.js';
import { format, strings } from './strings.js';

const ANNOUNCE_MAX = 120;
type Camel<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;
/** The string id of what the UI says for a failure: `err` + its camel-cased config problem or code. */
type ErrorStringId = `err${Capitalize<Camel<PubSubConfigProblem | PubSubErrorCode>>}`;
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', second: '2-digit' };

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
 * @attr timeout - How long the service may hold a poll: `500ms`, `30s`, `1m30s`, `45` (seconds); at most 60 s (default `30s`).
 * @attr max-events - Rows kept, newest first (default 200).
 * @attr allow-publish - Shows a form that publishes key/value params to the topic.
 * @attr paused - Stops polling once the poll in flight has ended (what it carries is held, `pubsub-event` still fires, and shown on resume); later events wait on the service.
 * @attr locale - Language of strings and dates (BCP 47): English built in, de, fr and es loaded on first use, others in English.
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
  static override properties = {
    baseUrl: { attribute: 'base-url' },
    accountSid: { attribute: 'account-sid' },
    topic: {},
    sessionProvider: { attribute: 'session-provider' },
    timeout: {},
    maxEvents: { type: Number, attribute: 'max-events' },
    allowPublish: { type: Boolean, attribute: 'allow-publish' },
    paused: { type: Boolean, reflect: true },
    locale: {},
    theme: { reflect: true },
  };

  // Literal defaults (the client's DEFAULT_BASE_URL and DEFAULT_TIMEOUT) so the manifest shows them.
  /** PubSub service URL. */
  baseUrl = 'https://pubsub-us.cpaas.avayacloud.com';
  /** The account whose queue is read. */
  accountSid = '';
  /** Queue path, e.g. `SMS`. */
  topic = '';
  /** Session callback, or the dot path of a global one. */
  sessionProvider: SessionProvider | string | null = null;
  /** Longest the service may hold a poll (`30s`, `1m30s`; at most 60 s). */
  timeout = '30s';
  /** Rows kept. */
  maxEvents = 200;
  /** Shows the publish form. */
  allowPublish = false;
  /** Stops polling while true (after the poll in flight, whose events show on resume). */
  paused = false;
  /** Language of strings and dates (BCP 47): English built in, de, fr and es loaded on first use, others in English. */
  locale = '';
  /** `light`, `dark` or `auto`. */
  theme: 'light' | 'dark' | 'auto' = 'auto';

  // View state: private fields, not reactive properties, so they are neither attributes nor API.
  #filter = '';
  #announcement = '';
  readonly #feed = new PubSubFeedController(this, {
    onEvent: (event) => this.dispatchEvent(new PubSubEventEvent(event)),
    onState: (state) => this.dispatchEvent(new PubSubStateEvent({ state })),
    onError: ({ code, message }, willRetry) => this.dispatchEvent(new PubSubErrorEvent({ code, message, willRetry })),
    onRows: (added) => this.#announce(added),
  });
  /** Loaded with its module only once allow-publish is set: most feeds never publish. */
  #form: PublishForm | undefined | Promise<void>;
  #time: [string, Intl.DateTimeFormat] | undefined;

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
    this.#announcement = '';
    this.#feed.clear();
  }

  /** Publishes `params` on the topic (a plain form post, as the platform posts its callbacks). */
  publish(params: Record<string, string>): Promise<unknown> {
    return this.#feed.publish(params);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const feed = this.#feed;
    if (changed.has('maxEvents')) {
      feed.maxEvents = this.maxEvents > 0 && this.maxEvents < Infinity ? Math.floor(this.maxEvents) : 200;
      feed.rows = feed.rows.slice(0, feed.maxEvents);
    }
    if ((['baseUrl', 'accountSid', 'topic', 'sessionProvider', 'timeout'] as const).some((name) => changed.has(name))) {
      const provider = this.sessionProvider;
      let problem: PubSubError | undefined;
      let sessionProvider: SessionProvider | undefined;
      try {
        sessionProvider = provider ? (resolveTokenProvider(provider as string, globalThis, 'session-provider') as SessionProvider) : undefined;
      } catch (error) {
        // The core's message quotes the path only when it cannot be a pasted token.
        const notFunction = error instanceof TokenError && error.code === 'provider-not-function';
        problem = new PubSubError('config', (error as Error).message, undefined, notFunction ? 'provider-not-function' : 'provider-undefined');
      }
      // An empty base-url or timeout means the client's default.
      feed.configure({
        baseUrl: this.baseUrl,
        accountSid: this.accountSid ?? '',
        topic: this.topic ?? '',
        timeout: this.timeout,
        sessionProvider,
        providerProblem: problem,
      });
    }
    if (changed.has('paused')) feed.setPaused(this.paused);
    if (changed.has('locale')) void strings.load(this.locale).then((table) => table && this.requestUpdate());
    if (this.allowPublish) this.#form ??= this.#loadForm();
  }

  async #loadForm(): Promise<void> {
    try {
      const { PublishForm, formStyles } = await import('./publish-form.js');
      // As Lit adopts the element's own styles (constructable sheets where supported: CSP-safe).
      adoptStyles(this.renderRoot as ShadowRoot, [feedStyles, formStyles]);
      this.#form = new PublishForm(this, (params) => this.publish(params), (error) => this.#errorText(error));
      this.requestUpdate();
    } catch (error) {
      // The chunk did not load (offline CDN): the next update tries again.
      this.#form = undefined;
      console.warn('[pubsub-feed] the publish form could not load', error);
    }
  }

  protected override render() {
    const s = strings.get(this.locale);
    const feed = this.#feed;
    const all = feed.rows;
    const needle = this.#filter.trim().toLowerCase();
    const rows = all.flatMap((event) => {
      const summary = summaryOf(event, s);
      const searched = [event.queue, ...summary, ...Object.entries(event.envelope.FormParams).flat()].join('\n').toLowerCase();
      return searched.includes(needle) ? [eventRow(event, summary, this.#timeFormat())] : [];
    });
    return html`<div part="header"><h2>${this.topic || s.title}</h2><span part="status" data-state=${feed.state}>${s[feed.state]}</span></div>
<div part="toolbar"><input part="filter" type="search" aria-label=${s.filter} placeholder=${s.filterHint} .value=${this.#filter} @input=${(e: Event) => this.#filterBy((e.target as HTMLInputElement).value)}><span class="count">${format(s.showing, rows.length, all.length)}</span><button part="pause" type="button" aria-pressed=${this.paused} @click=${() => (this.paused = !this.paused)}>${this.paused ? s.resume : s.pause}</button><button part="clear" type="button" ?disabled=${!all.length} @click=${this.clear}>${s.clear}</button>
</div>
${feed.error ? html`<div part="error" role="alert">${format(s.cannotRun, this.#errorText(feed.error))}</div>` : ''}
<div part="body" tabindex="0" role="region" aria-labelledby="caption"><table part="table">
<caption id="caption" class="sr-only">${format(s.caption, this.topic)}</caption>
<thead><tr><th scope="col">${s.time}</th><th scope="col">${s.queue}</th><th scope="col">${s.event}</th></tr></thead>
<tbody>${rows}</tbody>
</table>${rows.length ? '' : html`<p part="empty">${all.length ? s.noMatch : s.empty}</p>`}</div>
<div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${this.#announcement}</div>
${this.allowPublish && this.#form && !(this.#form instanceof Promise) ? this.#form.render(s, this.topic) : ''}`;
  }

  /** The UI's words for a failure (the console has the developer's detail). */
  #errorText(error: unknown): string {
    const known = error instanceof PubSubError;
    const key: PubSubConfigProblem | PubSubErrorCode = known ? (error.problem ?? (error.code === 'publish-failed' && !error.status ? 'network' : error.code)) : 'network';
    const id = `err${key.replace(/(?:^|-)(\w)/g, (_, letter: string) => letter.toUpperCase())}` as ErrorStringId;
    return format(strings.get(this.locale)[id], this.timeout, (known && error.status) || '');
  }

  #filterBy(text: string): void {
    this.#filter = text;
    this.requestUpdate();
  }

  #announce(added: PubSubEvent[]): void {
    const s = strings.get(this.locale);
    const summary = added.length === 1 ? summaryOf(added[0]!, s).join(' ').trim() : '';
    // The controller re-renders after this.
    this.#announcement = summary
      ? format(s.newOne, summary.length > ANNOUNCE_MAX ? `${summary.slice(0, ANNOUNCE_MAX - 1)}…` : summary)
      : format(s.newMany, added.length);
  }

  /** The time formatter of the current locale (the default one for an unknown locale). */
  #timeFormat(): Intl.DateTimeFormat {
    const locale = this.locale;
    if (this.#time?.[0] !== locale) {
      let format: Intl.DateTimeFormat;
      try {
        format = new Intl.DateTimeFormat(locale || undefined, TIME);
      } catch {
        format = new Intl.DateTimeFormat(undefined, TIME);
      }
      this.#time = [locale, format];
    }
    return this.#time[1];
  }
}
