import { expect } from '@open-wc/testing';
import { ManualClock, settle } from '../../src/core/clock.js';
import { Outbox, type OutboxItem, type OutboxOptions } from '../../src/core/outbox.js';

interface Msg {
  text: string;
}

/** A transport whose every transmit waits for the test to accept or reject it. */
class FakeTransport {
  readonly sent: { item: OutboxItem<Msg>; accept(): void; reject(error: Error): void }[] = [];

  readonly transmit = (item: OutboxItem<Msg>) =>
    new Promise<void>((resolve, reject) => {
      this.sent.push({ item, accept: resolve, reject });
    });

  /** clientId and text of every transmit so far. */
  get log(): string[] {
    return this.sent.map((s) => `${s.item.clientId}:${s.item.payload.text}`);
  }

  get last() {
    return this.sent.at(-1)!;
  }
}

/** An in-memory Storage stand-in that counts writes. */
class FakeStorage {
  readonly data = new Map<string, string>();
  writes = 0;
  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.writes += 1;
    this.data.set(key, value);
  }
  removeItem(key: string): void {
    this.data.delete(key);
  }
}

function harness(overrides: Partial<OutboxOptions<Msg>> = {}) {
  const clock = new ManualClock(0);
  const transport = new FakeTransport();
  let n = 0;
  const outbox = new Outbox<Msg>({ clock, transmit: transport.transmit, newId: () => `c${++n}`, confirmTimeoutMs: 15_000, ...overrides });
  const failed: OutboxItem<Msg>[] = [];
  const confirmed: OutboxItem<Msg>[] = [];
  let changes = 0;
  outbox.on('failed', (e) => failed.push(e.detail.item));
  outbox.on('confirmed', (e) => confirmed.push(e.detail.item));
  outbox.on('change', () => (changes += 1));
  return { clock, transport, outbox, failed, confirmed, changes: () => changes };
}

const states = (outbox: Outbox<Msg>) => outbox.items.map((i) => `${i.clientId}:${i.state}`);

async function capturingWarnings(run: () => void): Promise<unknown[][]> {
  const original = console.warn;
  const warnings: unknown[][] = [];
  console.warn = (...args: unknown[]) => warnings.push(args);
  try {
    run();
    await settle();
  } finally {
    console.warn = original;
  }
  return warnings;
}

describe('Outbox', () => {
  it('enqueue → sending → sent → confirm removes it', async () => {
    const h = harness();
    const item = h.outbox.enqueue({ text: 'hello' });
    // Online with nothing ahead: it is already on its way when enqueue returns.
    expect(item).to.include({ clientId: 'c1', state: 'sending', attempts: 1, createdAt: 0 });
    expect(states(h.outbox)).to.deep.equal(['c1:sending']);
    expect(h.transport.log).to.deep.equal(['c1:hello']);
    expect(h.transport.last.item.attempts).to.equal(1);
    h.transport.last.accept();
    await settle();
    expect(states(h.outbox)).to.deep.equal(['c1:sent']);
    const confirmed = h.outbox.confirm('c1');
    expect(confirmed?.clientId).to.equal('c1');
    expect(h.outbox.items).to.deep.equal([]);
    expect(h.confirmed.map((i) => i.clientId)).to.deep.equal(['c1']);
    expect(h.changes()).to.be.greaterThan(2);
    await h.clock.advance(60_000);
    expect(h.transport.sent).to.have.length(1);
  });

  it('returns undefined when confirming an unknown id', () => {
    const h = harness();
    expect(h.outbox.confirm('nope')).to.equal(undefined);
    expect(h.confirmed).to.deep.equal([]);
  });

  it('transmits one item at a time, in order', async () => {
    const h = harness();
    h.outbox.enqueue({ text: 'a' });
    h.outbox.enqueue({ text: 'b' });
    h.outbox.enqueue({ text: 'c' });
    expect(h.transport.log).to.deep.equal(['c1:a']);
    h.transport.last.accept();
    await settle();
    expect(h.transport.log).to.deep.equal(['c1:a', 'c2:b']);
    h.transport.last.accept();
    await settle();
    h.transport.last.accept();
    await settle();
    expect(h.transport.log).to.deep.equal(['c1:a', 'c2:b', 'c3:c']);
    expect(states(h.outbox)).to.deep.equal(['c1:sent', 'c2:sent', 'c3:sent']);
  });

  it('confirming an item still being transmitted removes it and moves on', async () => {
    const h = harness();
    h.outbox.enqueue({ text: 'a' });
    h.outbox.enqueue({ text: 'b' });
    h.outbox.confirm('c1'); // the echo can beat the transport's own acknowledgement
    expect(h.transport.log).to.deep.equal(['c1:a', 'c2:b']);
    h.transport.sent[0]!.accept();
    await settle();
    expect(states(h.outbox)).to.deep.equal(['c2:sending']);
  });

  it('holds while offline, then flushes in order when back online', async () => {
    const h = harness({ online: false });
    h.outbox.enqueue({ text: 'one' });
    h.outbox.enqueue({ text: 'two' });
    await h.clock.advance(60_000);
    expect(h.transport.sent).to.deep.equal([]);
    expect(states(h.outbox)).to.deep.equal(['c1:queued', 'c2:queued']);
    h.outbox.setOnline(true);
    expect(h.transport.log).to.deep.equal(['c1:one']);
    h.transport.last.accept();
    await settle();
    expect(h.transport.log).to.deep.equal(['c1:one', 'c2:two']);
  });

  it('resends unconfirmed items after a reconnect with the SAME clientId, in order', async () => {
    const h = harness();
    h.outbox.enqueue({ text: 'a' });
    h.transport.last.accept();
    await settle();
    h.outbox.enqueue({ text: 'b' });
    h.transport.last.accept();
    await settle();
    h.outbox.setOnline(false);
    // No confirmation timeout runs while offline.
    await h.clock.advance(60_000);
    expect(states(h.outbox)).to.deep.equal(['c1:sent', 'c2:sent']);
    h.outbox.enqueue({ text: 'c' });
    h.outbox.setOnline(true);
    for (let i = 0; i < 3; i += 1) {
      h.transport.last.accept();
      await settle();
    }
    expect(h.transport.log).to.deep.equal(['c1:a', 'c2:b', 'c1:a', 'c2:b', 'c3:c']);
    h.outbox.confirm('c1');
    h.outbox.confirm('c2');
    expect(states(h.outbox)).to.deep.equal(['c3:sent']);
  });

  it('retries a rejected transmit after a growing delay, then fails after maxAttempts', async () => {
    const h = harness({ maxAttempts: 3, retryDelayMs: 1000 });
    h.outbox.enqueue({ text: 'x' });
    h.transport.last.reject(new Error('socket closed'));
    await settle();
    expect(states(h.outbox)).to.deep.equal(['c1:queued']);
    expect(h.outbox.items[0]!.error).to.equal('socket closed');
    await h.clock.advance(999);
    expect(h.transport.sent).to.have.length(1);
    await h.clock.advance(1);
    expect(h.transport.sent).to.have.length(2);
    h.transport.last.reject(new Error('socket closed'));
    await h.clock.advance(1999);
    expect(h.transport.sent).to.have.length(2);
    await h.clock.advance(1);
    expect(h.transport.sent).to.have.length(3);
    h.transport.last.reject(new Error('still closed'));
    await settle();
    expect(states(h.outbox)).to.deep.equal(['c1:failed']);
    expect(h.failed).to.have.length(1);
    expect(h.failed[0]).to.include({ clientId: 'c1', attempts: 3, error: 'still closed' });
    expect(h.transport.log).to.deep.equal(['c1:x', 'c1:x', 'c1:x']);
    await h.clock.advance(60_000);
    expect(h.transport.sent).to.have.length(3);
  });

  it('keeps later items behind one that is waiting to retry, and lets them pass a failed one', async () => {
    const h = harness({ maxAttempts: 2, retryDelayMs: 1000 });
    h.outbox.enqueue({ text: 'first' });
    h.outbox.enqueue({ text: 'second' });
    h.transport.last.reject(new Error('no'));
    await settle();
    expect(h.transport.log).to.deep.equal(['c1:first']);
    await h.clock.advance(1000);
    h.transport.last.reject(new Error('no'));
    await settle();
    expect(states(h.outbox)).to.deep.equal(['c1:failed', 'c2:sending']);
    expect(h.transport.log).to.deep.equal(['c1:first', 'c1:first', 'c2:second']);
  });

  it('retry() puts a failed item back with attempts reset', async () => {
    const h = harness({ maxAttempts: 1 });
    h.outbox.enqueue({ text: 'x' });
    h.transport.last.reject(new Error('no'));
    await settle();
    expect(states(h.outbox)).to.deep.equal(['c1:failed']);
    h.outbox.retry('c1');
    expect(states(h.outbox)).to.deep.equal(['c1:sending']);
    expect(h.transport.last.item).to.include({ clientId: 'c1', attempts: 1 });
    expect(h.outbox.items[0]!.error).to.equal(undefined);
    h.transport.last.accept();
    await settle();
    expect(states(h.outbox)).to.deep.equal(['c1:sent']);
  });

  it('retry() ignores items that have not failed', () => {
    const h = harness();
    h.outbox.enqueue({ text: 'x' });
    h.outbox.retry('c1');
    h.outbox.retry('unknown');
    expect(h.transport.sent).to.have.length(1);
  });

  it('resends with the same clientId when no echo comes within confirmTimeoutMs, then fails', async () => {
    const h = harness({ maxAttempts: 2, confirmTimeoutMs: 15_000 });
    h.outbox.enqueue({ text: 'x' });
    h.transport.last.accept();
    await settle();
    await h.clock.advance(14_999);
    expect(h.transport.sent).to.have.length(1);
    await h.clock.advance(1);
    expect(h.transport.log).to.deep.equal(['c1:x', 'c1:x']);
    expect(h.transport.last.item.attempts).to.equal(2);
    h.transport.last.accept();
    await settle();
    await h.clock.advance(15_000);
    expect(states(h.outbox)).to.deep.equal(['c1:failed']);
    expect(h.failed[0]!.error).to.contain('no confirmation');
    // A late echo still clears it.
    expect(h.outbox.confirm('c1')?.state).to.equal('failed');
    expect(h.outbox.items).to.deep.equal([]);
  });

  it('discard() forgets an item in any state', async () => {
    const h = harness();
    h.outbox.enqueue({ text: 'a' });
    h.outbox.enqueue({ text: 'b' });
    h.outbox.discard('c1');
    expect(h.transport.log).to.deep.equal(['c1:a', 'c2:b']);
    expect(states(h.outbox)).to.deep.equal(['c2:sending']);
    h.transport.sent[0]!.accept();
    await settle();
    expect(states(h.outbox)).to.deep.equal(['c2:sending']);
  });

  it('dispose() cancels timers and stops sending', async () => {
    const h = harness();
    h.outbox.enqueue({ text: 'a' });
    h.transport.last.accept();
    await settle();
    h.outbox.dispose();
    expect(h.clock.pending).to.equal(0);
    await h.clock.advance(60_000);
    expect(h.transport.sent).to.have.length(1);
  });

  it('gives each item a fresh random id by default', () => {
    const outbox = new Outbox<Msg>({ clock: new ManualClock(0), transmit: () => new Promise(() => undefined), online: false });
    const a = outbox.enqueue({ text: 'a' });
    const b = outbox.enqueue({ text: 'b' });
    expect(a.clientId).to.match(/^[0-9a-f-]{32,36}$/);
    expect(a.clientId).not.to.equal(b.clientId);
  });

  describe('persistence', () => {
    it('stores payloads and client ids only, and restores them after a reload', async () => {
      const storage = new FakeStorage();
      const first = harness({ storage, storageKey: 'k' });
      first.outbox.enqueue({ text: 'typed before reload' });
      first.transport.last.accept();
      await settle();
      first.outbox.enqueue({ text: 'second' });
      const saved = JSON.parse(storage.getItem('k')!);
      expect(saved).to.deep.equal({ version: 1, items: [{ clientId: 'c1', payload: { text: 'typed before reload' } }, { clientId: 'c2', payload: { text: 'second' } }] });
      first.outbox.dispose();

      const second = harness({ storage, storageKey: 'k', online: false, newId: () => 'new' });
      expect(states(second.outbox)).to.deep.equal(['c1:queued', 'c2:queued']);
      expect(second.outbox.items[0]!.payload).to.deep.equal({ text: 'typed before reload' });
      second.outbox.setOnline(true);
      expect(second.transport.log).to.deep.equal(['c1:typed before reload']);
    });

    it('removes the stored value once everything is confirmed', async () => {
      const storage = new FakeStorage();
      const h = harness({ storage, storageKey: 'k' });
      h.outbox.enqueue({ text: 'x' });
      h.transport.last.accept();
      await settle();
      h.outbox.confirm('c1');
      expect(storage.getItem('k')).to.equal(null);
    });

    for (const [label, raw] of [
      ['not JSON', '{oops'],
      ['a bare array', '[{"clientId":"c1","payload":1}]'],
      ['a wrong version', '{"version":99,"items":[]}'],
      ['items that are not a list', '{"version":1,"items":"x"}'],
    ] as const) {
      it(`ignores a corrupt stored value (${label}) with a warning`, async () => {
        const storage = new FakeStorage();
        storage.setItem('k', raw);
        let outbox: Outbox<Msg> | undefined;
        const warnings = await capturingWarnings(() => {
          outbox = new Outbox<Msg>({ clock: new ManualClock(0), transmit: async () => undefined, storage, storageKey: 'k', online: false });
        });
        expect(outbox!.items).to.deep.equal([]);
        expect(warnings).to.have.length(1);
        expect(String(warnings[0]![0])).to.contain('corrupt');
      });
    }

    it('skips invalid stored items, keeping the valid ones', async () => {
      const storage = new FakeStorage();
      storage.setItem(
        'k',
        JSON.stringify({ version: 1, items: [{ clientId: 'ok', payload: { text: 'fine' } }, { payload: { text: 'no id' } }, { clientId: 'bad', payload: { nope: 1 } }, { clientId: 'ok', payload: { text: 'dup' } }, null] }),
      );
      let outbox: Outbox<Msg> | undefined;
      const warnings = await capturingWarnings(() => {
        outbox = new Outbox<Msg>({
          clock: new ManualClock(0),
          transmit: async () => undefined,
          storage,
          storageKey: 'k',
          online: false,
          restorePayload: (v) => (v && typeof (v as Msg).text === 'string' ? (v as Msg) : undefined),
        });
      });
      expect(outbox!.items.map((i) => [i.clientId, i.payload.text])).to.deep.equal([['ok', 'fine']]);
      expect(warnings).to.have.length(4);
    });

    it('keeps working in memory when storage throws, warning once', async () => {
      const storage = new FakeStorage();
      storage.setItem = () => {
        throw new DOMException('quota', 'QuotaExceededError');
      };
      let h: ReturnType<typeof harness> | undefined;
      const warnings = await capturingWarnings(() => {
        h = harness({ storage });
        h.outbox.enqueue({ text: 'a' });
        h.outbox.enqueue({ text: 'b' });
      });
      expect(warnings).to.have.length(1);
      expect(h!.transport.log).to.deep.equal(['c1:a']);
    });
  });
});
