import { expect } from '@open-wc/testing';
import { TypedEmitter } from '../../src/core/typed-events.js';
import { reportedErrors } from '../support/page.js';

type Events = { message: { text: string }; closed: undefined };

describe('TypedEmitter', () => {
  it('delivers the typed detail to listeners', () => {
    const emitter = new TypedEmitter<Events>();
    const seen: string[] = [];
    emitter.on('message', (event) => seen.push(event.detail.text));
    emitter.emit('message', { text: 'hello' });
    expect(seen).to.deep.equal(['hello']);
  });

  it('returns an unsubscribe function from on()', () => {
    const emitter = new TypedEmitter<Events>();
    let count = 0;
    const off = emitter.on('closed', () => (count += 1));
    emitter.emit('closed', undefined);
    off();
    emitter.emit('closed', undefined);
    expect(count).to.equal(1);
  });

  it('honours once', () => {
    const emitter = new TypedEmitter<Events>();
    let count = 0;
    emitter.on('closed', () => (count += 1), { once: true });
    emitter.emit('closed', undefined);
    emitter.emit('closed', undefined);
    expect(count).to.equal(1);
  });

  it('dispatches real Event objects so any EventTarget consumer can listen', () => {
    const emitter = new TypedEmitter<Events>();
    let received: Event | undefined;
    emitter.addEventListener('message', (event) => (received = event));
    emitter.emit('message', { text: 'plain' });
    expect(received).to.be.instanceOf(Event);
    expect(received?.type).to.equal('message');
  });

  it('reports a throwing listener and still calls the others', async () => {
    const emitter = new TypedEmitter<Events>();
    const seen: string[] = [];
    emitter.on('message', () => {
      throw new Error('listener failed');
    });
    emitter.on('message', (event) => seen.push(event.detail.text));
    const errors = await reportedErrors(() => emitter.emit('message', { text: 'still here' }));
    expect(seen).to.deep.equal(['still here']);
    expect((errors[0] as Error).message).to.equal('listener failed');
  });

  it('calls neither a listener added nor one removed while it emits, as DOM dispatch does', () => {
    const emitter = new TypedEmitter<Events>();
    const seen: string[] = [];
    let offSecond = () => undefined as void;
    emitter.on('closed', () => {
      seen.push('first');
      offSecond();
      emitter.on('closed', () => seen.push('added'));
    });
    offSecond = emitter.on('closed', () => seen.push('second'));
    emitter.emit('closed', undefined);
    expect(seen).to.deep.equal(['first']);
  });

  it('removes a listener when its signal aborts', () => {
    const emitter = new TypedEmitter<Events>();
    const controller = new AbortController();
    let count = 0;
    emitter.on('closed', () => (count += 1), { signal: controller.signal });
    emitter.emit('closed', undefined);
    controller.abort();
    emitter.emit('closed', undefined);
    emitter.on('closed', () => (count += 1), { signal: controller.signal });
    emitter.emit('closed', undefined);
    expect(count).to.equal(1);
  });

  it('calls on() listeners and addEventListener listeners alike, on() ones first', () => {
    const emitter = new TypedEmitter<Events>();
    const seen: string[] = [];
    emitter.addEventListener('message', (event) => seen.push(`dom ${(event as CustomEvent<{ text: string }>).detail.text}`));
    emitter.on('message', (event) => seen.push(`on ${event.detail.text}`));
    emitter.emit('message', { text: 'x' });
    expect(seen).to.deep.equal(['on x', 'dom x']);
  });
});
