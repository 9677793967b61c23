// A subscription the server dropped without telling the client, found out from a refused send,
// against the backend: the room subscribes again on the same socket (no reconnect), fills the gap
// from REST as after a reconnect, and each own send ends stored once and confirmed once.
import { expect } from '@open-wc/testing';
import { openRoom } from '../../src/spaces/registry.js';
import type { SpacesRoom } from '../../src/spaces/room.js';
import type { SpacesMessage } from '../../src/spaces/types.js';
import { backendCommand, until } from '../support/backend.js';
import { lifecycleFor, open, ready, reports, serverCopies, spacesUrls, tappedSockets, transports, unique, withBody } from './helpers.js';

const SPACE = 'sp-design';

type Tap = ReturnType<typeof tappedSockets>;

/** The server forgets the socket's subscription while the client still counts on it (as after a session reset on its side). */
async function dropSubscription(tap: Tap, spaceId = SPACE): Promise<void> {
  const before = tap.receivedFor('CHANNEL_UNSUBSCRIBED', spaceId).length;
  tap.sockets[0]!.emit('UNSUBSCRIBE_CHANNEL', { channel: { _id: spaceId, type: 'topic' } });
  await until(() => tap.receivedFor('CHANNEL_UNSUBSCRIBED', spaceId).length === before + 1, 'server unsubscribed');
}

/** `MESSAGE_SENT` frames the server pushed with body `text`. */
function liveFrames(tap: Tap, text: string) {
  return tap.received.filter((f) => f.event === 'MESSAGE_SENT' && (f.payload as { content?: { bodyText?: unknown } }).content?.bodyText === text);
}

/** Connection and subscription states the room announced, as `connection/subscription`, repeats left out. */
function stateLog(room: SpacesRoom) {
  const states: string[] = [];
  const off = room.on('change', ({ detail }) => {
    const now = `${room.connection}/${room.subscription}`;
    if (detail.what === 'state' && states.at(-1) !== now) states.push(now);
  });
  return { states, off };
}

for (const [transport, inner] of transports) describe(`Re-subscribing a space the server dropped (${transport})`, () => {
  const cleanups: (() => void)[] = [];
  // Unsent messages are saved per user and space: one test's leftovers must not turn up in the next.
  beforeEach(() => sessionStorage.clear());
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  /** Alice's room on a tapped socket of its own (REST through `fetchImpl` when given), subscribed with its history. */
  async function openTapped(fetchImpl?: typeof fetch) {
    const tap = tappedSockets(inner);
    const lifecycle = lifecycleFor('u-alice');
    const lease = await openRoom({ ...(await spacesUrls()), tokenType: 'jwt', spaceId: SPACE, lifecycle, socketFactory: tap.factory, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
    cleanups.push(() => {
      lease.release();
      lifecycle.dispose();
    });
    await ready(lease.room);
    return { ...lease, tap };
  }

  /** Each send ends confirmed once, held once, stored once on the server, with no error, and the room subscribed again on its first socket. */
  async function deliveredOnce(room: SpacesRoom, tap: Tap, seen: ReturnType<typeof reports>, sends: { clientId: string; text: string }[], since: number): Promise<void> {
    const held = () => sends.every(({ text }) => withBody(room.timeline.messages, text).length === 1);
    await until(() => room.pending.length === 0 && held() && room.subscription === 'subscribed', 'confirmed and subscribed', 10000);
    expect([...seen.sent].sort()).to.deep.equal(sends.map((s) => s.clientId).sort());
    expect(seen.errors).to.deep.equal([]);
    for (const { clientId, text } of sends) {
      expect(withBody(room.timeline.messages, text)).to.have.length(1);
      expect(await serverCopies('u-alice', SPACE, text, since)).to.equal(1);
      expect(tap.sendsOf(clientId), 'sent on the socket once, refused').to.have.length(1);
    }
    expect(tap.sentFor('SUBSCRIBE_CHANNEL', SPACE), 'subscribed again, once').to.have.length(2);
    expect(tap.receivedFor('CHANNEL_SUBSCRIBED', SPACE)).to.have.length(2);
    expect(tap.sockets).to.have.length(1);
    expect(tap.connects, 'no reconnect').to.equal(1);
  }

  it('sends a refused message through REST once, even when the re-subscription catches up while that REST send is still on its way', async () => {
    // The REST send is held back until the room has subscribed again and resumed its outbox.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const posts: string[] = [];
    const gated: typeof fetch = async (input, init) => {
      if (init?.method === 'POST' && String(input).endsWith(`/spaces/${SPACE}/chats`)) {
        posts.push(String(init.body));
        await held;
      }
      return fetch(input, init);
    };
    const { room, tap } = await openTapped(gated);
    await dropSubscription(tap);
    const since = Date.now() - 60_000;
    const seen = reports(room);
    const log = stateLog(room);
    const text = unique('refused, its REST send held');
    const pending = room.send('chat', { bodyText: text });
    // What the outbox does with the send once the room subscribed again.
    const afterResubscribe: string[] = [];
    const off = room.on('change', ({ detail }) => {
      if (detail.what === 'pending' && tap.receivedFor('CHANNEL_SUBSCRIBED', SPACE).length === 2) afterResubscribe.push(...room.pending.map((p) => p.state));
    });
    await until(() => tap.refusalsOf(pending.clientId).length === 1 && posts.length === 1, 'refused, REST send on its way');
    await until(() => afterResubscribe.includes('sending'), 'subscribed again, caught up and the outbox resumed');
    release();
    await deliveredOnce(room, tap, seen, [{ clientId: pending.clientId, text }], since);
    expect(posts, 'one REST send').to.have.length(1);
    expect(log.states).to.deep.equal(['connected/subscribing', 'connected/subscribed']);
    off();
    log.off();
    seen.stop();
  });

  it('forgets who was present when the subscription lapsed: someone who left meanwhile is not listed after it comes back', async () => {
    const { room, tap } = await openTapped();
    const bob = await open('u-bob', SPACE, undefined, inner);
    cleanups.push(() => bob.close());
    await until(() => room.roster.some((u) => u._id === 'u-bob'), 'Bob present');
    await dropSubscription(tap);
    // Bob leaves while the server no longer tells Alice's socket about the space.
    bob.close();
    room.send('chat', { bodyText: unique('finds out about the lapse') });
    await until(() => tap.receivedFor('CHANNEL_SUBSCRIBED', SPACE).length === 2 && room.pending.length === 0, 'subscribed again, the send delivered');
    expect(room.roster.map((u) => u._id)).not.to.include('u-bob');
  });

  it('gets messages posted after the re-subscription live, on the same socket', async () => {
    const { room, connection, tap } = await openTapped();
    await dropSubscription(tap);
    const since = Date.now() - 60_000;
    const seen = reports(room);
    const text = unique('refused');
    const pending = room.send('chat', { bodyText: text });
    await deliveredOnce(room, tap, seen, [{ clientId: pending.clientId, text }], since);
    const later = unique('posted after the re-subscription');
    await backendCommand('spaces', 'injectMessage', { spaceId: SPACE, bodyText: later, senderId: 'u-bob' });
    await until(() => withBody(room.timeline.messages, later).length === 1, 'live message');
    expect(liveFrames(tap, later), 'pushed by the server').to.have.length(1);
    expect(tap.connects, 'no reconnect').to.equal(1);
    expect(connection.state).to.equal('connected');
    seen.stop();
  });

  it('fills the gap: a message posted while the subscription was gone appears once, in order', async () => {
    const { room, tap } = await openTapped();
    await dropSubscription(tap);
    const since = Date.now() - 60_000;
    const missed = unique('posted while the subscription was gone');
    await backendCommand('spaces', 'injectMessage', { spaceId: SPACE, bodyText: missed, senderId: 'u-bob' });
    const seen = reports(room);
    const announced: SpacesMessage[] = [];
    const off = room.on('messages', ({ detail }) => announced.push(...detail.messages));
    const text = unique('refused after the gap');
    const pending = room.send('chat', { bodyText: text });
    await deliveredOnce(room, tap, seen, [{ clientId: pending.clientId, text }], since);
    await until(() => withBody(room.timeline.messages, missed).length === 1, 'the missed message');
    expect(liveFrames(tap, missed), 'never pushed: the socket was not subscribed').to.have.length(0);
    expect(withBody(announced, missed)).to.have.length(1);
    const order = room.timeline.messages.map((m) => m.content.bodyText);
    expect(order.indexOf(missed)).to.be.lessThan(order.indexOf(text));
    off();
    seen.stop();
  });

  it('subscribes again once for sends refused back to back, and delivers each once', async () => {
    const { room, tap } = await openTapped();
    await dropSubscription(tap);
    const since = Date.now() - 60_000;
    const seen = reports(room);
    const texts = [unique('first refused'), unique('second refused')];
    const sends = texts.map((text) => ({ clientId: room.send('chat', { bodyText: text }).clientId, text }));
    await until(() => sends.every((s) => tap.refusalsOf(s.clientId).length === 1), 'both refused');
    await deliveredOnce(room, tap, seen, sends, since);
    const order = room.timeline.messages.map((m) => m.content.bodyText);
    expect(order.indexOf(texts[0]!)).to.be.lessThan(order.indexOf(texts[1]!));
  });

  it('subscribes again only when a refusal says the socket is not subscribed to a space a room holds (a refused typing event is enough)', async () => {
    const { room, tap } = await openTapped();
    const seen = reports(room);
    // Another of Alice's rooms on the same socket comes and goes.
    const other = await open('u-alice', 'sp-general', undefined, tap.factory);
    cleanups.push(() => other.close());
    await until(() => other.room.subscription === 'subscribed', 'the other space subscribed');
    other.close();
    await until(() => tap.receivedFor('CHANNEL_UNSUBSCRIBED', 'sp-general').length === 1, 'the other space unsubscribed');
    const refusals = () => tap.received.filter((f) => f.event === 'SEND_MESSAGE_FAILED');
    // Refused for another reason: reported, nothing re-subscribed.
    tap.sockets[0]!.emit('SEND_MESSAGE', { topicId: SPACE, category: 'poll', content: { bodyText: 'x' }, loopbackMetadata: 'stray' });
    await until(() => seen.errors.length === 1, 'the invalid frame reported');
    expect(seen.errors[0]).to.match(/^send-failed: category/);
    // Not subscribed, but to a space no room holds any more: nothing to re-subscribe.
    tap.sockets[0]!.emit('SEND_MESSAGE', { topicId: 'sp-general', category: 'chat', content: { bodyText: unique('stray') }, loopbackMetadata: 'stray' });
    await until(() => refusals().length === 2, 'the stray send refused');
    expect((refusals()[1]!.payload as { type?: unknown }).type).to.equal('app.event.channel.subscription.required');
    expect(tap.sentFor('SUBSCRIBE_CHANNEL', SPACE)).to.have.length(1);
    expect(tap.sentFor('SUBSCRIBE_CHANNEL', 'sp-general')).to.have.length(1);
    expect(room.subscription).to.equal('subscribed');
    // The server drops this room's space: a refused typing event brings the subscription back, without an error.
    await dropSubscription(tap);
    room.userTyping();
    await until(() => refusals().length === 3, 'the typing event refused');
    await until(() => tap.receivedFor('CHANNEL_SUBSCRIBED', SPACE).length === 2 && room.subscription === 'subscribed', 'subscribed again');
    expect(tap.sentFor('SUBSCRIBE_CHANNEL', SPACE)).to.have.length(2);
    expect(tap.sentFor('SUBSCRIBE_CHANNEL', 'sp-general')).to.have.length(1);
    expect(seen.errors).to.have.length(1);
    expect(tap.connects).to.equal(1);
    seen.stop();
  });
});
