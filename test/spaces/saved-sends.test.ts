import { expect } from '@open-wc/testing';
import { parseSavedSend, savedSendsKey } from '../../src/spaces/saved-sends.js';
import { MAX_TEXT_CHARS } from '../../src/spaces/validate.js';

const at = Date.UTC(2026, 0, 1);

describe('saved sends', () => {
  it('restores a task with its fields and drops what a send never carries', () => {
    const restored = parseSavedSend({
      topicId: 'sp-a',
      category: 'task',
      at,
      content: { bodyText: 'Do it', description: 'soon', status: 'pending', dueDate: null, assignees: [{ _id: 'u-bob', extra: 1 }], data: [{ fileId: 'f1', name: 'a.txt' }, { fileId: 'f2', name: 7 }], onclick: 'x' },
      token: 'secret',
    }, 'sp-a');
    expect(restored).to.deep.equal({
      topicId: 'sp-a',
      category: 'task',
      at,
      content: { bodyText: 'Do it', description: 'soon', status: 'pending', dueDate: null, assignees: [{ _id: 'u-bob' }], data: [{ fileId: 'f1', name: 'a.txt' }, { fileId: 'f2' }] },
    });
  });

  it('rejects entries of another space, unknown kinds, bad shapes and oversized text', () => {
    const ok = { topicId: 'sp-a', category: 'chat', at, content: { bodyText: 'hi' } };
    expect(parseSavedSend(ok, 'sp-a')).to.not.equal(undefined);
    for (const bad of [
      null,
      'text',
      [ok],
      { ...ok, topicId: 'sp-b' },
      { ...ok, category: '__proto__' },
      { ...ok, at: 'yesterday' },
      { ...ok, at: Number.NaN },
      { ...ok, content: { bodyText: ['hi'] } },
      { ...ok, content: { bodyText: 'hi', assignees: ['u-bob'] } },
      { ...ok, content: { bodyText: 'hi', data: [{ name: 'no id' }] } },
      { ...ok, content: { bodyText: 'x'.repeat(MAX_TEXT_CHARS + 1) } },
    ]) expect(parseSavedSend(bad, 'sp-a'), JSON.stringify(bad)?.slice(0, 80)).to.equal(undefined);
  });

  it('keys entries by server, space and user, unambiguously', () => {
    const key = savedSendsKey('https://s/chat', 'sp-a', 'u-1');
    expect(key).to.contain('https://s/chat').and.to.contain('sp-a').and.to.contain('u-1');
    // Separators inside ids cannot make two different triples collide.
    expect(savedSendsKey('a', 'b","c', 'd')).not.to.equal(savedSendsKey('a", "b', 'c', 'd'));
    expect(savedSendsKey('s', 'sp-a', 'u-1')).not.to.equal(savedSendsKey('s', 'sp-a', 'u-2'));
  });
});
