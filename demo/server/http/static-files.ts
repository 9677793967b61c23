import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/**
 * Serves a file under `root` for a URL path, refusing anything that escapes it or names a
 * folder listed in `hidden`. Returns false when there is no such file.
 */
export async function serveStatic(res: ServerResponse, root: string, urlPath: string, hidden: string[] = []): Promise<boolean> {
  let relative = normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, '');
  if (relative === '' || relative.endsWith(sep)) relative = join(relative, 'index.html');
  if (relative.split(sep).some((part) => part === '..' || hidden.includes(part))) return false;
  let file = join(root, relative);
  let info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) {
    file = join(file, 'index.html');
    info = await stat(file).catch(() => undefined);
  }
  if (!info?.isFile()) return false;
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
    'cache-control': 'no-cache',
  });
  createReadStream(file).pipe(res);
  return true;
}
