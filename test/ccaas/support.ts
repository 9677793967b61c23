// Helpers of the ccaas engine tests: demo integration settings, tokens, an in-memory storage and
// an event recorder.
import { backendUrl, fetchToken, until } from '../support/backend.js';
import type { ChatSdk } from '../../src/ccaas/index.js';
import { CHAT_EVENT_TYPES, type ChatEventMap, type ChatEventType } from '../../src/ccaas/types.js';

/** The demo integration as /demo/config describes it. */
export interface CcaasConfig {
  hostURL: string;
  integrationId: string;
  appkey: string;
}

let config: CcaasConfig | undefined;

/** The backend's ccaas integration settings. */
export async function ccaasConfig(): Promise<CcaasConfig> {
  if (!config) {
    const res = await fetch(`${await backendUrl()}/demo/config`);
    config = ((await res.json()) as { ccaas: CcaasConfig }).ccaas;
  }
  return config;
}

let counter = 0;

/** A user id no other test uses (engagements are shared per token subject). */
export function freshUser(): string {
  counter += 1;
  return `cust-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 6)}`;
}

/** Init params for a fresh (or given) customer with a vendor-style `jwt.` token. */
export async function initParams(user = freshUser(), ttlSeconds = 3600) {
  const { hostURL, integrationId, appkey } = await ccaasConfig();
  const token = await fetchToken('ccaas', user, ttlSeconds);
  return { hostURL, integrationId, appkey, token, displayName: 'Test Customer', user };
}

/** A Storage-like map, so tests do not share the page's sessionStorage. */
export class MemoryStorage {
  readonly map = new Map<string, string>();
  /** @inheritdoc */
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  /** @inheritdoc */
  setItem(key: string, value: string): void {
    this.map.set(key, value);
  }
  /** @inheritdoc */
  removeItem(key: string): void {
    this.map.delete(key);
  }
}

/** One recorded SDK event. */
export interface Recorded {
  type: ChatEventType;
  payload: unknown;
}

/** Records every event an SDK emits. */
export function record(sdk: ChatSdk): Recorded[] {
  const log: Recorded[] = [];
  for (const type of CHAT_EVENT_TYPES) sdk.on(type, (payload) => log.push({ type, payload }));
  return log;
}

/** Waits until `log` holds an event of `type` matching `match`; returns its payload. */
export async function waitForEvent<K extends ChatEventType>(log: Recorded[], type: K, match: (p: ChatEventMap[K]) => boolean = () => true, timeoutMs = 8000): Promise<ChatEventMap[K]> {
  let found: ChatEventMap[K] | undefined;
  await until(
    () => {
      const hit = log.find((e) => e.type === type && match(e.payload as ChatEventMap[K]));
      found = hit?.payload as ChatEventMap[K] | undefined;
      return hit !== undefined;
    },
    type,
    timeoutMs,
  );
  return found as ChatEventMap[K];
}

/** Types of the recorded events, in order. */
export const typesOf = (log: Recorded[]) => log.map((e) => e.type);

/** The token with its signature spoiled: it still decodes (so the SDK accepts it) but the platform answers 403. */
export function spoiled(token: string): string {
  const cut = token.lastIndexOf('.') + 1;
  const signature = token.slice(cut);
  const middle = Math.floor(signature.length / 2);
  return `${token.slice(0, cut)}${signature.slice(0, middle)}${signature[middle] === 'A' ? 'B' : 'A'}${signature.slice(middle + 1)}`;
}

/** One events poll as a recording fetch saw it: the token it carried and the status it got. */
export interface SeenPoll {
  token: string;
  status: number;
}

/** A fetch that records every events poll (once answered) and passes everything through. */
export function recordingPolls(): { fetch: typeof fetch; polls: SeenPoll[] } {
  const polls: SeenPoll[] = [];
  const recording: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (String(input).includes('/events')) {
      const auth = new Headers(init?.headers).get('authorization') ?? '';
      polls.push({ token: auth.replace(/^Bearer\s+/i, ''), status: response.status });
    }
    return response;
  };
  return { fetch: recording, polls };
}

/** The chat API as the page's own backend would call it: `GET /sessions/{sid}` for `user`. */
export async function platformSession(user: string, sessionId: string): Promise<{ status: number; body: Record<string, unknown> | undefined }> {
  const { hostURL, integrationId, appkey } = await ccaasConfig();
  const res = await fetch(`${hostURL}/sdk/digital/chat/v1/integrations/${integrationId}/sessions/${encodeURIComponent(sessionId)}`, {
    headers: { authorization: `Bearer ${await fetchToken('ccaas', user)}`, appkey },
  });
  return { status: res.status, body: res.ok ? ((await res.json()) as Record<string, unknown>) : undefined };
}
