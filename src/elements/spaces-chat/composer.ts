import { html, nothing, type TemplateResult } from 'lit';
import type { MessageCategory } from '../../spaces/types.js';
import { paperclipIcon } from '../../ui/icons.js';
import { renderTaskFields } from './task-fields.js';
import type { ChatView } from './view.js';

/** What the composer reports back to the element. */
export interface ComposerActions {
  /** Kinds the `categories` attribute allows, in order. */
  allowed: readonly MessageCategory[];
  /** The kind being composed. */
  kind: MessageCategory;
  /** The placeholder attribute, if set. */
  placeholder: string | null;
  /** The form was submitted. */
  submit(event: Event): void;
  /** A key went down in the message box. */
  keydown(event: KeyboardEvent): void;
  /** Another kind was picked. */
  pickKind(kind: MessageCategory): void;
  /** A file was picked. */
  pickFile(event: Event): void;
  /** The attach button was pressed. */
  attach(): void;
}

/** The bar to write in: kind picker, attach button, message box and send button; a task adds its due date and assignees. */
export function renderComposer(view: ChatView, actions: ComposerActions): TemplateResult {
  const { t, room } = view;
  const enabled = room?.canSend === true;
  return html`<form class="composer" part="composer" @submit=${actions.submit}>
    ${actions.kind === 'task' ? html`<div class="task-fields">${renderTaskFields(view)}</div>` : nothing}
    ${actions.allowed.length > 1
      ? html`<select aria-label=${t.categoryLabel} .value=${actions.kind} ?disabled=${!enabled}
          @change=${(e: Event) => actions.pickKind((e.target as HTMLSelectElement).value as MessageCategory)}>
          ${actions.allowed.map((c) => html`<option value=${c} ?selected=${c === actions.kind}>${t[c]}</option>`)}
        </select>`
      : nothing}
    <input type="file" hidden @change=${actions.pickFile} />
    <button type="button" class="icon-button" part="attach-button" aria-label=${t.attach} title=${t.attach} ?disabled=${!enabled || room?.subscription !== 'subscribed'}
      @click=${actions.attach}>${paperclipIcon}</button>
    <textarea part="input" rows="1" aria-label=${t.inputLabel} placeholder=${actions.placeholder ?? t.placeholder} ?disabled=${!enabled}
      @keydown=${actions.keydown} @input=${() => room?.userTyping()}></textarea>
    <button type="submit" class="send" part="send-button" ?disabled=${!enabled}>${t.send}</button>
  </form>`;
}
