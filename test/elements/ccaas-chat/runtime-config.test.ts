import { expect } from '@open-wc/testing';
import { ManualClock } from '../../../src/core/clock.js';
import { tokenExpiry } from '../../../src/core/token-expiry.js';
import type { TokenRequest } from '../../../src/core/token-provider.js';
import { backendCommand, fetchToken, until } from '../../support/backend.js';
import { freshUser } from '../../ccaas/support.js';
import { chatFixture, messageTexts, part, settled, startChat, untilView } from './support.js';

// Attribute changes while a chat runs: timeouts apply at once, the token provider from the next
// token on, the display name and session parameters to the next session.
describe('<ccaas-chat> attribute changes while a chat runs', () => {
  before(async () => {
    await backendCommand('ccaas', 'setAgentDelays', { joinMs: 0, replyMs: 0 });
  });

  it('applies a new idle-timeout and idle-grace-timeout to the running session, from the moment of the change', async () => {
    const clock = new ManualClock(Date.now());
    const el = await chatFixture({ clock, displayName: 'Tim', extra: { 'idle-timeout': '300', 'idle-grace-timeout': '30', 'reconnection-timeout': '900' } });
    await startChat(el, 'Tim');
    const sessionId = el.sdk!.sessionId;
    await clock.advance(100_000);
    el.setAttribute('idle-timeout', '600');
    el.setAttribute('idle-grace-timeout', '60');
    await el.updateComplete;
    expect(el.sdk!.sessionId, 'the same session goes on').to.equal(sessionId);
    await clock.advance(599_000);
    await settled(el);
    expect(part(el, 'idle-warning') === null, 'no warning 599 s after the change').to.equal(true);
    await clock.advance(1000);
    await settled(el);
    expect(part(el, 'idle-warning')!.textContent).to.contain('ends in 60 s');
    await clock.advance(60_000);
    await untilView(el, 'shutdown');
  });

  it('applies a new reconnection-timeout to the running stream', async () => {
    const clock = new ManualClock(Date.now());
    const el = await chatFixture({ clock, displayName: 'Ray', extra: { 'idle-timeout': '3300' } });
    await startChat(el, 'Ray');
    el.setAttribute('reconnection-timeout', '300');
    await el.updateComplete;
    // The held poll is cut by the client's 40 s request timeout; every retry is held and cut again.
    await clock.advance(40_000);
    await settled(el);
    expect(part(el, 'connection')!.textContent).to.contain('Reconnecting');
    await clock.advance(200_000);
    await settled(el);
    expect(part(el, 'connection')!.textContent, 'still trying 200 s into the failures (the default gives up at 120 s)').to.contain('Reconnecting');
    // It gives up at the end of the first failed attempt past the deadline (340 s; attempts take up to 40 s).
    await clock.advance(160_000);
    await settled(el);
    expect(part(el, 'connection')!.textContent).to.contain('Could not reconnect');
    await el.sdk!.shutdown();
  });

  it('takes the next token from a token-provider set mid-chat', async () => {
    const clock = new ManualClock(Date.now());
    const user = freshUser();
    const first: string[] = [];
    const second: string[] = [];
    const tokens: string[] = [];
    const provider = (log: string[], ttl: number) => async ({ reason }: TokenRequest) => {
      log.push(reason);
      const token = await fetchToken('ccaas', user, ttl);
      tokens.push(token);
      return token;
    };
    const el = await chatFixture({ clock, user, displayName: 'Tia', tokenProvider: provider(first, 600), extra: { 'idle-timeout': '3300', 'reconnection-timeout': '900' } });
    await startChat(el, 'Tia');
    el.tokenProvider = provider(second, 3600);
    await el.updateComplete;
    await clock.advance(tokenExpiry(tokens[0]!)! - 180_000 - clock.now());
    await until(() => tokens.length === 2, 'the refresh');
    expect(first).to.deep.equal(['initial']);
    expect(second).to.deep.equal(['refresh']);
    expect(el.view).to.equal('chatting');
    await el.sdk!.shutdown();
  });

  it('uses a new display-name and session-parameters for the next session, leaving the running one alone', async () => {
    const el = await chatFixture({ displayName: 'Old Name', extra: { 'session-parameters': '{"plan":"basic"}' } });
    part(el, 'start-button')!.click();
    await until(() => messageTexts(el).some((t) => t.includes('Hi Old Name')), 'greeting');
    const sessionId = el.sdk!.sessionId;
    el.setAttribute('display-name', 'New Name');
    el.setAttribute('session-parameters', '{"plan":"gold"}');
    await el.updateComplete;
    expect(el.sdk!.sessionId).to.equal(sessionId);
    expect(el.sdk!.userContext!.sessionParameters).to.deep.equal({ plan: 'basic' });
    part(el, 'end-button')!.click();
    await untilView(el, 'ended');
    await el.sdk!.shutdown();
    await untilView(el, 'shutdown');
    part(el, 'start-button')!.click();
    await until(() => messageTexts(el).some((t) => t.includes('Hi New Name')), 'greeting in the next session');
    expect(el.sdk!.sessionId).to.not.equal(sessionId);
    expect(el.sdk!.userContext!.displayName).to.equal('New Name');
    expect(el.sdk!.userContext!.sessionParameters).to.deep.equal({ plan: 'gold' });
    await el.sdk!.shutdown();
  });
});
