import { expect } from '@open-wc/testing';
import { ManualClock } from '../../src/core/clock.js';
import { tokenExpiry } from '../../src/core/token-expiry.js';
import { createChatSdk } from '../../src/ccaas/index.js';
import type { ChatSdk, SdkConfig, UserContext } from '../../src/ccaas/index.js';
import type { Engagement } from '../../src/ccaas/engagement.js';
import type { PageIterator } from '../../src/ccaas/page-iterator.js';
import type { Message, Participant } from '../../src/ccaas/types.js';
import { backendCommand, fetchToken, until } from '../support/backend.js';
import { MemoryStorage, initParams, platformSession, record, typesOf, waitForEvent } from './support.js';

// The guide's samples (test/ccaas/seed-003/*.js) run as modules against `createChatSdk()` put
// where the guide says the SDK lives: the global `AvayaCCaaSChatSDK`. Their free variables
// (`engagement`, `token`, `sdkInitParams`, `SEED_ENV` holding init values) are page globals.
// Each sample's own code stays as the guide prints it; each test watches what that code does
// through the SDK (the handlers it registers and what they receive, the calls it makes and their
// results) and checks what the sample is there to show.
type SeedGlobals = { AvayaCCaaSChatSDK?: ChatSdk; SEED_ENV?: Record<string, unknown>; sdkInitParams?: unknown; engagement?: Engagement; token?: string };
const page = globalThis as unknown as SeedGlobals;

const runSample = (name: string) => import(new URL(`./seed-003/${name}.js?run=${Math.random()}`, import.meta.url).href);

/** What a sample did to the SDK: the handlers it registered (with every call), and its init calls. */
interface Watched {
  /** Calls made, in order: `on:<event>`, `handler:<event>`, `init`, `init-resolved`, `shutdown-resolved`. */
  order: string[];
  handlers: { event: string; calls: unknown[] }[];
  inits: { config: SdkConfig | undefined; result?: UserContext }[];
  shutdowns: unknown[];
  /** The calls of the handlers the sample registered for `event`. */
  callsOf(event: string): unknown[];
  /** Stops watching: handlers registered from now on are the test's own. */
  unwatch(): void;
}

/**
 * Watches the SDK the samples call: wraps `on` (so each handler a sample registers records its
 * calls), `init` (recording config and result, and adding `inject` to the config: the test's
 * clock, fetch or storage, which the guide's environment would not have) and `shutdown`.
 */
function watch(sdk: ChatSdk, inject: SdkConfig = {}): Watched {
  const watched: Watched = {
    order: [],
    handlers: [],
    inits: [],
    shutdowns: [],
    callsOf: (event) => watched.handlers.filter((h) => h.event === event).flatMap((h) => h.calls),
    unwatch: () => {
      for (const name of ['on', 'init', 'shutdown'] as const) delete (sdk as unknown as Record<string, unknown>)[name];
    },
  };
  const { on, init, shutdown } = { on: sdk.on.bind(sdk), init: sdk.init.bind(sdk), shutdown: sdk.shutdown.bind(sdk) };
  sdk.on = ((event: string, handler: (payload: unknown) => void) => {
    const entry = { event, calls: [] as unknown[] };
    watched.handlers.push(entry);
    watched.order.push(`on:${event}`);
    on(event as 'INITIALIZED', (payload) => {
      entry.calls.push(payload);
      watched.order.push(`handler:${event}`);
      handler(payload);
    });
  }) as ChatSdk['on'];
  sdk.init = (params, config) => {
    const entry: Watched['inits'][number] = { config };
    watched.inits.push(entry);
    watched.order.push('init');
    const result = init(params, { storage: new MemoryStorage(), ...config, ...inject });
    void result.then((context) => {
      entry.result = context;
      watched.order.push('init-resolved');
    }, () => undefined);
    return result;
  };
  sdk.shutdown = () => {
    const result = shutdown();
    void result.then((value) => {
      watched.shutdowns.push(value);
      watched.order.push('shutdown-resolved');
    }, () => undefined);
    return result;
  };
  return watched;
}

/** A new SDK as the page global, with the init values the samples read; `init` given: initialised already. */
async function freshSdk(init?: SdkConfig, ttlSeconds = 3600, user?: string): Promise<{ sdk: ChatSdk; user: string; params: Record<string, string> }> {
  const { user: who, ...params } = await initParams(user, ttlSeconds);
  const sdk = createChatSdk();
  page.AvayaCCaaSChatSDK = sdk;
  page.SEED_ENV = { ...params, params };
  page.sdkInitParams = params;
  if (init) await sdk.init(params, { storage: new MemoryStorage(), ...init });
  return { sdk, user: who, params };
}

const textOf = (m: unknown) => (m as Message).body.elementText.text;

describe('seed 003: the Chat SDK guide\'s samples run against createChatSdk()', () => {
  const sdks: ChatSdk[] = [];
  const fresh = async (...args: Parameters<typeof freshSdk>) => {
    const made = await freshSdk(...args);
    sdks.push(made.sdk);
    return made;
  };
  before(async () => {
    await backendCommand('ccaas', 'setAgentDelays', { joinMs: 0, replyMs: 0 });
  });
  afterEach(() => {
    for (const sdk of sdks.splice(0)) sdk.close();
  });
  after(() => {
    for (const key of ['AvayaCCaaSChatSDK', 'SEED_ENV', 'sdkInitParams', 'engagement', 'token'] as const) delete page[key];
  });

  it('initialises with the Config object and session parameters (01)', async () => {
    const { sdk, user } = await fresh();
    const watched = watch(sdk);
    const debug: string[] = [];
    const original = console.debug;
    console.debug = (...args: unknown[]) => debug.push(args.join(' '));
    try {
      await runSample('01-init-with-config');
    } finally {
      console.debug = original;
    }
    expect(debug, 'logLevel "DEBUG" tells each event').to.include('[ccaas-chat] INITIALIZED');
    expect(watched.inits[0]!.config).to.deep.equal({ reconnectionTimeout: 120, idleTimeout: 300, idleShutdownGraceTimeout: 30, logLevel: 'DEBUG' });
    expect(watched.inits[0]!.result!.sessionParameters).to.deep.equal({ model: 'ABC-123' });
    const session = await platformSession(user, sdk.sessionId!);
    expect(session.body!.sessionParameters, 'the parameters reached the platform').to.deep.equal({ model: 'ABC-123' });
  });

  for (const sample of ['02-initialized-then', '03-initialized-await']) {
    it(`calls the INITIALIZED handler registered before init with the same UserContext the promise gives (${sample.slice(0, 2)})`, async () => {
      const { sdk } = await fresh();
      const watched = watch(sdk);
      await runSample(sample);
      await until(() => watched.order.includes('init-resolved'), 'init');
      expect(watched.order.indexOf('on:INITIALIZED')).to.be.lessThan(watched.order.indexOf('init'));
      const calls = watched.callsOf('INITIALIZED');
      expect(calls).to.have.length(1);
      expect(calls[0], 'the very object the promise resolves with').to.equal(watched.inits[0]!.result);
      expect(watched.order.indexOf('handler:INITIALIZED')).to.be.lessThan(watched.order.indexOf('init-resolved'));
      expect((calls[0] as UserContext).engagements).to.deep.equal([]);
    });
  }

  it('refreshes the JWT from the reminder handler, so it never expires and the new token is used (04)', async () => {
    const clock = new ManualClock(Date.now());
    const created: string[] = [];
    const fetchImpl: typeof fetch = (input, init) => {
      if (String(input).endsWith('/engagements')) created.push(new Headers(init?.headers).get('authorization') ?? '');
      return fetch(input, init);
    };
    const { sdk, user, params } = await fresh({ clock, idleTimeout: 3300, reconnectionTimeout: 900, fetch: fetchImpl }, 600);
    const log = record(sdk);
    const watched = watch(sdk);
    page.token = await fetchToken('ccaas', user, 3600);
    await runSample('04-jwt-refresh');
    const exp = tokenExpiry(params.token!)!;
    await clock.advance(exp - 180_000 - clock.now());
    expect(watched.callsOf('TOKEN_EXPIRY_REMINDER'), 'the sample\'s handler ran on the reminder').to.have.length(1);
    await clock.advance(181_000);
    expect(typesOf(log)).to.not.include('TOKEN_EXPIRED');
    expect(watched.callsOf('TOKEN_EXPIRED')).to.have.length(0);
    await sdk.createEngagement();
    expect(created, 'the next call carries the token the handler set').to.deep.equal([`Bearer ${page.token}`]);
  });

  it('removes the handler of one event, then of all events (05)', async () => {
    const { sdk } = await fresh({});
    const heard: string[] = [];
    sdk.on('MESSAGE_ARRIVED', (m) => heard.push(`before:${textOf(m)}`));
    sdk.on('PARTICIPANT_ADDED', () => heard.push('before:agent'));
    const watched = watch(sdk);
    await runSample('05-event-handling');
    watched.unwatch();
    expect(watched.handlers.map((h) => h.event)).to.deep.equal(['MESSAGE_ARRIVED']);
    // Handlers registered after the sample prove the events came: the removed ones would have heard them first.
    const probe = record(sdk);
    const engagement = await sdk.createEngagement();
    await waitForEvent(probe, 'PARTICIPANT_ADDED');
    await backendCommand('ccaas', 'agentSay', { engagementId: engagement.engagementId, text: 'anyone?' });
    await waitForEvent(probe, 'MESSAGE_ARRIVED', (m) => textOf(m) === 'anyone?');
    expect(heard).to.deep.equal([]);
    expect(watched.callsOf('MESSAGE_ARRIVED')).to.deep.equal([]);
  });

  it('starts a chat with engagement parameters (06) and lists it among the ongoing chats (07)', async () => {
    const { sdk, user } = await fresh({});
    const log = record(sdk);
    const listed: Engagement[][] = [];
    const getEngagements = sdk.getEngagements.bind(sdk);
    sdk.getEngagements = async () => {
      const result = await getEngagements();
      listed.push(result);
      return result;
    };
    await runSample('06-start-chat');
    const active = await waitForEvent(log, 'ENGAGEMENT_ACTIVE');
    const session = await platformSession(user, sdk.sessionId!);
    const onPlatform = (session.body!.engagements as { engagementId: string; engagementParameters: unknown }[]).find((e) => e.engagementId === active.engagementId);
    expect(onPlatform!.engagementParameters).to.deep.equal({ availableBalance: '100' });
    await runSample('07-list-chats');
    expect(listed[0]!.map((e) => e.engagementId)).to.deep.equal([active.engagementId]);
    expect(listed[0]![0]).to.equal(sdk.getEngagementById(active.engagementId));
  });

  it('joins a chat started in another session (08) and reads its participants (10)', async () => {
    const first = await fresh({});
    const firstLog = record(first.sdk);
    const started = await first.sdk.createEngagement();
    const agent = await waitForEvent(firstLog, 'PARTICIPANT_ADDED');
    first.sdk.close();
    // Another session of the same user (another tab): the chat is ongoing there, not yet joined.
    const { sdk } = await fresh({}, 3600, first.user);
    const log = record(sdk);
    expect(sdk.userContext!.engagements.map((e) => e.engagementId)).to.deep.equal([started.engagementId]);
    page.SEED_ENV = { ...page.SEED_ENV, engagementId: started.engagementId, participantId: agent.participant.participantId };
    const looked: { participants?: Participant[]; participant?: Participant | undefined }[] = [];
    const getEngagementById = sdk.getEngagementById.bind(sdk);
    sdk.getEngagementById = (id) => {
      const engagement = getEngagementById(id)!;
      const seen: (typeof looked)[number] = {};
      looked.push(seen);
      const { getParticipants, getParticipantById } = { getParticipants: engagement.getParticipants.bind(engagement), getParticipantById: engagement.getParticipantById.bind(engagement) };
      engagement.getParticipants = () => (seen.participants = getParticipants());
      engagement.getParticipantById = (pid) => (seen.participant = getParticipantById(pid));
      return engagement;
    };
    await runSample('08-join-chat');
    const joined = await waitForEvent(log, 'ENGAGEMENT_ACTIVE');
    expect(joined.engagementId, 'joining makes the chat active in this session').to.equal(started.engagementId);
    await runSample('10-participants');
    const seen = looked.at(-1)!;
    expect(seen.participants!.map((p) => p.participantType).sort()).to.deep.equal(['AGENT', 'CUSTOMER']);
    expect(seen.participant).to.deep.include({ participantType: 'AGENT', displayName: 'Sam (Support)' });
    await backendCommand('ccaas', 'agentSay', { engagementId: started.engagementId, text: 'to the new tab' });
    await waitForEvent(log, 'MESSAGE_ARRIVED', (m) => textOf(m) === 'to the new tab');
  });

  it('sends a message (11), shows its tick on MESSAGE_DELIVERED (12) and the answer on MESSAGE_ARRIVED (13)', async () => {
    const { sdk } = await fresh({});
    const log = record(sdk);
    const watched = watch(sdk);
    page.engagement = await sdk.createEngagement();
    await waitForEvent(log, 'MESSAGE_ARRIVED');
    await runSample('12-message-delivered');
    await runSample('13-message-arrived');
    const logged: unknown[] = [];
    const original = console.log;
    console.log = (...args: unknown[]) => logged.push(...args);
    try {
      await runSample('11-send-message');
    } finally {
      console.log = original;
    }
    expect(logged[0]).to.be.a('string').with.length.greaterThan(8);
    await until(() => watched.callsOf('MESSAGE_DELIVERED').length > 0 && watched.callsOf('MESSAGE_ARRIVED').some((m) => /"Hello"/.test(textOf(m))), 'tick and answer');
    expect(watched.callsOf('MESSAGE_DELIVERED').map((m) => (m as Message).messageId)).to.deep.equal([logged[0]]);
    expect((watched.callsOf('MESSAGE_ARRIVED').at(-1) as Message).senderParticipant.participantType).to.equal('AGENT');
  });

  it('pages back through the history from a "load more" button (14) and disconnects (09)', async () => {
    const { sdk } = await fresh({});
    const log = record(sdk);
    const engagement = await sdk.createEngagement();
    page.engagement = engagement;
    await waitForEvent(log, 'MESSAGE_ARRIVED');
    for (let i = 0; i < 16; i += 1) await backendCommand('ccaas', 'agentSay', { engagementId: engagement.engagementId, text: `line ${i}` });
    let iterator: PageIterator | undefined;
    const getMessages = engagement.getMessages.bind(engagement);
    engagement.getMessages = async (size) => (iterator = await getMessages(size));
    const button = Object.assign(document.createElement('button'), { id: 'load-more-button' });
    document.body.append(button);
    try {
      await runSample('14-fetch-messages');
      // 1 greeting + 16 lines: the newest 15 first, then the 2 before them.
      expect(iterator!.items.map((m) => m.messageIndex)).to.deep.equal(Array.from({ length: 15 }, (_, i) => i + 2));
      button.click();
      await until(() => iterator!.items[0]?.messageIndex === 0, 'the older page');
      expect(iterator!.items.map((m) => m.messageIndex)).to.deep.equal([0, 1]);
      expect(textOf(iterator!.items[1])).to.equal('line 0');
      expect(iterator!.hasPrevious()).to.equal(false);
    } finally {
      button.remove();
    }
    await runSample('09-disconnect');
    expect(engagement.engagementStatus).to.equal('TERMINATED');
    expect((await waitForEvent(log, 'ENGAGEMENT_TERMINATED')).engagementId).to.equal(engagement.engagementId);
  });

  it('runs the idle timer for 900 s and the grace period for 120 s, and the warning handler gets the grace period (15)', async () => {
    const clock = new ManualClock(Date.now());
    const { sdk } = await fresh();
    const log = record(sdk);
    const watched = watch(sdk, { clock });
    await runSample('15-idle-config');
    await until(() => watched.order.includes('init-resolved'), 'init');
    expect(watched.inits[0]!.config).to.deep.equal({ idleTimeout: 900, idleShutdownGraceTimeout: 120 });
    await clock.advance(899_000);
    expect(watched.callsOf('IDLE_TIMEOUT_EXPIRED')).to.have.length(0);
    await clock.advance(1000);
    expect(watched.callsOf('IDLE_TIMEOUT_EXPIRED')).to.have.length(1);
    expect(watched.callsOf('IDLE_TIMEOUT_EXPIRED')[0]).to.include({ gracePeriod: 120 });
    await clock.advance(119_000);
    expect(typesOf(log)).to.not.include('SHUTDOWN');
    await clock.advance(1000);
    expect((await waitForEvent(log, 'SHUTDOWN')).reason).to.equal('USER_INACTIVE');
  });

  it('extends the session from the idle warning box with resetTimer on IDLE_TIMEOUT (16)', async () => {
    const clock = new ManualClock(Date.now());
    const { sdk } = await fresh({ clock, reconnectionTimeout: 900 });
    const log = record(sdk);
    const watched = watch(sdk);
    const button = Object.assign(document.createElement('button'), { id: 'inactivity-warning-continue-chat' });
    document.body.append(button);
    try {
      await runSample('16-extend-session');
      await clock.advance(300_000);
      expect(watched.callsOf('IDLE_TIMEOUT'), 'the guide\'s alias reaches the handler').to.have.length(1);
      button.click();
      await clock.advance(30_000);
      expect(typesOf(log)).to.not.include('SHUTDOWN');
      expect(sdk.initialized).to.equal(true);
    } finally {
      button.remove();
    }
  });

  it('tells the network handlers of each stream state, and keeps reconnecting for the 300 s configured (17, 18)', async () => {
    const clock = new ManualClock(Date.now());
    let down = false;
    const network: typeof fetch = (input, init) => (down && String(input).includes('/events') ? Promise.reject(new TypeError('Failed to fetch')) : fetch(input, init));
    const { sdk } = await fresh();
    const watched = watch(sdk, { clock, fetch: network, random: () => 0 });
    await runSample('17-network');
    await runSample('18-reconnection-timeout');
    await until(() => watched.order.includes('init-resolved'), 'init');
    // A new chat's events answer the first poll, which connects the stream.
    await sdk.createEngagement();
    await until(() => watched.callsOf('EVENT_STREAM_CONNECTED').length === 1, 'connected');
    expect(watched.inits[0]!.config).to.deep.equal({ reconnectionTimeout: 300 });
    expect(watched.callsOf('EVENT_STREAM_CONNECTING')).to.have.length(1);
    down = true;
    // The held poll is cut by the client's 40 s request timeout; every retry then fails at once.
    await clock.advance(40_000);
    const failedAt = clock.now();
    const reasons = () => watched.callsOf('EVENT_STREAM_FAILED').map((p) => (p as { reason: string }).reason);
    expect(reasons()).to.deep.equal(['SERVER_UNREACHABLE']);
    await clock.advance(200_000);
    expect(reasons(), 'still retrying past the default 120 s').to.not.include('RECONNECTION_TIMEOUT');
    // The user is there (the idle timer of 300 s would otherwise end the session first).
    sdk.resetIdleTimeout();
    await clock.advance(99_000);
    expect(reasons()).to.not.include('RECONNECTION_TIMEOUT');
    await clock.advance(failedAt + 300_000 - clock.now());
    expect(reasons().at(-1)).to.equal('RECONNECTION_TIMEOUT');
    sdk.close();
    expect(watched.callsOf('EVENT_STREAM_CLOSED')).to.have.length(1);
  });

  it('shuts down in each of the guide\'s three forms: handler and await (19), then (20), await then clean-up (21)', async () => {
    const first = await fresh({});
    const watched = watch(first.sdk);
    await runSample('19-shutdown-await');
    expect(first.sdk.initialized).to.equal(false);
    expect(watched.callsOf('SHUTDOWN')).to.have.length(1);
    expect(watched.callsOf('SHUTDOWN')[0]).to.include({ reason: 'USER_CLOSED' });

    const second = await fresh({});
    const secondWatched = watch(second.sdk);
    const sessionId = second.sdk.sessionId!;
    await runSample('20-shutdown-then');
    await until(() => secondWatched.order.includes('shutdown-resolved'), 'shutdown');
    expect(secondWatched.shutdowns).to.deep.equal([{ reason: 'USER_CLOSED' }]);
    expect((await platformSession(second.user, sessionId)).status, 'the session ended on the platform').to.equal(404);

    const third = await fresh({});
    const thirdId = third.sdk.sessionId!;
    await runSample('21-shutdown-await-cleanup');
    expect(third.sdk.initialized, 'shut down once the await returns').to.equal(false);
    expect((await platformSession(third.user, thirdId)).status).to.equal(404);
  });
});
