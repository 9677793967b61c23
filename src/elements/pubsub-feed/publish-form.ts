import { css, html, type ReactiveControllerHost } from 'lit';
import { format, type Strings } from './strings.js';

/** The form's own rules, adopted into the feed's shadow root with the form (so they load with it). */
export const formStyles = css`
[part=publish-form]{padding:8px 16px 16px;border-top:var(--line);background:var(--ace-surface)}
fieldset{margin:0;padding:0;border:0}
legend{padding:8px 0;font-weight:600}
.param{display:grid;grid-template-columns:1fr 2fr auto;gap:8px;margin-bottom:8px}
.actions{display:flex;flex-wrap:wrap;align-items:center;gap:8px}
.primary{background:var(--ace-accent);border-color:var(--ace-accent);color:var(--ace-on-accent)}
[part=publish-status]{color:var(--ace-muted);font-size:12px}
[data-failed]{color:var(--ace-danger)}
`;

/**
 * The publish form of `<pubsub-feed>`: key/value rows and the outcome of the last publish. Its
 * state is private to it (not element properties) and re-renders the host when it changes.
 */
export class PublishForm {
  readonly #host: ReactiveControllerHost;
  readonly #publish: (params: Record<string, string>) => Promise<unknown>;
  readonly #describe: (error: unknown) => string;
  /** The rows: [name, value]. */
  #params: [string, string][] = [['', '']];
  #publishing = false;
  /** Outcome of the last publish: [text, failed]. */
  #status: [string, boolean] | undefined;

  /** `publish` sends the named rows; the form shows how that went, a failure in the words of `describe`. */
  constructor(host: ReactiveControllerHost, publish: (params: Record<string, string>) => Promise<unknown>, describe: (error: unknown) => string) {
    this.#host = host;
    this.#publish = publish;
    this.#describe = describe;
  }

  /** The form, for the topic `topic`, in the strings `s`. */
  render(s: Strings, topic: string) {
    const [text, failed] = this.#status ?? [];
    // Handlers read the current rows, not these: two clicks may come before the next render.
    const rows = this.#params;
    return html`<form part="publish-form" @submit=${(e: Event) => this.#submit(e, s)}><fieldset ?disabled=${this.#publishing}><legend>${format(s.publishTo, topic)}</legend>
${rows.map(
  (row, i) => html`<div class="param">${row.map(
    (value, j) => html`<input name=${j ? 'param-value' : 'param-name'} aria-label=${format(j ? s.valueN : s.nameN, i + 1)} placeholder=${j ? s.value : s.name} .value=${value} @input=${(e: Event) => this.#edit(i, j, (e.target as HTMLInputElement).value)}>`,
  )}<button type="button" aria-label=${format(s.removeN, i + 1)} ?disabled=${rows.length < 2} @click=${() => this.#set({ params: this.#params.filter((_, k) => k !== i) })}>−</button></div>`,
)}
<div class="actions"><button type="button" class="add" @click=${() => this.#set({ params: [...this.#params, ['', '']] })}>${s.add}</button>
<button type="submit" class="primary">${this.#publishing ? s.publishing : s.publish}</button>
<span part="publish-status" role="status" ?data-failed=${failed}>${text}</span></div></fieldset></form>`;
  }

  #set(change: { params?: [string, string][]; publishing?: boolean; status?: [string, boolean] | undefined }): void {
    if (change.params) this.#params = change.params;
    if (change.publishing !== undefined) this.#publishing = change.publishing;
    if ('status' in change) this.#status = change.status;
    this.#host.requestUpdate();
  }

  #edit(row: number, column: number, text: string): void {
    // No re-render: the input already shows what was typed.
    this.#params = this.#params.map((pair, i) => (i === row ? (column ? [pair[0], text] : [text, pair[1]]) : pair));
  }

  /** Publishes the named rows (later duplicates win, as in a form post). */
  async #submit(event: Event, s: Strings): Promise<void> {
    event.preventDefault();
    const params = Object.fromEntries(this.#params.filter(([name]) => name.trim()).map(([name, value]) => [name.trim(), value]));
    if (!Object.keys(params).length) return this.#set({ status: [s.noParams, true] });
    this.#set({ publishing: true, status: undefined });
    try {
      await this.#publish(params);
      this.#set({ publishing: false, status: [s.published, false], params: [['', '']] });
    } catch (error) {
      this.#set({ publishing: false, status: [format(s.publishFailed, this.#describe(error)), true] });
    }
  }
}
