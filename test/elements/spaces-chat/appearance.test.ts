// How <spaces-chat> looks, against the embedded backend: avatars (initials, or the sender's picture),
// grouping of a sender's consecutive messages, the theme attribute following the system's colour
// scheme, and theming from the page through --ace-* custom properties and ::part().
import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { backendCommand, until } from '../../support/backend.js';
import { mount, rowWith, shadow, unique, untilRow } from './helpers.js';

const SPACE = 'sp-design';
/** What a row shows of its sender: the avatar's initials and picture, and the name above the bubble. */
function senderOf(row: HTMLElement): { initials?: string; picture?: string; name?: string } {
  const avatar = row.querySelector('[part~="avatar"]');
  return {
    ...(avatar ? { initials: avatar.querySelector('.initials')!.textContent! } : {}),
    ...(avatar?.querySelector('img') ? { picture: avatar.querySelector('img')!.getAttribute('src')! } : {}),
    ...(row.querySelector('.name') ? { name: row.querySelector('.name')!.textContent! } : {}),
  };
}

/** A chat from someone the server does not know, with a `created` time of our choosing, straight to the subscribed sockets. */
async function rawChat(text: string, createdMs: number, sender: { _id: string; displayname: string; picture_url: string }): Promise<void> {
  await backendCommand('spaces', 'sendRawFrame', {
    spaceId: SPACE,
    event: 'MESSAGE_SENT',
    payload: {
      _id: `raw-${Math.random().toString(36).slice(2, 14)}`,
      topicId: SPACE,
      category: 'chat',
      created: new Date(createdMs).toISOString(),
      sender: { ...sender, type: 'user', username: `${sender._id}@example.com` },
      content: { bodyText: text },
    },
  });
}

/** The background of `el` in the light and dark themes (the host's own background). */
const LIGHT_BG = 'rgb(255, 255, 255)';
const DARK_BG = 'rgb(22, 24, 28)';

describe('<spaces-chat> appearance', () => {
  it('shows initials for senders without a picture, and one avatar and name for a run of one sender’s messages', async () => {
    const el = await mount('u-bob', SPACE);
    const [b0, a1, a2, a3, b1, a4] = ['bob before', 'alice one', 'alice two', 'alice three', 'bob between', 'alice again'].map(unique);
    const inject = (bodyText: string, senderId: string) => backendCommand('spaces', 'injectMessage', { spaceId: SPACE, bodyText, senderId });
    await inject(b0!, 'u-bob');
    for (const text of [a1!, a2!, a3!]) await inject(text, 'u-alice');
    await inject(b1!, 'u-bob');
    await inject(a4!, 'u-alice');
    await untilRow(el, a4!);
    const shown = (text: string) => senderOf(rowWith(el, text)!);
    // Alice Nguyen has no picture_url: her initials, once for her three messages in a row.
    expect(shown(a1!)).to.deep.equal({ initials: 'AN', name: 'Alice Nguyen' });
    expect(shown(a2!)).to.deep.equal({});
    expect(shown(a3!)).to.deep.equal({});
    expect(rowWith(el, a2!)!.getAttribute('aria-label'), 'a grouped row still says who wrote it').to.contain('Alice Nguyen');
    // Someone else between two of hers starts a new run, own messages included.
    expect(shown(b1!)).to.deep.equal({ initials: 'BM', name: 'Bob Martins' });
    expect(rowWith(el, b1!)!.classList.contains('own')).to.equal(true);
    expect(shown(a4!)).to.deep.equal({ initials: 'AN', name: 'Alice Nguyen' });
    // The initials are drawn on a colour of their own, legible and round.
    const avatar = rowWith(el, a1!)!.querySelector<HTMLElement>('[part~="avatar"]')!;
    expect(avatar.getAttribute('aria-hidden')).to.equal('true');
    expect(getComputedStyle(avatar).backgroundColor).not.to.equal('rgba(0, 0, 0, 0)');
    expect(avatar.getBoundingClientRect().width).to.equal(32);
  });

  it('starts a new run for the same sender after the grouping window of five minutes', async () => {
    const el = await mount('u-alice', SPACE);
    const sender = { _id: 'u-dana', displayname: 'Dana Okafor', picture_url: '' };
    // Times after anything stored, so these three end the list whatever ran before.
    const start = Date.now() + 60_000;
    const [first, soon, later] = ['dana first', 'dana a minute on', 'dana six minutes on'].map(unique);
    await rawChat(first!, start, sender);
    await rawChat(soon!, start + 60_000, sender);
    await rawChat(later!, start + 6 * 60_000, sender);
    await untilRow(el, later!);
    expect(senderOf(rowWith(el, first!)!)).to.deep.equal({ initials: 'DO', name: 'Dana Okafor' });
    expect(senderOf(rowWith(el, soon!)!)).to.deep.equal({});
    expect(senderOf(rowWith(el, later!)!)).to.deep.equal({ initials: 'DO', name: 'Dana Okafor' });
  });

  it('shows the sender’s picture when picture_url is set, over the initials, and only from http(s)', async () => {
    const el = await mount('u-alice', SPACE);
    // An image the test server serves.
    const picture = new URL('/demo/screenshot.png', location.href).href;
    const pictured = unique('with a picture');
    const unsafe = unique('with a javascript: picture');
    await rawChat(pictured, Date.now() + 60_000, { _id: 'u-erin', displayname: 'Erin Park', picture_url: picture });
    await rawChat(unsafe, Date.now() + 120_000, { _id: 'u-finn', displayname: 'Finn Ross', picture_url: 'javascript:alert(1)' });
    await untilRow(el, unsafe);
    expect(senderOf(rowWith(el, pictured)!)).to.deep.equal({ initials: 'EP', picture, name: 'Erin Park' });
    const img = rowWith(el, pictured)!.querySelector<HTMLImageElement>('[part~="avatar"] img')!;
    // Decorative (the name is beside it), and it loads and covers the avatar.
    expect(img.alt).to.equal('');
    await until(() => img.complete && img.naturalWidth > 0, 'picture loaded');
    const box = img.getBoundingClientRect();
    const avatarBox = img.parentElement!.getBoundingClientRect();
    expect([box.width, box.height, box.left, box.top]).to.deep.equal([avatarBox.width, avatarBox.height, avatarBox.left, avatarBox.top]);
    expect(senderOf(rowWith(el, unsafe)!)).to.deep.equal({ initials: 'FR', name: 'Finn Ross' });
  });

  it('follows the system colour scheme with theme="auto", and keeps light or dark when set', async () => {
    const el = await mount('u-alice', SPACE);
    el.setAttribute('theme', 'auto');
    await el.updateComplete;
    const background = () => getComputedStyle(el).backgroundColor;
    const sendColour = () => getComputedStyle(shadow(el).querySelector('[part="send-button"]')!).backgroundColor;
    // Firefox's driver (WebDriver BiDi through Puppeteer) cannot emulate prefers-color-scheme ("CDP support is required").
    const canEmulate = !navigator.userAgent.includes('Firefox');
    try {
      if (canEmulate) {
        await emulateMedia({ colorScheme: 'dark' });
        expect(matchMedia('(prefers-color-scheme: dark)').matches).to.equal(true);
        expect(background()).to.equal(DARK_BG);
        expect(sendColour()).to.equal('rgb(138, 180, 248)');
        el.setAttribute('theme', 'light');
        await el.updateComplete;
        expect(background(), 'theme="light" in a dark system').to.equal(LIGHT_BG);
        el.setAttribute('theme', 'auto');
        await el.updateComplete;
        await emulateMedia({ colorScheme: 'light' });
        expect(background()).to.equal(LIGHT_BG);
        expect(sendColour()).to.equal('rgb(21, 97, 196)');
        el.setAttribute('theme', 'dark');
        await el.updateComplete;
        expect(background(), 'theme="dark" in a light system').to.equal(DARK_BG);
      } else {
        // Here only the browser's own preference can be checked, and that the fixed themes differ from it.
        const dark = matchMedia('(prefers-color-scheme: dark)').matches;
        expect(background()).to.equal(dark ? DARK_BG : LIGHT_BG);
        el.setAttribute('theme', dark ? 'light' : 'dark');
        await el.updateComplete;
        expect(background()).to.equal(dark ? LIGHT_BG : DARK_BG);
      }
    } finally {
      // Back to the browser's own preference.
      if (canEmulate) await emulateMedia({ colorScheme: null } as unknown as Parameters<typeof emulateMedia>[0]);
    }
  });

  it('takes --ace-* custom properties set on it from the page', async () => {
    const el = await mount('u-alice', SPACE);
    const send = shadow(el).querySelector('[part="send-button"]')!;
    const input = shadow(el).querySelector('[part="input"]')!;
    expect(getComputedStyle(send).backgroundColor).to.equal('rgb(21, 97, 196)');
    const style = document.createElement('style');
    style.textContent = 'spaces-chat.brand { --ace-accent: rgb(200, 0, 100); --ace-accent-fg: rgb(255, 250, 240); --ace-radius: 3px; }';
    document.head.append(style);
    try {
      el.classList.add('brand');
      expect(getComputedStyle(send).backgroundColor).to.equal('rgb(200, 0, 100)');
      expect(getComputedStyle(send).color).to.equal('rgb(255, 250, 240)');
      expect(getComputedStyle(el).borderTopLeftRadius).to.equal('3px');
      // An inline style on the element wins, as any author style does over the defaults on :host.
      el.style.setProperty('--ace-bg', 'rgb(250, 240, 230)');
      expect(getComputedStyle(el).backgroundColor).to.equal('rgb(250, 240, 230)');
      expect(getComputedStyle(input).backgroundColor).to.equal('rgb(250, 240, 230)');
    } finally {
      style.remove();
    }
  });

  it('lets the page style each documented part with ::part()', async () => {
    const el = await mount('u-alice', SPACE, { presence: true });
    await until(() => shadow(el).querySelector('[part~="message"]') !== null && shadow(el).querySelector('[part="roster"] [part~="avatar"]') !== null, 'rows and roster rendered');
    const parts = ['header', 'title', 'status', 'roster', 'messages', 'message', 'avatar', 'typing', 'composer', 'attach-button', 'input', 'send-button'];
    const colour = (i: number) => `rgb(${10 + i}, ${20 + i}, ${30 + i})`;
    const style = document.createElement('style');
    style.textContent = parts.map((part, i) => `spaces-chat.parts::part(${part}) { outline-color: ${colour(i)}; }`).join('\n');
    // The send button also takes a whole look from the page.
    style.textContent += '\nspaces-chat.parts::part(send-button) { background-color: rgb(1, 2, 3); border-radius: 0px; }';
    document.head.append(style);
    try {
      el.classList.add('parts');
      parts.forEach((part, i) => {
        const node = shadow(el).querySelector(`[part~="${part}"]`);
        expect(node, `part ${part}`).to.exist;
        expect(getComputedStyle(node!).outlineColor, `::part(${part})`).to.equal(colour(i));
      });
      const send = shadow(el).querySelector('[part="send-button"]')!;
      expect(getComputedStyle(send).backgroundColor).to.equal('rgb(1, 2, 3)');
      expect(getComputedStyle(send).borderTopLeftRadius).to.equal('0px');
      // Only parts are reachable: the element's inner classes are not.
      style.textContent += '\nspaces-chat.parts .send { background-color: rgb(9, 9, 9); }';
      expect(getComputedStyle(send).backgroundColor).to.equal('rgb(1, 2, 3)');
    } finally {
      style.remove();
    }
    expect(getComputedStyle(shadow(el).querySelector('[part="send-button"]')!).backgroundColor).to.equal('rgb(21, 97, 196)');
  });
});
