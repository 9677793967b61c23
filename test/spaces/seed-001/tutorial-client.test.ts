import { expect } from '@open-wc/testing';
import io from 'socket.io-client';
import { backendCommand, backendUrl, fetchToken, until } from '../../support/backend.js';

/** Globals the tutorial's script expects (it was written for a page, not a module). */
interface TutorialPage {
  io: unknown;
  token: string;
  spacesSocketUrl: string;
  spaceId: string;
  userId: string;
  socketConnection?: { on(event: string, listener: (payload: { content: { bodyText: string }; sender: { _id: string } }) => void): void; disconnect(): void };
}

describe('seed 001: the tutorial client code, URLs changed', () => {
  const logs: string[] = [];
  const log = console.log;
  let page: TutorialPage;

  before(async () => {
    page = window as unknown as TutorialPage & typeof window;
    Object.assign(page, { io, token: await fetchToken('spaces', 'u-carol'), spacesSocketUrl: `${await backendUrl()}/chat`, spaceId: 'sp-general', userId: 'u-carol' });
    // The tutorial calls document.getElementbyId (sic); give the page that name so its code runs unchanged.
    (document as unknown as Record<string, unknown>).getElementbyId = document.getElementById.bind(document);
    for (const id of ['subscribeButton', 'sendMessage']) {
      const button = document.createElement('button');
      button.id = id;
      document.body.append(button);
    }
    console.log = (...args: unknown[]) => {
      logs.push(args.map(String).join(' '));
      log(...args);
    };
    const script = document.createElement('script');
    script.src = new URL('./tutorial-client.js', import.meta.url).href;
    const loaded = new Promise((resolve, reject) => {
      script.onload = resolve;
      script.onerror = reject;
    });
    document.head.append(script);
    await loaded;
  });

  after(() => {
    console.log = log;
    page.socketConnection?.disconnect();
  });

  it('connects, subscribes, sends "hello" and receives messages', async () => {
    await until(() => logs.includes('Socket connection success!'), 'connect');
    const buttons = document as unknown as Record<string, (id: string) => { onClick(): void }>;
    buttons.getElementbyId!('subscribeButton').onClick();
    await until(() => logs.includes('Subscribe to space successful!'), 'subscribed');

    const received: { bodyText: string; sender: string }[] = [];
    page.socketConnection!.on('MESSAGE_SENT', (m) => received.push({ bodyText: m.content.bodyText, sender: m.sender._id }));
    buttons.getElementbyId!('sendMessage').onClick();
    await until(() => received.some((m) => m.bodyText === 'hello' && m.sender === 'u-carol'), 'own hello echoed');

    const text = `tutorial receives ${Math.random().toString(36).slice(2)}`;
    await backendCommand('spaces', 'injectMessage', { spaceId: 'sp-general', bodyText: text, senderId: 'u-bob' });
    await until(() => received.some((m) => m.bodyText === text), 'message from bob');
    expect(logs.filter((l) => l.startsWith('Message received: ')).length).to.be.greaterThanOrEqual(2);
  });
});
