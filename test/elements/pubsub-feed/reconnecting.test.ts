import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/pubsub-feed/define.js';
import type { PubSubFeed } from '../../../src/elements/pubsub-feed/pubsub-feed.js';
import { strings } from '../../../src/elements/pubsub-feed/strings.js';
import { resumeBackend, suspendBackend, until } from '../../support/backend.js';
import { ACCOUNT, hostProvider, publishOnBackend, pubsubBase, uniqueQueue } from '../../pubsub/helpers.js';

// Suspending the backend cuts every client of the test run: this file keeps its outage short.
describe('<pubsub-feed> when the service is unreachable and comes back', () => {
  it('shows "Reconnecting…" while it retries, then goes live and shows what was published meanwhile', async () => {
    const topic = uniqueQueue('reconnect');
    const el = await fixture<PubSubFeed>(html`<pubsub-feed base-url=${await pubsubBase()} account-sid=${ACCOUNT} topic=${topic} timeout="2s" .sessionProvider=${hostProvider()}></pubsub-feed>`);
    await until(() => el.state === 'live', 'live');
    const status = () => el.shadowRoot!.querySelector('[part="status"]') as HTMLElement;
    const states: string[] = [];
    const errors: { code: string; willRetry: boolean }[] = [];
    el.addEventListener('pubsub-state', (e) => states.push(e.detail.state));
    el.addEventListener('pubsub-error', (e) => errors.push({ code: e.detail.code, willRetry: e.detail.willRetry }));
    await suspendBackend();
    try {
      await until(() => el.state === 'retrying', 'the retrying state');
      await el.updateComplete;
      expect(status().textContent).to.equal(strings.get('en').retrying);
      expect(status().dataset.state).to.equal('retrying');
      // Transient trouble is not the page author's to fix: no error region, only the state.
      expect(el.shadowRoot!.querySelector('[part="error"]')).to.equal(null);
      expect(errors[0]).to.deep.equal({ code: 'network', willRetry: true });
      await expect(el).to.be.accessible();
      await publishOnBackend(topic, { Body: 'sent while unreachable' });
    } finally {
      await resumeBackend();
    }
    await until(() => el.events.length === 1, 'the event published during the outage', 15_000);
    expect(el.state).to.equal('live');
    expect(status().textContent).to.equal(strings.get('en').live);
    expect(el.events[0]!.envelope.FormParams.Body).to.equal('sent while unreachable');
    expect(states.slice(0, 1)).to.deep.equal(['retrying']);
    expect(states).to.include('live');
  });
});
