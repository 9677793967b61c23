import { randomUUID } from 'node:crypto';
import { EventLog } from '../store/event-log.js';
import type { PubSubEnvelope, QueuedEvent } from './wire.js';

/** The real service keeps undelivered messages for up to 7 days. */
export const RETENTION_MS = 7 * 24 * 3_600_000;

/** What the hub persists: a publish, or the removal (delivery or drop) of an event. */
type QueueRecord = { type: 'publish'; event: QueuedEvent } | { type: 'remove'; id: string };

/** Called when a queue it waits on may have events to take. */
export type QueueWaiter = () => void;

/**
 * All queues: FIFO lists of undelivered events plus the pollers waiting on each.
 * A queue is consumed: `take` removes an event, so competing subscribers each get it at most once.
 */
export class QueueHub {
  readonly #queues = new Map<string, QueuedEvent[]>();
  readonly #waiters = new Map<string, Set<QueueWaiter>>();
  readonly #log: EventLog<QueueRecord>;

  constructor(dataDir: string | undefined) {
    this.#log = new EventLog<QueueRecord>(dataDir, 'pubsub-queues');
    const pending = new Map<string, QueuedEvent>();
    for (const record of this.#log.records) {
      if (record.type === 'publish') pending.set(record.event.id, record.event);
      else pending.delete(record.id);
    }
    for (const event of pending.values()) this.#queueOf(event.queue).push(event);
    this.pruneExpired();
  }

  /** Adds an event to the end of its queue and wakes the queue's pollers. */
  publish(queue: string, envelope: PubSubEnvelope, extra: { xml?: string; generated?: boolean } = {}): QueuedEvent {
    const event: QueuedEvent = {
      id: randomUUID(),
      queue,
      envelope,
      ...(extra.xml === undefined ? {} : { xml: extra.xml }),
      generated: extra.generated ?? false,
      publishedAt: Date.now(),
    };
    this.#queueOf(queue).push(event);
    this.#log.append({ type: 'publish', event });
    this.#wake(queue);
    return event;
  }

  /** Removes and returns the oldest event of a queue; call it only when the event is about to be written out. */
  take(queue: string): QueuedEvent | undefined {
    const events = this.#queues.get(queue);
    const event = events?.shift();
    if (!event) return undefined;
    if (events?.length === 0) this.#queues.delete(queue);
    this.#log.append({ type: 'remove', id: event.id });
    return event;
  }

  /** How many events wait in a queue. */
  depth(queue: string): number {
    return this.#queues.get(queue)?.length ?? 0;
  }

  /** Registers a poller; the returned function unregisters it. */
  wait(queue: string, waiter: QueueWaiter): () => void {
    let waiters = this.#waiters.get(queue);
    if (!waiters) this.#waiters.set(queue, (waiters = new Set()));
    waiters.add(waiter);
    return () => {
      waiters.delete(waiter);
      if (waiters.size === 0 && this.#waiters.get(queue) === waiters) this.#waiters.delete(queue);
    };
  }

  /** Drops the oldest generated events of a queue beyond `keep`, so an idle demo stays bounded. */
  trimGenerated(queue: string, keep: number): void {
    const events = this.#queues.get(queue);
    if (!events) return;
    let excess = events.filter((event) => event.generated).length - keep;
    for (let i = 0; i < events.length && excess > 0; ) {
      const event = events[i];
      if (event?.generated) {
        events.splice(i, 1);
        this.#log.append({ type: 'remove', id: event.id });
        excess -= 1;
      } else {
        i += 1;
      }
    }
    if (events.length === 0) this.#queues.delete(queue);
  }

  /** Drops events older than the retention period. */
  pruneExpired(now = Date.now()): void {
    for (const [queue, events] of this.#queues) {
      const kept: QueuedEvent[] = [];
      for (const event of events) {
        if (now - event.publishedAt < RETENTION_MS) kept.push(event);
        else this.#log.append({ type: 'remove', id: event.id });
      }
      if (kept.length === 0) this.#queues.delete(queue);
      else this.#queues.set(queue, kept);
    }
  }

  #queueOf(queue: string): QueuedEvent[] {
    let events = this.#queues.get(queue);
    if (!events) this.#queues.set(queue, (events = []));
    return events;
  }

  // Pollers are woken oldest first and each takes what it can, so one event reaches one poller.
  #wake(queue: string): void {
    for (const waiter of [...(this.#waiters.get(queue) ?? [])]) {
      if (this.depth(queue) === 0) return;
      waiter();
    }
  }
}
