import type { IncomingMessage, ServerResponse } from 'node:http';
import type { QueueHub } from './queue-hub.js';

/** What the platform's call-control request waits with. */
export interface CallControlWait {
  req: IncomingMessage;
  res: ServerResponse;
  hub: QueueHub;
  /** `/<AccountSid>/<the .xml queue>/<CallSid>`, where another process POSTs the call's XML. */
  replyQueue: string;
  callSid: string;
  timeoutMs: number;
}

/** The XML the seed says a timed-out call-control poll returns, to keep the call alive. */
export function redirectXml(callSid: string): string {
  return `<Response>\n<Redirect>/call.xml/${callSid}/</Redirect>\n</Response>`;
}

/** The platform's call-control requests are one subscriber of each call's reply queue. */
export const PLATFORM_SUBSCRIBER = 'platform:call-control';

/**
 * Answers the platform's call-control request with the first XML posted to the call's reply
 * queue, or with a Redirect back to the call when none arrives in time. The reply is taken from
 * the queue only when it is written, so a dropped request leaves it for the redirected retry
 * (the platform stays subscribed between its requests, like any subscriber).
 */
export function awaitCallXml({ req, res, hub, replyQueue, callSid, timeoutMs }: CallControlWait): Promise<void> {
  return new Promise((resolve) => {
    let finished = false;
    const gone = () => res.destroyed || res.writableEnded || req.socket.destroyed;

    const finish = (body?: { text: string; type: string }) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      subscription.end();
      if (!gone()) {
        const reply = body ?? { text: redirectXml(callSid), type: 'text/xml' };
        res.writeHead(200, { 'content-type': reply.type, 'cache-control': 'no-cache', 'content-length': Buffer.byteLength(reply.text) });
        res.end(reply.text);
      }
      resolve();
    };

    const check = () => {
      if (finished) return;
      if (gone()) {
        finish();
        return;
      }
      const event = subscription.take();
      if (!event) return;
      // A form or JSON publish on the reply queue is not call XML; hand it over as a subscriber would see it.
      finish(event.xml === undefined ? { text: `[\n${JSON.stringify(event.envelope)}\n]\n`, type: 'application/json' } : { text: event.xml, type: 'text/xml' });
    };

    const subscription = hub.subscribe(replyQueue, PLATFORM_SUBSCRIBER, check);
    const timer = setTimeout(() => finish(), timeoutMs);
    res.on('close', () => finish());
    check();
  });
}
