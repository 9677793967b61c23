// Shared pieces of the PubSub client and element tests: the demo account, a host-side session
// provider that calls /auth with Basic credentials (as a host backend would), and unique queues
// (Chromium and Firefox run at the same time against one backend).
import { backendCommand, backendUrl } from '../support/backend.js';
import type { PubSubEnvelope, SessionReason } from '../../src/pubsub/types.js';

/** The demo account of the embedded backend. */
export const ACCOUNT = 'AC948550ad81934a1a9bcd33b689c0c236';
const AUTH_TOKEN = 'demo-auth-token-5c2e9a';
/** A second account, for 403s. */
export const OTHER_ACCOUNT = 'AC0000000000000000000000000000beef';
const OTHER_AUTH_TOKEN = 'other-auth-token-13f7';

/** `{backend}/pubsub`: the service base URL. */
export async function pubsubBase(): Promise<string> {
  return `${await backendUrl()}/pubsub`;
}

/** A session provider that records its calls and the sessions it handed out. */
export interface RecordingProvider {
  (request: { service: string; reason: SessionReason }): Promise<string>;
  reasons: SessionReason[];
  services: string[];
  sessions: string[];
}

/** What a host backend does: POST /auth with HTTP Basic AccountSid:AuthToken, return the raw token. */
export function hostProvider(account: 'demo' | 'other' = 'demo'): RecordingProvider {
  const [sid, secret] = account === 'demo' ? [ACCOUNT, AUTH_TOKEN] : [OTHER_ACCOUNT, OTHER_AUTH_TOKEN];
  const provider = (async (request) => {
    provider.reasons.push(request.reason);
    provider.services.push(request.service);
    const res = await fetch(`${await pubsubBase()}/auth`, { headers: { authorization: `Basic ${btoa(`${sid}:${secret}`)}` } });
    if (!res.ok) throw new Error(`auth answered ${res.status}`);
    const session = (await res.text()).trim();
    provider.sessions.push(session);
    return session;
  }) as RecordingProvider;
  provider.reasons = [];
  provider.services = [];
  provider.sessions = [];
  return provider;
}

/** A queue path no other test (or browser) uses. */
export function uniqueQueue(name: string): string {
  return `test/${name}/${Math.random().toString(36).slice(2, 10)}`;
}

/** Publishes through the backend's test control, as the platform would. */
export function publishOnBackend(queue: string, params: Record<string, string>, accountSid = ACCOUNT): Promise<PubSubEnvelope> {
  return backendCommand<PubSubEnvelope>('pubsub', 'publish', { accountSid, queue, params });
}

/** Undelivered events of a queue. */
export function queueDepth(queue: string, accountSid = ACCOUNT): Promise<number> {
  return backendCommand<number>('pubsub', 'queueDepth', { accountSid, queue });
}

/** Polls the backend holds open on a queue right now: a positive signal to wait on instead of sleeping. */
export function openPolls(queue: string, accountSid = ACCOUNT): Promise<number> {
  return backendCommand<number>('pubsub', 'openPolls', { accountSid, queue });
}

/** Resolves once the backend holds exactly `count` polls open on `queue`. */
export async function untilOpenPolls(queue: string, count: number, timeoutMs = 8000): Promise<void> {
  const started = performance.now();
  while ((await openPolls(queue)) !== count) {
    if (performance.now() - started > timeoutMs) throw new Error(`timed out waiting for ${count} open poll(s) on ${queue}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A well-formed envelope, for injected responses. */
export function envelope(queue: string, params: Record<string, string>, created = new Date().toISOString()): PubSubEnvelope {
  return { Hostname: 'test', AccountSid: ACCOUNT, Url: `/${ACCOUNT}/${queue}`, FormParams: params, Created: created };
}

/** A streamed response whose body the test writes piece by piece. */
export interface ControlledResponse {
  response: Response;
  write(text: string): void;
  close(): void;
  /** Times the reader asked for more: it rises once the reader has taken all that was written. */
  readonly pulls: number;
}

/** A streamed response whose body the test writes piece by piece, and which tells when the reader has consumed it. */
export function controlledResponse(status = 200): ControlledResponse {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let pulls = 0;
  // No queue (high-water mark 0): `pull` runs only when the reader is waiting for more.
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c), pull: () => void (pulls += 1) }, { highWaterMark: 0 });
  const encoder = new TextEncoder();
  return {
    response: new Response(body, { status, headers: { 'content-type': 'application/json' } }),
    write: (text) => controller.enqueue(encoder.encode(text)),
    close: () => controller.close(),
    get pulls() {
      return pulls;
    },
  };
}

/** A fetch that answers GETs from a list of scripted responses (the last repeats, kept open) and records requests. */
export function scriptedFetch(script: ((init?: RequestInit) => Response | Promise<Response>)[]): typeof fetch & { requests: { url: string; init?: RequestInit }[] } {
  let index = 0;
  const fake = (async (input: RequestInfo | URL, init?: RequestInit) => {
    fake.requests.push({ url: String(input), ...(init ? { init } : {}) });
    const step = script[Math.min(index, script.length - 1)]!;
    index += 1;
    const signal = init?.signal;
    if (signal?.aborted) throw signal.reason;
    return step(init);
  }) as typeof fetch & { requests: { url: string; init?: RequestInit }[] };
  fake.requests = [];
  return fake;
}

/** A response that never ends until its request is aborted (a held long-poll). */
export function hangingResponse(signal: AbortSignal | null | undefined): Promise<Response> {
  return new Promise((_resolve, reject) => {
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/** A fetch whose poll bodies are held back: `arrived` is what the service sent, the page gets it after `release()`. */
export interface HoldingFetch {
  fetch: typeof fetch;
  /** Text of the held poll bodies read from the network so far. */
  arrived: string;
  /** Passes everything held, and all that follows, on to the page. */
  release(): void;
}

/**
 * Wraps `base` so that the bodies of GET polls on `queue` are read from the network at once but
 * reach the caller only after `release()`: bytes the service has sent, and so removed from its
 * queue, that are still on their way to the page.
 */
export function holdingFetch(base: typeof fetch, queue: string): HoldingFetch {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const gate: HoldingFetch = { fetch: base, arrived: '', release };
  gate.fetch = async (input, init) => {
    const response = await base(input, init);
    if (!String(input).includes(queue) || (init?.method ?? 'GET') !== 'GET' || !response.body) return response;
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const pass = (step: () => void) =>
          void released.then(() => {
            try {
              step();
            } catch {
              // The caller cancelled the body meanwhile.
            }
          });
        void (async () => {
          try {
            for (;;) {
              const { done, value } = await reader.read();
              if (done) return pass(() => controller.close());
              gate.arrived += decoder.decode(value, { stream: true });
              pass(() => controller.enqueue(value));
            }
          } catch (error) {
            pass(() => controller.error(error));
          }
        })();
      },
      cancel: (reason) => reader.cancel(reason),
    });
    return new Response(body, { status: response.status, headers: response.headers });
  };
  return gate;
}
