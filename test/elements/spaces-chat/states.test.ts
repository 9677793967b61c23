// <spaces-chat> in each state a page author or user meets, against the embedded backend:
// refused subscriptions, the space PIN, heading and placeholder, OAuth tokens, a token provider
// named by dot path, and axe while connecting, pending and uploading (with cancel).
import { expect, fixture, html } from '@open-wc/testing';
import type { SpacesChat } from '../../../src/elements/spaces-chat/define.js';
import { socketIoV2 } from '../../../src/spaces/socket-io-v2.js';
import type { SocketFactory } from '../../../src/spaces/socket-types.js';
import { backendCommand, backendUrl, fetchToken, until } from '../../support/backend.js';
import { shadow, startLargeUpload, unique, untilRow } from './helpers.js';

function statusText(el: SpacesChat): string {
  return shadow(el).querySelector('[part="status"]')!.textContent!.trim();
}

/** An element for `user` in `spaceId`, with optional extras; waits only until its room exists. */
async function mountIn(user: string, spaceId: string, extra: { password?: string; socketFactory?: SocketFactory } = {}): Promise<SpacesChat> {
  const base = await backendUrl();
  const el = await fixture<SpacesChat>(html`<spaces-chat space-id=${spaceId} server-url=${`${base}/chat`} api-url=${`${base}/api`} theme="light"
    .spacePassword=${extra.password} .socketFactory=${extra.socketFactory} .tokenProvider=${() => fetchToken('spaces', user)}></spaces-chat>`);
  await until(() => el.controller.room !== undefined, 'room opened');
  return el;
}

describe('<spaces-chat> states', () => {
  for (const [what, user, spaceId, password, reason] of [
    ['an unknown space', 'u-alice', 'sp-nowhere', undefined, 'no such space'],
    ['a space the user is not a member of', 'u-carol', 'sp-design', undefined, 'not a member'],
    ['a wrong space PIN', 'u-alice', 'sp-locked', '0000', 'wrong space PIN'],
  ] as const) {
    it(`explains ${what} in an alert, says so in the header, keeps the composer off and is accessible`, async () => {
      const el = await mountIn(user, spaceId, password ? { password } : {});
      await until(() => el.controller.room!.subscription === 'failed', 'refused');
      await el.updateComplete;
      const alert = shadow(el).querySelector('[part="error"]')!;
      expect(alert.getAttribute('role')).to.equal('alert');
      expect(alert.textContent).to.contain(reason);
      expect(statusText(el)).to.equal('Space not available');
      expect(shadow(el).querySelector<HTMLTextAreaElement>('[part="input"]')!.disabled).to.equal(true);
      await expect(el).to.be.accessible();
    });
  }

  it('opens a locked space with spacePassword, and again after a wrong PIN is corrected', async () => {
    const el = await mountIn('u-alice', 'sp-locked', { password: '1111' });
    await until(() => el.controller.room!.subscription === 'failed', 'refused');
    el.spacePassword = '2468';
    await until(() => el.controller.room?.subscription === 'subscribed' && el.controller.room.historyLoaded, 'opened with the PIN');
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="error"]')).to.equal(null);
    expect(shadow(el).querySelector('[part="title"]')!.textContent).to.equal('Locked room');
    const text = unique('behind the PIN');
    el.controller.room!.send('chat', { bodyText: text });
    await untilRow(el, text, (r) => !r.getAttribute('part')!.includes('pending'));
  });

  it('shows the heading and placeholder attributes instead of the defaults', async () => {
    const base = await backendUrl();
    const el = await fixture<SpacesChat>(html`<spaces-chat space-id="sp-general" server-url=${`${base}/chat`} api-url=${`${base}/api`}
      heading="Team room" placeholder="Say something nice" .tokenProvider=${() => fetchToken('spaces', 'u-bob')}></spaces-chat>`);
    await until(() => el.controller.room?.subscription === 'subscribed' && el.controller.room.info !== undefined, 'subscribed with the space info');
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="title"]')!.textContent).to.equal('Team room');
    expect(shadow(el).querySelector('textarea')!.placeholder).to.equal('Say something nice');
    el.removeAttribute('heading');
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="title"]')!.textContent).to.equal('General');
  });

  it('speaks OAuth when token-type is oauth: bearer on REST and tokenType=oauth at the handshake', async () => {
    const base = await backendUrl();
    const schemes: string[] = [];
    const queries: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).startsWith(`${base}/api`)) schemes.push((new Headers(init?.headers).get('authorization') ?? '').split(' ')[0]!);
      return realFetch(input, init);
    };
    const capture: SocketFactory = (url, options) => {
      queries.push(options.query);
      return socketIoV2(url, options);
    };
    try {
      const el = await fixture<SpacesChat>(html`<spaces-chat space-id="sp-design" server-url=${`${base}/chat`} api-url=${`${base}/api`} token-type="oauth"
        .socketFactory=${capture} .tokenProvider=${() => fetchToken('spaces', 'u-alice')}></spaces-chat>`);
      await until(() => el.controller.room?.subscription === 'subscribed' && el.controller.room.historyLoaded, 'subscribed');
      const text = unique('sent with oauth');
      el.controller.room!.send('chat', { bodyText: text });
      await untilRow(el, text, (r) => !r.getAttribute('part')!.includes('pending'));
    } finally {
      window.fetch = realFetch;
    }
    expect(schemes.length).to.be.greaterThan(0);
    expect(new Set(schemes)).to.deep.equal(new Set(['bearer']));
    expect(queries).to.have.length(1);
    expect(new URLSearchParams(queries[0]).get('tokenType')).to.equal('oauth');
  });

  it('gets tokens from a global function named by token-provider', async () => {
    const base = await backendUrl();
    const reasons: string[] = [];
    const host = window as unknown as { pageAuth?: { spaces: { getToken(request: { reason: string }): Promise<string> } } };
    host.pageAuth = {
      spaces: {
        getToken: ({ reason }) => {
          reasons.push(reason);
          return fetchToken('spaces', 'u-bob');
        },
      },
    };
    try {
      const el = await fixture<SpacesChat>(html`<spaces-chat space-id="sp-general" server-url=${`${base}/chat`} api-url=${`${base}/api`}
        token-provider="pageAuth.spaces.getToken"></spaces-chat>`);
      await until(() => el.controller.room?.subscription === 'subscribed', 'subscribed');
      expect(reasons).to.deep.equal(['initial']);
      expect(el.controller.room!.me?._id).to.equal('u-bob');
      expect(shadow(el).querySelector('[part="error"]')).to.equal(null);
    } finally {
      delete host.pageAuth;
    }
  });

  it('is accessible while connecting', async () => {
    // The real client pointed where nothing listens: the element stays in its connecting state.
    const nowhere: SocketFactory = (_url, options) => socketIoV2('http://127.0.0.1:9/chat', options);
    const el = await mountIn('u-alice', 'sp-design', { socketFactory: nowhere });
    await el.updateComplete;
    expect(statusText(el)).to.equal('Connecting…');
    expect(shadow(el).querySelector<HTMLButtonElement>('[part="send-button"]')!.disabled).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('is accessible with a message pending', async () => {
    // Send frames are lost on the way (the socket stays up), so the message waits for its echo.
    const lossy: SocketFactory = (url, options) => {
      const socket = socketIoV2(url, options);
      const emit = socket.emit.bind(socket);
      socket.emit = (event: string, payload?: unknown) => (event === 'SEND_MESSAGE' ? socket : emit(event, payload));
      return socket;
    };
    const el = await mountIn('u-alice', 'sp-design', { socketFactory: lossy });
    await until(() => el.controller.room!.subscription === 'subscribed' && el.controller.room!.historyLoaded, 'subscribed');
    const text = unique('waiting for its echo');
    el.controller.room!.send('chat', { bodyText: text });
    const row = await untilRow(el, text);
    expect(row.getAttribute('part')).to.contain('pending');
    expect(row.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('cancels an upload mid-transfer from its Cancel button: nothing is sent or stored, and it is accessible meanwhile', async () => {
    await backendCommand('spaces', 'paceUploads', { bytesPerSecond: 512 * 1024 });
    try {
      const el = await mountIn('u-alice', 'sp-design');
      const room = el.controller.room!;
      await until(() => room.subscription === 'subscribed' && room.historyLoaded, 'subscribed');
      const storedBefore = (await backendCommand<{ count: number }>('spaces', 'uploadedFiles')).count;
      const name = `${unique('large').replace(' ', '-')}.bin`;
      const upload = await startLargeUpload(el, name);
      expect(upload.state).to.equal('uploading');
      await el.updateComplete;
      await expect(el).to.be.accessible();
      shadow(el).querySelector<HTMLButtonElement>('[part="upload"] button')!.click();
      await until(() => shadow(el).querySelector('[part="upload"]') === null, 'upload row gone');
      expect(upload.state).to.equal('cancelled');
      // A message sent afterwards arrives; the file never does.
      const marker = unique('after the cancel');
      room.send('chat', { bodyText: marker });
      await until(() => room.pending.length === 0 && room.timeline.messages.some((m) => m.content.bodyText === marker), 'marker confirmed');
      expect(room.timeline.messages.some((m) => m.content.data?.some((f) => f.name === name))).to.equal(false);
      expect((await backendCommand<{ count: number }>('spaces', 'uploadedFiles')).count).to.equal(storedBefore);
    } finally {
      await backendCommand('spaces', 'paceUploads', { bytesPerSecond: 0 });
    }
  });
});
