import { constraint } from './errors.js';

/**
 * The engine's console output levels (Config.logLevel), most to least talkative: each includes
 * the ones after it. The guide's sample passes "DEBUG"; it names no others, so these follow the
 * usual scale (inferred). Default WARN.
 */
export const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'OFF'] as const;

/** One of the levels. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Where the engine writes: `debug` every event, `info` the session and stream, `warn` what it dropped or worked around, `error` what failed. */
export interface Logger {
  /** Every SDK event (its type and ids, never message text or tokens). */
  debug(message: string): void;
  /** Session and stream milestones. */
  info(message: string): void;
  /** Something dropped or worked around. */
  warn(message: string, ...details: unknown[]): void;
  /** Something failed (a page's event handler threw). */
  error(message: string, ...details: unknown[]): void;
}

const PREFIX = '[ccaas-chat]';
const noop = () => undefined;

/** The level `value` names (case-insensitive; default WARN); ACS-322 naming the levels otherwise. */
export function logLevelFrom(value: unknown): LogLevel {
  if (value === undefined || value === null) return 'WARN';
  const level = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw constraint(`logLevel must be one of ${LOG_LEVELS.join(', ')}, not ${typeof value === 'string' ? JSON.stringify(value.slice(0, 20)) : typeof value}`);
  }
  return level as LogLevel;
}

/** A console logger that writes `level` and the levels after it. */
export function createLogger(level: LogLevel): Logger {
  const from = LOG_LEVELS.indexOf(level);
  const on = (at: LogLevel) => LOG_LEVELS.indexOf(at) >= from;
  return {
    debug: on('DEBUG') ? (message) => console.debug(`${PREFIX} ${message}`) : noop,
    info: on('INFO') ? (message) => console.info(`${PREFIX} ${message}`) : noop,
    warn: on('WARN') ? (message, ...details) => console.warn(`${PREFIX} ${message}`, ...details) : noop,
    error: on('ERROR') ? (message, ...details) => console.error(`${PREFIX} ${message}`, ...details) : noop,
  };
}
