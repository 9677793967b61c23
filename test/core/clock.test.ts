import { expect } from '@open-wc/testing';
import { ManualClock, SystemClock, sleep } from '../../src/core/clock.js';

describe('ManualClock', () => {
  it('runs timers in due order, equal due times in the order they were set', async () => {
    const clock = new ManualClock(0);
    const order: string[] = [];
    clock.setTimeout(() => order.push('b@20'), 20);
    clock.setTimeout(() => order.push('a@10'), 10);
    clock.setTimeout(() => order.push('c@20'), 20);
    await clock.advance(15);
    expect(order).to.deep.equal(['a@10']);
    await clock.advance(5);
    expect(order).to.deep.equal(['a@10', 'b@20', 'c@20']);
    expect(clock.now()).to.equal(20);
  });

  it('reports the due time as now inside a callback and runs timers the callback schedules', async () => {
    const clock = new ManualClock(1000);
    const seen: number[] = [];
    clock.setTimeout(() => {
      seen.push(clock.now());
      clock.setTimeout(() => seen.push(clock.now()), 5);
    }, 10);
    await clock.advance(100);
    expect(seen).to.deep.equal([1010, 1015]);
    expect(clock.now()).to.equal(1100);
  });

  it('never runs a cancelled timer', async () => {
    const clock = new ManualClock(0);
    let ran = false;
    const timer = clock.setTimeout(() => (ran = true), 10);
    timer.cancel();
    timer.cancel();
    await clock.advance(50);
    expect(ran).to.equal(false);
    expect(clock.pending).to.equal(0);
  });

  it('keeps running the other timers when one throws', async () => {
    const clock = new ManualClock(0);
    const errors = console.error;
    console.error = () => undefined;
    let later = false;
    clock.setTimeout(() => {
      throw new Error('boom');
    }, 1);
    clock.setTimeout(() => (later = true), 2);
    await clock.advance(5);
    console.error = errors;
    expect(later).to.equal(true);
  });

  it('settles promise chains between timers', async () => {
    const clock = new ManualClock(0);
    const log: string[] = [];
    void sleep(clock, 10).then(async () => {
      log.push('slept');
      await sleep(clock, 10);
      log.push('slept again');
    });
    await clock.advance(20);
    expect(log).to.deep.equal(['slept', 'slept again']);
  });

  it('runAll drains every timer', async () => {
    const clock = new ManualClock(0);
    let count = 0;
    for (let i = 1; i <= 5; i += 1) clock.setTimeout(() => (count += 1), i * 1000);
    expect(await clock.runAll()).to.equal(5);
    expect(count).to.equal(5);
  });
});

describe('sleep', () => {
  it('rejects with the abort reason and cancels its timer', async () => {
    const clock = new ManualClock(0);
    const controller = new AbortController();
    const slept = sleep(clock, 1000, controller.signal);
    controller.abort(new Error('stop'));
    let caught: unknown;
    await slept.catch((error) => (caught = error));
    expect((caught as Error).message).to.equal('stop');
    expect(clock.pending).to.equal(0);
  });

  it('rejects at once for an already aborted signal', async () => {
    const controller = new AbortController();
    controller.abort(new Error('early'));
    let caught: unknown;
    await sleep(new ManualClock(0), 5, controller.signal).catch((error) => (caught = error));
    expect((caught as Error).message).to.equal('early');
  });
});

describe('SystemClock', () => {
  it('shares one native timer for many scheduled callbacks', () => {
    const clock = new SystemClock();
    const native = globalThis.setTimeout;
    let armed = 0;
    globalThis.setTimeout = ((fn: () => void, ms?: number) => {
      armed += 1;
      return native(fn, ms);
    }) as typeof globalThis.setTimeout;
    try {
      const timers = [clock.setTimeout(() => undefined, 60_000), clock.setTimeout(() => undefined, 90_000), clock.setTimeout(() => undefined, 120_000)];
      expect(armed).to.equal(1);
      timers.forEach((t) => t.cancel());
      expect(clock.pending).to.equal(0);
    } finally {
      globalThis.setTimeout = native;
    }
  });
});
