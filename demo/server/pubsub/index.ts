import { DEMO_PUBSUB_ACCOUNTS } from '../demo-data.js';
import { isRecord } from '../http/body.js';
import type { ServiceContext, ServiceHandle } from '../service-context.js';
import { isKnownAccount } from './credentials.js';
import { DemoEventSource, MAX_GENERATED_PER_QUEUE } from './demo-generator.js';
import { GATHER_WINDOW_MS } from './long-poll.js';
import { Publisher } from './publisher.js';
import { QueueHub } from './queue-hub.js';
import { queueKey, registerPubSubRoutes } from './routes.js';
import { SessionStore } from './sessions.js';

/** Longest a poll is held unless a test lowers it. */
const POLL_CAP_MS = 60_000;
/** How often the demo generator publishes when demo bots are on. */
const DEMO_EVENT_INTERVAL_MS = 4_000;
/** How often events past the 7-day retention (and subscribers that stopped polling) are swept out. */
const RETENTION_SWEEP_MS = 3_600_000;
/** Hostname in envelopes that no HTTP request produced (generator, test controls). */
const LOCAL_HOSTNAME = 'localhost';

/** Registers the CPaaS PubSub emulation under `/pubsub` (seed 004). */
export function registerPubSub(ctx: ServiceContext): ServiceHandle {
  const publisher = new Publisher(new QueueHub(ctx.options.dataDir));
  const sessions = new SessionStore(ctx.options.dataDir);
  let pollCapMs = POLL_CAP_MS;
  let gatherWindowMs = GATHER_WINDOW_MS;
  registerPubSubRoutes({ router: ctx.router, sessions, publisher, pollCapMs: () => pollCapMs, gatherWindowMs: () => gatherWindowMs });

  const demoAccount = DEMO_PUBSUB_ACCOUNTS[0]?.accountSid ?? '';
  const demoSource = new DemoEventSource(demoAccount);
  const publishDemoEvent = () => {
    const { queue, params } = demoSource.next();
    const key = queueKey(demoAccount, queue);
    const event = publisher.publish(key, params, LOCAL_HOSTNAME, true);
    // With nobody subscribed, generated events would otherwise pile up in the backlog for 7 days.
    publisher.hub.trimGenerated(key, MAX_GENERATED_PER_QUEUE);
    return event.envelope;
  };
  const timers = [setInterval(() => publisher.hub.pruneExpired(), RETENTION_SWEEP_MS)];
  if (ctx.options.demoBots) {
    // One event right away so a freshly opened demo feed has something to show.
    publishDemoEvent();
    timers.push(setInterval(publishDemoEvent, DEMO_EVENT_INTERVAL_MS));
  }
  for (const timer of timers) timer.unref();

  return {
    close() {
      for (const timer of timers) clearInterval(timer);
    },
    commands: {
      /** Publishes `params` on `/<accountSid>/<queue>` as a POST would: `{ accountSid, queue, params }` → envelope. */
      publish(payload) {
        const { accountSid, queue } = queueOfPayload(payload);
        const params = isRecord(payload) && isRecord(payload.params) ? payload.params : {};
        const strings = Object.fromEntries(Object.entries(params).map(([key, value]) => [key, String(value)]));
        return publisher.publish(queueKey(accountSid, queue), strings, LOCAL_HOSTNAME).envelope;
      },
      /** Events of `/<accountSid>/<queue>` that no subscriber has received yet. */
      queueDepth(payload) {
        const { accountSid, queue } = queueOfPayload(payload);
        return publisher.hub.depth(queueKey(accountSid, queue));
      },
      /** Sessions subscribed to `/<accountSid>/<queue>` (polling, or polled within the last minute). */
      subscribers(payload) {
        const { accountSid, queue } = queueOfPayload(payload);
        return publisher.hub.subscriberCount(queueKey(accountSid, queue));
      },
      /** Polls held open on `/<accountSid>/<queue>` right now (tests wait on it rather than sleep). */
      openPolls(payload) {
        const { accountSid, queue } = queueOfPayload(payload);
        return publisher.hub.openPolls(queueKey(accountSid, queue));
      },
      /** Ends a session now: `{ session }` → whether it existed. */
      expireSession(payload) {
        if (!isRecord(payload) || typeof payload.session !== 'string') throw new Error('expireSession needs { session }');
        return sessions.expire(payload.session);
      },
      /** Caps how long any poll is held (`{ ms }`; `{ ms: null }` restores 60 s) → the cap in force. */
      setPollCap(payload) {
        const ms = isRecord(payload) ? payload.ms : undefined;
        if (ms !== null && (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0)) throw new Error('setPollCap needs { ms: number >= 0 | null }');
        pollCapMs = ms === null ? POLL_CAP_MS : Math.min(ms, POLL_CAP_MS);
        return pollCapMs;
      },
      /** Sets how long a response stays open after its first event (`{ ms }`; `{ ms: null }` restores 250 ms) → the window in force. */
      setGatherWindow(payload) {
        const ms = isRecord(payload) ? payload.ms : undefined;
        if (ms !== null && (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms > POLL_CAP_MS)) throw new Error('setGatherWindow needs { ms: number from 0 to 60000 | null }');
        gatherWindowMs = ms === null ? GATHER_WINDOW_MS : ms;
        return gatherWindowMs;
      },
      /** Publishes the demo generator's next event now, whether or not demo bots run → its envelope. */
      demoTick: () => publishDemoEvent(),
    },
  };
}

function queueOfPayload(payload: unknown): { accountSid: string; queue: string } {
  if (!isRecord(payload) || typeof payload.accountSid !== 'string' || typeof payload.queue !== 'string') {
    throw new Error('expected { accountSid, queue }');
  }
  if (!isKnownAccount(payload.accountSid)) throw new Error(`no account ${payload.accountSid}`);
  return { accountSid: payload.accountSid, queue: payload.queue };
}
