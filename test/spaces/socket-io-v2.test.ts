// The built-in Socket.IO 2 client's handling of frames held back in a burst (FrameInbox), on a
// stand-in WebSocket: what had arrived when the socket closes is handled first, in order, and
// nothing after a server disconnect.
import { expect } from '@open-wc/testing';
import { ManualClock } from '../../src/core/clock.js';
import { SocketIoV2 } from '../../src/spaces/socket-io-v2.js';

/** Enough of a WebSocket for the client: frames are delivered by the test, sends are kept. */
class StandInWebSocket {
  static readonly OPEN = 1;
  static last: StandInWebSocket | undefined;
  readyState = StandInWebSocket.OPEN;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  readonly sent: string[] = [];

  constructor() {
    StandInWebSocket.last = this;
  }

  send(frame: string): void {
    this.sent.push(frame);
  }

  close(): void {
    this.readyState = 3;
  }

  deliver(...frames: string[]): void {
    for (const data of frames) this.onmessage?.({ data });
  }
}

const OPEN = '0{"sid":"s","pingInterval":25000,"pingTimeout":5000}';
const message = (id: string) => `42/chat,${JSON.stringify(['MESSAGE_SENT', { _id: id }])}`;

describe('SocketIoV2 frames held back in a burst', () => {
  const pageWebSocket = globalThis.WebSocket;
  let socket: SocketIoV2 | undefined;
  beforeEach(() => {
    globalThis.WebSocket = StandInWebSocket as unknown as typeof WebSocket;
  });
  afterEach(() => {
    socket?.disconnect();
    globalThis.WebSocket = pageWebSocket;
  });

  /** A client on the stand-in, and what it heard. */
  function client() {
    socket = new SocketIoV2('http://backend.test/chat', { query: 'token=t&tokenType=jwt', clock: new ManualClock(0) });
    const heard: string[] = [];
    socket.on('connect', () => heard.push('connect'));
    socket.on('disconnect', () => heard.push('disconnect'));
    socket.on('MESSAGE_SENT', (payload: { _id: string }) => heard.push(payload._id));
    return { socket, ws: StandInWebSocket.last!, heard };
  }

  it('handles what had arrived before a disconnect of its own (a token handover), then says goodbye', () => {
    const { socket, ws, heard } = client();
    // The burst's frames after the first wait a few milliseconds to be handled together, and are
    // not lost when the client disconnects meanwhile.
    ws.deliver(OPEN, '40/chat,', message('a'), message('b'));
    socket.disconnect();
    expect(heard).to.deep.equal(['connect', 'a', 'b', 'disconnect']);
    expect(ws.sent.at(-1)).to.equal('41/chat,');
  });

  it('handles what had arrived when the server closes the socket, and nothing after its disconnect packet', () => {
    const { ws, heard } = client();
    ws.deliver(OPEN, '40/chat,', message('a'), '41/chat,', message('late'));
    ws.onclose?.();
    expect(heard).to.deep.equal(['connect', 'a', 'disconnect']);
  });
});
