import type { IncomingMessage } from 'node:http';
import { HttpError, badRequest } from './errors.js';

/** Largest request body any endpoint accepts (file uploads have their own limit). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads the whole body, refusing more than `limit` bytes with a 413 before buffering it all. */
export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      req.resume();
      throw tooLarge(limit);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'Payload Too Large', `request body exceeds ${limit} bytes`, { connection: 'close' });
}

/** Reads a JSON object body; anything else is a 400 with the reason. */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = (await readBody(req)).toString('utf8');
  if (raw.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw badRequest(`body is not valid JSON (${(error as Error).message})`);
  }
  if (!isRecord(parsed)) throw badRequest('body must be a JSON object');
  return parsed;
}

/** Reads a JSON or `application/x-www-form-urlencoded` body as a flat string map. */
export async function readParams(req: IncomingMessage): Promise<Record<string, string>> {
  const type = String(req.headers['content-type'] ?? '');
  if (type.includes('application/json')) {
    const body = await readJsonObject(req);
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(body)) {
      if (value !== null && typeof value === 'object') throw badRequest(`parameter "${key}" must be a string, number or boolean`);
      out[key] = String(value);
    }
    return out;
  }
  const raw = (await readBody(req)).toString('utf8');
  return Object.fromEntries(new URLSearchParams(raw));
}

/** True for a plain (non-array) object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
