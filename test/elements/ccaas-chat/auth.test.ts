import { expect } from '@open-wc/testing';
import { ManualClock } from '../../../src/core/clock.js';
import { tokenExpiry } from '../../../src/core/token-expiry.js';
import type { TokenRequest } from '../../../src/core/token-provider.js';
import { backendCommand, fetchToken, until } from '../../support/backend.js';
import { freshUser, spoiled } from '../../ccaas/support.js';
import { chatFixture, messageTexts, part, settled, typeAndSend, startChat, untilView } from './support.js';

describe('<ccaas-chat> tokens: refresh, expiry and refusal', () => {
  const warn = console.warn;
  before(async () => {
    await backendCommand('ccaas', 'setAgentDelays', { joinMs: 0, replyMs: 0 });
  });
  afterEach(() => {
    console.warn = warn;
  });

  it('refreshes the token from the provider before it expires, and the chat goes on', async () => {
    const clock = new ManualClock(Date.now());
    const user = freshUser();
    const reasons: string[] = [];
    const tokens: string[] = [];
    const tokenProvider = async ({ reason }: TokenRequest) => {
      reasons.push(reason);
      const token = await fetchToken('ccaas', user, reason === 'initial' ? 600 : 3600);
      tokens.push(token);
      return token;
    };
    const el = await chatFixture({ clock, user, displayName: 'Rae', tokenProvider, extra: { 'idle-timeout': '3300', 'reconnection-timeout': '900' } });
    const events: string[] = [];
    el.addEventListener('ccaas-event', (e) => events.push(e.detail.type));
    await startChat(el, 'Rae');
    const exp = tokenExpiry(tokens[0]!)!;
    await clock.advance(exp - 180_000 - clock.now());
    await until(() => tokens.length === 2, 'the refreshed token');
    expect(reasons).to.deep.equal(['initial', 'refresh']);
    expect(events).to.include('TOKEN_EXPIRY_REMINDER');
    await clock.advance(200_000);
    expect(events).to.not.include('TOKEN_EXPIRED');
    expect(el.view).to.equal('chatting');
    await typeAndSend(el, 'still signed in?');
    await until(() => messageTexts(el).some((t) => t.includes('I see: "still signed in?"')), 'reply with the refreshed token');
    await el.sdk!.shutdown();
  });

  it('shows the auth error over the transcript on a 403 mid-chat; Retry asks the provider for a new token (rejected) and the chat goes on', async () => {
    const user = freshUser();
    const reasons: string[] = [];
    const tokenProvider = ({ reason }: TokenRequest) => (reasons.push(reason), fetchToken('ccaas', user));
    const el = await chatFixture({ user, displayName: 'Pat', tokenProvider });
    await startChat(el, 'Pat');
    const [engagement] = await el.sdk!.getEngagements();
    // The page installs a token the platform refuses; the next poll carries it.
    el.sdk!.setJwtToken(spoiled(await fetchToken('ccaas', user)));
    await backendCommand('ccaas', 'agentSay', { engagementId: engagement!.engagementId, text: 'wake up' });
    await untilView(el, 'auth-error');
    const banner = part(el, 'error')!;
    expect(banner.getAttribute('role')).to.equal('alert');
    expect(banner.textContent).to.contain('could not sign you in');
    expect(messageTexts(el).some((t) => t.includes('wake up')), 'the transcript stays').to.equal(true);
    expect(part<HTMLButtonElement>(el, 'send-button')!.disabled).to.equal(true);
    expect(part(el, 'connection')).to.equal(null);
    await expect(el).to.be.accessible();
    await backendCommand('ccaas', 'agentSay', { engagementId: engagement!.engagementId, text: 'while you were away' });
    banner.querySelector('button')!.click();
    await untilView(el, 'chatting');
    await until(() => messageTexts(el).some((t) => t.includes('while you were away')), 'the message said during the pause');
    expect(reasons).to.deep.equal(['initial', 'rejected']);
    expect(part(el, 'error')).to.equal(null);
    await typeAndSend(el, 'back again');
    await until(() => messageTexts(el).some((t) => t.includes('I see: "back again"')), 'reply');
    await el.sdk!.shutdown();
  });

  it('shows "sign-in expired" with Retry when the provider fails until the token expires; Retry recovers once it works', async () => {
    console.warn = () => undefined;
    const clock = new ManualClock(Date.now());
    const user = freshUser();
    let failing = false;
    const reasons: string[] = [];
    const tokens: string[] = [];
    const tokenProvider = async ({ reason }: TokenRequest) => {
      reasons.push(reason);
      if (failing) throw new Error('the site session ended');
      const token = await fetchToken('ccaas', user, reason === 'initial' ? 240 : 3600);
      tokens.push(token);
      return token;
    };
    const el = await chatFixture({ clock, user, displayName: 'Ola', tokenProvider, extra: { 'idle-timeout': '3300', 'reconnection-timeout': '900' } });
    const events: { type: string; reason?: string }[] = [];
    el.addEventListener('ccaas-event', (e) => events.push({ type: e.detail.type, reason: (e.detail.payload as { reason?: string }).reason }));
    await startChat(el, 'Ola');
    failing = true;
    await clock.advance(tokenExpiry(tokens[0]!)! - clock.now());
    await untilView(el, 'auth-error');
    expect(reasons.filter((r) => r === 'refresh').length, 'the provider was retried').to.be.greaterThan(1);
    expect(part(el, 'error')!.textContent).to.contain('sign-in to the chat has expired');
    expect(events.map((e) => e.type)).to.include('TOKEN_EXPIRED');
    const failures = events.filter((e) => e.type === 'EVENT_STREAM_FAILED').map((e) => e.reason);
    expect(failures.at(-1)).to.equal('UNAUTHORIZED');
    expect(failures).to.not.include('UNEXPECTED_ERROR');
    expect(part(el, 'connection')).to.equal(null);
    await expect(el).to.be.accessible();

    failing = false;
    part(el, 'error')!.querySelector('button')!.click();
    await untilView(el, 'chatting');
    expect(reasons.at(-1)).to.equal('rejected');
    const [engagement] = await el.sdk!.getEngagements();
    await backendCommand('ccaas', 'agentSay', { engagementId: engagement!.engagementId, text: 'welcome back' });
    await until(() => messageTexts(el).some((t) => t.includes('welcome back')), 'a message after the new token');
    await settled(el);
    expect(part(el, 'error')).to.equal(null);
    await el.sdk!.shutdown();
  });
});
