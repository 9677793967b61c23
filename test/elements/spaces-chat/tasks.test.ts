// Tasks in <spaces-chat> against the backend: created with a due date and assignees picked from
// the space's members, and edited on the card through the same update path as the status toggle.
import { expect } from '@open-wc/testing';
import { dateInputValue, dueFromInput } from '../../../src/elements/spaces-chat/task-fields.js';
import { until } from '../../support/backend.js';
import { mount, shadow, unique, untilRow } from './helpers.js';

/** The checkbox of `name` among the task inputs under `root`. */
function personBox(root: ParentNode, name: string): HTMLInputElement {
  const label = [...root.querySelectorAll('.people label')].find((l) => l.textContent?.includes(name));
  if (!label) throw new Error(`no checkbox for ${name}`);
  return label.querySelector('input')!;
}

function setDue(root: ParentNode, value: string): void {
  const input = root.querySelector<HTMLInputElement>('input[name="due"]')!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('<spaces-chat> tasks', () => {
  it('creates a task with a due date and assignees picked from the members', async () => {
    const el = await mount('u-alice', 'sp-design');
    const room = el.controller.room!;
    const select = shadow(el).querySelector('select')!;
    select.value = 'task';
    select.dispatchEvent(new Event('change'));
    await until(() => shadow(el).querySelectorAll('.task-fields input[name="assignee"]').length === 2, 'members of sp-design listed');
    await expect(el).to.be.accessible();
    const fields = shadow(el).querySelector('.task-fields')!;
    setDue(fields, '2030-05-17');
    personBox(fields, 'Bob Martins').checked = true;
    const title = unique('Book the venue');
    const input = shadow(el).querySelector('textarea')!;
    input.value = `${title}\nfor the offsite`;
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    const card = await untilRow(el, title, (r) => r.querySelector('[part="card"]') !== null && !r.getAttribute('part')!.includes('pending'));
    expect(card.textContent).to.contain('Assigned to: Bob Martins');
    expect(card.textContent).to.contain('2030');
    const task = room.timeline.messages.find((m) => m.content.bodyText === title)!;
    expect(task.category).to.equal('task');
    expect(dateInputValue(task.content.dueDate)).to.equal('2030-05-17');
    expect(task.content.assignees).to.deep.equal([{ _id: 'u-bob' }]);
    // The composer starts the next task afresh.
    expect(fields.querySelector<HTMLInputElement>('input[name="due"]')!.value).to.equal('');
    expect(personBox(fields, 'Bob Martins').checked).to.equal(false);
    expect(select.value).to.equal('task');
  });

  it('edits the due date and assignees on the card; everyone in the room sees the change', async () => {
    const alice = await mount('u-alice', 'sp-design');
    const bob = await mount('u-bob', 'sp-design');
    const room = alice.controller.room!;
    const title = unique('Print the badges');
    room.send('task', { bodyText: title, dueDate: dueFromInput('2030-05-17')!, assignees: [{ _id: 'u-bob' }] });
    await untilRow(bob, title, (r) => r.textContent!.includes('Assigned to: Bob Martins'));
    const card = await untilRow(alice, title, (r) => r.querySelector('[part="card"] .link-button') !== null && !r.getAttribute('part')!.includes('pending'));
    [...card.querySelectorAll<HTMLButtonElement>('[part="card"] .link-button')].find((b) => b.textContent === 'Edit')!.click();
    await until(() => alice.shadowRoot!.querySelectorAll('.task-edit input[name="assignee"]').length === 2, 'editor with the members');
    await expect(alice).to.be.accessible();
    const editor = alice.shadowRoot!.querySelector<HTMLFormElement>('.task-edit')!;
    expect(editor.querySelector<HTMLInputElement>('input[name="due"]')!.value).to.equal('2030-05-17');
    expect(personBox(editor, 'Bob Martins').checked).to.equal(true);
    setDue(editor, '2030-06-01');
    personBox(editor, 'Bob Martins').checked = false;
    personBox(editor, 'Alice Nguyen').checked = true;
    [...editor.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent === 'Save')!.click();
    await untilRow(alice, title, (r) => r.textContent!.includes('Assigned to: Alice Nguyen') && r.querySelector('.task-edit') === null);
    await untilRow(bob, title, (r) => r.textContent!.includes('Assigned to: Alice Nguyen'));
    // The server has it too (not just this page).
    const history = await alice.controller.lease!.connection.rest.history('sp-design', undefined, 50);
    const stored = history.messages.find((m) => m.content.bodyText === title)!;
    expect(dateInputValue(stored.content.dueDate)).to.equal('2030-06-01');
    expect(stored.content.assignees).to.deep.equal([{ _id: 'u-alice' }]);
    expect(room.timeline.messages.filter((m) => m.content.bodyText === title)).to.have.length(1);
  });
});
