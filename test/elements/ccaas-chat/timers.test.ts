import { expect } from '@open-wc/testing';
import { ManualClock } from '../../../src/core/clock.js';
import type { CcaasChat } from '../../../src/elements/ccaas-chat/ccaas-chat.js';
import { backendCommand, until } from '../../support/backend.js';
import { chatFixture, messageTexts, part, settled, typeAndSend, startChat, untilView } from './support.js';

// The element on a ManualClock that starts at the real time (so real tokens' expiries hold).
// Advancing past the 40 s request timeout cuts the real long-poll, which is how these tests
// reach the reconnecting and connection-lost banners without touching the shared backend.
/** A chat started by `name` whose idle timeout (300 s) has just run out: its 30 s grace period begins. */
async function inGracePeriod(name: string): Promise<{ clock: ManualClock; el: CcaasChat }> {
  const clock = new ManualClock(Date.now());
  const el = await chatFixture({ clock, displayName: name, extra: { 'idle-timeout': '300', 'idle-grace-timeout': '30', 'reconnection-timeout': '900' } });
  await startChat(el, name);
  await clock.advance(300_000);
  await settled(el);
  return { clock, el };
}

describe('<ccaas-chat> idle and connection banners (manual clock)', () => {
  before(async () => {
    await backendCommand('ccaas', 'setAgentDelays', { joinMs: 0, replyMs: 0 });
  });

  it('shows the idle warning with a live countdown, "I\'m still here" extends, then shuts down after the grace period', async () => {
    const clock = new ManualClock(Date.now());
    const el = await chatFixture({ clock, displayName: 'Ida', extra: { 'idle-timeout': '300', 'idle-grace-timeout': '30' } });
    await startChat(el, 'Ida');
    await clock.advance(300_000);
    await settled(el);
    const warning = part(el, 'idle-warning')!;
    expect(warning.textContent).to.contain('ends in 30 s');
    await expect(el).to.be.accessible();
    await clock.advance(10_000);
    await settled(el);
    expect(part(el, 'idle-warning')!.textContent).to.contain('ends in 20 s');
    part(el, 'idle-warning')!.querySelector('button')!.click();
    await settled(el);
    expect(part(el, 'idle-warning')).to.equal(null);
    await clock.advance(300_000);
    await settled(el);
    expect(part(el, 'idle-warning')).to.exist;
    await clock.advance(30_000);
    await untilView(el, 'shutdown');
    expect(part(el, 'ended')!.textContent).to.contain('inactivity');
    expect(part(el, 'idle-warning')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('announces the idle warning once when it appears and once 10 s before the end, not at every tick of the countdown', async () => {
    const { clock, el } = await inGracePeriod('Ali');
    const warning = part(el, 'idle-warning')!;
    const live = () => warning.querySelectorAll('[role="alert"], [role="status"], [aria-live]');
    const countdown = () => [...warning.querySelectorAll('span')].find((span) => /ends in \d+ s\b/.test(span.textContent ?? ''))!;
    expect(warning.getAttribute('role'), 'the banner itself is not live').to.equal(null);
    expect(live()).to.have.length(1);
    const announcement = live()[0]!;
    expect(announcement.textContent).to.contain('ends in 30 seconds unless you continue');
    expect(countdown().closest('[role="alert"], [role="status"], [role="log"], [aria-live]'), 'the countdown is outside any live region').to.equal(null);
    const shownAt = clock.now();
    for (const left of [29, 25, 20, 11]) {
      await clock.advance(shownAt + (30 - left) * 1000 - clock.now());
      await settled(el);
      expect(countdown().textContent).to.contain(`ends in ${left} s`);
      expect(part(el, 'idle-warning')!.querySelector('[role="alert"]'), `the same live node at ${left} s`).to.equal(announcement);
      expect(announcement.textContent, `unchanged at ${left} s`).to.contain('ends in 30 seconds unless you continue');
    }
    await clock.advance(1000);
    await settled(el);
    expect(announcement.textContent).to.equal('Your chat session ends in 10 seconds.');
    await expect(el).to.be.accessible();
    await el.sdk!.shutdown();
  });

  it('takes the idle warning down when a message is sent during the grace period (sending is activity)', async () => {
    const { clock, el } = await inGracePeriod('Sid');
    expect(part(el, 'idle-warning')).to.exist;
    await clock.advance(10_000);
    await typeAndSend(el, 'still typing');
    await settled(el);
    expect(part(el, 'idle-warning') === null, 'no idle warning').to.equal(true);
    await clock.advance(30_000);
    expect(el.view).to.equal('chatting');
    await until(() => messageTexts(el).some((t) => t.includes('I see: "still typing"')), 'reply');
    await clock.advance(269_000);
    await settled(el);
    expect(part(el, 'idle-warning') === null, 'the idle period restarted at the send').to.equal(true);
    await clock.advance(1000);
    await settled(el);
    expect(part(el, 'idle-warning')).to.exist;
    await el.sdk!.shutdown();
  });

  it('shows "reconnecting" while the stream retries, "connection lost" with Retry after the reconnection timeout', async () => {
    const clock = new ManualClock(Date.now());
    const el = await chatFixture({ clock, displayName: 'Rex', extra: { 'idle-timeout': '3300' } });
    await startChat(el, 'Rex');
    await clock.advance(40_000);
    await settled(el);
    expect(part(el, 'connection')!.textContent).to.contain('Reconnecting');
    await expect(el).to.be.accessible();
    for (let i = 0; i < 4; i += 1) await clock.advance(40_000);
    await settled(el);
    const lost = part(el, 'connection')!;
    expect(lost.textContent).to.contain('Could not reconnect');
    expect(lost.getAttribute('role')).to.equal('alert');
    expect(part<HTMLButtonElement>(el, 'send-button')!.disabled).to.equal(true);
    await expect(el).to.be.accessible();
    lost.querySelector('button')!.click();
    const [engagement] = await el.sdk!.getEngagements();
    await backendCommand('ccaas', 'agentSay', { engagementId: engagement!.engagementId, text: 'back online' });
    await until(() => messageTexts(el).some((t) => t.includes('back online')), 'message after retry');
    await settled(el);
    expect(part(el, 'connection')).to.equal(null);
  });
});
