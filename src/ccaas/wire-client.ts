import { ChatSdkError, ErrorCode } from './errors.js';
import type { Message, MessageBody, WireEngagement, WireSession } from './types.js';

/** A page of an engagement's transcript as the history call returns it. */
export interface MessagesPage {
  /** The page's messages, newest first. */
  messages: Message[];
  /** Messages in the whole transcript now, when the platform says. */
  totalCount: number | undefined;
  /** The page's `links.next` (the older page), only when it is on the integration's origin and path. */
  nextUrl: string | undefined;
}

/** What the REST client needs from its owner. */
export interface WireClientOptions {
  /** `{hostURL}/sdk/digital/chat/v1/integrations/{integrationId}`. */
  baseUrl: string;
  /** Sent as the `appkey` header. */
  appkey: string;
  /** A valid token for the next request. */
  token: () => Promise<string>;
  /** The HTTP transport. */
  fetch: typeof fetch;
  /** Called (with the error message) when a call answers 404 Session not found. */
  sessionInvalid?: (message: string) => void;
}

/** The REST calls of the chat platform (protocols.md §2), errors mapped to ChatSdkError codes. */
export class WireClient {
  readonly #options: WireClientOptions;

  constructor(options: WireClientOptions) {
    this.#options = options;
  }

  /** Base URL of the integration, for the event stream. */
  get baseUrl(): string {
    return this.#options.baseUrl;
  }

  /** Headers every call carries. */
  async headers(): Promise<Record<string, string>> {
    return { authorization: `Bearer ${await this.#options.token()}`, appkey: this.#options.appkey, accept: 'application/json' };
  }

  /** POST /sessions. */
  createSession(displayName: string | undefined, sessionParameters: Record<string, string> | undefined): Promise<WireSession> {
    return this.#call('POST', '/sessions', { ...(displayName ? { displayName } : {}), clientType: 'web', sessionParameters: sessionParameters ?? {} });
  }

  /** GET /sessions/{sid}. */
  getSession(sessionId: string): Promise<WireSession> {
    return this.#call('GET', `/sessions/${encodeURIComponent(sessionId)}`);
  }

  /** DELETE /sessions/{sid}. */
  async deleteSession(sessionId: string): Promise<void> {
    await this.#call('DELETE', `/sessions/${encodeURIComponent(sessionId)}`);
  }

  /** POST /engagements. */
  createEngagement(sessionId: string, engagementParameters: Record<string, string> | undefined): Promise<WireEngagement> {
    return this.#call('POST', '/engagements', { sessionId, engagementParameters: engagementParameters ?? {} });
  }

  /** POST /engagements/{id}:join. */
  join(engagementId: string, dialogId: string, sessionId: string): Promise<WireEngagement> {
    return this.#call('POST', `/engagements/${encodeURIComponent(engagementId)}:join`, { dialogId, sessionId });
  }

  /** POST /engagements/{id}:disconnect. */
  disconnect(engagementId: string, dialogId: string, sessionId: string, reason: string | undefined): Promise<WireEngagement> {
    return this.#call('POST', `/engagements/${encodeURIComponent(engagementId)}:disconnect`, { dialogId, sessionId, ...(reason ? { reason } : {}) });
  }

  /** POST /engagements/{id}/messages. */
  sendMessage(engagementId: string, dialogId: string, sessionId: string, body: MessageBody, parentMessageId?: string): Promise<Message> {
    return this.#call('POST', `/engagements/${encodeURIComponent(engagementId)}/messages`, {
      dialogId,
      sessionId,
      ...(parentMessageId ? { parentMessageId } : {}),
      body,
    });
  }

  /** GET /engagements/{id}/messages, newest first (orderBy=DSC). */
  messages(engagementId: string, dialogId: string, sessionId: string, pageSize: number, pageNumber: number): Promise<MessagesPage> {
    const query = new URLSearchParams({ sessionId, dialogId, pageSize: String(pageSize), pageNumber: String(pageNumber), orderBy: 'DSC' });
    return this.#page(`${this.#options.baseUrl}${this.#messagesPath(engagementId)}?${query}`);
  }

  /** GET of a history page by the `links.next` URL an earlier page gave (see `MessagesPage.nextUrl`). */
  messagesAt(url: string): Promise<MessagesPage> {
    return this.#page(url);
  }

  #messagesPath(engagementId: string): string {
    return `/engagements/${encodeURIComponent(engagementId)}/messages`;
  }

  async #page(url: string): Promise<MessagesPage> {
    const raw = (await this.#request<Record<string, unknown> | undefined>('GET', url)) ?? {};
    const messages = Array.isArray(raw.messages) ? (raw.messages as Message[]) : [];
    const links = raw.links as { next?: unknown } | undefined;
    return {
      messages,
      totalCount: typeof raw.totalCount === 'number' ? raw.totalCount : undefined,
      nextUrl: typeof links?.next === 'string' ? this.#ownPageUrl(links.next, url) : undefined,
    };
  }

  /**
   * A `links.next` we are willing to follow (our token goes with it): on the integration's origin
   * and under its path, for the same engagement's messages; anything else is dropped, and the
   * iterator asks for numbered pages instead.
   */
  #ownPageUrl(next: string, current: string): string | undefined {
    try {
      const url = new URL(next, current);
      const base = new URL(this.#options.baseUrl);
      const here = new URL(current);
      if (url.origin !== base.origin || url.pathname !== here.pathname || !url.pathname.startsWith(`${base.pathname}/engagements/`)) return undefined;
      return url.href;
    } catch {
      return undefined;
    }
  }

  #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.#request(method, `${this.#options.baseUrl}${path}`, body);
  }

  async #request<T>(method: string, url: string, body?: unknown): Promise<T> {
    const path = url.slice(this.#options.baseUrl.length);
    const headers = await this.headers();
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await this.#options.fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (error) {
      throw new ChatSdkError(ErrorCode.SERVER_UNREACHABLE, `the chat service is unreachable (${error instanceof Error ? error.message : String(error)})`);
    }
    const text = await response.text();
    if (!response.ok) {
      const error = errorFromResponse(response.status, text);
      if (error.code === ErrorCode.SESSION_INVALID) this.#options.sessionInvalid?.(error.message);
      throw error;
    }
    if (text === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ChatSdkError(ErrorCode.SERVER_ERROR, `the chat service sent a response that is not JSON (${method} ${path.split('?')[0]})`, response.status);
    }
  }
}

/** Maps an RFC 7807 error response to a coded error. */
export function errorFromResponse(status: number, text: string): ChatSdkError {
  let title = '';
  let detail = '';
  try {
    const problem = JSON.parse(text) as { title?: unknown; detail?: unknown };
    title = typeof problem.title === 'string' ? problem.title : '';
    detail = typeof problem.detail === 'string' ? problem.detail : '';
  } catch {
    detail = text.slice(0, 200);
  }
  const message = `${status} ${[title, detail].filter(Boolean).join(': ')}`.trim();
  if (status === 401) return new ChatSdkError(ErrorCode.TOKEN_EXPIRED, message, status);
  if (status === 403) return new ChatSdkError(ErrorCode.TOKEN_INVALID, message, status);
  if (status === 404 && /session/i.test(title)) return new ChatSdkError(ErrorCode.SESSION_INVALID, message, status);
  if (status === 404) return new ChatSdkError(ErrorCode.NO_SUCH_ENGAGEMENT, message, status);
  if (status === 409) return new ChatSdkError(ErrorCode.ENGAGEMENT_NOT_ACTIVE, message, status);
  if (status === 400 || status === 413 || status === 422) return new ChatSdkError(ErrorCode.CONSTRAINT_VIOLATION, message, status);
  if (status >= 500) return new ChatSdkError(ErrorCode.SERVER_ERROR, message, status);
  return new ChatSdkError(ErrorCode.REQUEST_REJECTED, message, status);
}
