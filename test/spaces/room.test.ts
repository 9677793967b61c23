// SpacesRoom and SpacesConnection on a ManualClock with a fake socket and an in-memory REST API:
// the reconnect, catch-up and send-matching rules one at a time, deterministically.
import { expect } from '@open-wc/testing';
import { settle } from '../../src/core/clock.js';
import type { SpacesRoom } from '../../src/spaces/room.js';
import { until } from '../support/backend.js';
import { PEOPLE, fakeConnection, type ServerMessage } from './fakes.js';

type Fake = ReturnType<typeof fakeConnection>;

/** Opens Alice's connection, subscribes room `sp` and waits until its first history page is in. */
async function subscribedRoom(f: Fake): Promise<SpacesRoom> {
  f.connection.open(await f.lifecycle.getToken());
  f.socket.open();
  const room = f.connection.acquireRoom('sp');
  f.socket.fire('CHANNEL_SUBSCRIBED', { channel: { _id: 'sp', type: 'topic' } });
  await until(() => room.historyLoaded, 'history loaded');
  await settle();
  return room;
}

/** The server re-accepts the socket and the subscription, and the room finishes its catch-up. */
async function reconnect(f: Fake, room: SpacesRoom): Promise<void> {
  const catchUps = f.rest.requests.filter((r) => r.startsWith('GET /users/me/messages')).length;
  f.socket.open();
  f.socket.fire('CHANNEL_SUBSCRIBED', { channel: { _id: 'sp', type: 'topic' } });
  await until(() => f.rest.requests.filter((r) => r.startsWith('GET /users/me/messages')).length > catchUps, 'catch-up asked');
  await until(() => room.subscription === 'subscribed', 'subscribed');
  await settle();
}

/** Delivers a stored message over the socket, as the server broadcasts it. */
function live(f: Fake, message: ServerMessage, loopbackMetadata?: string): void {
  f.socket.fire('MESSAGE_SENT', loopbackMetadata === undefined ? message : { ...message, loopbackMetadata });
}

const sendFrames = (f: Fake) => f.socket.frames<{ loopbackMetadata: string; content: { bodyText: string } }>('SEND_MESSAGE');

describe('SpacesRoom on fakes', () => {
  const opened: Fake[] = [];
  const fake = (options?: Parameters<typeof fakeConnection>[0]) => {
    const f = fakeConnection(options);
    opened.push(f);
    return f;
  };

  beforeEach(() => sessionStorage.clear());
  afterEach(() => {
    for (const f of opened.splice(0)) {
      f.connection.close();
      f.lifecycle.dispose();
    }
  });

  describe('matching a send whose echo was lost', () => {
    it('does not take an identical older "ok" from another device for it: the send goes again', async () => {
      // The server's clock runs two minutes ahead of the page's; a live message lets the room measure that.
      const f = fake({ skewMs: 120_000 });
      const room = await subscribedRoom(f);
      live(f, f.rest.store(PEOPLE.bob, 'morning'));
      await settle();
      // The socket has died without anyone noticing yet: Alice's phone says "ok", unseen here...
      f.rest.store(PEOPLE.alice, 'ok');
      await f.clock.advance(30_000);
      // ...then Alice says "ok" here, into the dead socket. The server never gets it.
      const pending = room.send('chat', { bodyText: 'ok' });
      await until(() => sendFrames(f).length === 1, 'emitted');
      f.socket.drop();
      await reconnect(f, room);
      // The phone's "ok" is older than this send could be: not its delivery. It is sent again, same id.
      await until(() => sendFrames(f).length === 2, 'sent again');
      expect(sendFrames(f)[1]!.loopbackMetadata).to.equal(pending.clientId);
      expect(room.pending.map((p) => p.clientId)).to.deep.equal([pending.clientId]);
      expect(room.timeline.messages.filter((m) => m.content.bodyText === 'ok')).to.have.length(1);
    });

    it('confirms it from the catch-up when the server did store it, without sending again', async () => {
      const f = fake({ skewMs: 120_000 });
      const room = await subscribedRoom(f);
      live(f, f.rest.store(PEOPLE.bob, 'morning'));
      await settle();
      const pending = room.send('chat', { bodyText: 'ok' });
      await until(() => sendFrames(f).length === 1, 'emitted');
      // The server stored it, but the echo died with the socket.
      f.rest.store(PEOPLE.alice, 'ok');
      f.socket.drop();
      const sent: string[] = [];
      room.on('sent', ({ detail }) => sent.push(detail.clientId));
      await reconnect(f, room);
      expect(sent).to.deep.equal([pending.clientId]);
      expect(room.pending).to.have.length(0);
      expect(sendFrames(f)).to.have.length(1);
    });

    it('pairs one server copy with one of two identical sends: the oldest is confirmed, the other goes again', async () => {
      const f = fake();
      const room = await subscribedRoom(f);
      const first = room.send('chat', { bodyText: 'ok' });
      const second = room.send('chat', { bodyText: 'ok' });
      await until(() => sendFrames(f).length === 2, 'both emitted');
      // Only the first reached the server; both echoes were lost with the socket.
      f.rest.store(PEOPLE.alice, 'ok');
      f.socket.drop();
      await reconnect(f, room);
      await until(() => sendFrames(f).length === 3, 'second sent again');
      expect(sendFrames(f)[2]!.loopbackMetadata).to.equal(second.clientId);
      expect(room.pending.map((p) => p.clientId)).to.deep.equal([second.clientId]);
      expect(room.pending.map((p) => p.clientId)).not.to.include(first.clientId);
    });
  });
});
