import { badRequest } from '../http/errors.js';
import { isRecord } from '../http/body.js';
import { TEXT_FORMATS, type MessageBody, type TextFormat } from './types.js';

/** The platform's documented input limits (protocols.md §2). */
export const LIMITS = {
  displayName: 70,
  parameterCount: 20,
  parameterKey: 64,
  parameterValue: 256,
  text: 4096,
  reason: 256,
  id: 128,
} as const;

/** The name a session gets when the client sends none. */
export const DEFAULT_DISPLAY_NAME = 'Customer';

// Control characters would let a name forge line breaks in agent desktops and logs.
const CONTROL_CHARS = /\p{Cc}/u;

/** A session display name: absent → the default; otherwise a string of 1–70 characters. */
export function displayNameFrom(value: unknown): string {
  if (value === undefined || value === null) return DEFAULT_DISPLAY_NAME;
  if (typeof value !== 'string') throw badRequest(`displayName must be a string, not ${describe(value)}`);
  const name = value.trim();
  if (name === '') throw badRequest('displayName must not be empty');
  if (name.length > LIMITS.displayName) throw badRequest(`displayName must be at most ${LIMITS.displayName} characters (got ${name.length})`);
  if (CONTROL_CHARS.test(name)) throw badRequest('displayName must not contain control characters');
  return name;
}

/** Session or engagement parameters: absent → {}; otherwise ≤ 20 string entries with key ≤ 64 and value ≤ 256. */
export function parametersFrom(value: unknown, field: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) throw badRequest(`${field} must be an object of string values, not ${describe(value)}`);
  const entries = Object.entries(value);
  if (entries.length > LIMITS.parameterCount) throw badRequest(`${field} may have at most ${LIMITS.parameterCount} keys (got ${entries.length})`);
  for (const [key, entry] of entries) {
    if (key === '' || key.length > LIMITS.parameterKey) throw badRequest(`${field} keys must be 1–${LIMITS.parameterKey} characters ("${key.slice(0, 80)}" has ${key.length})`);
    if (typeof entry !== 'string') throw badRequest(`${field}.${key} must be a string, not ${describe(entry)}`);
    if (entry.length > LIMITS.parameterValue) throw badRequest(`${field}.${key} must be at most ${LIMITS.parameterValue} characters (got ${entry.length})`);
  }
  // fromEntries defines own properties, so a "__proto__" key stays plain data.
  return Object.fromEntries(entries as [string, string][]);
}

/** A message body `{ elementType: 'TEXT', elementText: { text, textFormat } }`; textFormat defaults to PLAINTEXT. */
export function messageBodyFrom(value: unknown): MessageBody {
  if (!isRecord(value)) throw badRequest(`body must be an object, not ${describe(value)}`);
  if (value.elementType !== 'TEXT') throw badRequest(`body.elementType must be "TEXT", not ${describe(value.elementType)}`);
  const element = value.elementText;
  if (!isRecord(element)) throw badRequest(`body.elementText must be an object, not ${describe(element)}`);
  return { elementType: 'TEXT', elementText: { text: textFrom(element.text), textFormat: textFormatFrom(element.textFormat) } };
}

/** Message text: a string of 1–4096 characters that is not only whitespace. */
export function textFrom(value: unknown): string {
  if (typeof value !== 'string') throw badRequest(`text must be a string, not ${describe(value)}`);
  if (value.trim() === '') throw badRequest('text must not be empty');
  if (value.length > LIMITS.text) throw badRequest(`text must be at most ${LIMITS.text} characters (got ${value.length})`);
  return value;
}

/** A text format: absent → PLAINTEXT; otherwise one of PLAINTEXT, HTML, MARKDOWN. */
export function textFormatFrom(value: unknown): TextFormat {
  if (value === undefined || value === null) return 'PLAINTEXT';
  if (!TEXT_FORMATS.includes(value as TextFormat)) throw badRequest(`textFormat must be one of ${TEXT_FORMATS.join(', ')}, not ${describe(value)}`);
  return value as TextFormat;
}

/** A required id field of a request body. */
export function idFrom(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') throw badRequest(`${field} is required and must be a non-empty string, not ${describe(value)}`);
  if (value.length > LIMITS.id) throw badRequest(`${field} must be at most ${LIMITS.id} characters`);
  return value;
}

/** An optional id field: absent or null → undefined. */
export function optionalIdFrom(body: Record<string, unknown>, field: string): string | undefined {
  return body[field] === undefined || body[field] === null ? undefined : idFrom(body, field);
}

/** A disconnect reason: absent → undefined; otherwise a string of at most 256 characters. */
export function reasonFrom(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`reason must be a string, not ${describe(value)}`);
  if (value.length > LIMITS.reason) throw badRequest(`reason must be at most ${LIMITS.reason} characters`);
  return value;
}

/** A whole-number query parameter within [min, max]; absent → fallback. */
export function intParam(raw: string | null, name: string, min: number, max: number, fallback: number): number {
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw badRequest(`${name} must be a whole number from ${min} to ${max}, not "${raw.slice(0, 40)}"`);
  return value;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value.slice(0, 40)}"`;
  return `a ${typeof value}`;
}
