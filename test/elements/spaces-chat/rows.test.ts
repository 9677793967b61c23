// The list rows of <spaces-chat>, built as messages arrive: what an older page or a live append
// adds must give the rows a build from scratch gives.
import { expect } from '@open-wc/testing';
import { RowBuilder, type Row, type RowInputs } from '../../../src/elements/spaces-chat/rows.js';
import { Timeline } from '../../../src/spaces/timeline.js';
import { dayKey } from '../../../src/ui/day-label.js';
import type { MessageCategory, SpacesMessage } from '../../../src/spaces/types.js';

const HOUR = 3_600_000;
const user = (id: string) => ({ _id: id, type: 'user', username: id, displayname: id, picture_url: '' });
const ALL = new Set(['chat', 'idea', 'task']);

function message(n: number, createdMs: number, senderId = 'u-bob', category: MessageCategory = 'chat'): SpacesMessage {
  return { _id: `m${String(n).padStart(4, '0')}`, topicId: 'sp', category, created: new Date(createdMs).toISOString(), createdMs, sender: user(senderId), content: { bodyText: `message ${n}` } };
}

function inputs(timeline: Timeline, categories: ReadonlySet<string> = ALL): RowInputs {
  return { messages: timeline.messages, rewrites: timeline.rewrites, prepended: timeline.prepended, pending: [], meId: 'u-alice', categories };
}

/** Rows as plain data (the builder may make new row objects; what they say is what counts). */
const shape = (rows: Row[]) => rows.map((r) => (r.kind === 'message' ? `${r.key}${r.grouped ? ' grouped' : ''}${r.own ? ' own' : ''}` : r.key));
const fresh = (timeline: Timeline, categories?: ReadonlySet<string>) => shape(new RowBuilder().build(inputs(timeline, categories)));

/** A day of messages: senders alternate in runs, a few minutes apart, some far apart. */
function history(count: number, endMs: number): SpacesMessage[] {
  return Array.from({ length: count }, (_, i) => message(i, endMs - (count - i) * 0.37 * HOUR, i % 7 < 4 ? 'u-bob' : 'u-alice', i % 11 === 5 ? 'idea' : 'chat'));
}

describe('RowBuilder', () => {
  const all = history(400, Date.UTC(2026, 2, 10, 12));

  it('older pages joined on one by one give the rows of one build (day separators move, groups join across the seam)', () => {
    const timeline = new Timeline();
    const builder = new RowBuilder();
    timeline.upsertMany(all.slice(-50));
    builder.build(inputs(timeline));
    for (let end = all.length - 50; end > 0; end -= 50) {
      timeline.upsertMany(all.slice(Math.max(0, end - 50), end));
      expect(shape(builder.build(inputs(timeline)))).to.deep.equal(fresh(timeline));
    }
    expect(timeline.rewrites).to.equal(0);
    expect(timeline.prepended).to.equal(all.length - 50);
  });

  it('a page whose last message groups with the first one shown before it joins their rows', () => {
    const timeline = new Timeline();
    const builder = new RowBuilder();
    const start = Date.UTC(2026, 2, 10, 9);
    timeline.upsertMany([message(3, start + 180_000), message(4, start + 240_000)]);
    const day = `day-${dayKey(start)}`;
    expect(shape(builder.build(inputs(timeline)))).to.deep.equal([day, 'm0003', 'm0004 grouped']);
    timeline.upsertMany([message(1, start), message(2, start + 60_000)]);
    expect(shape(builder.build(inputs(timeline)))).to.deep.equal([day, 'm0001', 'm0002 grouped', 'm0003 grouped', 'm0004 grouped']);
  });

  it('live messages appended in the same frame as an older page land in place too', () => {
    const timeline = new Timeline();
    const builder = new RowBuilder();
    timeline.upsertMany(all.slice(200, 300));
    builder.build(inputs(timeline));
    timeline.upsertMany(all.slice(150, 200));
    timeline.upsertMany(all.slice(300, 320));
    expect(shape(builder.build(inputs(timeline)))).to.deep.equal(fresh(timeline));
  });

  it('keeps to the categories shown, also across the seam', () => {
    const chats = new Set(['chat']);
    const timeline = new Timeline();
    const builder = new RowBuilder();
    timeline.upsertMany(all.slice(-30));
    builder.build(inputs(timeline, chats));
    for (let end = all.length - 30; end > 0; end -= 30) {
      timeline.upsertMany(all.slice(Math.max(0, end - 30), end));
      expect(shape(builder.build(inputs(timeline, chats)))).to.deep.equal(fresh(timeline, chats));
    }
  });

  it('starts over when a message lands in the middle', () => {
    const timeline = new Timeline();
    const builder = new RowBuilder();
    timeline.upsertMany(all.filter((_, i) => i % 2 === 0));
    builder.build(inputs(timeline));
    timeline.upsertMany([all[201]!]);
    expect(timeline.rewrites).to.equal(1);
    expect(shape(builder.build(inputs(timeline)))).to.deep.equal(fresh(timeline));
  });
});
