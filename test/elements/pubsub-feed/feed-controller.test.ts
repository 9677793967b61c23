import { expect } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { PubSubFeedController, type FeedState } from '../../../src/controllers/pubsub-feed-controller.js';
import { ManualClock } from '../../../src/core/clock.js';
import type { PubSubError, PubSubEvent } from '../../../src/pubsub/types.js';
import { until } from '../../support/backend.js';
import { ACCOUNT, envelope, hangingResponse, scriptedFetch } from '../../pubsub/helpers.js';

/** A host that is not an element: the controller needs only the ReactiveControllerHost contract. */
class PlainHost implements ReactiveControllerHost {
  updates = 0;
  readonly controllers: ReactiveController[] = [];
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(): void {}
  requestUpdate(): void {
    this.updates += 1;
  }
  get updateComplete(): Promise<boolean> {
    return Promise.resolve(true);
  }
}

function feedOn(responses: Parameters<typeof scriptedFetch>[0]) {
  const clock = new ManualClock();
  const host = new PlainHost();
  const heard = { events: [] as PubSubEvent[], batches: [] as PubSubEvent[][], states: [] as FeedState[], errors: [] as PubSubError[] };
  const feed = new PubSubFeedController(host, {
    onEvent: (event) => heard.events.push(event),
    onRows: (added) => heard.batches.push(added),
    onState: (state) => heard.states.push(state),
    onError: (error) => heard.errors.push(error),
  });
  const config = { baseUrl: 'https://pubsub.test', accountSid: ACCOUNT, topic: 'SMS', timeout: '30s', sessionProvider: async () => 'session-1', clock, fetch: scriptedFetch(responses) };
  return { clock, host, heard, feed, config };
}

describe('PubSubFeedController', () => {
  let frame: typeof requestAnimationFrame;
  beforeEach(() => {
    frame = window.requestAnimationFrame;
  });
  afterEach(() => {
    window.requestAnimationFrame = frame;
  });

  it('tells a plain host of events, state and rows through its callbacks', async () => {
    const t = feedOn([() => new Response(JSON.stringify([envelope('SMS', { n: '1' }), envelope('SMS', { n: '2' })])), (init) => hangingResponse(init?.signal)]);
    expect(t.host.controllers).to.deep.equal([t.feed]);
    t.feed.configure(t.config);
    t.feed.hostConnected();
    await until(() => t.heard.batches.length === 1, 'a batch of rows');
    expect(t.heard.events.map((e) => e.envelope.FormParams.n)).to.deep.equal(['1', '2']);
    expect(t.heard.batches[0]!.map((e) => e.envelope.FormParams.n)).to.deep.equal(['2', '1']);
    expect(t.feed.rows.map((e) => e.envelope.FormParams.n)).to.deep.equal(['2', '1']);
    expect(t.heard.states).to.deep.equal(['connecting', 'live']);
    expect(t.host.updates).to.be.greaterThan(0);
    t.feed.hostDisconnected();
  });

  it('adds rows on its clock when no animation frame comes (a hidden tab), 250 ms after they arrived', async () => {
    window.requestAnimationFrame = () => 0;
    const t = feedOn([() => new Response(JSON.stringify([envelope('SMS', { n: '1' })])), (init) => hangingResponse(init?.signal)]);
    t.feed.configure(t.config);
    t.feed.hostConnected();
    await until(() => t.heard.events.length === 1, 'the event');
    await t.clock.advance(249);
    expect(t.feed.rows).to.have.length(0);
    await t.clock.advance(1);
    expect(t.feed.rows.map((e) => e.envelope.FormParams.n)).to.deep.equal(['1']);
    expect(t.heard.batches).to.have.length(1);
    t.feed.hostDisconnected();
  });

  it('reports a configuration that cannot work as its error, with the typed problem', () => {
    const t = feedOn([(init) => hangingResponse(init?.signal)]);
    const warn = console.warn;
    console.warn = () => {};
    try {
      t.feed.hostConnected();
      t.feed.configure({ ...t.config, accountSid: '' });
    } finally {
      console.warn = warn;
    }
    expect([t.feed.error?.code, t.feed.error?.problem]).to.deep.equal(['config', 'no-account']);
    expect(t.heard.errors).to.deep.equal([t.feed.error]);
    expect(t.heard.states).to.deep.equal(['error']);
  });
});
