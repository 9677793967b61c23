import { expect } from '@open-wc/testing';
import { CLOCK_SKEW_MS, ServerClock, matchDeliveries, type AwaitedSend } from '../../src/spaces/send-matching.js';
import type { SpacesMessage } from '../../src/spaces/types.js';

const alice = { _id: 'u-alice', type: 'user', username: 'alice', displayname: 'Alice', picture_url: '' };
const bob = { ...alice, _id: 'u-bob' };

function message(id: string, createdMs: number, extra: Partial<SpacesMessage> = {}): SpacesMessage {
  return { _id: id, topicId: 'sp', category: 'chat', created: new Date(createdMs).toISOString(), createdMs, sender: alice, content: { bodyText: 'ok' }, ...extra };
}

function send(clientId: string, attemptedAt: number, bodyText = 'ok'): AwaitedSend {
  return { clientId, category: 'chat', content: { bodyText }, attemptedAt };
}

describe('matchDeliveries', () => {
  it('uses the client id when the server returns one, whatever the text', () => {
    const found = matchDeliveries([message('m1', 10, { loopbackMetadata: 'c2', content: { bodyText: 'edited' } })], [send('c1', 0), send('c2', 0)], 'u-alice', new ServerClock());
    expect(found.map((d) => d.clientId)).to.deep.equal(['c2']);
  });

  it('never takes someone else’s message, or one the room held before, for an own send', () => {
    const clock = new ServerClock();
    const messages = [message('m1', 10, { sender: bob }), message('m2', 20)];
    expect(matchDeliveries(messages, [send('c1', 0)], 'u-alice', clock, (id) => id === 'm2')).to.deep.equal([]);
    expect(matchDeliveries(messages, [send('c1', 0)], 'u-alice', clock).map((d) => d.message._id)).to.deep.equal(['m2']);
  });

  it('wants the copy stamped after the send could have been, by the measured server clock', () => {
    const clock = new ServerClock();
    // Server 60 s ahead: a message stamped 61 000 reached the page at 1000.
    clock.observe(61_000, 1000);
    const attemptAt = 100_000;
    const older = message('m-older', attemptAt + 60_000 - 10_000);
    const after = message('m-after', attemptAt + 60_000 + 50);
    expect(matchDeliveries([older], [send('c1', attemptAt)], 'u-alice', clock)).to.deep.equal([]);
    expect(matchDeliveries([older, after], [send('c1', attemptAt)], 'u-alice', clock).map((d) => d.message._id)).to.deep.equal(['m-after']);
  });

  it('allows the default skew when nothing was measured, and pairs oldest with oldest, one each', () => {
    const clock = new ServerClock();
    expect(clock.earliest(CLOCK_SKEW_MS)).to.equal(0);
    const found = matchDeliveries([message('m2', 20), message('m1', 10)], [send('late', 5), send('early', 1), send('other', 0, 'different')], 'u-alice', clock);
    expect(found.map((d) => `${d.clientId}=${d.message._id}`)).to.deep.equal(['early=m1', 'late=m2']);
  });
});
