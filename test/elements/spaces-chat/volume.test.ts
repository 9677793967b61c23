// <spaces-chat> with a thousand messages and more: the DOM stays small, and a catch-up that hits its
// cap says so and can be continued.
import { expect } from '@open-wc/testing';
import { OVERHANG_PX } from '../../../src/elements/spaces-chat/chat-layout.js';
import { MAX_CATCH_UP } from '../../../src/spaces/rest-client.js';
import { backendCommand, until } from '../../support/backend.js';
import { frames, gapBelow, messageList, mount, nextEvent, rowWith, rows, untilRow } from './helpers.js';

const unique = (label: string) => `${label}-${Math.random().toString(36).slice(2, 10)}`;

/** Alice's room once a burst of `count` messages from Bob has come and its last one is on screen. */
async function afterBurst(label: string, count: number) {
  const el = await mount('u-alice', 'sp-design');
  const list = messageList(el);
  await until(() => rows(el).length > 0, 'rows rendered');
  const prefix = unique(label);
  await backendCommand('spaces', 'injectMessages', { spaceId: 'sp-design', count, prefix, senderId: 'u-bob' });
  await until(() => rowWith(el, `${prefix} ${count}`) !== undefined, 'last burst message on screen', 8000);
  return { el, list, gap: () => gapBelow(list) };
}

describe('<spaces-chat> with many messages', () => {
  it('keeps at most 200 message elements in the DOM with over 1,000 messages loaded', async () => {
    const el = await mount('u-alice', 'sp-design');
    const room = el.controller.room!;
    const prefix = unique('burst');
    await backendCommand('spaces', 'injectMessages', { spaceId: 'sp-design', count: 1100, prefix, senderId: 'u-bob' });
    await until(() => room.timeline.messages.filter((m) => m.content.bodyText.startsWith(prefix)).length === 1100, 'burst received', 15000);
    await untilRow(el, `${prefix} 1100`);
    expect(room.timeline.size).to.be.greaterThan(1000);
    expect(rows(el).length).to.be.at.most(200);
    // Only a few rows' worth beyond the visible part: each render of a moving list replaces them all.
    await frames(2);
    const band = messageList(el).getBoundingClientRect();
    const outside = rows(el).filter((row) => {
      const box = row.getBoundingClientRect();
      return box.bottom < band.top - OVERHANG_PX - 1 || box.top > band.bottom + OVERHANG_PX + 1;
    });
    expect(outside.map((row) => row.textContent?.trim().slice(0, 40))).to.deep.equal([]);
  });

  it('follows a burst to its last message while the reader is at the end, and leaves a reader who scrolled up even a little where they are', async () => {
    // Nothing scrolls the list here: the element has to keep up with the growing list by itself.
    const { el, list, gap } = await afterBurst('follow', 600);
    const room = el.controller.room!;
    expect(gap()).to.be.below(48);

    // One notch of a slow wheel: less than a stick to the end would undo.
    list.dispatchEvent(new WheelEvent('wheel', { deltaY: -20 }));
    list.scrollTop -= 20;
    list.dispatchEvent(new Event('scroll'));
    const top = list.scrollTop;
    const height = list.scrollHeight;
    // The gesture is over (the reader's input counts for a second), so what follows is the list's own doing.
    const scrolledAt = performance.now();
    await until(() => performance.now() - scrolledAt > 1100, 'the reader stopped scrolling');
    const later = unique('later');
    await backendCommand('spaces', 'injectMessages', { spaceId: 'sp-design', count: 50, prefix: later, senderId: 'u-bob' });
    await until(() => list.scrollHeight > height + 300, 'the later messages rendered below');
    // The list would follow within the frames after a render: let them pass, then look.
    await frames(30);
    // (The virtualizer may nudge it by a few pixels as it measures rows; it does not go to the end.)
    expect(Math.abs(list.scrollTop - top)).to.be.below(50);
    expect(gap()).to.be.above(300);
    expect(rowWith(el, `${later} 50`) !== undefined).to.equal(false);
    expect(room.timeline.messages.some((m) => m.content.bodyText === `${later} 50`)).to.equal(true);

    // Back at the end by the reader's own hand: the list follows again.
    list.dispatchEvent(new WheelEvent('wheel', { deltaY: 5000 }));
    list.scrollTop = list.scrollHeight;
    list.dispatchEvent(new Event('scroll'));
    const last = unique('last');
    await backendCommand('spaces', 'injectMessages', { spaceId: 'sp-design', count: 20, prefix: last, senderId: 'u-bob' });
    await until(() => rowWith(el, `${last} 20`) !== undefined, 'the newest message on screen', 8000);
  });

  it('keeps following the end after a scroll that was not the reader’s', async () => {
    const { el, list, gap } = await afterBurst('first', 100);
    await frames(3);

    // The page itself moves the list (no wheel, touch, key or pointer of the reader's first).
    const scrolled = new Promise((r) => list.addEventListener('scroll', r, { once: true }));
    list.scrollTop -= 200;
    await scrolled;
    const later = unique('later');
    await backendCommand('spaces', 'injectMessages', { spaceId: 'sp-design', count: 50, prefix: later, senderId: 'u-bob' });
    await until(() => rowWith(el, `${later} 50`) !== undefined, 'later burst on screen', 8000);
    await until(() => gap() < 48, 'list at its end');
  });

  it('says when a catch-up stopped at its cap, and loads the rest on request, each message once', async () => {
    const el = await mount('u-alice', 'sp-design');
    const room = el.controller.room!;
    const shadow = el.shadowRoot!;
    await backendCommand('spaces', 'dropSockets');
    await until(() => room.connection === 'reconnecting', 'socket down');
    const prefix = unique('offline');
    const missed = MAX_CATCH_UP + 30;
    const incomplete = nextEvent(el, 'spaces-error');
    await backendCommand('spaces', 'injectMessages', { spaceId: 'sp-design', count: missed, prefix, senderId: 'u-bob' });
    expect((await incomplete).code).to.equal('catch-up-incomplete');
    const notice = () => [...shadow.querySelectorAll('[part="banner"]')].find((b) => b.textContent?.includes('may be missing'));
    await until(() => notice() !== undefined && room.subscription === 'subscribed', 'notice shown', 15000);
    await el.updateComplete;
    await expect(el).to.be.accessible();
    const ofPrefix = () => room.timeline.messages.filter((m) => m.content.bodyText.startsWith(`${prefix} `));
    expect(ofPrefix().length).to.be.lessThan(missed);
    notice()!.querySelector('button')!.click();
    await until(() => notice() === undefined, 'notice gone', 10000);
    const bodies = ofPrefix().map((m) => m.content.bodyText);
    expect(bodies).to.have.length(missed);
    expect(new Set(bodies).size).to.equal(missed);
    expect(bodies.at(0)).to.equal(`${prefix} 1`);
    expect(bodies.at(-1)).to.equal(`${prefix} ${missed}`);
  });
});
