import { expect } from '@open-wc/testing';
import { createChatSdk } from '../../src/ccaas/index.js';
import type { ChatSdk } from '../../src/ccaas/index.js';
import { until } from '../support/backend.js';
import { MemoryStorage, initParams, record, typesOf } from './support.js';

const participant = (type: string, id: string) => ({ participantId: id, participantType: type, displayName: `${type} ${id}` });
const base = (eventId: string, eventType: string) => ({ eventId, eventType, engagementId: 'eng-x', dialogId: 'dlg-x', sessionId: 's', eventDate: `2026-01-01T00:00:0${eventId.slice(-1)}.000Z` });
const message = (id: string, type: string, index: number) => ({
  messageId: id,
  engagementId: 'eng-x',
  dialogId: 'dlg-x',
  body: { elementType: 'TEXT', elementText: { text: `text ${id}`, textFormat: 'PLAINTEXT' } },
  senderParticipant: participant(type, type === 'CUSTOMER' ? 'c1' : 'a1'),
  receivedAt: '2026-01-01T00:00:00.000Z',
  lastUpdatedAt: '2026-01-01T00:00:00.000Z',
  messageIndex: index,
});

// The platform's REST calls go to the real backend; the event stream answers crafted (and hostile)
// batches, then holds the next poll open until aborted.
describe('ccaas engine: event stream derivation, de-duplication, cursor and hostile events', () => {
  let sdk: ChatSdk;
  afterEach(() => sdk?.close());

  it('derives SDK events, drops duplicates and malformed events, and sends the last eventId back', async () => {
    const batches: unknown[][] = [
      [
        base('000000000001', 'ENGAGEMENT_CREATED'),
        { ...base('000000000002', 'PARTICIPANT_ADDED'), participant: participant('CUSTOMER', 'c1') },
        { ...base('000000000003', 'PARTICIPANT_ADDED'), participant: participant('AGENT', 'a1') },
        { ...base('000000000004', 'MESSAGE'), message: message('m1', 'AGENT', 0) },
        { ...base('000000000004', 'MESSAGE'), message: message('m1', 'AGENT', 0) },
        { ...base('000000000005', 'MESSAGE') },
        { ...base('000000000006', 'NOT_A_TYPE') },
        'not an object',
        { ...base('000000000007', 'PARTICIPANT_ADDED'), participant: { participantId: 5 } },
        { ...base('000000000008', 'MESSAGE'), message: message('m2', 'CUSTOMER', 1) },
      ],
      [
        { ...base('000000000008', 'MESSAGE'), message: message('m2', 'CUSTOMER', 1) },
        { ...base('000000000009', 'ENGAGEMENT_ERROR'), error: { type: 'ROUTING', title: 'No agents', detail: 'none available' } },
        { ...base('000000000009', 'PARTICIPANT_DISCONNECTED'), participant: participant('AGENT', 'a1') },
        { ...base('000000000010', 'PARTICIPANT_DISCONNECTED'), participant: participant('AGENT', 'a1') },
        { ...base('000000000011', 'PARTICIPANT_DISCONNECTED'), participant: participant('CUSTOMER', 'c1') },
      ],
    ];
    const pollUrls: string[] = [];
    const fakeFetch: typeof fetch = (input, init) => {
      const url = String(input);
      if (!url.includes('/events')) return fetch(input, init);
      pollUrls.push(url);
      const batch = batches.shift();
      if (batch) return Promise.resolve(new Response(JSON.stringify(batch), { status: 200, headers: { 'content-type': 'application/json' } }));
      return new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    };
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
    sdk = createChatSdk();
    const log = record(sdk);
    try {
      const { user: _u, ...params } = await initParams();
      await sdk.init(params, { fetch: fakeFetch, storage: new MemoryStorage() });
      await until(() => typesOf(log).includes('ENGAGEMENT_TERMINATED'), 'terminated');
    } finally {
      console.warn = warn;
    }
    expect(typesOf(log).filter((t) => !t.startsWith('EVENT_STREAM') && t !== 'INITIALIZED')).to.deep.equal([
      'ENGAGEMENT_ACTIVE',
      'PARTICIPANT_ADDED',
      'MESSAGE_ARRIVED',
      'MESSAGE_DELIVERED',
      'ENGAGEMENT_ERROR',
      'PARTICIPANT_DISCONNECTED',
      'ENGAGEMENT_TERMINATED',
    ]);
    expect(warnings.length).to.equal(4);
    const error = log.find((e) => e.type === 'ENGAGEMENT_ERROR')!.payload;
    expect(error).to.include({ engagementId: 'eng-x', type: 'ROUTING', title: 'No agents', detail: 'none available' });
    const engagement = sdk.getEngagementById('eng-x')!;
    expect(engagement.engagementStatus).to.equal('TERMINATED');
    expect(engagement.participants).to.deep.equal([]);
    expect(new URL(pollUrls[0]!).searchParams.get('lastEventId')).to.equal(null);
    expect(new URL(pollUrls[1]!).searchParams.get('lastEventId')).to.equal('000000000008');
    expect(new URL(pollUrls[2]!).searchParams.get('lastEventId')).to.equal('000000000011');
  });

  it('keeps what the stream reported when a REST answer of the same moment arrives after it', async () => {
    let deliver: (batch: unknown[]) => void = () => undefined;
    const firstPoll = new Promise<unknown[]>((resolve) => (deliver = resolve));
    let polls = 0;
    let log: ReturnType<typeof record> = [];
    const fakeFetch: typeof fetch = async (input, init) => {
      const url = String(input);
      if (url.includes('/events')) {
        polls += 1;
        if (polls === 1) return new Response(JSON.stringify(await firstPoll), { status: 200 });
        return new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
      }
      const response = await fetch(input, init);
      if (init?.method === 'POST' && url.endsWith('/engagements')) {
        // The agent joins in the same millisecond; the stream tells of it before the REST answer lands.
        const created = (await response.clone().json()) as { engagementId: string; dialogId: string; lastUpdatedAt: string };
        const at = { engagementId: created.engagementId, dialogId: created.dialogId, sessionId: 's', eventDate: created.lastUpdatedAt };
        deliver([
          { ...at, eventId: '000000000001', eventType: 'PARTICIPANT_ADDED', participant: participant('CUSTOMER', 'c1') },
          { ...at, eventId: '000000000002', eventType: 'PARTICIPANT_ADDED', participant: participant('AGENT', 'a1') },
        ]);
        await until(() => typesOf(log).includes('PARTICIPANT_ADDED'), 'the agent event');
      }
      return response;
    };
    sdk = createChatSdk();
    log = record(sdk);
    const { user: _u, ...params } = await initParams();
    await sdk.init(params, { fetch: fakeFetch, storage: new MemoryStorage() });
    const engagement = await sdk.createEngagement();
    expect(engagement.participants.map((p) => p.participantType)).to.include('AGENT');
    expect(engagement.engagementStatus).to.equal('ACTIVE');
  });
});
