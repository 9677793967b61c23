// Own sends caught in a token handover or refused by the server, against the backend: each ends
// stored on the server exactly once, held once by the room, and confirmed ("sent"), never left
// pending or failed.
import { expect } from '@open-wc/testing';
import { TokenLifecycle } from '../../src/core/token-lifecycle.js';
import { openRoom } from '../../src/spaces/registry.js';
import type { SpacesRoom } from '../../src/spaces/room.js';
import { fetchToken, until } from '../support/backend.js';
import { open, ready, reports, serverCopies, spacesUrls, tappedSockets, transports, unique, withBody } from './helpers.js';

const SPACE = 'sp-design';

for (const [transport, inner] of transports) describe(`Spaces sends against the backend (${transport})`, () => {
  const cleanups: (() => void)[] = [];
  // Unsent messages are saved per user and space: one test's leftovers must not turn up in the next.
  beforeEach(() => sessionStorage.clear());
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  /**
   * Alice's room on a tapped socket, with a lifecycle whose provider hands out `tokens` in turn
   * (fetched beforehand, so a refresh installs the next one within the same task).
   */
  async function roomWithTokens(count: number) {
    // Different lifetimes: two tokens minted in the same second would otherwise be the same token.
    const tokens = await Promise.all(Array.from({ length: count }, (_, i) => fetchToken('spaces', 'u-alice', 3600 - i)));
    const lifecycle = new TokenLifecycle({ service: 'spaces', provider: () => tokens.shift() ?? fetchToken('spaces', 'u-alice') });
    const tap = tappedSockets(inner);
    const lease = await openRoom({ ...(await spacesUrls()), tokenType: 'jwt', spaceId: SPACE, lifecycle, socketFactory: tap.factory });
    cleanups.push(() => {
      lease.release();
      lifecycle.dispose();
    });
    await ready(lease.room);
    return { ...lease, lifecycle, tap };
  }

  /** The send ends confirmed, held once, and the server stores it once. */
  async function deliveredOnce(room: SpacesRoom, clientId: string, text: string, since: number, seen: ReturnType<typeof reports>): Promise<void> {
    await until(() => room.pending.length === 0 && withBody(room.timeline.messages, text).length === 1 && room.subscription === 'subscribed', 'confirmed and subscribed', 10000);
    expect(seen.sent).to.deep.equal([clientId]);
    expect(seen.errors).to.deep.equal([]);
    expect(withBody(room.timeline.messages, text)).to.have.length(1);
    expect(withBody(room.timeline.messages, text)[0]!.sender._id).to.equal('u-alice');
    expect(await serverCopies('u-alice', SPACE, text, since)).to.equal(1);
  }

  it('delivers a send made just before a token refresh reconnects the socket exactly once, and confirms it, whichever way the race goes', async () => {
    const { room, connection, lifecycle, tap } = await roomWithTokens(2);
    const since = Date.now() - 60_000;
    const seen = reports(room);
    const text = unique('sent as the token changes');
    const pending = room.send('chat', { bodyText: text });
    // On the wire, and the socket is replaced before its echo can come back on it.
    expect(tap.sendsOf(pending.clientId)).to.have.length(1);
    const refreshed = lifecycle.refresh();
    const fresh = await refreshed;
    expect(String(tap.sockets[0]!.io.opts.query)).to.contain(encodeURIComponent(fresh));
    expect(connection.handover).to.equal(true);
    await until(() => tap.connects === 2, 'reconnected with the new token');
    await deliveredOnce(room, pending.clientId, text, since, seen);
    expect(tap.sentFor('SUBSCRIBE_CHANNEL', SPACE)).to.have.length(2);
    seen.stop();
  });

  it('confirms a send whose echo the token handover cut off from the catch-up, without sending it again', async () => {
    const { room, lifecycle, tap } = await roomWithTokens(2);
    const since = Date.now() - 60_000;
    const seen = reports(room);
    const text = unique('echo cut off by the handover');
    tap.lose = (f) => f.event === 'MESSAGE_SENT' && (f.payload as { content?: { bodyText?: unknown } }).content?.bodyText === text;
    const pending = room.send('chat', { bodyText: text });
    await until(() => tap.received.some((f) => f.event === 'MESSAGE_SENT' && (f.payload as { loopbackMetadata?: unknown }).loopbackMetadata === pending.clientId), 'stored, its echo lost');
    tap.lose = undefined;
    expect(room.pending.map((p) => p.clientId)).to.deep.equal([pending.clientId]);
    await lifecycle.refresh();
    await until(() => tap.connects === 2, 'reconnected with the new token');
    await deliveredOnce(room, pending.clientId, text, since, seen);
    expect(tap.sendsOf(pending.clientId)).to.have.length(1);
    seen.stop();
  });

  it('sends again, under the same client id, a send the token handover cut off before it reached the server', async () => {
    const { room, lifecycle, tap } = await roomWithTokens(2);
    const since = Date.now() - 60_000;
    const seen = reports(room);
    const text = unique('frame cut off by the handover');
    tap.lose = (f) => f.event === 'SEND_MESSAGE' && (f.payload as { content?: { bodyText?: unknown } }).content?.bodyText === text;
    const pending = room.send('chat', { bodyText: text });
    expect(tap.sendsOf(pending.clientId)).to.have.length(1);
    tap.lose = undefined;
    await lifecycle.refresh();
    await until(() => tap.connects === 2, 'reconnected with the new token');
    await deliveredOnce(room, pending.clientId, text, since, seen);
    expect(tap.sendsOf(pending.clientId)).to.have.length(2);
    seen.stop();
  });

  it('delivers a send made while the token handover reconnects the socket exactly once, and confirms it', async () => {
    const { room, connection, lifecycle, tap } = await roomWithTokens(2);
    const since = Date.now() - 60_000;
    const seen = reports(room);
    const text = unique('sent during the handover');
    // Sent the moment the new token is installed: the old socket is gone, the new one not up yet.
    const sentDuring = new Promise<{ clientId: string; handover: boolean; canSend: boolean }>((resolve) => {
      const off = lifecycle.on('refreshed', () => {
        off();
        resolve({ ...room.send('chat', { bodyText: text }), handover: connection.handover, canSend: room.canSend });
      });
    });
    void lifecycle.refresh();
    const { clientId, handover, canSend } = await sentDuring;
    expect(handover).to.equal(true);
    expect(canSend).to.equal(true);
    await until(() => tap.connects === 2, 'reconnected with the new token');
    await deliveredOnce(room, clientId, text, since, seen);
    // Nothing went on the dead socket, and the new one was not asked to send it again.
    expect(tap.sendsOf(clientId)).to.have.length(0);
    seen.stop();
  });

  it('sends a message the server refuses for want of a subscription through REST instead: stored once, confirmed', async () => {
    const tap = tappedSockets(inner);
    const lease = await open('u-alice', SPACE, undefined, tap.factory);
    cleanups.push(() => lease.close());
    const { room } = lease;
    await ready(room);
    // The server forgets the subscription while the client still counts on it (as after a session reset on its side).
    tap.sockets[0]!.emit('UNSUBSCRIBE_CHANNEL', { channel: { _id: SPACE, type: 'topic' } });
    await until(() => tap.receivedFor('CHANNEL_UNSUBSCRIBED', SPACE).length === 1, 'server unsubscribed');
    const since = Date.now() - 60_000;
    const seen = reports(room);
    const text = unique('refused by the socket');
    const pending = room.send('chat', { bodyText: text });
    expect(tap.sendsOf(pending.clientId)).to.have.length(1);
    await until(() => tap.refusalsOf(pending.clientId).length === 1, 'SEND_MESSAGE_FAILED');
    await deliveredOnce(room, pending.clientId, text, since, seen);
    expect(tap.sendsOf(pending.clientId)).to.have.length(1);
    seen.stop();
  });
});
