import { expect } from '@open-wc/testing';
import { ManualClock } from '../../src/core/clock.js';
import { BURST_REQUESTS, BurstThrottle } from '../../src/controllers/burst-throttle.js';
import { whileHidden } from '../support/page.js';

function throttle() {
  const clock = new ManualClock(0);
  const runs: number[] = [];
  const t = new BurstThrottle(250, () => runs.push(clock.now()), { settleMs: 32, clock });
  return { clock, runs, t };
}

/** Requests every `everyMs` for `forMs`, as frames of a burst would. */
async function burst(clock: ManualClock, t: BurstThrottle, everyMs: number, forMs: number) {
  for (let elapsed = 0; elapsed < forMs; elapsed += everyMs) {
    t.request();
    await clock.advance(everyMs);
  }
}

describe('BurstThrottle', () => {
  it('runs at once after a quiet spell', () => {
    const { runs, t } = throttle();
    t.request();
    expect(runs).to.deep.equal([0]);
  });

  it('runs once for a short burst, when it pauses', async () => {
    const { clock, runs, t } = throttle();
    t.request();
    await burst(clock, t, 5, 50);
    await clock.advance(100);
    // The leading run, then one run settleMs after the last request (at 45).
    expect(runs).to.deep.equal([0, 77]);
  });

  it('runs every maxWaitMs during a long burst', async () => {
    const { clock, runs, t } = throttle();
    await burst(clock, t, 5, 600);
    await clock.advance(100);
    expect(runs.slice(0, 3)).to.deep.equal([0, 250, 500]);
    expect(runs).to.have.length(4);
  });

  it('runs each request of a slow stream at once', async () => {
    const { clock, runs, t } = throttle();
    await burst(clock, t, 100, 300);
    expect(runs).to.deep.equal([0, 100, 200]);
  });

  it('tells a run after a quiet spell from a burst\'s, and says when a burst has begun', async () => {
    const clock = new ManualClock(0);
    const kinds: string[] = [];
    const t = new BurstThrottle(250, (leading) => kinds.push(leading ? 'leading' : 'burst'), { settleMs: 32, clock });
    t.request();
    // A message that also ends its sender's typing, with the typing's end in a frame just before: no burst...
    t.request();
    await clock.advance(1);
    t.request();
    await clock.advance(1);
    t.request();
    expect(t.burstBegun).to.equal(false);
    // ...changes that keep coming are.
    for (let i = 0; i < BURST_REQUESTS - 2; i += 1) {
      await clock.advance(1);
      t.request();
    }
    expect(t.burstBegun).to.equal(true);
    await clock.advance(32);
    expect(t.burstBegun).to.equal(false);
    expect(kinds).to.deep.equal(['leading', 'burst']);
  });

  it('runs each request at once while the page is hidden (its timers would run a second late)', async () => {
    const { runs, t } = throttle();
    await whileHidden(() => {
      t.request();
      t.request();
      t.request();
    });
    expect(runs).to.deep.equal([0, 0, 0]);
  });

  it('drops a run asked for when cancelled', async () => {
    const { clock, runs, t } = throttle();
    t.request();
    t.request();
    t.cancel();
    await clock.advance(1000);
    expect(runs).to.deep.equal([0]);
  });
});
