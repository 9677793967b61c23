import { sleep } from './clock.js';
import type { JsonArrayStream } from './json-array-stream.js';
import { PollError, kindOfStatus } from './poll-error.js';
import { PollLoop, type PollLoopOptions } from './poll-loop.js';

export { PollError, type PollFailureKind } from './poll-error.js';
export { JsonArrayStream, JsonArrayStreamError } from './json-array-stream.js';
// The names `LongPoll` users have always imported.
export type { PollLoopEvents as LongPollEvents, PollLoopState as LongPollState, PollRequest } from './poll-loop.js';

/** Settings of a `LongPoll`. */
export interface LongPollOptions<E> extends PollLoopOptions<E> {
  /** The cursor an event moves the stream to (sent back on the next request). */
  cursorOf?: (event: E) => string | undefined;
  /** Deliver each element as its bytes arrive (default true); false reads the whole body first. */
  streaming?: boolean;
  /** Wait between successful polls, in ms (default 0). */
  minIntervalMs?: number;
}

/** Error bodies are read only this far: enough for a problem document, bounded against hostile servers. */
const PROBLEM_LIMIT = 16_384;

/**
 * An HTTP long-poll loop over an endpoint that answers with JSON arrays of events (`PollLoop`),
 * resuming from a cursor, with `pollNow()`, an optional wait between polls, whole-body reads,
 * and the RFC 7807 detail of a refusal in its error message.
 */
export class LongPoll<E> extends PollLoop<E> {
  /** Where the next poll resumes (the last event's cursor); may be set before `start()`. */
  cursor: string | undefined;
  readonly #streaming: boolean;
  readonly #minIntervalMs: number;

  constructor(options: LongPollOptions<E>) {
    super(options);
    this.#streaming = options.streaming ?? true;
    this.#minIntervalMs = options.minIntervalMs ?? 0;
    const { cursorOf } = options;
    // The first listener: the cursor has moved before anyone else hears of the event.
    if (cursorOf) {
      this.on('event', ({ detail }) => {
        const cursor = cursorOf(detail);
        if (cursor !== undefined) this.cursor = cursor;
      });
    }
  }

  /** Polls at once: skips a backoff or interval wait, resumes a pause, starts an idle loop. */
  pollNow(): void {
    if (this.state === 'paused') this.resume();
    else if (this.state === 'idle' || this.state === 'stopped') this.start();
    else this.wake();
  }

  protected override cursorForRequest(): string | undefined {
    return this.cursor;
  }

  protected override afterSuccess(signal: AbortSignal): Promise<void> | void {
    if (this.#minIntervalMs > 0) return this.interruptible(signal, (wake) => sleep(this.clock, this.#minIntervalMs, wake));
  }

  /** A PollError for a non-2xx response, with the RFC 7807 detail when the body carries one. */
  protected override async failureOf(response: Response): Promise<PollError> {
    let detail = '';
    try {
      const problem: unknown = JSON.parse(await readText(response, PROBLEM_LIMIT));
      if (problem && typeof problem === 'object') {
        const { detail: d, title } = problem as { detail?: unknown; title?: unknown };
        detail = typeof d === 'string' ? d : typeof title === 'string' ? title : '';
      }
    } catch {
      // Not a problem document: the status says enough.
    }
    return new PollError(kindOfStatus(response.status), `HTTP ${response.status}${detail ? `: ${detail}` : ''}`, response.status);
  }

  protected override readBody(response: Response, stream: JsonArrayStream, requestSignal: AbortSignal, runSignal: AbortSignal): Promise<void> {
    if (this.#streaming && response.body) return super.readBody(response, stream, requestSignal, runSignal);
    return readText(response).then((text) => this.deliverWhole(text, stream, requestSignal, runSignal));
  }
}

/** The body as text, read from its stream when there is one (at most `limit` characters). */
async function readText(response: Response, limit = Infinity): Promise<string> {
  if (!response.body) return (await response.text()).slice(0, limit);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    text += decoder.decode(value, { stream: true });
    if (text.length >= limit) {
      void reader.cancel().catch(() => undefined);
      return text.slice(0, limit);
    }
  }
}
