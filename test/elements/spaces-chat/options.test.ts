// Attributes and states of <spaces-chat> beyond the basics: failed sends, readonly, categories,
// locale, and post cards.
import { expect, fixture, html } from '@open-wc/testing';
import type { SpacesChat } from '../../../src/elements/spaces-chat/define.js';
import type { SpacesRoom } from '../../../src/spaces/room.js';
import { backendCommand, backendUrl, fetchToken, until } from '../../support/backend.js';
import { mount, rows, rowWith, shadow, unique, untilRow, withFailingSends } from './helpers.js';

const SPACE = 'sp-design';
function typeAndEnter(el: SpacesChat, text: string): void {
  const input = shadow(el).querySelector('textarea')!;
  input.value = text;
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
}

/** Mounts `user` in SPACE with extra attributes, waiting until subscribed with history. */
async function mountWith(user: string, attrs: { categories?: string; locale?: string; readonly?: boolean }): Promise<SpacesChat> {
  const base = await backendUrl();
  const el = await fixture<SpacesChat>(html`<spaces-chat space-id=${SPACE} server-url=${`${base}/chat`} api-url=${`${base}/api`} theme="light"
    categories=${attrs.categories ?? 'chat idea task'} locale=${attrs.locale ?? 'en'} ?readonly=${attrs.readonly ?? false}
    .tokenProvider=${() => fetchToken('spaces', user)}></spaces-chat>`);
  await until(() => el.controller.room?.subscription === 'subscribed' && el.controller.room.historyLoaded, 'subscribed');
  await el.updateComplete;
  return el;
}

/** Sends through the room and waits for the server's confirmation. */
async function sendAndConfirm(room: SpacesRoom, category: 'chat' | 'idea' | 'task', content: { bodyText: string; description?: string }): Promise<void> {
  room.send(category, content);
  await until(() => room.timeline.messages.some((m) => m.content.bodyText === content.bodyText) && room.pending.length === 0, `${category} confirmed`);
}

describe('<spaces-chat> options and states', () => {
  it('marks a send that keeps failing as not sent, with a working Discard and Retry', async () => {
    const { el, room, clock, socket, failUntilDone } = await withFailingSends(SPACE);

    const dropped = unique('to be discarded');
    room.send('chat', { bodyText: dropped });
    await failUntilDone();
    // Rows render once per animation frame: wait for the one that shows the failure.
    const failed = await untilRow(el, dropped, (r) => r.getAttribute('part')!.includes('failed'));
    expect(failed.textContent).to.contain('Not sent');
    await expect(el).to.be.accessible();
    const discard = [...failed.querySelectorAll('button')].find((b) => b.textContent === 'Discard')!;
    discard.click();
    await until(() => rowWith(el, dropped) === undefined && room.pending.length === 0, 'discarded');

    const kept = unique('to be retried');
    room.send('chat', { bodyText: kept });
    await failUntilDone();
    const before = (await backendCommand<{ count: number }>('spaces', 'messageCount', { spaceId: SPACE })).count;
    socket.connect();
    await until(() => room.subscription === 'subscribed', 'back');
    const retry = [...(await untilRow(el, kept, (r) => r.getAttribute('part')!.includes('failed'))).querySelectorAll('button')].find((b) => b.textContent === 'Retry')!;
    retry.click();
    await until(() => {
      void clock.advance(1000);
      return room.pending.length === 0 && room.timeline.messages.some((m) => m.content.bodyText === kept);
    }, 'delivered after retry');
    const after = (await backendCommand<{ count: number }>('spaces', 'messageCount', { spaceId: SPACE })).count;
    expect(after - before).to.equal(1);
    await untilRow(el, kept, (r) => !r.getAttribute('part')!.includes('failed'));
  });

  it('hides the composer when readonly and keeps task toggles disabled', async () => {
    const writer = await mount('u-alice', SPACE);
    const title = unique('read-only task');
    await sendAndConfirm(writer.controller.room!, 'task', { bodyText: title });
    writer.remove();
    const el = await mountWith('u-bob', { readonly: true });
    expect(shadow(el).querySelector('[part="composer"], textarea, [part="send-button"]')).to.equal(null);
    expect(shadow(el).querySelector('.readonly')!.textContent).to.contain('read-only');
    const card = await untilRow(el, title, (r) => r.querySelector('.toggle') !== null);
    expect(card.querySelector<HTMLButtonElement>('.toggle')!.disabled).to.equal(true);
    // A send through the element API is refused too.
    el.send();
    expect(el.controller.room!.pending).to.have.length(0);
    await expect(el).to.be.accessible();
    el.readonly = false;
    await el.updateComplete;
    expect(shadow(el).querySelector('textarea')).to.exist;
  });

  it('shows and composes only the kinds named by categories', async () => {
    const writer = await mount('u-alice', SPACE);
    const room = writer.controller.room!;
    const post = unique('a post');
    const task = unique('a task');
    const chat = unique('a chat');
    await sendAndConfirm(room, 'idea', { bodyText: post });
    await sendAndConfirm(room, 'task', { bodyText: task });
    await sendAndConfirm(room, 'chat', { bodyText: chat });
    // The virtualizer renders only rows inside the viewport: one element on the page at a time.
    writer.remove();

    const chatOnly = await mountWith('u-alice', { categories: 'chat' });
    await untilRow(chatOnly, chat);
    expect(shadow(chatOnly).querySelector('select')).to.equal(null);
    expect(shadow(chatOnly).querySelector('[part="card"]')).to.equal(null);
    expect(rowWith(chatOnly, post)).to.equal(undefined);
    expect(rowWith(chatOnly, task)).to.equal(undefined);
    chatOnly.remove();

    // "post" is the documented name of the `idea` category; a single kind means no kind picker.
    const postsOnly = await mountWith('u-alice', { categories: 'post' });
    await untilRow(postsOnly, post, (r) => r.querySelector('[part="card"]') !== null);
    expect(shadow(postsOnly).querySelector('select')).to.equal(null);
    expect(rowWith(postsOnly, chat)).to.equal(undefined);
    expect(rowWith(postsOnly, task)).to.equal(undefined);
    // What it composes is a post, too.
    const composed = unique('composed post');
    typeAndEnter(postsOnly, `${composed}\nwith details`);
    const postsRoom = postsOnly.controller.room!;
    await until(() => postsRoom.timeline.messages.some((m) => m.content.bodyText === composed), 'composed');
    expect(postsRoom.timeline.messages.find((m) => m.content.bodyText === composed)!.category).to.equal('idea');
    postsOnly.remove();

    const twoKinds = await mountWith('u-alice', { categories: 'chat, task' });
    const options = [...shadow(twoKinds).querySelectorAll('select option')].map((o) => (o as HTMLOptionElement).value);
    expect(options).to.deep.equal(['chat', 'task']);
    await expect(twoKinds).to.be.accessible();
  });

  it('falls back to English for an unknown or malformed locale without errors', async () => {
    const errors: unknown[] = [];
    // The virtualizer's benign ResizeObserver notice is swallowed in helpers.ts; in full runs Chromium
    // also logs bare `null`s (in every element test file, none from the element's code): not errors.
    const onError = (event: ErrorEvent) => {
      if (!event.message?.startsWith('ResizeObserver loop')) errors.push(event.message);
    };
    window.addEventListener('error', onError);
    const error = console.error;
    console.error = (...args: unknown[]) => {
      if (args.some((arg) => arg !== null)) errors.push(args);
    };
    try {
      for (const locale of ['xx-ZZ', 'not a locale!']) {
        const el = await mountWith('u-alice', { locale });
        await until(() => rows(el).length > 0, 'rows rendered');
        expect(shadow(el).querySelector('[part="send-button"]')!.textContent).to.equal('Send');
        expect(shadow(el).querySelector('textarea')!.placeholder).to.equal('Write a message');
        expect(shadow(el).querySelector('[part="status"]')!.textContent).to.contain('Connected');
        expect(shadow(el).querySelector('time')!.textContent).to.match(/\d/);
        el.remove();
      }
    } finally {
      window.removeEventListener('error', onError);
      console.error = error;
    }
    expect(errors).to.deep.equal([]);
  });

  it('speaks the language of its locale, for a region too, and switches when the locale changes', async () => {
    const el = await mountWith('u-alice', { locale: 'fr-CA' });
    const send = () => shadow(el).querySelector('[part="send-button"]')!.textContent;
    await until(() => send() === 'Envoyer', 'French strings');
    expect(shadow(el).querySelector('textarea')!.placeholder).to.equal('Écrire un message');
    expect(shadow(el).querySelector('[part="status"]')!.textContent).to.contain('Connecté');
    await expect(el).to.be.accessible();
    el.locale = 'de';
    await until(() => send() === 'Senden', 'German strings');
    expect(shadow(el).querySelector('textarea')!.placeholder).to.equal('Nachricht schreiben');
    el.locale = 'en-GB';
    await until(() => send() === 'Send', 'back to English');
  });

  it('renders a post as a card with its title and description', async () => {
    const el = await mount('u-alice', SPACE);
    const title = unique('Launch plan');
    await sendAndConfirm(el.controller.room!, 'idea', { bodyText: title, description: 'Ship on <b>Monday</b> & tell everyone' });
    const row = await untilRow(el, title, (r) => r.querySelector('.description b') !== null);
    const card = row.querySelector('[part="card"]')!;
    expect(card.querySelector('.kind')!.textContent).to.equal('Post');
    expect(card.querySelector('h3')!.textContent).to.equal(title);
    expect(card.querySelector('.description')!.textContent).to.contain('Ship on Monday & tell everyone');
    expect(card.querySelector('.toggle')).to.equal(null);
    // A re-render reuses the sanitized description: it is not sanitized (and replaced) again.
    const bold = card.querySelector('.description b')!;
    el.requestUpdate();
    await el.updateComplete;
    expect(rowWith(el, title)!.querySelector('.description b')).to.equal(bold);
    await expect(el).to.be.accessible();
  });
});
