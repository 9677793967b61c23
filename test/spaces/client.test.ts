import { expect } from '@open-wc/testing';
import { openConnectionCount } from '../../src/spaces/registry.js';
import { backendCommand, until } from '../support/backend.js';
import { open, transports, unique, withBody } from './helpers.js';

type Opened = Awaited<ReturnType<typeof open>>;

for (const [transport, factory] of transports) describe(`Spaces client against the backend (${transport})`, () => {
  const opened: Opened[] = [];
  const track = async (user: string, space: string, password?: string) => {
    const lease = await open(user, space, password, factory);
    opened.push(lease);
    return lease;
  };

  afterEach(() => {
    for (const lease of opened.splice(0)) lease.close();
  });

  it('subscribes and loads the latest history in order', async () => {
    const { room } = await track('u-alice', 'sp-general');
    await until(() => room.subscription === 'subscribed' && room.historyLoaded, 'subscribed with history');
    const times = room.timeline.messages.map((m) => m.createdMs);
    expect(times.length).to.be.greaterThan(0);
    expect(times).to.deep.equal([...times].sort((a, b) => a - b));
    expect(room.timeline.messages.every((m) => m.topicId === 'sp-general')).to.equal(true);
  });

  it('sends by socket: pending until the echo, then stored exactly once', async () => {
    const { room } = await track('u-alice', 'sp-design');
    await until(() => room.subscription === 'subscribed' && room.historyLoaded);
    const text = unique('socket send');
    const sent = new Promise<string>((resolve) => room.on('sent', ({ detail }) => resolve(detail.message.content.bodyText)));
    room.send('chat', { bodyText: text });
    expect(room.pending.map((p) => p.content.bodyText)).to.include(text);
    expect(await sent).to.equal(text);
    expect(room.pending).to.have.length(0);
    expect(withBody(room.timeline.messages, text)).to.have.length(1);
  });

  it('receives messages of others and never those of another space', async () => {
    const { room } = await track('u-alice', 'sp-design');
    await until(() => room.subscription === 'subscribed' && room.historyLoaded);
    const { room: general } = await track('u-alice', 'sp-general');
    await until(() => general.subscription === 'subscribed');
    const text = unique('from bob');
    await backendCommand('spaces', 'injectMessage', { spaceId: 'sp-design', bodyText: text, senderId: 'u-bob' });
    await until(() => withBody(room.timeline.messages, text).length === 1, 'injected message');
    expect(withBody(general.timeline.messages, text)).to.have.length(0);
  });

  it('shares one socket per user and subscribes each space once', async () => {
    // Sockets of earlier tests linger a moment after their last room (for a switch of space).
    await until(() => openConnectionCount() === 0, 'earlier sockets closed', 5000);
    const before = 0;
    const a = await track('u-alice', 'sp-general');
    const b = await track('u-alice', 'sp-general');
    expect(a.room).to.equal(b.room);
    expect(a.connection).to.equal(b.connection);
    const c = await track('u-bob', 'sp-general');
    expect(c.connection).not.to.equal(a.connection);
    expect(openConnectionCount()).to.equal(before + 2);
    for (const lease of opened.splice(0)) lease.close();
    // Kept a moment after the last room goes (a switch of space reuses it), then closed.
    expect(openConnectionCount()).to.equal(before + 2);
    await until(() => openConnectionCount() === before, 'sockets closed', 5000);
  });

  it('delivers through the REST API while the socket is down, once', async () => {
    const { room } = await track('u-alice', 'sp-design');
    await until(() => room.subscription === 'subscribed' && room.historyLoaded);
    await backendCommand('spaces', 'dropSockets');
    await until(() => room.connection === 'reconnecting', 'socket down');
    const text = unique('rest send');
    room.send('chat', { bodyText: text });
    await until(() => withBody(room.timeline.messages, text).length === 1 && room.pending.length === 0, 'confirmed by REST');
    await until(() => room.subscription === 'subscribed', 'back');
    expect(withBody(room.timeline.messages, text)).to.have.length(1);
  });

  it('after a drop, fetches what others sent before an own REST send made while offline: each once, in order', async () => {
    const { room } = await track('u-alice', 'sp-design');
    await until(() => room.subscription === 'subscribed' && room.historyLoaded);
    await backendCommand('spaces', 'dropSockets');
    await until(() => room.connection === 'reconnecting', 'socket down');
    const bob = unique('bob while alice is offline');
    await backendCommand('spaces', 'injectMessage', { spaceId: 'sp-design', bodyText: bob, senderId: 'u-bob' });
    const alice = unique('alice by REST');
    room.send('chat', { bodyText: alice });
    await until(() => withBody(room.timeline.messages, alice).length === 1 && room.pending.length === 0, 'confirmed by REST');
    await until(() => room.subscription === 'subscribed' && withBody(room.timeline.messages, bob).length === 1, 'caught up', 10000);
    const order = room.timeline.messages.filter((m) => m.content.bodyText === bob || m.content.bodyText === alice).map((m) => m.content.bodyText);
    expect(order).to.deep.equal([bob, alice]);
  });

  it('after dropSockets, fills the gap: every missed message exactly once, in order', async () => {
    const { room } = await track('u-alice', 'sp-design');
    await until(() => room.subscription === 'subscribed' && room.historyLoaded);
    await backendCommand('spaces', 'dropSockets');
    await until(() => room.connection === 'reconnecting', 'socket down');
    const texts = [unique('missed 1'), unique('missed 2'), unique('missed 3')];
    for (const text of texts) await backendCommand('spaces', 'injectMessage', { spaceId: 'sp-design', bodyText: text, senderId: 'u-bob' });
    await until(() => room.subscription === 'subscribed' && texts.every((t) => withBody(room.timeline.messages, t).length === 1), 'caught up', 10000);
    const order = room.timeline.messages.filter((m) => texts.includes(m.content.bodyText)).map((m) => m.content.bodyText);
    expect(order).to.deep.equal(texts);
    const ids = room.timeline.messages.map((m) => m._id);
    expect(new Set(ids).size).to.equal(ids.length);
  });

  it('survives malformed and oversized frames with one warning each', async () => {
    const { room } = await track('u-alice', 'sp-design');
    await until(() => room.subscription === 'subscribed' && room.historyLoaded);
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      await backendCommand('spaces', 'sendRawFrame', { spaceId: 'sp-design', event: 'MESSAGE_SENT', payload: { _id: 42, content: 'nope' } });
      await backendCommand('spaces', 'sendRawFrame', { spaceId: 'sp-design', event: 'MESSAGE_SENT', payload: 'just a string' });
      await backendCommand('spaces', 'sendRawFrame', { spaceId: 'sp-design', event: 'PRESENCE_EVENT_RESPONSE', payload: null });
      await backendCommand('spaces', 'sendRawFrame', {
        spaceId: 'sp-design',
        event: 'MESSAGE_SENT',
        payload: { _id: 'big', topicId: 'sp-design', category: 'chat', created: new Date().toISOString(), sender: { _id: 'u-bob' }, content: { bodyText: 'x'.repeat(300_000) } },
      });
      const text = unique('after garbage');
      await backendCommand('spaces', 'injectMessage', { spaceId: 'sp-design', bodyText: text, senderId: 'u-bob' });
      await until(() => withBody(room.timeline.messages, text).length === 1, 'room still works');
    } finally {
      console.warn = warn;
    }
    expect(warnings.filter((w) => String(w[0]).startsWith('[spaces-chat] dropped'))).to.have.length(4);
    expect(room.timeline.get('big')).to.equal(undefined);
  });

  it('shows typing for about two seconds and keeps a roster from presence', async () => {
    const alice = await track('u-alice', 'sp-design');
    await until(() => alice.room.subscription === 'subscribed');
    const bob = await track('u-bob', 'sp-design');
    await until(() => bob.room.subscription === 'subscribed');
    // Bob's broadcast 'online' reaches Alice; Alice answers to Bob alone.
    await until(() => alice.room.roster.some((u) => u._id === 'u-bob'), 'alice sees bob');
    await until(() => bob.room.roster.some((u) => u._id === 'u-alice'), 'bob sees alice');
    bob.room.userTyping();
    bob.room.userTyping();
    await until(() => alice.room.typing.some((u) => u._id === 'u-bob'), 'typing shown');
    await until(() => !alice.room.typing.some((u) => u._id === 'u-bob'), 'typing gone', 4000);
    bob.close();
    opened.splice(opened.indexOf(bob), 1);
    await until(() => !alice.room.roster.some((u) => u._id === 'u-bob'), 'bob left');
  });

  it('refuses a locked space without its PIN and opens it with the PIN', async () => {
    const locked = await track('u-alice', 'sp-locked');
    await until(() => locked.room.subscription === 'failed', 'refused');
    expect(locked.room.subscribeError).to.match(/PIN/);
    locked.close();
    opened.splice(opened.indexOf(locked), 1);
    const unlocked = await track('u-alice', 'sp-locked', '2468');
    await until(() => unlocked.room.subscription === 'subscribed' && unlocked.room.historyLoaded, 'opened with PIN');
  });

  it('creates posts and tasks and applies task updates in place', async () => {
    const { room } = await track('u-alice', 'sp-design');
    await until(() => room.subscription === 'subscribed' && room.historyLoaded);
    const title = unique('task');
    room.send('task', { bodyText: title, description: 'do it', dueDate: new Date(Date.now() + 86_400_000).toISOString(), assignees: [{ _id: 'u-bob' }] });
    await until(() => withBody(room.timeline.messages, title).length === 1, 'task stored');
    const task = withBody(room.timeline.messages, title)[0]!;
    expect(task.category).to.equal('task');
    expect(task.content.status).to.equal('pending');
    expect(task.content.assignees).to.deep.equal([{ _id: 'u-bob' }]);
    await room.setTaskStatus(task, 'complete');
    await until(() => room.timeline.get(task._id)?.content.status === 'complete', 'task updated');
    expect(withBody(room.timeline.messages, title)).to.have.length(1);
    const post = unique('post');
    room.send('idea', { bodyText: post, description: 'an idea' });
    await until(() => withBody(room.timeline.messages, post)[0]?.category === 'idea', 'post stored');
  });

  it('uploads a file with progress and sends it as an attachment; cancel aborts', async () => {
    const { room } = await track('u-alice', 'sp-design');
    await until(() => room.subscription === 'subscribed' && room.historyLoaded);
    const name = `${unique('notes').replace(' ', '-')}.txt`;
    const upload = room.upload(new File(['hello '.repeat(2000)], name, { type: 'text/plain' }));
    const progress: number[] = [];
    upload.on('progress', ({ detail }) => progress.push(detail.loaded));
    await until(() => room.timeline.messages.some((m) => m.content.data?.[0]?.name === name), 'attachment message');
    expect(upload.state).to.equal('done');
    const file = room.timeline.messages.find((m) => m.content.data?.[0]?.name === name)!.content.data![0]!;
    const res = await fetch(file.path);
    expect(await res.text()).to.equal('hello '.repeat(2000));
    const cancelled = room.upload(new File(['x'.repeat(10)], 'cancel-me.txt', { type: 'text/plain' }));
    cancelled.cancel();
    expect(cancelled.state).to.equal('cancelled');
    expect(room.uploads).to.not.include(cancelled);
  });

  it('loads older history page by page without duplicates', async () => {
    // More than one page of history, whatever ran before.
    for (let i = 0; i < 60; i += 1) await backendCommand('spaces', 'injectMessage', { spaceId: 'sp-general', bodyText: unique(`older ${i}`), senderId: 'u-bob' });
    const { room } = await track('u-carol', 'sp-general');
    await until(() => room.historyLoaded);
    const first = room.timeline.size;
    expect(first).to.equal(50);
    expect(room.hasMoreHistory).to.equal(true);
    const oldest = room.timeline.oldestMs!;
    await room.loadOlder();
    expect(room.timeline.size).to.be.greaterThan(first);
    expect(room.timeline.oldestMs!).to.be.lessThan(oldest);
    const ids = room.timeline.messages.map((m) => m._id);
    expect(new Set(ids).size).to.equal(ids.length);
  });
});
