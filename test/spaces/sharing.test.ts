// Holders of one space share one socket and one subscription, against the backend: what the
// client puts on the wire as holders come and go, and what the server answers.
import { expect } from '@open-wc/testing';
import { IDLE_GRACE_MS } from '../../src/spaces/connection.js';
import { backendCommand, until } from '../support/backend.js';
import { open, tappedSockets, transports, unique, withBody } from './helpers.js';

type Opened = Awaited<ReturnType<typeof open>>;

for (const [transport, inner] of transports) describe(`Sharing a space between holders (${transport})`, () => {
  const opened: Opened[] = [];
  afterEach(() => {
    for (const lease of opened.splice(0)) lease.close();
  });

  it('subscribes a space once for two holders, keeps it when the first lets go and unsubscribes it once when the last does', async () => {
    const tap = tappedSockets(inner);
    // An element of Alice's opens a space, another element of hers a second space...
    const [first, other] = await Promise.all([open('u-alice', 'sp-design', undefined, tap.factory), open('u-alice', 'sp-general', undefined, tap.factory)]);
    opened.push(first, other);
    const { room } = first;
    await until(() => room.subscription === 'subscribed' && room.historyLoaded && other.room.subscription === 'subscribed', 'both spaces subscribed');
    // ...and a third element of hers joins the first space once it is subscribed.
    const second = await open('u-alice', 'sp-design', undefined, tap.factory);
    opened.push(second);
    expect(second.room).to.equal(first.room);
    expect(second.connection).to.equal(first.connection);
    expect(other.connection).to.equal(first.connection);
    expect(tap.sockets).to.have.length(1);
    expect(tap.sentFor('SUBSCRIBE_CHANNEL', 'sp-design')).to.have.length(1);
    expect(tap.receivedFor('CHANNEL_SUBSCRIBED', 'sp-design')).to.have.length(1);
    expect(tap.sentFor('SUBSCRIBE_CHANNEL', 'sp-general')).to.have.length(1);

    first.close();
    expect(tap.sentFor('UNSUBSCRIBE_CHANNEL', 'sp-design')).to.have.length(0);
    // The server still has the subscription: a message sent from elsewhere arrives live.
    const text = unique('after the first holder left');
    await backendCommand('spaces', 'injectMessage', { spaceId: 'sp-design', bodyText: text, senderId: 'u-bob' });
    await until(() => withBody(room.timeline.messages, text).length === 1, 'live message for the remaining holder');
    expect(tap.sentFor('UNSUBSCRIBE_CHANNEL', 'sp-design')).to.have.length(0);

    second.close();
    expect(tap.sentFor('UNSUBSCRIBE_CHANNEL', 'sp-design')).to.have.length(1);
    await until(() => tap.receivedFor('CHANNEL_UNSUBSCRIBED', 'sp-design').length === 1, 'the server confirms the unsubscription');
    // The other space keeps its subscription, and the socket: nothing else was unsubscribed.
    const elsewhere = unique('in the space still held');
    await backendCommand('spaces', 'injectMessage', { spaceId: 'sp-general', bodyText: elsewhere, senderId: 'u-bob' });
    await until(() => withBody(other.room.timeline.messages, elsewhere).length === 1, 'live message in the other space');
    expect(tap.sentFor('UNSUBSCRIBE_CHANNEL', 'sp-general')).to.have.length(0);
    expect(first.connection.state).to.equal('connected');
    expect(tap.sent.filter((f) => f.event === 'UNSUBSCRIBE_CHANNEL')).to.have.length(1);
  });

  it('counts a holder that lets go twice once: the other keeps the space until it goes, then the socket closes with one unsubscribe', async () => {
    const tap = tappedSockets(inner);
    // Both open the space before the socket is up.
    const [first, second] = await Promise.all([open('u-alice', 'sp-design', undefined, tap.factory), open('u-alice', 'sp-design', undefined, tap.factory)]);
    opened.push(first, second);
    await until(() => first.room.subscription === 'subscribed' && first.room.historyLoaded, 'subscribed');
    // An element disconnected twice releases its lease twice.
    first.close();
    first.release();
    expect(tap.sentFor('UNSUBSCRIBE_CHANNEL', 'sp-design')).to.have.length(0);
    expect(second.room.subscription).to.equal('subscribed');
    second.close();
    expect(tap.sentFor('UNSUBSCRIBE_CHANNEL', 'sp-design')).to.have.length(1);
    await until(() => first.connection.state === 'closed', 'socket closed after its grace', IDLE_GRACE_MS + 5000);
    expect(tap.sentFor('UNSUBSCRIBE_CHANNEL', 'sp-design')).to.have.length(1);
    expect(tap.sentFor('SUBSCRIBE_CHANNEL', 'sp-design')).to.have.length(1);
  });
});
