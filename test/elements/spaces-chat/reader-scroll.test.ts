// What counts as the reader scrolling the message list (so that the list stops following its end),
// and what does not: a click on a card, or a key typed in it.
import { expect, fixture, html } from '@open-wc/testing';
import { ReaderScroll } from '../../../src/elements/spaces-chat/reader-scroll.js';

async function list(): Promise<{ list: HTMLElement; card: HTMLElement; reader: ReaderScroll }> {
  const reader = new ReaderScroll();
  const el = await fixture<HTMLElement>(html`<div tabindex="0" style="height: 100px; width: 200px; overflow-y: scroll" @wheel=${reader.listener} @keydown=${reader.listener} @pointerdown=${reader.listener} @touchstart=${reader.listener}>
    <div style="height: 1000px"><button>Done</button></div>
  </div>`);
  return { list: el, card: el.querySelector('button')!, reader };
}

describe('ReaderScroll', () => {
  it('counts a wheel as the reader scrolling, for a second', async () => {
    const { list: el, reader } = await list();
    expect(reader.active(performance.now())).to.equal(false);
    const wheel = new WheelEvent('wheel', { deltaY: -10 });
    el.dispatchEvent(wheel);
    expect(reader.active(wheel.timeStamp + 10)).to.equal(true);
    expect(reader.active(wheel.timeStamp + 1001)).to.equal(false);
  });

  it('counts scrolling keys on the list, not keys typed in what it holds or other keys', async () => {
    const { list: el, card, reader } = await list();
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
    card.dispatchEvent(new KeyboardEvent('keydown', { key: 'PageUp', bubbles: true }));
    expect(reader.active(performance.now())).to.equal(false);
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'PageUp', bubbles: true }));
    expect(reader.active(performance.now())).to.equal(true);
  });

  it('counts a press on the scrollbar while it is held, not a click on a card', async () => {
    const { list: el, card, reader } = await list();
    const box = el.getBoundingClientRect();
    card.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, clientX: box.left + 5, clientY: box.top + 5 }));
    el.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, clientX: box.left + 5, clientY: box.top + 5 }));
    expect(reader.active(performance.now())).to.equal(false);
    // Right of the content box: the scrollbar.
    el.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, clientX: box.left + el.clientWidth + 2, clientY: box.top + 5 }));
    expect(reader.active(performance.now() + 5000)).to.equal(true);
    // Released elsewhere on the page: a second more, then not.
    const up = new PointerEvent('pointerup', { bubbles: true });
    document.body.dispatchEvent(up);
    expect(reader.active(up.timeStamp + 500)).to.equal(true);
    expect(reader.active(up.timeStamp + 1001)).to.equal(false);
  });

  it('counts a finger on the list until it lifts, and each scroll meanwhile', async () => {
    const { list: el, reader } = await list();
    el.dispatchEvent(new Event('touchstart', { bubbles: true }));
    expect(reader.active(performance.now() + 5000)).to.equal(true);
    // (Firefox on a desktop has no TouchEvent constructor; the type is what counts.)
    const end = new Event('touchend', { bubbles: true });
    el.dispatchEvent(end);
    expect(reader.active(end.timeStamp + 1001)).to.equal(false);
    // Scrolls without a hold do not make the reader active (the list moves by itself too).
    reader.scrolled(performance.now());
    expect(reader.active(performance.now() + 1001)).to.equal(false);
  });
});
