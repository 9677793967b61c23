import { randomUUID } from 'node:crypto';
import { EventLog } from '../store/event-log.js';
import type { PubSubEnvelope, QueuedEvent } from './wire.js';

/** The real service keeps undelivered messages for up to 7 days. */
export const RETENTION_MS = 7 * 24 * 3_600_000;

/** A subscriber stays subscribed this long after its last poll ended, so events published between its polls wait for it. */
export const SUBSCRIBER_IDLE_MS = 60_000;

/** What the hub persists: a publish, or the first delivery (or drop) of an event. */
type QueueRecord = { type: 'publish'; event: QueuedEvent } | { type: 'remove'; id: string };

/** Called when the subscriber a poll reads for may have events to take. */
export type QueueWaiter = () => void;

/** One poll's hold on its subscriber's pending events. */
export interface Subscription {
  /** Removes and returns the subscriber's oldest pending event; call it only when the event is about to be written out. */
  take(): QueuedEvent | undefined;
  /** The poll has ended: the subscriber stays subscribed for SUBSCRIBER_IDLE_MS more. */
  end(): void;
}

/** An event and who still has to receive it. */
interface Held {
  event: QueuedEvent;
  /** Subscribers whose pending list holds it. */
  holders: number;
  /** Written to at least one subscriber (the log then forgets it). */
  delivered: boolean;
  /** Publish order (timestamps can tie). */
  seq: number;
}

/** A session reading a queue, with the events published for it that it has not received yet. */
interface Subscriber {
  pending: Held[];
  /** Its polls in flight. */
  polls: Set<QueueWaiter>;
  /** When its last poll ended (or began). */
  lastSeen: number;
}

interface Queue {
  /** Unclaimed events: published while nobody subscribed; the next poll of any subscriber takes them all. */
  backlog: Held[];
  subscribers: Map<string, Subscriber>;
}

/** Options of a hub. */
export interface QueueHubOptions {
  /** Time source (tests move it); Date.now by default. */
  now?: () => number;
}

/**
 * All queues. A queue fans out: each event published goes once to every subscriber of the queue
 * (a session that polls it, until it has not polled for SUBSCRIBER_IDLE_MS). With no subscriber
 * the event waits in the queue's backlog (7 days) and goes to the first subscriber that polls.
 * An event nobody has received yet is still unclaimed: a subscriber that arrives gets it too, so
 * a session that stopped polling a minute ago cannot keep it from a new one (seed 004's scripts
 * each open a session). What a lapsed subscriber leaves undelivered to anyone returns to the backlog.
 * Persisted: every event not yet delivered to anyone, so a restart keeps the unclaimed backlog.
 */
export class QueueHub {
  readonly #queues = new Map<string, Queue>();
  readonly #log: EventLog<QueueRecord>;
  readonly #now: () => number;
  #seq = 0;

  constructor(dataDir: string | undefined, options: QueueHubOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#log = new EventLog<QueueRecord>(dataDir, 'pubsub-queues');
    const pending = new Map<string, QueuedEvent>();
    for (const record of this.#log.records) {
      if (record.type === 'publish') pending.set(record.event.id, record.event);
      else pending.delete(record.id);
    }
    // Subscriptions do not survive a restart: whatever nobody received is unclaimed again.
    for (const event of pending.values()) this.#queueOf(event.queue).backlog.push(this.#hold(event));
    this.pruneExpired();
  }

  /** Adds an event for every current subscriber of its queue (or to its backlog) and wakes their polls. */
  publish(queue: string, envelope: PubSubEnvelope, extra: { xml?: string; generated?: boolean } = {}): QueuedEvent {
    const event: QueuedEvent = {
      id: randomUUID(),
      queue,
      envelope,
      ...(extra.xml === undefined ? {} : { xml: extra.xml }),
      generated: extra.generated ?? false,
      publishedAt: this.#now(),
    };
    this.#log.append({ type: 'publish', event });
    const state = this.#queueOf(queue);
    this.#lapseIdle(state);
    const held = this.#hold(event);
    if (state.subscribers.size === 0) state.backlog.push(held);
    for (const subscriber of state.subscribers.values()) {
      subscriber.pending.push(held);
      held.holders += 1;
      wake(subscriber);
    }
    return event;
  }

  /**
   * Starts a poll of `subscriberId` (a session) on `queue`: subscribes it if it was not, hands it
   * the backlog, and calls `waiter` whenever events for it may be ready until `end()`.
   */
  subscribe(queue: string, subscriberId: string, waiter: QueueWaiter): Subscription {
    const state = this.#queueOf(queue);
    this.#lapseIdle(state);
    let subscriber = state.subscribers.get(subscriberId);
    if (!subscriber) {
      subscriber = { pending: this.#unclaimed(state), polls: new Set(), lastSeen: this.#now() };
      for (const held of subscriber.pending) held.holders += 1;
      state.backlog = [];
      state.subscribers.set(subscriberId, subscriber);
    }
    const self = subscriber;
    self.polls.add(waiter);
    // Not woken here: the caller looks at the pending events itself once it holds the subscription.
    this.#claimBacklog(state, self);
    return {
      take: () => {
        const held = self.pending.shift();
        if (!held) return undefined;
        held.holders -= 1;
        if (!held.delivered) {
          held.delivered = true;
          this.#log.append({ type: 'remove', id: held.event.id });
        }
        return held.event;
      },
      end: () => {
        if (!self.polls.delete(waiter)) return;
        self.lastSeen = this.#now();
      },
    };
  }

  /** How many events of a queue no subscriber has received yet (its backlog and what waits for subscribers). */
  depth(queue: string): number {
    const state = this.#queues.get(queue);
    if (!state) return 0;
    this.#lapseIdle(state);
    return this.#unclaimed(state).length;
  }

  /** Sessions currently subscribed to a queue. */
  subscriberCount(queue: string): number {
    const state = this.#queues.get(queue);
    if (!state) return 0;
    this.#lapseIdle(state);
    return state.subscribers.size;
  }

  /** Polls held open on a queue right now, over all its subscribers. */
  openPolls(queue: string): number {
    let open = 0;
    for (const subscriber of this.#queues.get(queue)?.subscribers.values() ?? []) open += subscriber.polls.size;
    return open;
  }

  /** Drops the oldest generated events of a queue's backlog beyond `keep`, so an unwatched demo stays bounded. */
  trimGenerated(queue: string, keep: number): void {
    const state = this.#queues.get(queue);
    if (!state) return;
    let excess = state.backlog.filter((held) => held.event.generated).length - keep;
    state.backlog = state.backlog.filter((held) => {
      if (excess <= 0 || !held.event.generated) return true;
      excess -= 1;
      this.#log.append({ type: 'remove', id: held.event.id });
      return false;
    });
  }

  /** Drops events older than the retention period, and subscribers that stopped polling. */
  pruneExpired(now = this.#now()): void {
    const fresh = (held: Held) => {
      if (now - held.event.publishedAt < RETENTION_MS) return true;
      if (!held.delivered) {
        held.delivered = true;
        this.#log.append({ type: 'remove', id: held.event.id });
      }
      return false;
    };
    for (const [key, state] of this.#queues) {
      this.#lapseIdle(state);
      state.backlog = state.backlog.filter(fresh);
      for (const subscriber of state.subscribers.values()) subscriber.pending = subscriber.pending.filter(fresh);
      if (state.backlog.length === 0 && state.subscribers.size === 0) this.#queues.delete(key);
    }
  }

  #queueOf(queue: string): Queue {
    let state = this.#queues.get(queue);
    if (!state) this.#queues.set(queue, (state = { backlog: [], subscribers: new Map() }));
    return state;
  }

  /** The backlog and every event waiting for a subscriber that nobody has received, in publish order. */
  #unclaimed(state: Queue): Held[] {
    const waiting = new Set(state.backlog);
    for (const subscriber of state.subscribers.values()) {
      for (const held of subscriber.pending) if (!held.delivered) waiting.add(held);
    }
    return [...waiting].sort(inPublishOrder);
  }

  #hold(event: QueuedEvent): Held {
    return { event, holders: 0, delivered: false, seq: this.#seq++ };
  }

  /** Moves the whole backlog to one subscriber; true when there was any. */
  #claimBacklog(state: Queue, subscriber: Subscriber): boolean {
    if (state.backlog.length === 0) return false;
    for (const held of state.backlog) held.holders += 1;
    subscriber.pending.push(...state.backlog);
    subscriber.pending.sort(inPublishOrder);
    state.backlog = [];
    return true;
  }

  // Lazily, on every use of a queue: no timer per subscriber, and time-travelling tests stay exact.
  #lapseIdle(state: Queue): void {
    const now = this.#now();
    let returned = false;
    for (const [id, subscriber] of state.subscribers) {
      if (subscriber.polls.size > 0 || now - subscriber.lastSeen < SUBSCRIBER_IDLE_MS) continue;
      state.subscribers.delete(id);
      for (const held of subscriber.pending) {
        held.holders -= 1;
        // Nobody else holds it and nobody got it: it is unclaimed again rather than lost.
        if (held.holders === 0 && !held.delivered) {
          state.backlog.push(held);
          returned = true;
        }
      }
    }
    if (!returned) return;
    state.backlog.sort(inPublishOrder);
    const polling = [...state.subscribers.values()].find((subscriber) => subscriber.polls.size > 0);
    if (polling && this.#claimBacklog(state, polling)) wake(polling);
  }
}

const inPublishOrder = (a: Held, b: Held) => a.seq - b.seq;

function wake(subscriber: Subscriber): void {
  for (const waiter of [...subscriber.polls]) waiter();
}
