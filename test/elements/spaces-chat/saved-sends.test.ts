// Nothing the user typed is lost: unsent messages survive the element going away (a reload) and
// are delivered exactly once by the next element of the same user and space.
import { expect, fixture, html } from '@open-wc/testing';
import type { SpacesChat } from '../../../src/elements/spaces-chat/define.js';
import type { SpacesRoom } from '../../../src/spaces/room.js';
import { socketIoV2 } from '../../../src/spaces/socket-io-v2.js';
import type { SocketFactory } from '../../../src/spaces/socket-types.js';
import { backendCommand, backendUrl, fetchToken, until } from '../../support/backend.js';
import { mount, unique, untilRow } from './helpers.js';

const SPACE = 'sp-design';
/** Nothing listens here: the socket never connects and every REST call fails. */
const UNREACHABLE = 'http://127.0.0.1:9';
const PREFIX = 'avaya-chat-elements:spaces-outbox:';

/**
 * Sends a marker and waits for its confirmation. The outbox sends in order, so once the marker is
 * stored everything queued before it has gone too: a duplicate would be in the count by then.
 */
async function sendMarker(room: SpacesRoom): Promise<void> {
  const marker = unique('marker');
  room.send('chat', { bodyText: marker });
  await until(() => room.pending.length === 0 && room.timeline.messages.some((m) => m.content.bodyText === marker), 'marker confirmed');
}

/** The real Socket.IO client, pointed where nothing answers (the element still names the real server). */
const deadSocket: SocketFactory = (_url, options) => socketIoV2(`${UNREACHABLE}/chat`, options);

/** An element for `user` whose socket never connects and whose REST sends fail: sends stay pending. */
async function mountOffline(user: string, tokens: string[] = []): Promise<SpacesChat> {
  const base = await backendUrl();
  const el = await fixture<SpacesChat>(html`<spaces-chat space-id=${SPACE} server-url=${`${base}/chat`} api-url=${`${UNREACHABLE}/api`} theme="light"
    .socketFactory=${deadSocket}
    .tokenProvider=${async () => {
      const token = await fetchToken('spaces', user);
      tokens.push(token);
      return token;
    }}></spaces-chat>`);
  await until(() => el.controller.room !== undefined, 'room opened');
  return el;
}

/** Every saved entry of the outbox, key and value. */
/** `user` types `text` on a page that cannot reach the server, and the page goes with it saved. */
async function leaveUnsent(user: string, text: string): Promise<void> {
  const page = await mountOffline(user);
  page.controller.room!.send('chat', { bodyText: text });
  await until(() => savedTexts().includes(text), 'saved');
  page.remove();
}

function savedEntries(): [string, string][] {
  const entries: [string, string][] = [];
  for (let i = 0; i < sessionStorage.length; i += 1) {
    const key = sessionStorage.key(i)!;
    if (key.startsWith(PREFIX)) entries.push([key, sessionStorage.getItem(key) ?? '']);
  }
  return entries;
}

/** Body texts of the saved sends. */
function savedTexts(): string[] {
  return savedEntries().flatMap(([, value]) => (JSON.parse(value) as { items: { payload: { content: { bodyText: string } } }[] }).items.map((i) => i.payload.content.bodyText));
}

async function messageCount(): Promise<number> {
  return (await backendCommand<{ count: number }>('spaces', 'messageCount', { spaceId: SPACE })).count;
}

describe('<spaces-chat> saved sends', () => {
  beforeEach(() => {
    for (const [key] of savedEntries()) sessionStorage.removeItem(key);
  });

  it('keeps a message sent while offline across re-mounts, shows it pending, and delivers it exactly once', async () => {
    const before = await messageCount();
    const text = unique('typed while offline');
    await leaveUnsent('u-alice', text);

    // A page that is still offline shows the restored message as pending and does not send it.
    const second = await mountOffline('u-alice');
    const pending = await untilRow(second, text);
    expect(pending.getAttribute('part')).to.contain('pending');
    expect(second.controller.room!.pending.map((p) => p.content.bodyText)).to.deep.equal([text]);
    second.remove();
    expect(await messageCount()).to.equal(before);

    const el = await mount('u-alice', SPACE);
    const room = el.controller.room!;
    await until(() => room.pending.length === 0 && room.timeline.messages.some((m) => m.content.bodyText === text), 'delivered');
    const delivered = await untilRow(el, text, (r) => !r.getAttribute('part')!.includes('pending'));
    expect(delivered.dataset.id).to.be.a('string');
    await sendMarker(room);
    expect(await messageCount()).to.equal(before + 2);
    const history = await el.controller.lease!.connection.rest.history(SPACE, undefined, 50);
    expect(history.messages.filter((m) => m.content.bodyText === text)).to.have.length(1);
    expect(savedTexts()).not.to.include(text);
  });

  it('does not send again a saved message that reached the server before the page went away', async () => {
    const text = unique('landed before the reload');
    await leaveUnsent('u-alice', text);
    // As if that send had reached the server and only its answer was lost with the page.
    await backendCommand('spaces', 'injectMessage', { spaceId: SPACE, bodyText: text, senderId: 'u-alice' });
    const before = await messageCount();

    const el = await mount('u-alice', SPACE);
    const room = el.controller.room!;
    await until(() => room.pending.length === 0 && !savedTexts().includes(text), 'confirmed from history');
    await sendMarker(room);
    expect(await messageCount()).to.equal(before + 1);
    expect(room.timeline.messages.filter((m) => m.content.bodyText === text)).to.have.length(1);
  });

  it('finds a saved message that reached the server after a rush of others', async () => {
    const text = unique('landed before a rush');
    await leaveUnsent('u-alice', text);
    // More messages than a catch-up reads forward (1,000) came in after the send and before its copy landed.
    await backendCommand('spaces', 'injectMessages', { spaceId: SPACE, count: 1100, senderId: 'u-bob', prefix: unique('rush') });
    await backendCommand('spaces', 'injectMessage', { spaceId: SPACE, bodyText: text, senderId: 'u-alice' });
    const before = await messageCount();

    const el = await mount('u-alice', SPACE);
    const room = el.controller.room!;
    await until(() => room.pending.length === 0 && !savedTexts().includes(text), 'confirmed from history');
    await sendMarker(room);
    expect(await messageCount()).to.equal(before + 1);
  });

  it('keeps another user’s saved messages apart and stores no token text', async () => {
    const tokens: string[] = [];
    const text = unique('private draft');
    const carol = await mountOffline('u-carol', tokens);
    carol.controller.room!.send('chat', { bodyText: text });
    await until(() => savedTexts().includes(text), 'saved');
    expect(tokens.length).to.be.greaterThan(0);
    const entries = savedEntries();
    expect(entries).to.have.length(1);
    const [key, value] = entries[0]!;
    expect(key).to.contain('u-carol').and.to.contain(SPACE);
    for (const token of tokens) {
      const signature = token.split('.').pop()!;
      expect(key + value).not.to.contain(token);
      expect(key + value).not.to.contain(signature);
    }

    // Alice in the same space does not get Carol's message: her pending list holds only her own draft.
    const alice = await mountOffline('u-alice');
    const own = unique('alice draft');
    alice.controller.room!.send('chat', { bodyText: own });
    await until(() => savedTexts().includes(own), 'alice saved');
    expect(alice.controller.room!.pending.map((p) => p.content.bodyText)).to.deep.equal([own]);
    alice.controller.room!.discard(alice.controller.room!.pending[0]!.clientId);
    alice.remove();

    // Discarding it removes it from storage as well.
    const room = carol.controller.room!;
    room.discard(room.pending[0]!.clientId);
    expect(savedEntries()).to.have.length(0);
    carol.remove();
  });

  it('ignores corrupt or foreign saved entries with a warning and keeps working', async () => {
    const base = await backendUrl();
    const key = `${PREFIX}${JSON.stringify([`${base}/chat`, SPACE, 'u-alice'])}`;
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      sessionStorage.setItem(key, JSON.stringify({
        version: 1,
        items: [
          { clientId: 'other-space', payload: { topicId: 'sp-general', category: 'chat', content: { bodyText: 'wrong room' }, at: Date.now() } },
          { clientId: 'bad-kind', payload: { topicId: SPACE, category: 'script', content: { bodyText: 'x' }, at: Date.now() } },
          { clientId: 'no-text', payload: { topicId: SPACE, category: 'chat', content: { bodyText: 42 }, at: Date.now() } },
          'not an item',
        ],
      }));
      const before = await messageCount();
      const el = await mount('u-alice', SPACE);
      expect(el.controller.room!.pending).to.have.length(0);
      await sendMarker(el.controller.room!);
      expect(await messageCount()).to.equal(before + 1);
      expect(warnings.filter((w) => w.includes('outbox'))).to.have.length(4);
    } finally {
      console.warn = warn;
    }
  });
});
