// <spaces-chat> operated from the keyboard alone, with real key presses from the browser (sendKeys),
// against the embedded backend: the Tab order, typing and sending, the kind picker, a task's
// status toggle, Retry and Discard of a failed send, the attach button, an upload's Cancel and the
// sign-in Retry; and where focus goes when the control that had it goes away.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { SpacesChat } from '../../../src/elements/spaces-chat/define.js';
import { backendCommand, fetchToken, until } from '../../support/backend.js';
import { focused, mount, press, refusedUntilFixed, rowWith, shadow, startLargeUpload, unique, untilRow, withFailingSends } from './helpers.js';

const SPACE = 'sp-design';
/** A short name for a focus stop: its part, else its tag and label. */
function describeStop(node: Element | null, el: SpacesChat): string {
  if (node === null) return 'nothing';
  if (node === document.body) return 'body';
  if (!shadow(el).contains(node)) return node.id || node.tagName.toLowerCase();
  const part = node.getAttribute('part');
  if (part) return part;
  return `${node.tagName.toLowerCase()}${node.getAttribute('aria-label') ? `[${node.getAttribute('aria-label')}]` : ''}`;
}

/** The button in `scope` whose text is `text`. */
function button(scope: ParentNode, text: string): HTMLButtonElement {
  const found = [...scope.querySelectorAll('button')].find((b) => b.textContent?.trim() === text);
  if (!found) throw new Error(`no "${text}" button`);
  return found;
}

// Focus is compared as a boolean: a failed equality of two DOM nodes is more than the runner can
// report (the browser disconnects), where a message says what went wrong.
describe('<spaces-chat> by keyboard', () => {
  it('reaches the list, then the kind picker, attach button, message box and send button with Tab, and goes back with Shift+Tab', async () => {
    const el = await mount('u-alice', SPACE);
    const before = Object.assign(document.createElement('button'), { id: 'before', textContent: 'before' });
    const after = Object.assign(document.createElement('button'), { id: 'after', textContent: 'after' });
    el.before(before);
    el.after(after);
    before.focus();
    const stops: Element[] = [];
    for (let i = 0; i < 60 && document.activeElement !== after; i += 1) {
      await press('Tab');
      stops.push(focused(el) ?? document.activeElement!);
    }
    const names = stops.map((s) => describeStop(s, el));
    expect(names.at(-1), names.join(' → ')).to.equal('after');
    // First the list (a focusable log), then whatever focusable content its visible rows hold...
    expect(names[0]).to.equal('messages');
    const list = shadow(el).querySelector('[part="messages"]')!;
    const inList = stops.slice(1, -5);
    expect(inList.filter((s) => !list.contains(s)).map((s) => describeStop(s, el)), names.join(' → ')).to.deep.equal([]);
    // ...then the composer, left to right as it is drawn.
    expect(names.slice(-5)).to.deep.equal(['select[Kind of message]', 'attach-button', 'input', 'send-button', 'after']);
    const boxes = stops.slice(-5, -1).map((s) => s.getBoundingClientRect());
    for (let i = 1; i < boxes.length; i += 1) expect(boxes[i]!.left, `stop ${names[names.length - 5 + i]}`).to.be.greaterThan(boxes[i - 1]!.left);
    // And back.
    await press('Shift+Tab');
    expect(describeStop(focused(el), el)).to.equal('send-button');
    await press('Shift+Tab');
    expect(describeStop(focused(el), el)).to.equal('input');
  });

  it('sends with real key presses: Shift+Enter starts a new line, Enter sends, and focus stays in the message box', async () => {
    const el = await mount('u-alice', SPACE);
    const input = shadow(el).querySelector<HTMLTextAreaElement>('[part="input"]')!;
    input.focus();
    const first = unique('first line');
    await sendKeys({ type: first });
    await press('Shift+Enter');
    await sendKeys({ type: 'second line' });
    expect(input.value).to.equal(`${first}\nsecond line`);
    expect(el.controller.room!.pending).to.have.length(0);
    await press('Enter');
    expect(input.value).to.equal('');
    expect(focused(el) === input, 'focus in the message box').to.equal(true);
    const row = await untilRow(el, first, (r) => !r.getAttribute('part')!.includes('pending'));
    expect(row.textContent).to.contain('second line');
  });

  it('picks the kind with the arrow keys: a task shows its fields and is sent as a task, and it is accessible with the picker used', async () => {
    const el = await mount('u-alice', SPACE);
    const select = shadow(el).querySelector('select')!;
    select.focus();
    // A closed picker takes the arrow keys (the list does not open): Chat → Post → Task.
    await press('ArrowDown');
    await press('ArrowDown');
    await el.updateComplete;
    expect(select.value).to.equal('task');
    expect(shadow(el).querySelector('.task-fields')).to.exist;
    expect(focused(el) === select, 'focus on the kind picker').to.equal(true);
    await expect(el).to.be.accessible();
    await press('ArrowUp');
    await el.updateComplete;
    expect(select.value).to.equal('idea');
    expect(shadow(el).querySelector('.task-fields')).to.equal(null);
    await press('ArrowDown');
    await el.updateComplete;
    // Into the message box with Tab (past the attach button), then type and send.
    await press('Tab');
    expect(describeStop(focused(el), el)).to.equal('attach-button');
    await press('Tab');
    const title = unique('task by keyboard');
    await sendKeys({ type: title });
    await press('Enter');
    const card = await untilRow(el, title, (r) => r.querySelector('[part="card"]') !== null);
    expect(card.querySelector('.toggle')).to.exist;
    const sent = el.controller.room!.timeline.messages.find((m) => m.content.bodyText === title)!;
    expect(sent.category).to.equal('task');
  });

  it('toggles a task with Enter and again with Space on its status button, keeping focus on it', async () => {
    const el = await mount('u-alice', SPACE);
    const room = el.controller.room!;
    const title = unique('toggle by keyboard');
    room.send('task', { bodyText: title });
    const toggleOf = () => rowWith(el, title)?.querySelector<HTMLButtonElement>('.toggle') ?? null;
    await untilRow(el, title, (r) => r.querySelector('.toggle') !== null && !r.getAttribute('part')!.includes('pending'));
    const toggle = toggleOf()!;
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    toggle.focus();
    await press('Enter');
    await until(() => toggleOf()?.getAttribute('aria-pressed') === 'true', 'complete');
    expect(room.timeline.messages.find((m) => m.content.bodyText === title)!.content.status).to.equal('complete');
    expect(focused(el) === toggleOf(), 'focus on the toggle after Enter').to.equal(true);
    await press('Space');
    await until(() => toggleOf()?.getAttribute('aria-pressed') === 'false', 'pending again');
    expect(room.timeline.messages.find((m) => m.content.bodyText === title)!.content.status).to.equal('pending');
    expect(focused(el) === toggleOf(), 'focus on the toggle after Space').to.equal(true);
  });

  it('edits a task from the keyboard: Edit puts focus in the editor, and Save or Cancel brings it back to Edit', async () => {
    const el = await mount('u-alice', SPACE);
    const title = unique('edit by keyboard');
    el.controller.room!.send('task', { bodyText: title });
    await untilRow(el, title, (r) => r.querySelector('.toggle') !== null && !r.getAttribute('part')!.includes('pending'));
    const editOf = () => (rowWith(el, title) ? button(rowWith(el, title)!, 'Edit') : null);
    for (const close of ['Cancel', 'Save']) {
      editOf()!.focus();
      await press('Enter');
      await until(() => rowWith(el, title)?.querySelector('.task-edit') !== null, 'the editor open');
      expect(focused(el) === rowWith(el, title)!.querySelector('.task-edit input[name="due"]'), `focus in the due date after Edit (then ${close})`).to.equal(true);
      button(rowWith(el, title)!, close).focus();
      await press('Enter');
      await until(() => rowWith(el, title)?.querySelector('.task-edit') === null, 'the editor closed');
      await until(() => focused(el) === editOf(), `focus back on Edit after ${close}`);
    }
  });

  it('discards a failed send with Enter on Discard and retries one with Space on Retry, focus staying in the message list, not falling to the page', async () => {
    const { el, room, clock, socket, failUntilDone } = await withFailingSends(SPACE);

    const dropped = unique('discarded by keyboard');
    room.send('chat', { bodyText: dropped });
    await failUntilDone();
    button(await untilRow(el, dropped, (r) => r.getAttribute('part')!.includes('failed')), 'Discard').focus();
    await press('Enter');
    await until(() => rowWith(el, dropped) === undefined && room.pending.length === 0, 'discarded');
    expect(describeStop(focused(el), el), 'focus after Discard').to.equal('messages');

    const kept = unique('retried by keyboard');
    room.send('chat', { bodyText: kept });
    await failUntilDone();
    const before = (await backendCommand<{ count: number }>('spaces', 'messageCount', { spaceId: SPACE })).count;
    socket.connect();
    await until(() => room.subscription === 'subscribed', 'back');
    button(await untilRow(el, kept, (r) => r.getAttribute('part')!.includes('failed')), 'Retry').focus();
    await press('Space');
    await until(() => {
      void clock.advance(1000);
      return room.pending.length === 0 && room.timeline.messages.some((m) => m.content.bodyText === kept);
    }, 'delivered after retry');
    await untilRow(el, kept, (r) => !r.getAttribute('part')!.includes('failed') && !r.getAttribute('part')!.includes('pending'));
    expect((await backendCommand<{ count: number }>('spaces', 'messageCount', { spaceId: SPACE })).count - before).to.equal(1);
    expect(describeStop(focused(el), el), 'focus after Retry').to.equal('messages');
  });

  it('opens the file picker from the attach button with Enter and with Space', async () => {
    const el = await mount('u-alice', SPACE);
    const picker = shadow(el).querySelector<HTMLInputElement>('input[type=file]')!;
    let opened = 0;
    // The dialog itself is the browser's: count the click that would open it, and keep it closed.
    picker.addEventListener('click', (event) => {
      opened += 1;
      event.preventDefault();
    });
    const attach = shadow(el).querySelector<HTMLButtonElement>('[part="attach-button"]')!;
    attach.focus();
    await press('Enter');
    await until(() => opened === 1, 'picker opened by Enter');
    await press('Space');
    await until(() => opened === 2, 'picker opened by Space');
    expect(focused(el) === attach, 'focus on the attach button').to.equal(true);
  });

  it('cancels an upload with Enter on its Cancel button, focus going to the message list, not falling to the page', async () => {
    await backendCommand('spaces', 'paceUploads', { bytesPerSecond: 512 * 1024 });
    try {
      const el = await mount('u-alice', SPACE);
      const storedBefore = (await backendCommand<{ count: number }>('spaces', 'uploadedFiles')).count;
      const name = `${unique('cancelled').replace(' ', '-')}.bin`;
      const upload = await startLargeUpload(el, name);
      button(shadow(el).querySelector('[part="upload"]')!, 'Cancel').focus();
      await press('Enter');
      await until(() => shadow(el).querySelector('[part="upload"]') === null, 'upload row gone');
      expect(upload.state).to.equal('cancelled');
      expect(describeStop(focused(el), el), 'focus after Cancel').to.equal('messages');
      expect((await backendCommand<{ count: number }>('spaces', 'uploadedFiles')).count).to.equal(storedBefore);
    } finally {
      await backendCommand('spaces', 'paceUploads', { bytesPerSecond: 0 });
    }
  });

  it('retries sign-in with Enter on the auth-error Retry: the provider is asked again, the room connects, and focus stays in the element', async () => {
    const good = await fetchToken('spaces', 'u-alice');
    // A token the server refuses (its signature does not match) until the page's login is fixed.
    const [head, body] = good.split('.');
    const { el, reasons, fix } = await refusedUntilFixed(SPACE, () => Promise.resolve(`${head}.${body}.${'A'.repeat(43)}`));
    const retry = button(shadow(el).querySelector('[part="error"]')!, 'Retry');
    retry.focus();
    fix();
    const asked = reasons.length;
    await press('Enter');
    await until(() => el.controller.room?.subscription === 'subscribed' && el.controller.room.historyLoaded, 'connected after retry');
    expect(reasons.slice(asked)).to.deep.equal(['rejected']);
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="error"]')).to.equal(null);
    expect(shadow(el).querySelector('[part="status"]')!.textContent).to.contain('Connected');
    // The alert (and its button) went away: focus went to the list, not to the page.
    expect(describeStop(focused(el), el), 'focus after Retry').to.equal('messages');
  });
});
