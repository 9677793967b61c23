import { expect } from '@open-wc/testing';
import { TypedEmitter } from '../../src/core/typed-events.js';

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
});
