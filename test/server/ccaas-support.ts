// Shared helpers of the ccaas node tests: a tiny wire client for the emulated digital chat API.
import assert from 'node:assert/strict';
import type { Backend } from '../../demo/server/backend.js';
import { DEMO_CCAAS } from '../../demo/server/demo-data.js';

/** A server event as the tests read it. */
export interface WireEvent {
  eventId: string;
  eventType: string;
  engagementId: string;
  dialogId: string;
  sessionId: string;
  eventDate: string;
  participant?: { participantId: string; participantType: string; displayName: string };
  message?: WireMessage;
}

/** A message as the tests read it. */
export interface WireMessage {
  messageId: string;
  engagementId: string;
  dialogId: string;
  body: { elementType: string; elementText: { text: string; textFormat: string } };
  senderParticipant: { participantId: string; participantType: string; displayName: string };
  receivedAt: string;
  lastUpdatedAt: string;
  messageIndex: number;
  parentMessageId?: string;
}

/** Mints a ccaas token for `user` from the backend's demo endpoint. */
export async function mintToken(backend: Backend, user: string, ttl = 3600): Promise<string> {
  const res = await fetch(`${backend.url}/demo/token?service=ccaas&user=${encodeURIComponent(user)}&ttl=${ttl}`);
  assert.equal(res.status, 200);
  return res.text();
}

/** Calls the chat API as one token holder. */
export class ChatClient {
  constructor(
    readonly backend: Backend,
    public token: string,
    readonly integrationId = DEMO_CCAAS.integrationId,
    /** null sends no appkey header. */
    readonly appkey: string | null = DEMO_CCAAS.appkey,
  ) {}

  /** Base URL of the integration. */
  get base(): string {
    return `${this.backend.url}/sdk/digital/chat/v1/integrations/${this.integrationId}`;
  }

  /** A raw call; `body` strings are sent as-is, objects as JSON. */
  call(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    if (this.appkey !== null) headers.appkey = this.appkey;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    return fetch(`${this.base}${path}`, { method, headers, body: payload, signal });
  }

  /** A call that must answer `status`; returns the parsed body. */
  async expect<T = Record<string, unknown>>(status: number, method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.call(method, path, body);
    const text = await res.text();
    assert.equal(res.status, status, `${method} ${path} answered ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Opens a session. */
  async createSession(displayName = 'Dana', sessionParameters: Record<string, string> = {}): Promise<{ sessionId: string; engagements: unknown[] }> {
    return this.expect(201, 'POST', '/sessions', { displayName, clientType: 'web', sessionParameters });
  }

  /** Starts an engagement. */
  async createEngagement(sessionId: string, engagementParameters: Record<string, string> = {}): Promise<{ engagementId: string; dialogId: string; engagementStatus: string; participants: { participantType: string; displayName: string }[] }> {
    return this.expect(201, 'POST', '/engagements', { sessionId, engagementParameters });
  }

  /** Sends a customer message. */
  async send(sessionId: string, engagement: { engagementId: string; dialogId: string }, text: string, textFormat = 'PLAINTEXT'): Promise<WireMessage> {
    return this.expect(201, 'POST', `/engagements/${engagement.engagementId}/messages`, {
      sessionId,
      dialogId: engagement.dialogId,
      parentMessageId: null,
      body: { elementType: 'TEXT', elementText: { text, textFormat } },
    });
  }

  /** One events poll. */
  async poll(sessionId: string, lastEventId?: string, signal?: AbortSignal): Promise<WireEvent[]> {
    const query = lastEventId ? `?lastEventId=${lastEventId}` : '';
    const res = await this.call('GET', `/sessions/${sessionId}/events${query}`, undefined, signal);
    assert.equal(res.status, 200, await res.clone().text());
    return (await res.json()) as WireEvent[];
  }

  /** Polls (from `after`) until `done` holds for the events gathered, failing after `timeoutMs`. */
  async eventsUntil(sessionId: string, done: (events: WireEvent[]) => boolean, after?: string, timeoutMs = 5000): Promise<WireEvent[]> {
    const gathered: WireEvent[] = [];
    let last = after;
    const deadline = Date.now() + timeoutMs;
    while (!done(gathered)) {
      assert.ok(Date.now() < deadline, `timed out; events so far: ${gathered.map((e) => e.eventType).join(', ')}`);
      const batch = await this.poll(sessionId, last);
      gathered.push(...batch);
      last = batch.at(-1)?.eventId ?? last;
    }
    return gathered;
  }
}

/** A shorthand for "the event list has an event of this type (and participant type)". */
export function hasEvent(events: WireEvent[], eventType: string, participantType?: string): boolean {
  return events.some((e) => e.eventType === eventType && (!participantType || (e.participant ?? e.message?.senderParticipant)?.participantType === participantType));
}
