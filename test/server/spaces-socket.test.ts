import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Backend } from '../../demo/server/backend.js';
import { api, collect, connected, joinAs, next, openSocket, startQuietBackend, subscribe, tokenFor, type ClientSocket } from './spaces-support.js';

type Message = { _id: string; topicId: string; category: string; created: string; sender: { _id: string; type: string; username: string; displayname: string; picture_url: string }; content: Record<string, unknown>; loopbackMetadata?: unknown };
type Failure = { type: string; reason: string; topicId?: string; loopbackMetadata?: unknown; channel?: { _id?: string } };
type Presence = { category: string; topicId: string; content: Record<string, unknown>; sender: { _id: string; displayname: string }; receivers: string[] };

let backend: Backend;
const open: ClientSocket[] = [];
const track = (socket: ClientSocket) => (open.push(socket), socket);
const join = async (user: string, spaces: string[], password?: string) => track(await joinAs(backend, user, spaces, password));

before(async () => {
  backend = await startQuietBackend();
});
afterEach(() => {
  for (const socket of open.splice(0)) socket.close();
});
after(() => backend.close());

describe('/chat handshake', () => {
  it('refuses an expired token with a clear error event', async () => {
    const socket = track(openSocket(backend, await tokenFor(backend, 'u-alice', -60)));
    await assert.rejects(connected(socket), /Authentication error: token has expired/);
  });

  it('refuses an invalid token', async () => {
    const socket = track(openSocket(backend, 'not.a.jwt'));
    await assert.rejects(connected(socket), /Authentication error: token is invalid/);
  });

  it('refuses a missing token', async () => {
    const socket = track(openSocket(backend, undefined));
    await assert.rejects(connected(socket), /Authentication error: no token was presented/);
  });

  it('refuses an unknown tokenType', async () => {
    const socket = track(openSocket(backend, await tokenFor(backend, 'u-alice'), 'cookie'));
    await assert.rejects(connected(socket), /tokenType must be "jwt" or "oauth"/);
  });

  it('accepts tokenType=oauth and the vendor jwt.-prefixed form', async () => {
    const token = await tokenFor(backend, 'u-alice');
    await connected(track(openSocket(backend, token, 'oauth')));
    await connected(track(openSocket(backend, `jwt.${token}`)));
  });
});

describe('SUBSCRIBE_CHANNEL', () => {
  it('confirms with the channel and a session id', async () => {
    const socket = await join('u-alice', []);
    const reply = (await subscribe(socket, 'sp-design')) as { channel: { _id: string; type: string }; sessionId: string };
    assert.deepEqual(reply.channel, { _id: 'sp-design', type: 'topic' });
    assert.match(reply.sessionId, /^[0-9a-f]{24}$/);
  });

  const failures: [string, string, string | undefined, string][] = [
    ['an unknown space', 'sp-nowhere', undefined, 'app.event.channel.not.found'],
    ['a space the user is not in', 'sp-design', undefined, 'app.event.channel.forbidden'],
    ['a locked space without PIN', 'sp-locked', undefined, 'app.event.channel.password.required'],
    ['a locked space with a wrong PIN', 'sp-locked', '1111', 'app.event.channel.password.invalid'],
  ];
  for (const [what, spaceId, password, type] of failures) {
    it(`fails for ${what}`, async () => {
      const socket = await join('u-carol', []);
      const failed = next<Failure>(socket, 'SUBSCRIBE_CHANNEL_FAILED');
      socket.emit('SUBSCRIBE_CHANNEL', { channel: { _id: spaceId, type: 'topic', password } });
      const failure = await failed;
      assert.equal(failure.type, type);
      assert.equal(failure.channel?._id, spaceId);
      assert.ok(failure.reason.length > 5);
    });
  }

  it('subscribes to a locked space with the right PIN', async () => {
    const socket = await join('u-carol', []);
    const reply = (await subscribe(socket, 'sp-locked', '2468')) as { channel: { _id: string } };
    assert.equal(reply.channel._id, 'sp-locked');
  });

  it('answers malformed frames with a reason and keeps the socket usable', async () => {
    const socket = await join('u-alice', []);
    for (const bad of ['sp-general', null, 42, { channel: 'sp-general' }, { channel: { _id: 7 } }, { channel: { _id: 'sp-general', type: 'room' } }, { channel: { _id: 'x'.repeat(70_000) } }]) {
      const failed = next<Failure>(socket, 'SUBSCRIBE_CHANNEL_FAILED');
      socket.emit('SUBSCRIBE_CHANNEL', bad);
      const failure = await failed;
      assert.equal(failure.type, 'app.event.channel.invalid');
      assert.ok(failure.reason.length > 5);
    }
    await subscribe(socket, 'sp-general');
  });

  it('unsubscribes: no more messages from that space', async () => {
    const alice = await join('u-alice', ['sp-design']);
    const bob = await join('u-bob', ['sp-design']);
    const gone = next(alice, 'CHANNEL_UNSUBSCRIBED');
    alice.emit('UNSUBSCRIBE_CHANNEL', { channel: { _id: 'sp-design', type: 'topic' } });
    assert.deepEqual(await gone, { channel: { _id: 'sp-design', type: 'topic' } });
    const failed = next<Failure>(alice, 'SEND_MESSAGE_FAILED');
    alice.emit('SEND_MESSAGE', { content: { bodyText: 'still here?' }, category: 'chat', topicId: 'sp-design' });
    assert.equal((await failed).type, 'app.event.channel.subscription.required');
    const left = next<Presence>(bob, 'PRESENCE_EVENT_RESPONSE');
    assert.ok(bob.connected);
    alice.emit('SUBSCRIBE_CHANNEL', { channel: { _id: 'sp-design', type: 'topic' } });
    alice.emit('UNSUBSCRIBE_CHANNEL', { channel: { _id: 'sp-design', type: 'topic' } });
    assert.equal((await left).category, 'app.event.presence.party.leaves');
  });
});

describe('SEND_MESSAGE', () => {
  it('echoes to the sender with loopbackMetadata and to others without it', async () => {
    const alice = await join('u-alice', ['sp-design']);
    const bob = await join('u-bob', ['sp-design']);
    const echo = next<Message>(alice, 'MESSAGE_SENT');
    const heard = next<Message>(bob, 'MESSAGE_SENT');
    const before = Date.now();
    alice.emit('SEND_MESSAGE', { content: { bodyText: 'hello design' }, sender: { _id: '', type: 'user' }, category: 'chat', topicId: 'sp-design', loopbackMetadata: { pending: 'p-1' } });
    const [mine, theirs] = await Promise.all([echo, heard]);
    assert.deepEqual(mine.loopbackMetadata, { pending: 'p-1' });
    assert.equal('loopbackMetadata' in theirs, false);
    assert.equal(mine._id, theirs._id);
    assert.match(mine._id, /^[0-9a-f]{24}$/);
    assert.equal(mine.topicId, 'sp-design');
    assert.equal(mine.category, 'chat');
    assert.ok(Date.parse(mine.created) >= before - 5 && mine.created === new Date(mine.created).toISOString());
    assert.deepEqual(mine.sender, { _id: 'u-alice', type: 'user', username: 'alice@example.com', displayname: 'Alice Nguyen', picture_url: '' });
    assert.deepEqual(theirs.content, { bodyText: 'hello design' });
  });

  it('ignores a claimed sender and uses the token user', async () => {
    const alice = await join('u-alice', ['sp-design']);
    const echo = next<Message>(alice, 'MESSAGE_SENT');
    alice.emit('SEND_MESSAGE', { content: { bodyText: 'I am Bob' }, sender: { _id: 'u-bob', type: 'user' }, category: 'chat', topicId: 'sp-design' });
    assert.equal((await echo).sender._id, 'u-alice');
  });

  it('fails when the socket has not subscribed to the space, echoing loopbackMetadata', async () => {
    const alice = await join('u-alice', []);
    const failed = next<Failure>(alice, 'SEND_MESSAGE_FAILED');
    alice.emit('SEND_MESSAGE', { content: { bodyText: 'hi' }, category: 'chat', topicId: 'sp-design', loopbackMetadata: 'k-9' });
    const failure = await failed;
    assert.equal(failure.type, 'app.event.channel.subscription.required');
    assert.equal(failure.topicId, 'sp-design');
    assert.equal(failure.loopbackMetadata, 'k-9');
  });

  const malformed: [string, unknown][] = [
    ['a string payload', 'hello'],
    ['null', null],
    ['an array', [1, 2]],
    ['a missing topicId', { content: { bodyText: 'x' }, category: 'chat' }],
    ['an unknown category', { content: { bodyText: 'x' }, category: 'poll', topicId: 'sp-design' }],
    ['a numeric bodyText', { content: { bodyText: 5 }, category: 'chat', topicId: 'sp-design' }],
    ['no content', { category: 'chat', topicId: 'sp-design' }],
    ['an empty chat', { content: { bodyText: '  ' }, category: 'chat', topicId: 'sp-design' }],
    ['a bad task status', { content: { bodyText: 't', status: 'done' }, category: 'task', topicId: 'sp-design' }],
    ['a bad dueDate', { content: { bodyText: 't', dueDate: 'someday' }, category: 'task', topicId: 'sp-design' }],
    ['a body over 64 KB', { content: { bodyText: 'x'.repeat(65 * 1024) }, category: 'chat', topicId: 'sp-design', loopbackMetadata: 'big' }],
  ];
  for (const [what, payload] of malformed) {
    it(`refuses ${what} with a reason and keeps working`, async () => {
      const alice = await join('u-alice', ['sp-design']);
      const failed = next<Failure>(alice, 'SEND_MESSAGE_FAILED');
      alice.emit('SEND_MESSAGE', payload);
      const failure = await failed;
      assert.equal(failure.type, 'app.event.message.invalid');
      assert.ok(failure.reason.length > 5, failure.reason);
      const echo = next<Message>(alice, 'MESSAGE_SENT');
      alice.emit('SEND_MESSAGE', { content: { bodyText: 'after bad input' }, category: 'chat', topicId: 'sp-design' });
      assert.equal((await echo).content.bodyText, 'after bad input');
    });
  }

  it('refuses an unknown fileId and an unknown parent', async () => {
    const alice = await join('u-alice', ['sp-design']);
    for (const payload of [
      { content: { bodyText: 'x', data: [{ fileId: 'nope' }] }, category: 'chat', topicId: 'sp-design' },
      { content: { bodyText: 'x' }, category: 'chat', topicId: 'sp-design', parentMsg: { _id: 'nope' } },
    ]) {
      const failed = next<Failure>(alice, 'SEND_MESSAGE_FAILED');
      alice.emit('SEND_MESSAGE', payload);
      assert.equal((await failed).type, 'app.event.message.rejected');
    }
  });

  it('fills parentMsg with the parent summary', async () => {
    const alice = await join('u-alice', ['sp-design']);
    const first = next<Message>(alice, 'MESSAGE_SENT');
    alice.emit('SEND_MESSAGE', { content: { bodyText: 'parent' }, category: 'idea', topicId: 'sp-design' });
    const parent = await first;
    const reply = next<Message & { parentMsg: unknown }>(alice, 'MESSAGE_SENT');
    alice.emit('SEND_MESSAGE', { content: { bodyText: 'child' }, category: 'chat', topicId: 'sp-design', parentMsg: { _id: parent._id } });
    assert.deepEqual((await reply).parentMsg, { _id: parent._id, bodyText: 'parent', category: 'idea' });
  });
});

describe('tasks', () => {
  it('creates a pending task and re-broadcasts updates sent with its _id', async () => {
    const alice = await join('u-alice', ['sp-design']);
    const bob = await join('u-bob', ['sp-design']);
    const created = next<Message>(bob, 'MESSAGE_SENT');
    alice.emit('SEND_MESSAGE', { content: { bodyText: 'Ship it', dueDate: '2030-01-02T03:04:05Z', assignees: [{ _id: 'u-bob' }] }, category: 'task', topicId: 'sp-design' });
    const task = await created;
    assert.deepEqual(task.content, { bodyText: 'Ship it', status: 'pending', dueDate: '2030-01-02T03:04:05.000Z', assignees: [{ _id: 'u-bob' }] });

    const updated = next<Message>(alice, 'MESSAGE_SENT');
    bob.emit('SEND_MESSAGE', { _id: task._id, content: { status: 'complete' }, category: 'task', topicId: 'sp-design' });
    const done = await updated;
    assert.equal(done._id, task._id);
    assert.equal(done.content.status, 'complete');
    assert.equal(done.content.bodyText, 'Ship it');
    assert.equal(done.created, task.created);

    const patched = next<Message>(bob, 'MESSAGE_SENT', (m) => m.content.status === 'pending');
    const token = await tokenFor(backend, 'u-alice');
    const res = await api(backend, token, `/spaces/sp-design/tasks/${task._id}`, { method: 'PATCH', json: { content: { status: 'pending', dueDate: null } } });
    assert.equal(res.status, 200);
    const reopened = await patched;
    assert.equal(reopened._id, task._id);
    assert.equal(reopened.content.status, 'pending');
    assert.equal(reopened.content.dueDate, null);
  });

  it('refuses to edit a chat, a post by someone else, or to assign a non-member', async () => {
    const alice = await join('u-alice', ['sp-design']);
    const bob = await join('u-bob', ['sp-design']);
    const sent = next<Message>(alice, 'MESSAGE_SENT', (m) => m.category === 'chat');
    alice.emit('SEND_MESSAGE', { content: { bodyText: 'chat' }, category: 'chat', topicId: 'sp-design' });
    const chat = await sent;
    const posted = next<Message>(alice, 'MESSAGE_SENT', (m) => m.category === 'idea');
    alice.emit('SEND_MESSAGE', { content: { bodyText: 'my post' }, category: 'idea', topicId: 'sp-design' });
    const post = await posted;
    const attempts: [ClientSocket, unknown][] = [
      [alice, { _id: chat._id, content: { bodyText: 'edited' }, category: 'chat', topicId: 'sp-design' }],
      [bob, { _id: post._id, content: { bodyText: 'mine now' }, category: 'idea', topicId: 'sp-design' }],
      [alice, { content: { bodyText: 't', assignees: [{ _id: 'u-carol' }] }, category: 'task', topicId: 'sp-design' }],
    ];
    for (const [socket, payload] of attempts) {
      const failed = next<Failure>(socket, 'SEND_MESSAGE_FAILED');
      socket.emit('SEND_MESSAGE', payload);
      const failure = await failed;
      assert.equal(failure.type, 'app.event.message.rejected');
    }
  });
});

describe('SEND_PRESENCE_EVENT', () => {
  it('relays to the other subscribers with the sender filled in, not back to the sender', async () => {
    const alice = await join('u-alice', ['sp-design']);
    const bob = await join('u-bob', ['sp-design']);
    const aliceHeard = collect<Presence>(alice, 'PRESENCE_EVENT_RESPONSE');
    const typing = next<Presence>(bob, 'PRESENCE_EVENT_RESPONSE');
    alice.emit('SEND_PRESENCE_EVENT', { category: 'party.typing', topicId: 'sp-design', content: { typing: true } });
    const event = await typing;
    assert.equal(event.category, 'party.typing');
    assert.equal(event.topicId, 'sp-design');
    assert.deepEqual(event.content, { typing: true });
    assert.equal(event.sender._id, 'u-alice');
    assert.equal(event.sender.displayname, 'Alice Nguyen');
    // Bob answers; by the time Alice hears him she would have had her own event first.
    const answer = next<Presence>(alice, 'PRESENCE_EVENT_RESPONSE');
    bob.emit('SEND_PRESENCE_EVENT', { category: 'party.typing', topicId: 'sp-design', content: {} });
    assert.equal((await answer).sender._id, 'u-bob');
    assert.deepEqual(aliceHeard.map((e) => e.sender._id), ['u-bob']);
  });

  it('delivers only to the receivers when they are given', async () => {
    const alice = await join('u-alice', ['sp-locked'], '2468');
    const bob = await join('u-bob', ['sp-locked'], '2468');
    const carol = await join('u-carol', ['sp-locked'], '2468');
    const carolHeard = collect<Presence>(carol, 'PRESENCE_EVENT_RESPONSE');
    const toBob = next<Presence>(bob, 'PRESENCE_EVENT_RESPONSE');
    alice.emit('SEND_PRESENCE_EVENT', { category: 'app.event.presence.party.online', topicId: 'sp-locked', content: {}, receivers: ['u-bob'] });
    assert.deepEqual((await toBob).receivers, ['u-bob']);
    const toAll = next<Presence>(carol, 'PRESENCE_EVENT_RESPONSE');
    alice.emit('SEND_PRESENCE_EVENT', { category: 'app.event.presence.party.online', topicId: 'sp-locked', content: {}, receivers: [] });
    await toAll;
    // Socket.IO keeps order per connection: had Carol got the first event it would be listed first.
    assert.deepEqual(carolHeard.map((e) => e.receivers), [[]]);
  });

  it('refuses presence for a space the socket has not subscribed to, and malformed presence', async () => {
    const alice = await join('u-alice', []);
    for (const [payload, type] of [
      [{ category: 'party.typing', topicId: 'sp-design', content: {} }, 'app.event.channel.subscription.required'],
      [{ category: 'party typing <b>', topicId: 'sp-design' }, 'app.event.presence.invalid'],
      [{ category: 'party.typing', topicId: 'sp-design', receivers: 'u-bob' }, 'app.event.presence.invalid'],
      ['typing', 'app.event.presence.invalid'],
    ] as const) {
      const failed = next<Failure>(alice, 'SEND_MESSAGE_FAILED');
      alice.emit('SEND_PRESENCE_EVENT', payload);
      assert.equal((await failed).type, type);
    }
  });

  it('announces party.leaves when a socket disconnects', async () => {
    const alice = await join('u-alice', ['sp-design']);
    const bob = await join('u-bob', ['sp-design']);
    const left = next<Presence>(alice, 'PRESENCE_EVENT_RESPONSE');
    bob.close();
    const event = await left;
    assert.equal(event.category, 'app.event.presence.party.leaves');
    assert.equal(event.sender._id, 'u-bob');
    assert.equal(event.topicId, 'sp-design');
  });
});

describe('Ada, the helper in sp-general', () => {
  it('answers a newcomer party.online with her own presence addressed to the newcomer', async () => {
    const alice = await join('u-alice', ['sp-general']);
    const answer = next<Presence>(alice, 'PRESENCE_EVENT_RESPONSE', (e) => e.sender._id === 'u-helper');
    alice.emit('SEND_PRESENCE_EVENT', { category: 'app.event.presence.party.online', topicId: 'sp-general', content: {}, receivers: [] });
    const event = await answer;
    assert.equal(event.category, 'app.event.presence.party.online');
    assert.deepEqual(event.receivers, ['u-alice']);
    assert.equal(event.sender.displayname, 'Ada (helper)');
  });

  it('types, then answers a question in HTML mentioning the asker', async () => {
    const alice = await join('u-alice', ['sp-general']);
    const typing = next<Presence>(alice, 'PRESENCE_EVENT_RESPONSE', (e) => e.category === 'party.typing');
    const reply = next<Message>(alice, 'MESSAGE_SENT', (m) => m.sender._id === 'u-helper');
    alice.emit('SEND_MESSAGE', { content: { bodyText: 'is the build green?' }, category: 'chat', topicId: 'sp-general' });
    assert.equal((await typing).sender._id, 'u-helper');
    assert.equal(
      (await reply).content.bodyText,
      '<p>Good question, <mention id="u-alice" type="user" value="Alice Nguyen">@Alice Nguyen</mention>! I&#x27;ll look into it.</p>',
    );
  });

  it('answers with a <pre> block when asked about code, and in plain text otherwise', async () => {
    const bob = await join('u-bob', ['sp-general']);
    const code = next<Message>(bob, 'MESSAGE_SENT', (m) => m.sender._id === 'u-helper');
    bob.emit('SEND_MESSAGE', { content: { bodyText: 'show me the CODE' }, category: 'chat', topicId: 'sp-general' });
    assert.match(String((await code).content.bodyText), /^<p>.*<\/p><pre>[\s\S]*&quot;hello&quot;[\s\S]*<\/pre>$/);
    const plain = next<Message>(bob, 'MESSAGE_SENT', (m) => m.sender._id === 'u-helper');
    bob.emit('SEND_MESSAGE', { content: { bodyText: 'lunch at noon' }, category: 'chat', topicId: 'sp-general' });
    assert.doesNotMatch(String((await plain).content.bodyText), /</);
  });

  it('escapes a hostile display name in her HTML reply', async () => {
    const res = await api(backend, undefined, '/anonymous/auth', { method: 'POST', json: { displayname: '<img src=x onerror=alert(1)>', username: 'mallory' } });
    const { token } = (await res.json()) as { token: string };
    const guest = track(openSocket(backend, token));
    await connected(guest);
    await subscribe(guest, 'sp-general');
    const reply = next<Message>(guest, 'MESSAGE_SENT', (m) => m.sender._id === 'u-helper');
    guest.emit('SEND_MESSAGE', { content: { bodyText: 'hello?' }, category: 'chat', topicId: 'sp-general' });
    const body = String((await reply).content.bodyText);
    assert.doesNotMatch(body, /<img/);
    assert.match(body, /&#x3c;img src=x onerror=alert\(1\)&#x3e;/);
  });
});

describe('test controls', () => {
  it('dropSockets cuts connections and the client auto-reconnects and resubscribes', async () => {
    const socket = track(openSocket(backend, await tokenFor(backend, 'u-alice'), 'jwt', { reconnection: true, reconnectionDelay: 20, reconnectionDelayMax: 50 }));
    await connected(socket);
    await subscribe(socket, 'sp-design');
    const lost = next<string>(socket, 'disconnect');
    const back = next<undefined>(socket, 'reconnect');
    const { dropped } = (await backend.command('spaces', 'dropSockets')) as { dropped: number };
    assert.ok(dropped >= 1);
    assert.equal(await lost, 'transport close');
    await back;
    const failed = next<Failure>(socket, 'SEND_MESSAGE_FAILED');
    socket.emit('SEND_MESSAGE', { content: { bodyText: 'x' }, category: 'chat', topicId: 'sp-design' });
    assert.equal((await failed).type, 'app.event.channel.subscription.required', 'a new connection starts without subscriptions');
    await subscribe(socket, 'sp-design');
  });

  it('injectMessage stores and broadcasts a message by someone else; messageCount counts it', async () => {
    const alice = await join('u-alice', ['sp-design']);
    const { count: before } = (await backend.command('spaces', 'messageCount', { spaceId: 'sp-design' })) as { count: number };
    const heard = next<Message>(alice, 'MESSAGE_SENT');
    await backend.command('spaces', 'injectMessage', { spaceId: 'sp-design', bodyText: 'sent while you were away', senderId: 'u-bob' });
    const message = await heard;
    assert.equal(message.sender._id, 'u-bob');
    assert.equal(message.content.bodyText, 'sent while you were away');
    assert.deepEqual(await backend.command('spaces', 'messageCount', { spaceId: 'sp-design' }), { count: before + 1 });
    await assert.rejects(backend.command('spaces', 'injectMessage', { spaceId: 'sp-nowhere', bodyText: 'x', senderId: 'u-bob' }));
  });

  it('sendRawFrame emits any frame to a space subscribers', async () => {
    const alice = await join('u-alice', ['sp-design']);
    const raw = next<unknown>(alice, 'MESSAGE_SENT');
    assert.deepEqual(await backend.command('spaces', 'sendRawFrame', { spaceId: 'sp-design', event: 'MESSAGE_SENT', payload: { _id: 5, content: null } }), { delivered: 1 });
    assert.deepEqual(await raw, { _id: 5, content: null });
  });
});
