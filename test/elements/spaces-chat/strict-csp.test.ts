// <spaces-chat> on a page that enforces Trusted Types and forbids inline style attributes (design
// principle 5). The policy is a meta CSP added before any element is created; both browsers honour
// one inserted at run time for what happens after it.
import { expect } from '@open-wc/testing';
import { loadSanitizer } from '../../../src/core/sanitize.js';
import { MessageBodies } from '../../../src/elements/spaces-chat/bodies.js';
import type { SpacesMessage } from '../../../src/spaces/types.js';
import { backendCommand, until } from '../../support/backend.js';
import { mount, unique, untilRow } from './helpers.js';

const csp = document.createElement('meta');
csp.httpEquiv = 'Content-Security-Policy';
csp.content = "require-trusted-types-for 'script'; style-src-attr 'none'";
document.head.append(csp);

/** What the first test feeds the parser to prove the policy holds; its (asynchronous) report is not the element's. */
const PROBE = '<p>probe of the policy</p>';
const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (event) => {
  if (!event.sample.includes(PROBE)) violations.push(`${event.violatedDirective}: ${event.sample}`);
});

describe('<spaces-chat> under a strict CSP with Trusted Types', () => {
  it('is really enforced on this page', () => {
    expect(() => new DOMParser().parseFromString(PROBE, 'text/html')).to.throw(TypeError);
  });

  it('renders HTML bodies, avatars, cards and own sends with no Trusted Types or inline-style violation', async () => {
    const el = await mount('u-alice', 'sp-design');
    const room = el.controller.room!;
    const marker = unique('strict');
    await backendCommand('spaces', 'injectMessage', { spaceId: 'sp-design', bodyText: `<p>${marker} <b>bold</b> <mention id="u-bob" type="user">@Bob</mention></p>`, senderId: 'u-bob' });
    const row = await untilRow(el, marker, (r) => r.querySelector('b') !== null);
    const avatar = row.querySelector<HTMLElement>('.avatar');
    if (avatar) expect(getComputedStyle(avatar).backgroundColor).not.to.equal('rgba(0, 0, 0, 0)');
    const task = unique('strict task');
    room.send('task', { bodyText: task, description: '<p>with <i>HTML</i></p>' });
    await untilRow(el, task, (r) => r.querySelector('[part="card"] i') !== null);
    const avatars = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.avatar')];
    expect(avatars.length).to.be.greaterThan(0);
    for (const a of avatars) expect(getComputedStyle(a).backgroundColor).not.to.equal('rgba(0, 0, 0, 0)');
    await until(() => room.pending.length === 0, 'confirmed');
    expect(violations).to.deep.equal([]);
  });

  it('shows HTML as its text before the sanitizer has loaded, without touching an HTML parser', () => {
    const bob = { _id: 'u-bob', type: 'user', username: 'bob', displayname: 'Bob', picture_url: '' };
    const message: SpacesMessage = {
      _id: 'm', topicId: 'sp', category: 'chat', created: '2026-01-01T00:00:00Z', createdMs: 0, sender: bob,
      content: { bodyText: '<p>Hello <b>there</b> &amp; you</p><p>again</p><script>window.__ran = 1</script>' },
    };
    const bodies = new MessageBodies();
    expect(bodies.body(message)).to.equal('Hello there & you again');
    expect((window as { __ran?: number }).__ran).to.equal(undefined);
  });

  it('sanitizes with the DOMPurify engine too (the fallback where the Sanitizer API is missing), through its own policy', async () => {
    const before = violations.length;
    const sanitizer = await loadSanitizer({ engine: 'dompurify' });
    const fragment = sanitizer.toFragment('<p>kept <b>bold</b></p><img src=x onerror="window.__ran = 2">');
    const box = document.createElement('div');
    box.append(fragment);
    expect(box.innerHTML).to.equal('<p>kept <b>bold</b></p>');
    expect(violations.length).to.equal(before);
  });
});
