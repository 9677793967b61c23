import { html, type TemplateResult } from 'lit';
import type { TaskChanges } from '../../spaces/task-updates.js';
import type { SpacesContent } from '../../spaces/types.js';
import type { ChatView } from './view.js';

/**
 * Due date and assignee inputs, in the composer (a new task) and in a task card's editor. The
 * people offered are the space's members (`GET /spaces/{id}/members`) plus whoever is assigned.
 */
export function renderTaskFields(view: ChatView, current?: Pick<SpacesContent, 'dueDate' | 'assignees'>): TemplateResult {
  const { t, room } = view;
  const assigned = new Set((current?.assignees ?? []).map((a) => a._id));
  const people = [...(room?.members ?? []).map((m) => ({ id: m._id, name: m.displayname }))];
  for (const id of assigned) if (!people.some((p) => p.id === id)) people.push({ id, name: view.nameOf(id) });
  return html`<label class="due">${t.dueLabel} <input type="date" name="due" .value=${dateInputValue(current?.dueDate)} /></label>
    <fieldset class="people">
      <legend>${t.assignLabel}</legend>
      ${room?.members === undefined && people.length === 0
        ? html`<span>${t.loadingMembers}</span>`
        : people.map((p) => html`<label><input type="checkbox" name="assignee" value=${p.id} .checked=${assigned.has(p.id)} />${p.name}</label>`)}
    </fieldset>`;
}

/** What the task inputs inside `form` say now. */
export function readTaskFields(form: ParentNode): Required<Pick<TaskChanges, 'dueDate' | 'assignees'>> {
  const due = form.querySelector<HTMLInputElement>('input[name="due"]')?.value ?? '';
  const assignees = [...form.querySelectorAll<HTMLInputElement>('input[name="assignee"]:checked')].map((input) => ({ _id: input.value }));
  return { dueDate: dueFromInput(due), assignees };
}

/** A date input's `YYYY-MM-DD` as an ISO time at local noon (so the day shows the same across nearby time zones); null when empty. */
export function dueFromInput(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12).toISOString();
}

/** The local calendar day of an ISO time, as a date input's value. */
export function dateInputValue(iso: string | null | undefined): string {
  const ms = iso ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(ms)) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The fields of `next` that differ from `content` (a day is compared as a day). */
export function taskChanges(content: SpacesContent, next: Required<Pick<TaskChanges, 'dueDate' | 'assignees'>>): TaskChanges {
  const changes: TaskChanges = {};
  if (dateInputValue(content.dueDate) !== dateInputValue(next.dueDate)) changes.dueDate = next.dueDate;
  const ids = (list: { _id: string }[] | undefined) => (list ?? []).map((a) => a._id).sort().join();
  if (ids(content.assignees) !== ids(next.assignees)) changes.assignees = next.assignees;
  return changes;
}
