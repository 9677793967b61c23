import { expect } from '@open-wc/testing';
import { ManualClock } from '../../src/core/clock.js';
import { Timeline } from '../../src/spaces/timeline.js';
import { TYPING_SHOWN_MS, TypingThrottle, TypingTracker } from '../../src/spaces/typing.js';
import type { SpacesMessage } from '../../src/spaces/types.js';
import { MAX_URL, checkMessage, parseMessage, parsePresence } from '../../src/spaces/validate.js';

const bob = { _id: 'u-bob', type: 'user', username: 'bob', displayname: 'Bob', picture_url: '' };

function message(id: string, createdMs: number, extra: Partial<SpacesMessage> = {}): SpacesMessage {
  return { _id: id, topicId: 'sp', category: 'chat', created: new Date(createdMs).toISOString(), createdMs, sender: bob, content: { bodyText: id }, ...extra };
}

function quietly<T>(run: () => T): { value: T; warnings: string[] } {
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
  try {
    return { value: run(), warnings };
  } finally {
    console.warn = warn;
  }
}

describe('Timeline', () => {
  it('orders by created then _id, whatever the arrival order, and keeps each _id once', () => {
    const timeline = new Timeline();
    timeline.upsertMany([message('c', 30), message('a', 10), message('b2', 20), message('b1', 20)]);
    expect(timeline.upsert(message('a', 10))).to.equal('ignored');
    expect(timeline.messages.map((m) => m._id)).to.deep.equal(['a', 'b1', 'b2', 'c']);
  });

  it('replaces a task in place when a newer `modified` arrives, and counts that as a rewrite', () => {
    const timeline = new Timeline();
    timeline.upsertMany([message('t', 10, { category: 'task', content: { bodyText: 't', status: 'pending' } }), message('z', 20)]);
    const rewrites = timeline.rewrites;
    const updated = message('t', 10, { category: 'task', modified: new Date(50).toISOString(), content: { bodyText: 't', status: 'complete' } });
    expect(timeline.upsert(updated)).to.equal('updated');
    expect(timeline.messages.map((m) => m.content.status ?? '-')).to.deep.equal(['complete', '-']);
    expect(timeline.rewrites).to.equal(rewrites + 1);
    const stale = message('t', 10, { category: 'task', modified: new Date(40).toISOString(), content: { bodyText: 't', status: 'pending' } });
    expect(timeline.upsert(stale)).to.equal('ignored');
  });

  it('counts older pages put before everything held as prepended, not as rewrites', () => {
    const timeline = new Timeline();
    timeline.upsertMany([message('m', 100), message('n', 110)]);
    timeline.upsertMany([message('c', 30), message('d', 40)]);
    timeline.upsertMany([message('a', 10), message('b', 20), message('o', 120)]);
    expect(timeline.messages.map((m) => m._id)).to.deep.equal(['a', 'b', 'c', 'd', 'm', 'n', 'o']);
    expect(timeline.prepended).to.equal(4);
    expect(timeline.rewrites).to.equal(0);
    timeline.upsertMany([message('e', 50)]);
    expect(timeline.rewrites).to.equal(1);
    expect(timeline.prepended).to.equal(4);
  });

  it('appends at the end without counting a rewrite', () => {
    const timeline = new Timeline();
    timeline.upsertMany([message('a', 10)]);
    const rewrites = timeline.rewrites;
    timeline.upsertMany([message('b', 20), message('c', 30)]);
    expect(timeline.rewrites).to.equal(rewrites);
    expect(timeline.newestMs).to.equal(30);
    expect(timeline.oldestMs).to.equal(10);
  });
});

describe('frame validation', () => {
  it('accepts a vendor-shaped message and fills missing optional fields', () => {
    const parsed = checkMessage({ _id: 'm1', topicId: 'sp', category: 'idea', created: '2026-01-01T10:00:00Z', sender: { _id: 'u-bob' }, content: { bodyText: '<p>x</p>', assignees: [{ _id: 'u-a' }, 'junk'] } });
    expect(typeof parsed).to.equal('object');
    const m = parsed as SpacesMessage;
    expect(m.sender.displayname).to.equal('u-bob');
    expect(m.content.assignees).to.deep.equal([{ _id: 'u-a' }]);
  });

  it('drops hostile and malformed frames with exactly one warning each', () => {
    const bad: unknown[] = [
      null,
      'text',
      [],
      { _id: 'x' },
      { _id: 'x', topicId: 'sp', category: 'chat', created: 'not a date', sender: bob, content: {} },
      { _id: 'x', topicId: 'sp', category: 'evil', created: '2026-01-01T00:00:00Z', sender: bob, content: {} },
      { _id: 'x', topicId: 'sp', category: 'chat', created: '2026-01-01T00:00:00Z', sender: bob, content: { bodyText: 42 } },
      { _id: 'x', topicId: 'sp', category: 'chat', created: '2026-01-01T00:00:00Z', sender: bob, content: { bodyText: 'x'.repeat(70_000) } },
      { _id: 'x'.repeat(500), topicId: 'sp', category: 'chat', created: '2026-01-01T00:00:00Z', sender: bob, content: {} },
    ];
    for (const frame of bad) {
      const { value, warnings } = quietly(() => parseMessage(frame));
      expect(value, JSON.stringify(frame)?.slice(0, 60)).to.equal(undefined);
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.match(/^\[spaces-chat\] dropped/);
    }
    expect(quietly(() => parsePresence({ category: 'party.typing' })).value).to.equal(undefined);
  });

  it('cuts absurdly long names instead of keeping them', () => {
    const m = checkMessage({ _id: 'm', topicId: 'sp', category: 'chat', created: '2026-01-01T00:00:00Z', sender: { _id: 'u', displayname: 'n'.repeat(10_000) }, content: { bodyText: 'hi' } }) as SpacesMessage;
    expect(m.sender.displayname.length).to.equal(512);
  });

  it('drops file and picture URLs longer than the cap (a cut URL would point elsewhere) and cuts long file names', () => {
    const long = `https://files.test/${'a'.repeat(MAX_URL)}`;
    const ok = 'https://files.test/f1';
    const m = checkMessage({
      _id: 'm', topicId: 'sp', category: 'chat', created: '2026-01-01T00:00:00Z', sender: { _id: 'u', picture_url: long },
      content: { bodyText: '', data: [{ fileId: 'f1', name: 'x'.repeat(5000), path: long, thumbnailUrl: long, previewUrl: ok }] },
    }) as SpacesMessage;
    const file = m.content.data![0]!;
    expect(file.path).to.equal('');
    expect(file.thumbnailUrl).to.equal(undefined);
    expect(file.previewUrl).to.equal(ok);
    expect(file.name.length).to.equal(512);
    expect(m.sender.picture_url).to.equal('');
  });
});

describe('typing', () => {
  it('lets one outgoing typing event through per 1.5 s', async () => {
    const clock = new ManualClock();
    const throttle = new TypingThrottle(clock);
    expect([throttle.take(), throttle.take()]).to.deep.equal([true, false]);
    await clock.advance(1499);
    expect(throttle.take()).to.equal(false);
    await clock.advance(1);
    expect(throttle.take()).to.equal(true);
  });

  it('shows an incoming typer for two seconds after their last event', async () => {
    const clock = new ManualClock();
    let changes = 0;
    const tracker = new TypingTracker(clock, () => (changes += 1));
    tracker.typed(bob);
    await clock.advance(TYPING_SHOWN_MS - 500);
    tracker.typed(bob);
    await clock.advance(TYPING_SHOWN_MS - 1);
    expect(tracker.users.map((u) => u._id)).to.deep.equal(['u-bob']);
    await clock.advance(1);
    expect(tracker.users).to.deep.equal([]);
    expect(changes).to.equal(2);
    expect(clock.pending).to.equal(0);
  });
});
