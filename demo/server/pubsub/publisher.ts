import type { QueueHub } from './queue-hub.js';
import { rfc3339, type PubSubEnvelope, type QueuedEvent } from './wire.js';

/** Wraps published parameters in the envelope subscribers receive and queues them. */
export class Publisher {
  constructor(readonly hub: QueueHub) {}

  /** Publishes parameters on a queue (`/<AccountSid>/<queue>`). */
  publish(queue: string, params: Record<string, string>, hostname: string, generated = false): QueuedEvent {
    return this.hub.publish(queue, envelope(queue, params, hostname), { generated });
  }

  /** Publishes a call-control XML document; a call-control poller receives it verbatim. */
  publishXml(queue: string, xml: string, hostname: string): QueuedEvent {
    return this.hub.publish(queue, envelope(queue, {}, hostname), { xml });
  }
}

// The seed's envelope takes AccountSid from the posted parameters: a publish without one shows "".
function envelope(queue: string, params: Record<string, string>, hostname: string): PubSubEnvelope {
  return { Hostname: hostname, AccountSid: params.AccountSid ?? '', Url: queue, FormParams: params, Created: rfc3339(new Date()) };
}
