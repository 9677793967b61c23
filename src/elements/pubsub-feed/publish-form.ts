import { html, type TemplateResult } from 'lit';
import { format, type StringId } from './strings.js';

/** One editable key/value row of the publish form. */
export interface ParamRow {
  id: number;
  name: string;
  value: string;
}

/** What the form shows and calls. */
export interface PublishFormView {
  strings: Record<StringId, string>;
  topic: string;
  rows: readonly ParamRow[];
  busy: boolean;
  status: { text: string; failed: boolean } | undefined;
  onEdit(id: number, field: 'name' | 'value', text: string): void;
  onAdd(): void;
  onRemove(id: number): void;
  onSubmit(): void;
}

/** Rows with a name become the published parameters (later duplicates win, as in a form post). */
export function paramsOf(rows: readonly ParamRow[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (const row of rows) if (row.name.trim()) params[row.name.trim()] = row.value;
  return params;
}

/** The publish form: labelled key/value rows that can be added and removed, and a submit button. */
export function publishForm(view: PublishFormView): TemplateResult {
  const { strings } = view;
  const submit = (event: Event) => {
    event.preventDefault();
    view.onSubmit();
  };
  return html`<form part="publish-form" @submit=${submit}>
    <fieldset ?disabled=${view.busy}>
      <legend>${format(strings.publishLegend, { topic: view.topic })}</legend>
      ${view.rows.map(
        (row, index) => html`<div class="param">
          <input
            name="param-name"
            aria-label=${format(strings.paramNameLabel, { n: index + 1 })}
            placeholder=${strings.paramName}
            .value=${row.name}
            @input=${(e: Event) => view.onEdit(row.id, 'name', (e.target as HTMLInputElement).value)}
          />
          <input
            name="param-value"
            aria-label=${format(strings.paramValueLabel, { n: index + 1 })}
            placeholder=${strings.paramValue}
            .value=${row.value}
            @input=${(e: Event) => view.onEdit(row.id, 'value', (e.target as HTMLInputElement).value)}
          />
          <button type="button" class="remove" aria-label=${format(strings.removeParam, { n: index + 1 })} ?disabled=${view.rows.length < 2} @click=${() => view.onRemove(row.id)}>−</button>
        </div>`,
      )}
      <div class="actions">
        <button type="button" class="add" @click=${view.onAdd}>${strings.addParam}</button>
        <button type="submit" class="primary">${view.busy ? strings.publishing : strings.publish}</button>
        <span part="publish-status" role="status" ?data-failed=${view.status?.failed}>${view.status?.text ?? ''}</span>
      </div>
    </fieldset>
  </form>`;
}
