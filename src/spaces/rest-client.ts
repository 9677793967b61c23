import { byCreated } from './timeline.js';
import type { HistoryPage, MessageCategory, OutgoingContent, SpaceInfo, SpacesMessage, SpacesUser } from './types.js';
import { isRecord, parseMembers, parseMessage, parseMessageList, parseSpaceInfo, parseUser, warnDropped } from './validate.js';

/** Largest REST body read (a history page of 50 messages is far below it). */
export const MAX_REST_BODY_CHARS = 4 * 1024 * 1024;

/** Largest history page the server gives. */
export const MAX_PAGE_SIZE = 50;

/** Most messages one catch-up fetches; past it the result says it is incomplete (never silently). */
export const MAX_CATCH_UP = 1000;

const PATH_OF: Record<MessageCategory, string> = { chat: 'chats', idea: 'ideas', task: 'tasks' };

/** A REST call that failed; `status` 0 means the network failed. */
export class SpacesRestError extends Error {
  override readonly name = 'SpacesRestError';

  constructor(
    /** HTTP status, or 0 for a network failure. */
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Where tokens come from: the current one, and a fresh one after the server rejected it. */
export interface TokenSource {
  /** The token to send now. */
  token(): Promise<string>;
  /** Called after a 401: returns a new token to retry once with. */
  rejected(): Promise<string>;
}

/** Options of the REST client. */
export interface RestClientOptions {
  /** Base URL such as `https://spacesapis.avayacloud.com/api`. */
  apiUrl: string;
  /** `jwt` sends `Authorization: jwt <token>`, `oauth` sends `bearer <token>`. */
  tokenType: 'jwt' | 'oauth';
  /** Where tokens come from. */
  tokens: TokenSource;
  /** The `fetch` to use (the page's by default). */
  fetch?: typeof fetch;
}

/** What a catch-up found. */
export interface CatchUpResult {
  /** The messages, oldest first. */
  messages: SpacesMessage[];
  /** False when the cap was reached before the server's last page: more messages may be missing. */
  complete: boolean;
}

/** Progress of a file upload. */
export interface UploadProgress {
  /** Bytes sent so far. */
  loaded: number;
  /** Bytes in all. */
  total: number;
}

/** The Spaces REST API calls the widget needs, each validating what comes back. */
export class SpacesRestClient {
  readonly #base: string;
  readonly #scheme: string;
  readonly #tokens: TokenSource;
  readonly #fetch: typeof fetch;

  constructor(options: RestClientOptions) {
    this.#base = options.apiUrl.replace(/\/+$/, '');
    this.#scheme = options.tokenType === 'oauth' ? 'bearer' : 'jwt';
    this.#tokens = options.tokens;
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /** The signed-in user (`GET /users/me`). */
  async me(): Promise<SpacesUser> {
    const user = parseUser(await this.#json('GET', '/users/me'));
    if (!user) throw new SpacesRestError(200, 'users/me returned no user');
    return user;
  }

  /** A space's title and description (`GET /spaces/{id}`). */
  async space(spaceId: string, password?: string): Promise<SpaceInfo | undefined> {
    return parseSpaceInfo(await this.#json('GET', `/spaces/${enc(spaceId)}`, undefined, password));
  }

  /** Members of a space. */
  async members(spaceId: string, password?: string): Promise<SpacesUser[]> {
    return parseMembers(await this.#json('GET', `/spaces/${enc(spaceId)}/members`, undefined, password));
  }

  /**
   * One page of history older than `before` (ms), returned oldest first. Without `before` the
   * server's newest page: no `refTime` is sent, so a page clock behind or ahead of the server's
   * cannot hide the newest messages.
   */
  async history(spaceId: string, before: number | undefined, size = MAX_PAGE_SIZE, password?: string): Promise<HistoryPage> {
    const pageSize = Math.min(size, MAX_PAGE_SIZE);
    const query = new URLSearchParams({ ...(before !== undefined ? { refTime: String(before) } : {}), direction: 'before', size: String(pageSize) });
    const body = await this.#json('GET', `/spaces/${enc(spaceId)}/messages/query?${query}`, undefined, password);
    const page = parseMessageList(body, 'history');
    const messages = page.messages.filter((m) => m.topicId === spaceId).sort(byCreated);
    return { messages, more: page.nextPageUrl !== 'end' && page.raw >= pageSize };
  }

  /**
   * Every message of `spaceIds` newer than `after` (ms), oldest first, following the server's
   * `nextPageUrl` until it says "end" (or, when it gives none, continuing after the newest message
   * seen). Stops at `limit` messages and then says the result is incomplete.
   */
  async since(spaceIds: string[], after: number, limit = MAX_CATCH_UP): Promise<CatchUpResult> {
    const out: SpacesMessage[] = [];
    const pageOf = (time: number) => `/users/me/messages?${new URLSearchParams({ spacelist: spaceIds.join(','), after: String(time), size: String(MAX_PAGE_SIZE) })}`;
    let path: string | undefined = pageOf(after);
    let cursor = after;
    // A server that keeps answering with pages of other spaces must not keep us here forever.
    for (let pages = 0; path !== undefined; pages += 1) {
      if (out.length >= limit || pages >= Math.ceil(limit / MAX_PAGE_SIZE) + 1) return { messages: out, complete: false };
      const page = parseMessageList(await this.#json('GET', path), 'catch-up');
      const messages = page.messages.filter((m) => spaceIds.includes(m.topicId)).sort(byCreated);
      out.push(...messages);
      const newest = messages.at(-1)?.createdMs;
      if (page.nextPageUrl === 'end' || page.raw === 0) break;
      const next = page.nextPageUrl ? this.#ownPath(page.nextPageUrl) : undefined;
      if (next !== undefined && next !== path) path = next;
      else if (page.raw >= MAX_PAGE_SIZE && newest !== undefined && newest > cursor) path = pageOf(newest);
      else path = undefined;
      if (newest !== undefined && newest > cursor) cursor = newest;
    }
    return { messages: out, complete: true };
  }

  /** The "API Send" path: creates a chat, post or task; returns the stored message when the server gives it back. */
  async send(spaceId: string, category: MessageCategory, content: OutgoingContent, password?: string): Promise<SpacesMessage | undefined> {
    const body = await this.#json('POST', `/spaces/${enc(spaceId)}/${PATH_OF[category]}`, { content }, password);
    // undefined: #json already warned about the body.
    return body === undefined ? undefined : parseMessage(isRecord(body) && isRecord(body.data) ? body.data : body, 'send response');
  }

  /** Changes a post or task (status, due date...). */
  async update(spaceId: string, category: MessageCategory, messageId: string, content: Partial<OutgoingContent>, password?: string): Promise<void> {
    await this.#json('PATCH', `/spaces/${enc(spaceId)}/${PATH_OF[category]}/${enc(messageId)}`, { content }, password);
  }

  /** Asks where to PUT a file (`POST /files/getuploadurl`). */
  async uploadUrl(file: { type: string; size: number }): Promise<{ url: string; fileKey: string }> {
    const body = await this.#json('POST', '/files/getuploadurl', { files: [{ 'Content-Type': file.type || 'application/octet-stream', 'Content-Length': file.size }] });
    const first = isRecord(body) && Array.isArray(body.data) ? (body.data[0] as unknown) : undefined;
    if (!isRecord(first) || typeof first.url !== 'string' || typeof first.fileKey !== 'string') throw new SpacesRestError(200, 'getuploadurl returned no url');
    return { url: first.url, fileKey: first.fileKey };
  }

  /** PUTs the bytes with progress (XHR, since fetch has no upload progress everywhere); aborts with `signal`. */
  putFile(url: string, file: Blob, onProgress: (p: UploadProgress) => void, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      const onAbort = () => xhr.abort();
      xhr.open('PUT', url);
      xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
      xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
      xhr.onload = () => {
        signal.removeEventListener('abort', onAbort);
        if (xhr.status >= 200 && xhr.status < 300) resolve();
        else reject(new SpacesRestError(xhr.status, `upload failed (${xhr.status})`));
      };
      xhr.onerror = () => reject(new SpacesRestError(0, 'upload failed: network error'));
      xhr.onabort = () => reject(new DOMException('upload cancelled', 'AbortError'));
      if (signal.aborted) {
        reject(new DOMException('upload cancelled', 'AbortError'));
        return;
      }
      signal.addEventListener('abort', onAbort, { once: true });
      xhr.send(file);
    });
  }

  /** The path (below the API base) of a URL the server handed out, if it points into our API; the token never goes elsewhere. */
  #ownPath(url: string): string | undefined {
    let parsed: URL;
    let base: URL;
    try {
      base = new URL(`${this.#base}/`);
      parsed = new URL(url, base);
    } catch {
      return undefined;
    }
    if (parsed.origin !== base.origin || !parsed.pathname.startsWith(base.pathname)) return undefined;
    return `/${parsed.pathname.slice(base.pathname.length)}${parsed.search}`;
  }

  /** The parsed body (null when empty); undefined after one warning when it is unusable, so that callers do not warn again. */
  async #json(method: string, path: string, body?: unknown, password?: string): Promise<unknown> {
    let res = await this.#request(method, path, await this.#tokens.token(), body, password);
    if (res.status === 401) res = await this.#request(method, path, await this.#tokens.rejected(), body, password);
    const text = await res.text();
    if (!res.ok) throw new SpacesRestError(res.status, problemText(text) ?? `${method} ${path} failed (${res.status})`);
    const what = `${method} ${path.split('?')[0]} response`;
    if (text.length > MAX_REST_BODY_CHARS) return warnDropped(what, `larger than ${MAX_REST_BODY_CHARS} characters`);
    // An empty body is null: a caller that needed one still warns about it.
    if (text === '') return null;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return warnDropped(what, 'not JSON');
    }
  }

  async #request(method: string, path: string, token: string, body: unknown, password: string | undefined): Promise<Response> {
    const headers: Record<string, string> = { Authorization: `${this.#scheme} ${token}`, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (password) headers['spaces-x-space-password'] = password;
    try {
      return await this.#fetch(`${this.#base}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    } catch (error) {
      throw new SpacesRestError(0, `network error: ${(error as Error).message}`);
    }
  }
}

function enc(part: string): string {
  return encodeURIComponent(part);
}

function problemText(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as unknown;
    if (isRecord(body)) return String(body.detail ?? body.title ?? body.message ?? '') || undefined;
  } catch {
    return undefined;
  }
  return undefined;
}
