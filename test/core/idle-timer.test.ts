import { expect } from '@open-wc/testing';
import { ManualClock } from '../../src/core/clock.js';
import { IDLE_CONFIG_LIMITS, type IdleEvents, IdleTimer, validateIdleConfig } from '../../src/core/idle-timer.js';

const IDLE = 300_000;
const GRACE = 30_000;

function setup(idleMs = IDLE, graceMs = GRACE) {
  const clock = new ManualClock(0);
  const timer = new IdleTimer({ clock, idleMs, graceMs });
  const warnings: IdleEvents['warning'][] = [];
  const expirations: IdleEvents['expired'][] = [];
  timer.on('warning', (event) => warnings.push(event.detail));
  timer.on('expired', (event) => expirations.push(event.detail));
  return { clock, timer, warnings, expirations };
}

describe('IdleTimer', () => {
  it('starts stopped and does nothing until started', async () => {
    const { clock, timer, warnings } = setup();
    expect(timer.state).to.equal('stopped');
    expect(timer.deadline).to.equal(undefined);
    timer.activity();
    await clock.advance(IDLE * 10);
    expect(warnings).to.have.length(0);
    expect(clock.pending).to.equal(0);
  });

  it('warns exactly when the idle period ends, with the grace period and deadline', async () => {
    const { clock, timer, warnings } = setup();
    timer.start();
    expect(timer.state).to.equal('active');
    expect(timer.warningAt).to.equal(IDLE);
    expect(timer.deadline).to.equal(IDLE + GRACE);
    await clock.advance(IDLE - 1);
    expect(warnings).to.have.length(0);
    await clock.advance(1);
    expect(warnings).to.deep.equal([{ at: IDLE, graceMs: GRACE, deadline: IDLE + GRACE }]);
    expect(timer.state).to.equal('grace');
    expect(timer.deadline).to.equal(IDLE + GRACE);
    expect(timer.warningAt).to.equal(undefined);
  });

  it('expires exactly when the grace period ends', async () => {
    const { clock, timer, expirations } = setup();
    timer.start();
    await clock.advance(IDLE + GRACE - 1);
    expect(expirations).to.have.length(0);
    await clock.advance(1);
    expect(expirations).to.deep.equal([{ at: IDLE + GRACE }]);
    expect(timer.state).to.equal('expired');
    expect(timer.deadline).to.equal(undefined);
    expect(clock.pending).to.equal(0);
  });

  it('restarts the idle period on activity', async () => {
    const { clock, timer, warnings } = setup();
    timer.start();
    await clock.advance(200_000);
    timer.activity();
    expect(timer.deadline).to.equal(200_000 + IDLE + GRACE);
    await clock.advance(IDLE - 1);
    expect(warnings).to.have.length(0);
    await clock.advance(1);
    expect(warnings.map((w) => w.at)).to.deep.equal([200_000 + IDLE]);
  });

  it('keeps a single timer however often activity is reported', async () => {
    const { clock, timer, warnings } = setup();
    timer.start();
    for (let i = 0; i < 1000; i += 1) {
      await clock.advance(100);
      timer.activity();
    }
    expect(clock.pending).to.equal(1);
    await clock.advance(IDLE - 1);
    expect(warnings).to.have.length(0);
    await clock.advance(1);
    expect(warnings.map((w) => w.at)).to.deep.equal([100_000 + IDLE]);
  });

  it('cancels a running grace period on activity and restarts the idle period', async () => {
    const { clock, timer, warnings, expirations } = setup();
    timer.start();
    await clock.advance(IDLE + 10_000);
    expect(timer.state).to.equal('grace');
    timer.activity();
    expect(timer.state).to.equal('active');
    await clock.advance(GRACE);
    expect(expirations).to.have.length(0);
    await clock.advance(IDLE - GRACE - 1);
    expect(warnings).to.have.length(1);
    await clock.advance(1);
    expect(warnings.map((w) => w.at)).to.deep.equal([IDLE, 2 * IDLE + 10_000]);
    expect(clock.pending).to.equal(1);
  });

  it('ignores activity once expired; start begins again', async () => {
    const { clock, timer, warnings } = setup();
    timer.start();
    await clock.advance(IDLE + GRACE);
    timer.activity();
    expect(timer.state).to.equal('expired');
    expect(clock.pending).to.equal(0);
    timer.start();
    await clock.advance(IDLE);
    expect(warnings).to.have.length(2);
  });

  it('stop cancels everything', async () => {
    const { clock, timer, warnings, expirations } = setup();
    timer.start();
    await clock.advance(IDLE);
    timer.stop();
    expect(timer.state).to.equal('stopped');
    expect(timer.deadline).to.equal(undefined);
    expect(clock.pending).to.equal(0);
    await clock.advance(IDLE * 10);
    expect(warnings).to.have.length(1);
    expect(expirations).to.have.length(0);
  });

  it('start while running restarts the idle period from now', async () => {
    const { clock, timer, warnings } = setup();
    timer.start();
    await clock.advance(100_000);
    timer.start();
    expect(clock.pending).to.equal(1);
    await clock.advance(IDLE - 1);
    expect(warnings).to.have.length(0);
    await clock.advance(1);
    expect(warnings).to.have.length(1);
  });

  it('expires in the same instant as the warning with a zero grace period', async () => {
    const { clock, timer, warnings, expirations } = setup(1000, 0);
    timer.start();
    await clock.advance(1000);
    expect(warnings).to.deep.equal([{ at: 1000, graceMs: 0, deadline: 1000 }]);
    expect(expirations).to.deep.equal([{ at: 1000 }]);
  });

  it('rejects nonsensical durations with a RangeError', () => {
    const clock = new ManualClock(0);
    expect(() => new IdleTimer({ clock, idleMs: 0, graceMs: 1 })).to.throw(RangeError, /idleMs/);
    expect(() => new IdleTimer({ clock, idleMs: Number.NaN, graceMs: 1 })).to.throw(RangeError, /idleMs/);
    expect(() => new IdleTimer({ clock, idleMs: 1, graceMs: -1 })).to.throw(RangeError, /graceMs/);
    expect(() => new IdleTimer({ clock, idleMs: 1, graceMs: Number.POSITIVE_INFINITY })).to.throw(RangeError, /graceMs/);
    expect(() => new IdleTimer({ clock, idleMs: '5' as unknown as number, graceMs: 1 })).to.throw(RangeError, /idleMs/);
  });
});

describe('validateIdleConfig', () => {
  it('fills in the documented defaults', () => {
    expect(validateIdleConfig({})).to.deep.equal({ reconnectionTimeout: 120, idleTimeout: 300, idleShutdownGraceTimeout: 30 });
    expect(validateIdleConfig()).to.deep.equal({ reconnectionTimeout: 120, idleTimeout: 300, idleShutdownGraceTimeout: 30 });
    expect(validateIdleConfig(null as unknown as object)).to.deep.equal(validateIdleConfig());
  });

  it('keeps given values and ignores unknown settings', () => {
    const config = { idleTimeout: 600, reconnectionTimeout: 240, somethingElse: 1 } as Parameters<typeof validateIdleConfig>[0];
    expect(validateIdleConfig(config)).to.deep.equal({ reconnectionTimeout: 240, idleTimeout: 600, idleShutdownGraceTimeout: 30 });
  });

  const boundaries: [keyof typeof IDLE_CONFIG_LIMITS, number, number][] = [
    ['reconnectionTimeout', 120, 900],
    ['idleTimeout', 300, 3300],
    ['idleShutdownGraceTimeout', 30, 300],
  ];
  for (const [name, min, max] of boundaries) {
    it(`accepts ${name} from ${min} to ${max} and rejects ${min - 1} and ${max + 1}`, () => {
      expect(validateIdleConfig({ [name]: min })[name]).to.equal(min);
      expect(validateIdleConfig({ [name]: max })[name]).to.equal(max);
      for (const value of [min - 1, max + 1]) {
        expect(() => validateIdleConfig({ [name]: value })).to.throw(RangeError, `${name} must be a whole number of seconds from ${min} to ${max}; got ${value}`);
      }
    });
  }

  it('accepts the wider shipped ranges where the seed text is narrower', () => {
    expect(validateIdleConfig({ reconnectionTimeout: 600 }).reconnectionTimeout).to.equal(600);
    expect(validateIdleConfig({ idleShutdownGraceTimeout: 200 }).idleShutdownGraceTimeout).to.equal(200);
  });

  it('rejects non-numbers, NaN, infinities and fractions, naming the setting and the value', () => {
    const cases: [unknown, string][] = [
      ['300', 'the string "300"'],
      [Number.NaN, 'NaN'],
      [Number.POSITIVE_INFINITY, 'Infinity'],
      [300.5, '300.5'],
      [null, 'null'],
      [true, 'true'],
      [{}, 'object'],
      [300n, '300'],
    ];
    for (const [value, shown] of cases) {
      expect(() => validateIdleConfig({ idleTimeout: value as number })).to.throw(RangeError, `idleTimeout must be a whole number of seconds from 300 to 3300; got ${shown}`);
    }
  });

  it('truncates a long string value in the message', () => {
    let message = '';
    try {
      validateIdleConfig({ idleTimeout: 'x'.repeat(500) as unknown as number });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).to.have.length.below(200);
  });
});
