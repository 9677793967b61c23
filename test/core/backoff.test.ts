import { expect } from '@open-wc/testing';
import { Backoff, RetryAbandonedError } from '../../src/core/backoff.js';
import { ManualClock } from '../../src/core/clock.js';

const noJitter = () => 0;

describe('Backoff', () => {
  it('follows the Fibonacci sequence times the base, capped at the maximum', () => {
    const backoff = new Backoff({ clock: new ManualClock(0), baseMs: 1000, maxMs: 10_000 });
    const delays = Array.from({ length: 8 }, () => backoff.nextDelay());
    expect(delays).to.deep.equal([1000, 1000, 2000, 3000, 5000, 8000, 10_000, 10_000]);
  });

  it('adds jitter from the random source, up to jitterMs', async () => {
    const clock = new ManualClock(0);
    const backoff = new Backoff({ clock, baseMs: 1000, jitterMs: 1000, random: () => 0.5 });
    let done = false;
    void backoff.wait().then(() => (done = true));
    await clock.advance(1499);
    expect(done).to.equal(false);
    await clock.advance(1);
    expect(done).to.equal(true);
  });

  it('gives up with reason "deadline" once the reconnection deadline has passed', async () => {
    const clock = new ManualClock(0);
    const backoff = new Backoff({ clock, baseMs: 1000, jitterMs: 0, deadlineMs: 4000, random: noJitter });
    const waits: number[] = [];
    let error: unknown;
    const loop = (async () => {
      for (;;) {
        await backoff.wait();
        waits.push(clock.now());
      }
    })().catch((e) => (error = e));
    await clock.advance(10_000);
    await loop;
    expect(waits).to.deep.equal([1000, 2000]);
    expect(error).to.be.instanceOf(RetryAbandonedError);
    expect((error as RetryAbandonedError).reason).to.equal('deadline');
    expect(clock.now()).to.equal(10_000);
  });

  it('ends the last wait exactly at the deadline rather than after it', async () => {
    const clock = new ManualClock(0);
    const backoff = new Backoff({ clock, baseMs: 1000, jitterMs: 0, deadlineMs: 2500 });
    let error: RetryAbandonedError | undefined;
    const loop = (async () => {
      for (;;) await backoff.wait();
    })().catch((e) => (error = e));
    await clock.advance(2500);
    await loop;
    expect(error?.reason).to.equal('deadline');
  });

  it('gives up with reason "attempts" after maxAttempts waits', async () => {
    const clock = new ManualClock(0);
    const backoff = new Backoff({ clock, jitterMs: 0, maxAttempts: 2 });
    const first = backoff.wait();
    await clock.advance(1000);
    await first;
    const second = backoff.wait();
    await clock.advance(1000);
    await second;
    let error: RetryAbandonedError | undefined;
    await backoff.wait().catch((e) => (error = e));
    expect(error?.reason).to.equal('attempts');
    expect(error?.attempts).to.equal(2);
  });

  it('is abortable mid-wait with reason "aborted"', async () => {
    const clock = new ManualClock(0);
    const backoff = new Backoff({ clock, jitterMs: 0 });
    const controller = new AbortController();
    const waiting = backoff.wait(controller.signal);
    controller.abort();
    let error: RetryAbandonedError | undefined;
    await waiting.catch((e) => (error = e));
    expect(error?.reason).to.equal('aborted');
    expect(clock.pending).to.equal(0);
  });

  it('starts over after reset', () => {
    const backoff = new Backoff({ clock: new ManualClock(0), baseMs: 100 });
    backoff.nextDelay();
    backoff.nextDelay();
    backoff.nextDelay();
    backoff.reset();
    expect(backoff.nextDelay()).to.equal(100);
    expect(backoff.failingSince).to.equal(undefined);
  });
});
