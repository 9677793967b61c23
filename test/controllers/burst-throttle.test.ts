import { expect } from '@open-wc/testing';
import { ManualClock } from '../../src/core/clock.js';
import { BurstThrottle } from '../../src/controllers/burst-throttle.js';

function throttle() {
  const clock = new ManualClock(0);
  const runs: number[] = [];
  const t = new BurstThrottle({ maxWaitMs: 250, settleMs: 32, clock }, () => runs.push(clock.now()));
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

  it('tells a run after a quiet spell from a burst\'s, and says while a burst\'s run is due', async () => {
    const clock = new ManualClock(0);
    const kinds: string[] = [];
    const t = new BurstThrottle({ maxWaitMs: 250, settleMs: 32, clock }, (leading) => kinds.push(leading ? 'leading' : 'burst'));
    t.request();
    expect(t.waiting).to.equal(false);
    t.request();
    expect(t.waiting).to.equal(true);
    await clock.advance(32);
    expect(t.waiting).to.equal(false);
    expect(kinds).to.deep.equal(['leading', 'burst']);
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
