// The sign-in error of <spaces-chat> and its Retry, against the embedded backend: when the server
// refuses the token at the handshake (a bad signature, or a token it says has expired while the
// page's clock thinks otherwise), the element shows the error, and Retry gets a new token from
// the page and opens the room.
import { expect } from '@open-wc/testing';
import { ManualClock } from '../../../src/core/clock.js';
import type { SpacesChat } from '../../../src/elements/spaces-chat/define.js';
import { fetchToken, until } from '../../support/backend.js';
import { nextEvent, refusedUntilFixed, shadow, unique } from './helpers.js';

const SPACE = 'sp-design';
/** Clicks the alert's Retry and checks that the room opens with a new token and sends. */
async function retryConnects(el: SpacesChat, reasons: string[]): Promise<void> {
  const alert = shadow(el).querySelector('[part="error"]')!;
  expect(alert.textContent).to.contain('token was refused');
  expect(shadow(el).querySelector<HTMLTextAreaElement>('[part="input"]')!.disabled).to.equal(true);
  const asked = reasons.length;
  const states: string[] = [];
  el.addEventListener('spaces-state', (event) => states.push(`${event.connection}/${event.subscription}`));
  [...alert.querySelectorAll('button')].find((b) => b.textContent === 'Retry')!.click();
  await until(() => el.controller.room?.subscription === 'subscribed' && el.controller.room.historyLoaded, 'subscribed after Retry');
  // One new token, asked for because the last one was refused.
  expect(reasons.slice(asked)).to.deep.equal(['rejected']);
  expect(states.at(-1)).to.equal('connected/subscribed');
  await el.updateComplete;
  expect(shadow(el).querySelector('[part="error"]')).to.equal(null);
  expect(shadow(el).querySelector('[part="status"]')!.textContent).to.contain('Connected');
  expect(el.controller.room!.me?._id).to.equal('u-alice');
  // And the room works: the composer is on and a message goes through.
  const input = shadow(el).querySelector<HTMLTextAreaElement>('[part="input"]')!;
  expect(input.disabled).to.equal(false);
  const text = unique('after signing in again');
  const sent = nextEvent(el, 'spaces-sent');
  input.value = text;
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
  expect((await sent).message.content.bodyText).to.equal(text);
}

describe('<spaces-chat> sign-in retry', () => {
  it('connects after Retry when the server had refused the token (a bad signature)', async () => {
    const good = await fetchToken('spaces', 'u-alice');
    const [header, payload] = good.split('.');
    const forged = `${header}.${payload}.${'A'.repeat(43)}`;
    const { el, reasons, fix } = await refusedUntilFixed(SPACE, () => Promise.resolve(forged));
    // The element asked again by itself before giving up (a refused token is replaced, not reused).
    expect(reasons[0]).to.equal('initial');
    expect(reasons.slice(1).every((r) => r === 'rejected') && reasons.length > 1, reasons.join()).to.equal(true);
    fix();
    await retryConnects(el, reasons);
  });

  it('connects after Retry when the server said the token had expired, though the page’s clock thought it valid', async () => {
    // The page's clock is two hours slow: a token that expired a minute ago looks good for another
    // hour and 59 minutes here, so only the server's refusal tells the element.
    const clock = new ManualClock(Date.now() - 2 * 3600_000);
    const { el, reasons, fix } = await refusedUntilFixed(SPACE, () => fetchToken('spaces', 'u-alice', -60), clock);
    expect(el.controller.lifecycle!.expiresAt! > clock.now(), 'the page thinks the token is valid').to.equal(true);
    expect(el.controller.lease!.connection.error ?? '').to.match(/expired/);
    fix();
    await retryConnects(el, reasons);
  });
});
