import type { IncomingMessage } from 'node:http';
import type { TokenIssuer } from '../auth/token-issuer.js';
import { originOf } from '../demo-routes.js';
import { readBody, readJsonObject, isRecord } from '../http/body.js';
import { HttpError, badRequest, notFound } from '../http/errors.js';
import { sendJson } from '../http/respond.js';
import type { Router } from '../http/router.js';
import type { Directory } from './directory.js';
import { FILES_PATH, MAX_FILE_BYTES, type FileStore } from './file-store.js';
import { authenticate } from './rest-auth.js';

const MAX_FILES_PER_REQUEST = 10;

/** How fast uploads are read; a test control slows them to hold a transfer in progress (a slow link, as a phone has). */
export interface UploadPace {
  /** Bytes per second the server reads an upload at; unset means as fast as it comes. */
  bytesPerSecond?: number;
}
const MIME = /^[\w.+-]+\/[\w.+-]+$/;

/**
 * The upload flow: `POST /api/files/getuploadurl` announces files and hands out one URL each;
 * a `PUT` of exactly the announced bytes to that URL stores the file; a `GET` of it serves it.
 * Like the vendor's storage URLs, the unguessable URL is the only credential, so `<img src>` works.
 */
export function registerFileRoutes(router: Router, issuer: TokenIssuer, directory: Directory, files: FileStore, pace: UploadPace = {}): void {
  router.on('POST', '/api/files/getuploadurl', async ({ req, res }) => {
    await authenticate(req, issuer, directory);
    const body = await readJsonObject(req);
    const list = body.files;
    if (!Array.isArray(list) || list.length === 0 || list.length > MAX_FILES_PER_REQUEST) throw badRequest(`files must be an array of 1 to ${MAX_FILES_PER_REQUEST} entries`);
    const announced = list.map((entry: unknown, i) => {
      if (!isRecord(entry)) throw badRequest(`files[${i}] must be an object`);
      const type = entry['Content-Type'];
      const size = Number(entry['Content-Length']);
      if (typeof type !== 'string' || !MIME.test(type)) throw badRequest(`files[${i}]["Content-Type"] must be a MIME type such as image/png`);
      if (!Number.isInteger(size) || size < 1) throw badRequest(`files[${i}]["Content-Length"] must be a positive whole number of bytes`);
      if (size > MAX_FILE_BYTES) throw new HttpError(413, 'Payload Too Large', `files may be at most ${MAX_FILE_BYTES} bytes`);
      return { type: type.toLowerCase(), size };
    });
    const origin = originOf(req);
    const data = announced.map(({ type, size }) => {
      const file = files.announce(type, size, origin);
      return { url: `${origin}${FILES_PATH}/${file.fileKey}`, fileKey: file.fileKey };
    });
    sendJson(res, 200, { data });
  });

  router.on('PUT', `${FILES_PATH}/:key`, async ({ req, res, params }) => {
    const file = files.get(params.key ?? '');
    if (!file) throw notFound('no upload was announced for this URL');
    if (file.uploaded) throw new HttpError(409, 'Conflict', 'this file was already uploaded');
    const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== file.contentType) throw badRequest(`Content-Type must be ${file.contentType}, as announced`);
    const bytes = pace.bytesPerSecond ? await readPaced(req, file.size, pace.bytesPerSecond) : await readBody(req, file.size);
    if (bytes.length !== file.size) throw badRequest(`received ${bytes.length} bytes but ${file.size} were announced`);
    files.store(file, bytes);
    res.writeHead(200, { etag: `"${file.fileKey}"`, 'content-length': 0 }).end();
  });

  router.on('GET', `${FILES_PATH}/:key`, ({ res, params }) => {
    const file = files.get(params.key ?? '');
    const bytes = file && files.read(file);
    if (!file || !bytes) throw notFound('no such file');
    res.writeHead(200, {
      'content-type': file.contentType,
      'content-length': bytes.length,
      'cache-control': 'private, max-age=86400, immutable',
      // Uploads are untrusted: never let an uploaded HTML or SVG file run script on this origin.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      'x-content-type-options': 'nosniff',
    });
    res.end(bytes);
  });
}

/** Reads at most `limit` bytes, pausing after each chunk so the whole arrives at `bytesPerSecond` (TCP backpressure slows the sender). */
async function readPaced(req: IncomingMessage, limit: number, bytesPerSecond: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw new HttpError(413, 'Payload Too Large', `request body exceeds ${limit} bytes`, { connection: 'close' });
      chunks.push(chunk);
      await new Promise((resolve) => setTimeout(resolve, (chunk.length / bytesPerSecond) * 1000));
    }
  } catch (error) {
    // A client that cancels mid-transfer is ordinary, not a backend failure.
    if (req.destroyed && !(error instanceof HttpError)) throw badRequest('the upload was aborted by the client');
    throw error;
  }
  return Buffer.concat(chunks);
}
