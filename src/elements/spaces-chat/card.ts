import { html, nothing, type TemplateResult } from 'lit';
import type { SpacesMessage } from '../../spaces/types.js';
import { dateLabel } from '../../ui/day-label.js';
import { renderFiles } from './files.js';
import { fill } from './strings.js';
import { readTaskFields, renderTaskFields, taskChanges } from './task-fields.js';
import type { ChatView } from './view.js';

/**
 * A post or task as a card: title, description, files. Tasks add the status toggle, due date and
 * assignees, and an editor for those two (the same update path as the toggle).
 */
export function renderCard(message: SpacesMessage, view: ChatView): TemplateResult {
  const { t } = view;
  const { content } = message;
  const isTask = message.category === 'task';
  const complete = content.status === 'complete';
  return html`<div class="card ${complete ? 'complete' : ''}" part="card">
    <div class="kind">${isTask ? t.task : t.idea}</div>
    <h3>${view.bodies.text(content.bodyText)}</h3>
    ${content.description ? html`<div class="description">${view.bodies.description(message)}</div>` : nothing}
    ${renderFiles(content.data, t)}
    <div class="facts">
      ${isTask
        ? html`<button type="button" class="toggle" aria-pressed=${complete ? 'true' : 'false'}
            ?disabled=${view.readonly} @click=${() => view.room?.setTaskStatus(message, complete ? 'pending' : 'complete')}>${complete ? '✓ ' : ''}${t.done}</button>`
        : nothing}
      ${content.dueDate ? html`<span>${fill(t.due, { date: dateLabel(Date.parse(content.dueDate), view.locale) })}</span>` : nothing}
      ${content.assignees && content.assignees.length > 0
        ? html`<span>${t.assignees}: ${content.assignees.map((a) => view.nameOf(a._id)).join(', ')}</span>`
        : nothing}
      ${isTask && !view.readonly && view.editingTask !== message._id
        ? html`<button type="button" class="link-button edit" @click=${() => view.editTask(message._id)}>${t.edit}</button>`
        : nothing}
    </div>
    ${isTask && view.editingTask === message._id
      ? html`<form class="task-edit" @submit=${(event: Event) => {
          event.preventDefault();
          const changes = taskChanges(content, readTaskFields(event.target as HTMLFormElement));
          if (Object.keys(changes).length > 0) void view.room?.updateTask(message, changes);
          view.editTask(undefined);
        }}>
          ${renderTaskFields(view, content)}
          <button type="submit" class="link-button">${t.save}</button>
          <button type="button" class="link-button" @click=${() => view.editTask(undefined)}>${t.cancel}</button>
        </form>`
      : nothing}
  </div>`;
}
