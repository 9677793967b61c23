import type { IncomingMessage, ServerResponse } from 'node:http';
import type { QueueHub } from './queue-hub.js';
import type { QueuedEvent } from './wire.js';

/** Most events one poll response carries, as the real service documents. */
export const MAX_EVENTS_PER_RESPONSE = 10;

/** How long a response stays open after its first event to stream more that arrive meanwhile. */
export const GATHER_WINDOW_MS = 250;

/** What a subscriber's long-poll needs. */
export interface LongPollRequest {
  req: IncomingMessage;
  res: ServerResponse;
  hub: QueueHub;
  queue: string;
  /** Who is polling: the session, so each session is one subscriber of the queue. */
  subscriberId: string;
  timeoutMs: number;
  /** How long the response stays open after its first event (GATHER_WINDOW_MS unless a test control set another). */
  gatherWindowMs?: number;
}

const STREAM_HEADERS = { 'content-type': 'application/json', 'cache-control': 'no-cache' };

/**
 * Holds a subscriber's request until events are pending for it or the timeout passes, then
 * streams a JSON list: `[` first, each event as it is taken, `]` when 10 were sent or the
 * gathering window after the first closes. An event leaves the subscriber's pending list only at
 * the moment it is written to this response, so a client that goes away loses nothing it was not sent.
 */
export function streamEvents({ req, res, hub, queue, subscriberId, timeoutMs, gatherWindowMs = GATHER_WINDOW_MS }: LongPollRequest): Promise<void> {
  return new Promise((resolve) => {
    let sent = 0;
    let finished = false;
    let gatherTimer: NodeJS.Timeout | undefined;
    const gone = () => res.destroyed || res.writableEnded || req.socket.destroyed;

    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timeoutTimer);
      clearTimeout(gatherTimer);
      subscription.end();
      if (!gone()) {
        if (sent === 0) res.writeHead(200, STREAM_HEADERS).end('[]\n');
        else res.end('\n]\n');
      }
      resolve();
    };

    const write = (event: QueuedEvent) => {
      if (sent === 0) {
        res.socket?.setNoDelay(true);
        res.writeHead(200, STREAM_HEADERS);
        res.write('[\n');
      } else {
        res.write(',\n');
      }
      res.write(JSON.stringify(event.envelope));
      sent += 1;
    };

    const drain = () => {
      if (finished) return;
      if (gone()) {
        finish();
        return;
      }
      while (sent < MAX_EVENTS_PER_RESPONSE) {
        const event = subscription.take();
        if (!event) break;
        write(event);
      }
      if (sent >= MAX_EVENTS_PER_RESPONSE) finish();
      else if (sent > 0 && !gatherTimer) gatherTimer = setTimeout(finish, gatherWindowMs);
    };

    const subscription = hub.subscribe(queue, subscriberId, drain);
    const timeoutTimer = setTimeout(finish, timeoutMs);
    res.on('close', finish);
    drain();
  });
}
