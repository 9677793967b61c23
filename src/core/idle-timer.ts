import { type Clock, type Timer, systemClock } from './clock.js';
import { TypedEmitter } from './typed-events.js';

/** Settings of an idle timer, in ms. */
export interface IdleTimerOptions {
  /** Time source; the page's shared clock by default. */
  clock?: Clock;
  /** How long without activity before the warning. */
  idleMs: number;
  /** How long after the warning before the session expires. */
  graceMs: number;
}

/** Events of an idle timer and what each carries. */
export type IdleEvents = {
  /** The idle period ended; the session expires at `deadline` unless there is activity. */
  warning: { at: number; graceMs: number; deadline: number };
  /** The grace period ended without activity. */
  expired: { at: number };
};

/** Where an idle timer is: not running, counting idle time, in the grace period, or run out. */
export type IdleState = 'stopped' | 'active' | 'grace' | 'expired';

function duration(name: string, value: number, min: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new RangeError(`${name} must be a finite number of ms >= ${min}, got ${String(value)}`);
  }
  return value;
}

/**
 * Idle period, then grace period, as the chat platform's SDK runs them: after `idleMs` without
 * activity `warning` fires, and after a further `graceMs` `expired`. Activity restarts the idle
 * period, also from within the grace period.
 */
export class IdleTimer extends TypedEmitter<IdleEvents> {
  readonly #clock: Clock;
  readonly #idleMs: number;
  readonly #graceMs: number;
  #state: IdleState = 'stopped';
  #timer: Timer | undefined;
  /** When the idle period ends; activity only moves this, and the timer catches up when it fires. */
  #idleEndsAt: number | undefined;
  #graceEndsAt: number | undefined;

  constructor(options: IdleTimerOptions) {
    super();
    this.#clock = options.clock ?? systemClock;
    this.#idleMs = duration('idleMs', options.idleMs, 1);
    this.#graceMs = duration('graceMs', options.graceMs, 0);
  }

  /** Where the timer is. */
  get state(): IdleState {
    return this.#state;
  }

  /** ms epoch when `expired` fires if there is no activity before; undefined when stopped or expired. */
  get deadline(): number | undefined {
    if (this.#state === 'active') return (this.#idleEndsAt ?? 0) + this.#graceMs;
    if (this.#state === 'grace') return this.#graceEndsAt;
    return undefined;
  }

  /** ms epoch when `warning` fires if there is no activity before; undefined outside the idle period. */
  get warningAt(): number | undefined {
    return this.#state === 'active' ? this.#idleEndsAt : undefined;
  }

  /** (Re)starts the idle period from now, whatever the state. */
  start(): void {
    this.#timer?.cancel();
    this.#state = 'active';
    this.#graceEndsAt = undefined;
    this.#idleEndsAt = this.#clock.now() + this.#idleMs;
    this.#timer = this.#clock.setTimeout(() => this.#onIdleTimer(), this.#idleMs);
  }

  /** Records activity: restarts the idle period and cancels a running grace period. Ignored when stopped or expired. */
  activity(): void {
    if (this.#state === 'grace') this.start();
    // Called on every keystroke: moving a number is cheaper than re-queuing a timer each time.
    else if (this.#state === 'active') this.#idleEndsAt = this.#clock.now() + this.#idleMs;
  }

  /** Stops counting; `start` begins again. */
  stop(): void {
    this.#timer?.cancel();
    this.#timer = undefined;
    this.#state = 'stopped';
    this.#idleEndsAt = undefined;
    this.#graceEndsAt = undefined;
  }

  #onIdleTimer(): void {
    const now = this.#clock.now();
    const idleEndsAt = this.#idleEndsAt ?? now;
    if (now < idleEndsAt) {
      this.#timer = this.#clock.setTimeout(() => this.#onIdleTimer(), idleEndsAt - now);
      return;
    }
    this.#state = 'grace';
    this.#idleEndsAt = undefined;
    this.#graceEndsAt = now + this.#graceMs;
    this.#timer = this.#clock.setTimeout(() => this.#onGraceTimer(), this.#graceMs);
    this.emit('warning', { at: now, graceMs: this.#graceMs, deadline: this.#graceEndsAt });
  }

  #onGraceTimer(): void {
    this.#timer = undefined;
    this.#state = 'expired';
    this.#graceEndsAt = undefined;
    this.emit('expired', { at: this.#clock.now() });
  }
}

/** Idle settings in seconds, as the chat platform's SDK takes them. */
export interface IdleConfig {
  /** Seconds the event stream may keep retrying before giving up. */
  reconnectionTimeout: number;
  /** Seconds without activity before the idle warning. */
  idleTimeout: number;
  /** Seconds between the idle warning and the session shutting down. */
  idleShutdownGraceTimeout: number;
}

/**
 * Allowed range and default of each setting, in whole seconds. Where the vendor's documentation and
 * its shipped code disagree, the wider range is accepted (protocols.md §2).
 */
export const IDLE_CONFIG_LIMITS: Readonly<Record<keyof IdleConfig, { min: number; max: number; default: number }>> = {
  reconnectionTimeout: { min: 120, max: 900, default: 120 },
  idleTimeout: { min: 300, max: 3300, default: 300 },
  idleShutdownGraceTimeout: { min: 30, max: 300, default: 30 },
};

/** Shows a rejected setting's value; strings are quoted so that "300" and 300 read differently. */
function describeValue(value: unknown): string {
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 40))}`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return value === null ? 'null' : typeof value;
}

/**
 * Validates seconds against the documented ranges, filling in defaults for missing (undefined)
 * settings; throws RangeError naming the setting, the value and the allowed range.
 */
export function validateIdleConfig(config: Partial<Record<keyof IdleConfig, unknown>> = {}): IdleConfig {
  const result = {} as IdleConfig;
  const given = config ?? {};
  for (const name of Object.keys(IDLE_CONFIG_LIMITS) as (keyof IdleConfig)[]) {
    const { min, max, default: fallback } = IDLE_CONFIG_LIMITS[name];
    const value = given[name];
    if (value === undefined) {
      result[name] = fallback;
      continue;
    }
    // Whole seconds, as documented: a fraction usually means a unit mix-up, so it is refused rather than rounded.
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new RangeError(`${name} must be a whole number of seconds from ${min} to ${max}; got ${describeValue(value)}`);
    }
    result[name] = value;
  }
  return result;
}
