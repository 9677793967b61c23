// SpacesRoom and SpacesConnection on a ManualClock with a fake socket and an in-memory REST API:
// the reconnect, catch-up and send-matching rules one at a time, deterministically.
import { expect } from '@open-wc/testing';
import { settle } from '../../src/core/clock.js';
import { IDLE_GRACE_MS } from '../../src/spaces/connection.js';
import { TASK_ECHO_MS } from '../../src/spaces/task-updates.js';
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
  describe('sends', () => {
    it('keep a send pending until its echo, then hold it once', async () => {
      const f = fake();
      const room = await subscribedRoom(f);
      const pending = room.send('chat', { bodyText: 'hello' });
      await until(() => sendFrames(f).length === 1, 'emitted');
      expect(room.pending.map((p) => p.state)).to.deep.equal(['sent']);
      expect(sendFrames(f)[0]!.loopbackMetadata).to.equal(pending.clientId);
      live(f, f.rest.store(PEOPLE.alice, 'hello'), pending.clientId);
      await until(() => room.pending.length === 0, 'confirmed');
      expect(room.timeline.messages.filter((m) => m.content.bodyText === 'hello')).to.have.length(1);
      expect(room.timeline.messages.every((m) => m.loopbackMetadata === undefined)).to.equal(true);
    });

    it('go through the REST API while the socket is down, confirmed by the reply', async () => {
      const f = fake();
      const room = await subscribedRoom(f);
      f.socket.drop();
      expect(room.connection).to.equal('reconnecting');
      expect(room.canSend).to.equal(true);
      room.send('chat', { bodyText: 'by rest' });
      await until(() => room.pending.length === 0, 'confirmed by REST');
      expect(f.rest.requests.filter((r) => r.startsWith('POST /spaces/sp/chats'))).to.have.length(1);
      expect(sendFrames(f)).to.have.length(0);
      expect(room.timeline.messages.map((m) => m.content.bodyText)).to.include('by rest');
    });
  });

  describe('task updates', () => {
    async function roomWithTask(f: Fake) {
      const room = await subscribedRoom(f);
      const stored = f.rest.store(PEOPLE.bob, 'a task', { category: 'task', content: { bodyText: 'a task', status: 'pending', dueDate: null, assignees: [] } });
      live(f, stored);
      await settle();
      return { room, stored, task: room.timeline.get(stored._id)! };
    }
    const changes = { dueDate: '2030-01-02T12:00:00.000Z', assignees: [{ _id: 'u-bob' }] };

    it('send due date and assignees in one frame naming the task, and are done when an echo carries them', async () => {
      const f = fake();
      const { room, stored, task } = await roomWithTask(f);
      await room.updateTask(task, changes);
      expect(f.socket.frames('SEND_MESSAGE').at(-1)).to.deep.equal({ _id: stored._id, category: 'task', topicId: 'sp', content: changes });
      live(f, { ...stored, content: { ...stored.content, ...changes }, modified: new Date(f.rest.now()).toISOString() });
      await settle();
      await f.clock.advance(TASK_ECHO_MS * 2);
      expect(f.rest.requests.filter((r) => r.startsWith('PATCH'))).to.have.length(0);
      expect(room.timeline.get(stored._id)!.content.assignees).to.deep.equal([{ _id: 'u-bob' }]);
    });

    it('go through REST when no echo carries the change in time, and at once while the socket is down', async () => {
      const f = fake();
      const { room, stored, task } = await roomWithTask(f);
      await room.updateTask(task, changes);
      // An echo of something else (the status only) is not this change.
      live(f, { ...stored, content: { ...stored.content, status: 'complete' }, modified: new Date(f.rest.now()).toISOString() });
      await f.clock.advance(TASK_ECHO_MS - 1);
      expect(f.rest.requests.filter((r) => r.startsWith('PATCH'))).to.have.length(0);
      await f.clock.advance(1);
      await until(() => f.rest.requests.filter((r) => r.startsWith(`PATCH /spaces/sp/tasks/${stored._id}`)).length === 1, 'sent by REST');
      f.socket.drop();
      await room.setTaskStatus(task, 'complete');
      expect(f.rest.requests.filter((r) => r.startsWith('PATCH'))).to.have.length(2);
    });
  });

  describe('reconnecting', () => {
    it('subscribes every room again after the socket comes back', async () => {
      const f = fake();
      const room = await subscribedRoom(f);
      const subscribes = () => f.socket.frames<{ channel: { _id: string } }>('SUBSCRIBE_CHANNEL').map((p) => p.channel._id);
      expect(subscribes()).to.deep.equal(['sp']);
      f.socket.drop();
      expect(room.subscription).to.equal('idle');
      f.socket.open();
      expect(subscribes()).to.deep.equal(['sp', 'sp']);
      expect(room.subscription).to.equal('subscribing');
    });

    it('catches up from the newest message delivered before the drop, not from an own REST send made during it', async () => {
      const f = fake();
      const room = await subscribedRoom(f);
      const lastLive = f.rest.store(PEOPLE.bob, 'before the drop');
      live(f, lastLive);
      await settle();
      f.socket.drop();
      await f.clock.advance(1000);
      f.rest.store(PEOPLE.bob, 'bob while down');
      await f.clock.advance(1000);
      room.send('chat', { bodyText: 'alice by REST' });
      await until(() => room.pending.length === 0, 'confirmed by REST');
      await reconnect(f, room);
      const catchUp = new URL(`https://x${f.rest.requests.find((r) => r.startsWith('GET /users/me/messages'))!.slice(4)}`);
      expect(Number(catchUp.searchParams.get('after'))).to.equal(Date.parse(lastLive.created));
      const bodies = room.timeline.messages.map((m) => m.content.bodyText);
      expect(bodies.slice(-3)).to.deep.equal(['before the drop', 'bob while down', 'alice by REST']);
    });

    it('hands the socket over to a refreshed token without an outage state, keeping the subscription', async () => {
      const f = fake({ tokenSeconds: 600, leadTimeMs: 60_000 });
      const room = await subscribedRoom(f);
      const states: string[] = [];
      f.connection.on('state', ({ detail }) => states.push(detail.state));
      await f.clock.advance(540_000);
      await until(() => f.tokens.length === 2, 'refreshed');
      expect(f.socket.calls).to.deep.equal(['disconnect', 'connect']);
      expect(f.socket.io.opts.query).to.contain(encodeURIComponent(f.tokens[1]!));
      expect(room.connection).to.equal('connected');
      expect(room.handover).to.equal(true);
      expect(room.canSend).to.equal(true);
      f.socket.open();
      const last = f.socket.emitted.filter((e) => e.event === 'SUBSCRIBE_CHANNEL').at(-1)!;
      expect(last.query).to.contain(encodeURIComponent(f.tokens[1]!));
      f.socket.fire('CHANNEL_SUBSCRIBED', { channel: { _id: 'sp', type: 'topic' } });
      await until(() => room.subscription === 'subscribed', 'subscribed again');
      expect(room.handover).to.equal(false);
      expect(states).to.deep.equal([]);
    });

    it('reports an outage after all when the handover fails', async () => {
      const f = fake({ tokenSeconds: 600, leadTimeMs: 60_000 });
      const room = await subscribedRoom(f);
      await f.clock.advance(540_000);
      await until(() => f.tokens.length === 2, 'refreshed');
      f.socket.fire('connect_error', new Error('websocket error'));
      expect(room.connection).to.equal('reconnecting');
      expect(room.handover).to.equal(false);
    });
  });

  describe('closing', () => {
    it('keeps the socket a moment after the last room goes, for the next room to reuse', async () => {
      const f = fake();
      const room = await subscribedRoom(f);
      f.connection.releaseRoom(room);
      await f.clock.advance(IDLE_GRACE_MS - 1);
      expect(f.connection.state).to.equal('connected');
      const next = f.connection.acquireRoom('sp');
      expect(f.sockets).to.have.length(1);
      expect(f.socket.frames<{ channel: { _id: string } }>('SUBSCRIBE_CHANNEL')).to.have.length(2);
      f.connection.releaseRoom(next);
      await f.clock.advance(IDLE_GRACE_MS);
      expect(f.connection.state).to.equal('closed');
      expect(f.socket.calls).to.include('disconnect');
    });
  });
});
