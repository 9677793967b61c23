import { expect } from '@open-wc/testing';
import { decodeEntities, loadSanitizer } from '../../../src/core/sanitize.js';
import { MessageBodies } from '../../../src/elements/spaces-chat/bodies.js';
import type { SpacesMessage } from '../../../src/spaces/types.js';

const bob = { _id: 'u-bob', type: 'user', username: 'bob', displayname: 'Bob', picture_url: '' };
const message = (bodyText: string): SpacesMessage => ({ _id: bodyText, topicId: 'sp', category: 'chat', created: '2026-01-01T00:00:00Z', createdMs: 0, sender: bob, content: { bodyText } });
const text = (node: Node | string) => (typeof node === 'string' ? node : node.textContent);

describe('MessageBodies', () => {
  it('decodes the common character references of plain text at once, and all of them once the full table has loaded', () => {
    const bodies = new MessageBodies();
    const early = message('it&#x27;s caf&eacute; &amp; co');
    expect(text(bodies.body(early))).to.equal("it's caf&eacute; & co");
    expect(bodies.text('caf&eacute;')).to.equal('caf&eacute;');
    // Without the sanitizer: the table comes with its module, which may load when the sanitizer itself does not.
    bodies.decode = decodeEntities;
    expect(text(bodies.body(early))).to.equal("it's café & co");
    expect(bodies.text('caf&eacute;')).to.equal('café');
  });

  it('rebuilds HTML bodies shown as text once the sanitizer has loaded', async () => {
    const bodies = new MessageBodies();
    const html = message('<p>Hello <b>there</b></p>');
    expect(bodies.body(html)).to.equal('Hello there');
    bodies.sanitizer = await loadSanitizer();
    const built = bodies.body(html) as Node;
    expect(text(built)).to.equal('Hello there');
    expect((built as ParentNode).querySelector('b')?.textContent).to.equal('there');
  });
});
