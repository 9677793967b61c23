import { expect } from '@open-wc/testing';
import { html, render } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { fixRepeatMarkers } from '../../src/ui/repeat-marker-fix.js';

const comments = (root: Node) => [...root.childNodes].filter((n) => n.nodeType === Node.COMMENT_NODE).length;
const texts = (root: Element) => [...root.children].map((c) => c.textContent);
const show = (root: HTMLElement, items: number[]) => render(html`${repeat(items, (n) => n, (n) => html`<p>${n}</p>`)}`, root);
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe('fixRepeatMarkers', () => {
  before(() => fixRepeatMarkers());

  it('leaves no comment behind for the items repeat removes, as a sliding window removes them', () => {
    const root = document.createElement('div');
    show(root, range(0, 40));
    const settled = comments(root);
    // The virtualizer's pattern: every frame some rows leave at the top and new ones come at the bottom.
    for (let first = 1; first <= 500; first += 7) show(root, range(first, 40));
    show(root, range(0, 40));
    expect(comments(root)).to.equal(settled);
    expect(texts(root)).to.deep.equal(range(0, 40).map(String));
  });

  it('keeps moved, kept and new items in order (markers of kept items stay)', () => {
    const root = document.createElement('div');
    show(root, range(0, 10));
    const settled = comments(root);
    show(root, [9, 3, 11, 0, 12, 5]);
    expect(texts(root)).to.deep.equal(['9', '3', '11', '0', '12', '5']);
    show(root, [12, 11, 10, 9, 8, 7, 6, 5, 4, 3]);
    expect(texts(root)).to.deep.equal(['12', '11', '10', '9', '8', '7', '6', '5', '4', '3']);
    show(root, range(0, 10));
    expect(texts(root)).to.deep.equal(range(0, 10).map(String));
    expect(comments(root)).to.equal(settled);
  });

  it('emptying and refilling the list leaves nothing behind', () => {
    const root = document.createElement('div');
    show(root, range(0, 5));
    const settled = comments(root);
    for (let i = 0; i < 20; i += 1) {
      show(root, []);
      show(root, range(i, 5));
    }
    show(root, range(0, 5));
    expect(comments(root)).to.equal(settled);
    expect(texts(root)).to.deep.equal(range(0, 5).map(String));
  });

  it('is harmless when called again (the markers are gone before the outer patch looks)', () => {
    fixRepeatMarkers();
    fixRepeatMarkers();
    const root = document.createElement('div');
    show(root, range(0, 3));
    const settled = comments(root);
    show(root, range(3, 3));
    expect(comments(root)).to.equal(settled);
  });
});
