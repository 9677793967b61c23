import { expect } from '@open-wc/testing';
import { ManualClock } from '../../src/core/clock.js';
import { tokenExpiry } from '../../src/core/token-expiry.js';
import { createChatSdk } from '../../src/ccaas/index.js';
import type { ChatSdk } from '../../src/ccaas/index.js';
import type { Engagement } from '../../src/ccaas/engagement.js';
import { backendCommand, fetchToken, until } from '../support/backend.js';
import { initParams, record, typesOf, waitForEvent } from './support.js';

// The guide's samples (test/ccaas/seed-003/*.js) run as modules against `createChatSdk()` put
// where the guide says the SDK lives: the global `AvayaCCaaSChatSDK`. Their free variables
// (`engagement`, `token`, `sdkInitParams`, `SEED_ENV` holding init values) are page globals.
type SeedGlobals = { AvayaCCaaSChatSDK?: ChatSdk; SEED_ENV?: Record<string, unknown>; sdkInitParams?: unknown; engagement?: Engagement; token?: string };
const page = globalThis as unknown as SeedGlobals;

const runSample = (name: string) => import(new URL(`./seed-003/${name}.js?run=${Math.random()}`, import.meta.url).href);

async function freshSdk(init?: { clock?: ManualClock; idleTimeout?: number }, ttlSeconds = 3600): Promise<{ sdk: ChatSdk; user: string; params: Record<string, string> }> {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith('ccaas-chat:')) sessionStorage.removeItem(key);
  const { user, ...params } = await initParams(undefined, ttlSeconds);
  const sdk = createChatSdk();
  page.AvayaCCaaSChatSDK = sdk;
  page.SEED_ENV = { ...params, params };
  page.sdkInitParams = params;
  if (init) await sdk.init(params, init);
  return { sdk, user, params };
}

describe('seed 003: the Chat SDK guide\'s samples run against createChatSdk()', () => {
  before(async () => {
    await backendCommand('ccaas', 'setAgentDelays', { joinMs: 0, replyMs: 0 });
  });
  afterEach(() => {
    page.AvayaCCaaSChatSDK?.close();
  });
  after(() => {
    for (const key of ['AvayaCCaaSChatSDK', 'SEED_ENV', 'sdkInitParams', 'engagement', 'token'] as const) delete page[key];
  });

  it('initialises with the Config object (01)', async () => {
    const { sdk } = await freshSdk();
    await runSample('01-init-with-config');
    expect(sdk.initialized).to.equal(true);
    expect(sdk.userContext?.sessionParameters).to.deep.equal({ model: 'ABC-123' });
  });

  it('initialises with INITIALIZED handlers, promise and await forms (02, 03)', async () => {
    for (const sample of ['02-initialized-then', '03-initialized-await']) {
      const { sdk } = await freshSdk();
      const log = record(sdk);
      await runSample(sample);
      await until(() => sdk.initialized, sample);
      expect(typesOf(log)).to.include('INITIALIZED');
      sdk.close();
    }
  });

  it('refreshes the JWT from the reminder handler, so it never expires (04)', async () => {
    const clock = new ManualClock(Date.now());
    const { sdk, user, params } = await freshSdk({ clock, idleTimeout: 3300 }, 600);
    const log = record(sdk);
    page.token = await fetchToken('ccaas', user, 3600);
    await runSample('04-jwt-refresh');
    await clock.advance(tokenExpiry(params.token!)! - clock.now() + 1000);
    expect(typesOf(log)).to.include('TOKEN_EXPIRY_REMINDER');
    expect(typesOf(log)).to.not.include('TOKEN_EXPIRED');
  });

  it('subscribes and unsubscribes (05): off() removes every handler', async () => {
    const { sdk } = await freshSdk({});
    let heard = 0;
    sdk.on('MESSAGE_ARRIVED', () => (heard += 1));
    await runSample('05-event-handling');
    const engagement = await sdk.createEngagement();
    await until(() => engagement.participants.length > 0);
    await backendCommand('ccaas', 'agentSay', { engagementId: engagement.engagementId, text: 'anyone?' }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 300));
    expect(heard).to.equal(0);
  });

  it('starts, lists, joins, inspects, messages, pages and disconnects a chat (06–14, 09)', async () => {
    const { sdk } = await freshSdk({});
    const log = record(sdk);
    await runSample('06-start-chat');
    await runSample('07-list-chats');
    const [engagement] = await sdk.getEngagements();
    expect(engagement).to.be.an('object');
    const agent = await waitForEvent(log, 'PARTICIPANT_ADDED');
    page.SEED_ENV = { ...page.SEED_ENV, engagementId: engagement!.engagementId, participantId: agent.participant.participantId };
    await runSample('08-join-chat');
    await runSample('10-participants');
    page.engagement = engagement;
    const logged: unknown[] = [];
    const original = console.log;
    console.log = (...args: unknown[]) => logged.push(...args);
    try {
      await runSample('11-send-message');
    } finally {
      console.log = original;
    }
    expect(logged[0]).to.be.a('string').with.length.greaterThan(8);
    await runSample('12-message-delivered');
    await runSample('13-message-arrived');
    await waitForEvent(log, 'MESSAGE_DELIVERED');
    for (let i = 0; i < 16; i += 1) await backendCommand('ccaas', 'agentSay', { engagementId: engagement!.engagementId, text: `line ${i}` });
    const button = Object.assign(document.createElement('button'), { id: 'load-more-button' });
    document.body.append(button);
    const requests: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => (requests.push(String(input)), realFetch(input, init));
    try {
      await runSample('14-fetch-messages');
      expect(requests.filter((u) => u.includes('/messages?'))).to.have.length(1);
      button.click();
      await until(() => requests.filter((u) => u.includes('/messages?')).length >= 2, 'older page');
    } finally {
      window.fetch = realFetch;
      button.remove();
    }
    await runSample('09-disconnect');
    expect(engagement!.engagementStatus).to.equal('TERMINATED');
  });

  it('configures idle timeouts and warns (15)', async () => {
    const { sdk } = await freshSdk();
    await runSample('15-idle-config');
    await until(() => sdk.initialized, 'init');
  });

  it('extends the session from the idle warning box with resetTimer on IDLE_TIMEOUT (16)', async () => {
    const clock = new ManualClock(Date.now());
    const { sdk } = await freshSdk({ clock });
    const log = record(sdk);
    const button = Object.assign(document.createElement('button'), { id: 'inactivity-warning-continue-chat' });
    document.body.append(button);
    try {
      await runSample('16-extend-session');
      await clock.advance(300_000);
      expect(typesOf(log)).to.include('IDLE_TIMEOUT_EXPIRED');
      button.click();
      await clock.advance(30_000);
      expect(typesOf(log)).to.not.include('SHUTDOWN');
    } finally {
      button.remove();
    }
  });

  it('subscribes to the network events and sets the reconnection timeout (17, 18)', async () => {
    const { sdk } = await freshSdk();
    await runSample('17-network');
    await runSample('18-reconnection-timeout');
    await until(() => sdk.initialized, 'init');
  });

  it('shuts down, await and then forms (19, 20)', async () => {
    const first = await freshSdk({});
    const log = record(first.sdk);
    await runSample('19-shutdown-await');
    expect(first.sdk.initialized).to.equal(false);
    expect(typesOf(log)).to.include('SHUTDOWN');
    const second = await freshSdk({});
    await runSample('20-shutdown-then');
    await until(() => !second.sdk.initialized, 'shutdown');
  });
});
