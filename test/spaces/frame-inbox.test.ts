import { expect } from '@open-wc/testing';
import { ManualClock } from '../../src/core/clock.js';
import { FRAME_QUIET_MS, FRAME_TAIL_MS, FrameInbox } from '../../src/spaces/frame-inbox.js';
import { reportedErrors, whileHidden } from '../support/page.js';

function inbox(handle: (frame: string) => void = () => undefined) {
  const clock = new ManualClock(0);
  const handled: string[] = [];
  const box = new FrameInbox((frame) => {
    handled.push(frame);
    handle(frame);
  }, clock);
  return { clock, handled, box };
}

describe('FrameInbox', () => {
  it('hands a frame after a quiet spell over at once', () => {
    const { handled, box } = inbox();
    box.push('a');
    expect(handled).to.deep.equal(['a']);
  });

  it('holds the rest of a burst and hands it over together, in order, shortly after its last frame', async () => {
    const { clock, handled, box } = inbox();
    for (const frame of ['a', 'b', 'c', 'd']) box.push(frame);
    expect(handled).to.deep.equal(['a']);
    await clock.advance(FRAME_TAIL_MS - 1);
    expect(handled).to.deep.equal(['a']);
    await clock.advance(1);
    expect(handled).to.deep.equal(['a', 'b', 'c', 'd']);
  });

  it('hands over a long burst as it goes, not only at its end', () => {
    // Frames keep the page so busy that its timers get no task to run in.
    let now = 0;
    const busyPage = { now: () => now, setTimeout: () => ({ cancel: () => undefined }) };
    const handled: string[] = [];
    const box = new FrameInbox((frame) => handled.push(frame), busyPage);
    box.push('a');
    box.push('b');
    now = FRAME_QUIET_MS;
    box.push('c');
    expect(handled).to.deep.equal(['a', 'b', 'c']);
  });

  it('hands every frame over at once while the page is hidden (its timers would run a second late)', async () => {
    const { handled, box } = inbox();
    await whileHidden(() => {
      for (const frame of ['a', 'b', 'c']) box.push(frame);
    });
    expect(handled).to.deep.equal(['a', 'b', 'c']);
  });

  it('keeps handing over the frames after one whose handler throws', async () => {
    const { clock, handled, box } = inbox((frame) => {
      if (frame === 'bad') throw new Error('listener failed');
    });
    const errors = await reportedErrors(async () => {
      for (const frame of ['a', 'bad', 'c']) box.push(frame);
      await clock.advance(FRAME_QUIET_MS);
    });
    expect(handled).to.deep.equal(['a', 'bad', 'c']);
    expect(errors).to.have.length(1);
  });

  it('drains what waits when asked (the socket closed) and drops it once closed', async () => {
    const { clock, handled, box } = inbox();
    box.push('a');
    box.push('b');
    box.drain();
    expect(handled).to.deep.equal(['a', 'b']);
    box.push('c');
    box.close();
    box.push('d');
    await clock.advance(FRAME_QUIET_MS * 2);
    expect(handled).to.deep.equal(['a', 'b']);
  });

  it('stops a batch at a frame that closes it (a server disconnect): the ones after are not handed over', async () => {
    const { clock, handled, box } = inbox((frame) => {
      if (frame === 'bye') box.close();
    });
    for (const frame of ['a', 'b', 'bye', 'late']) box.push(frame);
    await clock.advance(FRAME_QUIET_MS);
    expect(handled).to.deep.equal(['a', 'b', 'bye']);
  });
});
