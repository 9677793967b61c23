import { expect, fixture, html } from '@open-wc/testing';
import { ManualClock } from '../../../src/core/clock.js';
import type { SpacesChat } from '../../../src/elements/spaces-chat/define.js';
import { openConnectionCount } from '../../../src/spaces/registry.js';
import { backendCommand, backendUrl, until } from '../../support/backend.js';
import { countingSockets, frames, messageList, mount, nextEvent, rows, rowWith, shadow, unique, untilRow, untilShown, withOlderHistoryHeld } from './helpers.js';

function typeAndEnter(el: SpacesChat, text: string, shift = false): void {
  const input = shadow(el).querySelector('textarea')!;
  input.value = text;
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', shiftKey: shift, bubbles: true, composed: true }));
}

/**
 * Bob's room in a space with more history than one page, scrolled up by the reader until the older
 * page has loaded. The page is held until the first message row on screen has been measured (it
 * would otherwise race the rows the scroll brings in): `id` and `offsetBefore` say which row that
 * was and where. Offsets are from the top of the list, in pixels.
 */
async function scrollUpUntilOlderLoads({ liveWhileLoading = false } = {}) {
  const { el, older } = await withOlderHistoryHeld();
  const room = el.controller.room!;
  const list = messageList(el);
  const before = room.timeline.size;
  older.armed = true;
  // The reader scrolls up (a wheel, then the scroll it makes) to the top of what is loaded.
  list.dispatchEvent(new WheelEvent('wheel', { deltaY: -5000 }));
  list.scrollTop = 0;
  list.dispatchEvent(new Event('scroll'));
  await until(() => older.held > 0 && room.loadingHistory, 'older page asked for');
  const offsetOf = (row: HTMLElement) => row.getBoundingClientRect().top - list.getBoundingClientRect().top;
  const topRow = () => rows(el).filter((r) => offsetOf(r) + r.offsetHeight > 1).sort((a, b) => offsetOf(a) - offsetOf(b))[0];
  // The reader stays at the top while the rows there are measured (and scrolls up again if the
  // list moved meanwhile), until the same row has stayed in the same place for a few looks.
  let last = '';
  let steady = 0;
  await until(() => {
    if (list.scrollTop !== 0) {
      list.dispatchEvent(new WheelEvent('wheel', { deltaY: -5000 }));
      list.scrollTop = 0;
    }
    const row = topRow();
    const now = row ? `${row.dataset.id} ${offsetOf(row).toFixed(1)} ${list.scrollTop}` : '';
    steady = now !== '' && now === last ? steady + 1 : 0;
    last = now;
    return steady >= 3 && list.scrollTop === 0;
  }, 'rows at the top rendered and measured');
  const id = topRow()!.dataset.id!;
  const offsetBefore = offsetOf(topRow()!);
  if (liveWhileLoading) {
    // A message comes in live while the older page is on its way (the rows change before the page lands).
    const text = unique('live while older loads');
    await backendCommand('spaces', 'injectMessage', { spaceId: 'sp-general', bodyText: text, senderId: 'u-carol' });
    await until(() => rows(el).length > 0 && room.timeline.messages.some((m) => m.content.bodyText === text) && room.loadingHistory, 'the live message in, the page still held');
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  }
  older.release();
  await until(() => room.timeline.size > before && !room.loadingHistory, 'older page loaded');
  return { el, list, id, offsetBefore, offsetOf };
}

/** The same, then the row that was at the top found again once the rows have settled (`offsetAfter`). */
async function scrollUpForOlder(options: { liveWhileLoading?: boolean } = {}) {
  const { el, list, id, offsetBefore, offsetOf } = await scrollUpUntilOlderLoads(options);
  const same = () => rows(el).find((r) => r.dataset.id === id);
  // The virtualizer lays out and measures the new rows: look until the row has stayed in one place for a few looks.
  let last = '';
  let steady = 0;
  await until(() => {
    const row = same();
    const now = row && list.scrollTop > 0 ? `${offsetOf(row).toFixed(1)} ${list.scrollTop}` : '';
    steady = now !== '' && now === last ? steady + 1 : 0;
    last = now;
    return steady >= 5;
  }, 'the same row rendered, below the new rows, and settled');
  const anchor = same()!;
  return { el, list, anchor, offsetBefore, offsetAfter: offsetOf(anchor) };
}

describe('<spaces-chat>', () => {
  it('connects, renders history in a labelled log, and is accessible', async () => {
    const el = await mount('u-alice', 'sp-general');
    const log = shadow(el).querySelector('[part="messages"]')!;
    expect(log.getAttribute('role')).to.equal('log');
    expect(log.getAttribute('aria-live')).to.equal('polite');
    // The virtualizer lays rows out after measuring, a frame or two after the data arrived.
    await until(() => rows(el).length > 0, 'rows rendered');
    expect(shadow(el).querySelector('[part="title"]')!.textContent).to.equal('General');
    expect(shadow(el).querySelector('[part="status"]')!.textContent).to.contain('Connected');
    // The list opens at its end; the day's separator heads the day's first message further up,
    // where the reader scrolls (a scroll without the reader's input would be taken back to the end).
    log.dispatchEvent(new WheelEvent('wheel', { deltaY: -5000 }));
    (log as HTMLElement).scrollTop = 0;
    await until(() => shadow(el).querySelector('.day') !== null, 'a day separator rendered at the top');
    await expect(el).to.be.accessible();
  });

  it('loads older history when the reader scrolls up, and the row that was at the top stays where it was on screen, within a few pixels, with the older rows above it', async () => {
    const { el, list, anchor, offsetBefore, offsetAfter } = await scrollUpForOlder();
    expect(offsetAfter, `row was ${offsetBefore.toFixed(1)} px below the top`).to.be.closeTo(offsetBefore, 3);
    // The list did not stay at its new top (which would load page after page): the reader can go
    // on scrolling up into the rows that came.
    expect(list.scrollTop).to.be.greaterThan(100);
    expect(rows(el).some((r) => r.getBoundingClientRect().bottom <= anchor.getBoundingClientRect().top + 1)).to.equal(true);
    // (How few rows the DOM holds, with over a thousand loaded, is pinned in volume.test.ts.)
  });

  it('keeps the row in place also when a live message came in while the older page was on its way', async () => {
    const { offsetBefore, offsetAfter } = await scrollUpForOlder({ liveWhileLoading: true });
    expect(offsetAfter, `row was ${offsetBefore.toFixed(1)} px below the top`).to.be.closeTo(offsetBefore, 3);
  });

  it('lets the reader scroll on into the older rows as they come: the row kept in place does not pull the list back', async () => {
    const { el, list, id, offsetBefore, offsetOf } = await scrollUpUntilOlderLoads();
    // The reader goes on scrolling up while the virtualizer lays out and measures the new rows.
    for (let frame = 0; frame < 10; frame += 1) {
      list.dispatchEvent(new WheelEvent('wheel', { deltaY: -80 }));
      list.scrollTop -= 80;
      await frames(1);
    }
    await frames(6);
    const kept = rows(el).find((row) => row.dataset.id === id);
    const offset = kept && offsetOf(kept);
    expect(offset === undefined || offset > offsetBefore + 400, `the row the page was anchored on is ${offset} px down, it was ${offsetBefore}`).to.equal(true);
  });

  it('is accessible in the dark theme too, with dark colours applied', async () => {
    const el = await mount('u-alice', 'sp-general');
    el.setAttribute('theme', 'dark');
    await until(() => rows(el).length > 0, 'rows rendered');
    expect(getComputedStyle(el).backgroundColor).to.equal('rgb(22, 24, 28)');
    await expect(el).to.be.accessible();
  });

  it('sends with Enter, keeps Shift+Enter for a new line, and fires spaces-sent', async () => {
    const el = await mount('u-alice', 'sp-design');
    typeAndEnter(el, 'first line', true);
    expect(shadow(el).querySelector('textarea')!.value).to.equal('first line');
    const text = unique('hello from the element');
    const sent = nextEvent(el, 'spaces-sent');
    typeAndEnter(el, text);
    expect(shadow(el).querySelector('textarea')!.value).to.equal('');
    expect((await sent).message.content.bodyText).to.equal(text);
    await untilRow(el, text);
    expect(rows(el).filter((r) => r.textContent?.includes(text))).to.have.length(1);
  });

  it('receives messages from others and fires spaces-message', async () => {
    const el = await mount('u-alice', 'sp-design');
    const text = unique('hi alice');
    // Other tests (and the other browser) post in this space too: look for ours among the events.
    const bodies: string[] = [];
    el.addEventListener('spaces-message', (event) => bodies.push(...event.messages.map((m) => m.content.bodyText)));
    await backendCommand('spaces', 'injectMessage', { spaceId: 'sp-design', bodyText: text, senderId: 'u-bob' });
    await until(() => bodies.includes(text), 'spaces-message with the text');
    await untilRow(el, text);
    // Grouped rows show no name (another browser may have just posted as Bob too); the label always has it.
    expect(rowWith(el, text)!.getAttribute('aria-label')).to.contain('Bob Martins');
  });

  it('sanitizes hostile HTML bodies and keeps formatting, mentions and code', async () => {
    const el = await mount('u-alice', 'sp-design');
    const marker = unique('safe');
    const hostile = `<p>${marker} <b>bold</b> <mention id="u-bob" type="user" value="@Bob">@Bob</mention></p><pre>code()</pre><img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><a href="javascript:window.__pwned=3">link</a><iframe src="javascript:window.__pwned=4"></iframe>`;
    await backendCommand('spaces', 'injectMessage', { spaceId: 'sp-design', bodyText: hostile, senderId: 'u-bob' });
    const row = await untilRow(el, marker, (r) => r.querySelector('b') !== null);
    expect(row.querySelector('img, script, iframe')).to.equal(null);
    expect(row.querySelector('b')!.textContent).to.equal('bold');
    expect(row.querySelector('pre')!.textContent).to.equal('code()');
    expect(row.querySelector('.mention')).to.exist;
    for (const a of row.querySelectorAll('a')) expect(a.getAttribute('href') ?? '').not.to.match(/^javascript:/i);
    // And nothing ran by the time a later message is on screen (the row holds nothing that could run, above).
    const later = unique('after the hostile one');
    await backendCommand('spaces', 'injectMessage', { spaceId: 'sp-design', bodyText: later, senderId: 'u-bob' });
    await untilRow(el, later);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('shows a reconnecting banner after the backend drops sockets, and loses nothing', async () => {
    const el = await mount('u-alice', 'sp-design');
    const texts = [unique('while down 1'), unique('while down 2')];
    await backendCommand('spaces', 'dropSockets');
    await until(() => shadow(el).querySelector('[part="banner"]') !== null, 'banner');
    await el.updateComplete;
    await expect(el).to.be.accessible();
    for (const text of texts) await backendCommand('spaces', 'injectMessage', { spaceId: 'sp-design', bodyText: text, senderId: 'u-bob' });
    await until(() => el.controller.room?.subscription === 'subscribed' && shadow(el).querySelector('[part="banner"]') === null, 'reconnected', 10000);
    await until(() => texts.every((t) => el.controller.room!.timeline.messages.filter((m) => m.content.bodyText === t).length === 1), 'caught up');
    for (const text of texts) await untilRow(el, text);
  });

  it('sends through REST while the socket is down, then shows what others sent meanwhile, each once and in order', async () => {
    const el = await mount('u-alice', 'sp-design');
    await backendCommand('spaces', 'dropSockets');
    await until(() => shadow(el).querySelector('[part="banner"]') !== null, 'banner');
    const bob = unique('bob during the outage');
    await backendCommand('spaces', 'injectMessage', { spaceId: 'sp-design', bodyText: bob, senderId: 'u-bob' });
    const alice = unique('alice through REST');
    const sent = nextEvent(el, 'spaces-sent');
    typeAndEnter(el, alice);
    // Confirmed by the REST reply while the banner still says the socket is down.
    expect((await sent).message.content.bodyText).to.equal(alice);
    await until(() => el.controller.room?.subscription === 'subscribed' && shadow(el).querySelector('[part="banner"]') === null, 'reconnected', 10000);
    await untilRow(el, bob);
    await untilRow(el, alice);
    const texts = rows(el).map((r) => r.textContent ?? '');
    expect(texts.filter((t) => t.includes(bob))).to.have.length(1);
    expect(texts.filter((t) => t.includes(alice))).to.have.length(1);
    expect(texts.findIndex((t) => t.includes(bob))).to.be.lessThan(texts.findIndex((t) => t.includes(alice)));
  });

  it('refreshes the token before it expires on its clock and hands the socket over without a banner', async () => {
    const clock = new ManualClock(Date.now());
    // The second token lives a second less: minted in the same second, it still differs from the first.
    const el = await mount('u-alice', 'sp-design', { clock, refreshTtl: 3599 });
    const kinds: string[] = [];
    el.addEventListener('spaces-token', (event) => kinds.push(event.kind));
    const states: string[] = [];
    el.addEventListener('spaces-state', (event) => states.push(`${event.connection}/${event.subscription}`));
    let bannerShown = false;
    const watch = new MutationObserver(() => {
      if (shadow(el).querySelector('[part="banner"]')) bannerShown = true;
    });
    watch.observe(shadow(el), { childList: true, subtree: true });
    // The demo token lives an hour; the lifecycle asks again 180 s before it runs out (100 s before
    // the hour on this clock leaves room for the real seconds the mount took).
    await clock.advance((3600 - 100) * 1000);
    await until(() => kinds.includes('refreshed'), 'refreshed');
    expect(kinds[0]).to.equal('expiring');
    expect(el.provider.reasons).to.include('refresh');
    // The socket is replaced (the token is fixed at the handshake) and the space subscribed again.
    await until(() => states.lastIndexOf('connected/subscribed') > states.indexOf('connected/idle') && states.includes('connected/idle'), 'handed over');
    watch.disconnect();
    expect(states.filter((s) => !s.startsWith('connected/'))).to.deep.equal([]);
    expect(bannerShown).to.equal(false);
    const text = unique('after refresh');
    const sent = nextEvent(el, 'spaces-sent');
    typeAndEnter(el, text);
    expect((await sent).message.content.bodyText).to.equal(text);
  });

  it('shows who is online and who is typing (two elements as two users)', async () => {
    const alice = await mount('u-alice', 'sp-design', { presence: true });
    const bob = await mount('u-bob', 'sp-design', { presence: true });
    await until(() => shadow(alice).querySelector('[part="roster"]')?.textContent?.includes('Bob Martins') === true, 'alice sees bob');
    await until(() => shadow(bob).querySelector('[part="roster"]')?.textContent?.includes('Alice Nguyen') === true, 'bob sees alice');
    const input = shadow(bob).querySelector('textarea')!;
    input.value = 'typing';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await until(() => shadow(alice).querySelector('[part="typing"]')!.textContent!.includes('Bob Martins is typing'), 'typing shown');
    await expect(alice).to.be.accessible();
    // His message ends his typing in the same change: one change, not a burst, so it shows in the next frames.
    const room = alice.controller.room!;
    const text = unique('done typing');
    const arrived = new Promise<void>((resolve) => {
      const off = room.on('change', ({ detail }) => {
        if (detail.what !== 'messages' || !room.timeline.messages.some((m) => m.content.bodyText === text)) return;
        off();
        resolve();
      });
    });
    typeAndEnter(bob, text);
    await arrived;
    await frames(2);
    expect(rowWith(alice, text), 'the message two frames after it arrived').to.exist;
    expect(shadow(alice).querySelector('[part="typing"]')!.textContent).not.to.include('Bob Martins is typing');
  });

  it('renders tasks as cards with a working status toggle, and posts as cards', async () => {
    const el = await mount('u-alice', 'sp-design');
    const select = shadow(el).querySelector('select')!;
    select.value = 'task';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const title = unique('Review the mockups');
    typeAndEnter(el, `${title}\nby Friday`);
    const card = await untilRow(el, title, (r) => r.querySelector('[part="card"]') !== null);
    const toggle = card.querySelector<HTMLButtonElement>('.toggle')!;
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    expect(rowWith(el, title)!.textContent).to.contain('by Friday');
    toggle.click();
    await untilRow(el, title, (r) => r.querySelector('.toggle')?.getAttribute('aria-pressed') === 'true');
    await expect(el).to.be.accessible();
  });

  it('uploads a file from the picker with a progress bar and shows the attachment', async () => {
    const el = await mount('u-alice', 'sp-design');
    const name = `${unique('photo').replace(' ', '-')}.png`;
    const bytes = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], name, { type: 'image/png' }));
    const input = shadow(el).querySelector<HTMLInputElement>('input[type=file]')!;
    input.files = transfer.files;
    input.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="upload"] progress')).to.exist;
    await untilShown(el, () => shadow(el).querySelector(`img[alt="${name}"]`) !== null, 'thumbnail');
    expect(shadow(el).querySelector('[part="upload"]')).to.equal(null);
  });

  it('shows an upload’s progress advancing while the bytes go up, then the file as a download link to where the server serves it', async () => {
    // Read slowly by the server, so the transfer is seen under way. The file is larger than what
    // the sockets' buffers take at once (about 4 MB here), which the browser counts as sent.
    await backendCommand('spaces', 'paceUploads', { bytesPerSecond: 2 * 1024 * 1024 });
    try {
      const el = await mount('u-alice', 'sp-design');
      const room = el.controller.room!;
      const name = `${unique('minutes').replace(' ', '-')}.pdf`;
      const bytes = new Uint8Array(8 * 1024 * 1024).map((_, i) => i % 251);
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name, { type: 'application/pdf' }));
      const input = shadow(el).querySelector<HTMLInputElement>('input[type=file]')!;
      input.files = transfer.files;
      input.dispatchEvent(new Event('change'));
      // What the rendered bar says at each look, until the upload row goes.
      const seen: { value: number; max: number }[] = [];
      await until(() => {
        const bar = shadow(el).querySelector<HTMLProgressElement>('[part="upload"] progress');
        if (bar) seen.push({ value: bar.value, max: bar.max });
        return bar === null && seen.length > 0;
      }, 'upload finished', 12000);
      expect(seen.every((s) => s.max === bytes.length), 'max is the file size').to.equal(true);
      const values = seen.map((s) => s.value);
      expect(values.some((v) => v > 0 && v < bytes.length), `some value under way in ${values.length} looks: ${values.slice(0, 40).join(', ')}`).to.equal(true);
      expect(values.every((v, i) => i === 0 || v >= values[i - 1]!), 'never goes back').to.equal(true);

      const link = (): HTMLAnchorElement | null => shadow(el).querySelector<HTMLAnchorElement>(`a[download="${name}"]`);
      await untilShown(el, () => link() !== null, 'file link');
      const file = room.timeline.messages.flatMap((m) => m.content.data ?? []).find((f) => f.name === name)!;
      expect(file.fileType).to.equal('document');
      const a = link()!;
      expect(a.href).to.equal(new URL(file.path, document.baseURI).href);
      expect(a.textContent!.trim()).to.equal(name);
      expect(a.querySelector('img')).to.equal(null);
      // Opens apart from the page, which it cannot reach back to.
      expect(a.target).to.equal('_blank');
      expect(a.rel.split(' ')).to.include.members(['noopener', 'noreferrer']);
      // And the server serves the same bytes there.
      const served = await fetch(a.href);
      expect(served.status).to.equal(200);
      expect((await served.arrayBuffer()).byteLength).to.equal(bytes.length);
    } finally {
      await backendCommand('spaces', 'paceUploads', { bytesPerSecond: 0 });
    }
  });

  it('switches rooms when space-id changes, on the same socket', async () => {
    const sockets = countingSockets();
    const el = await mount('u-alice', 'sp-design', { socketFactory: sockets });
    const connection = el.controller.lease!.connection;
    el.setAttribute('space-id', 'sp-general');
    await until(() => el.controller.room?.spaceId === 'sp-general' && el.controller.room.historyLoaded && el.controller.room.info !== undefined, 'switched');
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="title"]')!.textContent).to.equal('General');
    expect(el.controller.room!.timeline.messages.every((m) => m.topicId === 'sp-general')).to.equal(true);
    expect(el.controller.lease!.connection).to.equal(connection);
    expect(sockets.made).to.equal(1);
  });

  it('explains a missing space-id in the UI and the console', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      const el = await fixture<SpacesChat>(html`<spaces-chat .tokenProvider=${() => 'x'}></spaces-chat>`);
      await el.updateComplete;
      const error = shadow(el).querySelector('[part="error"]')!;
      expect(error.getAttribute('role')).to.equal('alert');
      expect(error.textContent).to.contain('space-id');
      await expect(el).to.be.accessible();
    } finally {
      console.warn = warn;
    }
    expect(warnings.some((w) => w.startsWith('[spaces-chat]') && w.includes('space-id'))).to.equal(true);
  });

  it('explains a missing token provider and a provider that throws, with a retry', async () => {
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      const none = await fixture<SpacesChat>(html`<spaces-chat space-id="sp-general" token-provider="nowhere.getToken"></spaces-chat>`);
      await none.updateComplete;
      expect(shadow(none).querySelector('[part="error"]')!.textContent).to.contain('token-provider');
      let calls = 0;
      const base = await backendUrl();
      const throwing = await fixture<SpacesChat>(html`<spaces-chat space-id="sp-general" server-url=${`${base}/chat`} api-url=${`${base}/api`}
        .tokenProvider=${() => {
          calls += 1;
          throw new Error('login service down');
        }}></spaces-chat>`);
      await until(() => shadow(throwing).querySelector('[part="error"]') !== null, 'provider error', 12000);
      await throwing.updateComplete;
      expect(shadow(throwing).querySelector('[part="error"]')!.textContent).to.contain('login service down');
      await expect(throwing).to.be.accessible();
      const before = calls;
      shadow(throwing).querySelector<HTMLButtonElement>('[part="error"] button')!.click();
      await until(() => calls > before, 'retried');
    } finally {
      console.warn = warn;
    }
    expect(warnings.filter((w) => w.startsWith('[spaces-chat]')).length).to.be.greaterThanOrEqual(2);
  });

  it('shows an authentication error with a retry when the server refuses the token', async () => {
    const base = await backendUrl();
    const el = await fixture<SpacesChat>(html`<spaces-chat space-id="sp-general" server-url=${`${base}/chat`} api-url=${`${base}/api`}
      .tokenProvider=${() => 'opaque-token-the-server-does-not-know'}></spaces-chat>`);
    await until(() => el.controller.room?.connection === 'auth-error', 'auth error', 12000);
    await el.updateComplete;
    const alert = shadow(el).querySelector('[part="error"]')!;
    expect(alert.textContent).to.contain('token was refused');
    expect(alert.querySelector('button')).to.exist;
    expect(shadow(el).querySelector<HTMLButtonElement>('[part="send-button"]')!.disabled).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('releases sockets and timers after being added and removed 20 times', async () => {
    const base = await backendUrl();
    const before = openConnectionCount();
    const { fetchToken } = await import('../../support/backend.js');
    const token = await fetchToken('spaces', 'u-carol');
    for (let i = 0; i < 20; i += 1) {
      const el = document.createElement('spaces-chat');
      el.setAttribute('space-id', 'sp-general');
      el.setAttribute('server-url', `${base}/chat`);
      el.setAttribute('api-url', `${base}/api`);
      el.tokenProvider = () => token;
      document.body.append(el);
      await until(() => el.controller.room !== undefined, 'opened');
      el.remove();
    }
    // The last socket stays a moment for a possible switch of space, then goes.
    await until(() => openConnectionCount() === before, 'sockets closed', 5000);
  });
});
