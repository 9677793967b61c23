import { randomBytes } from 'node:crypto';

/** Most undelivered generated events a queue keeps; older ones are dropped. */
export const MAX_GENERATED_PER_QUEUE = 50;

/** A generated platform callback: which queue it goes to and its parameters. */
export interface GeneratedEvent {
  queue: 'SMS' | 'Calls';
  params: Record<string, string>;
}

const CALLERS = ['+18457026652', '+14155550132', '+12125550187', '+447700900461', '+4915205550123'];
const DEMO_NUMBER = '+14083511240';
const SMS_BODIES = [
  'Hello from my cell phone',
  'Is the store open on Sunday?',
  'Please call me back about order 4471',
  'STOP',
  'Running 10 minutes late, sorry!',
  'Can I move my appointment to Thursday?',
  'Thanks, that fixed it 👍',
];

const sid = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;

/**
 * Makes realistic CPaaS callbacks for the demo account: inbound SMS, and inbound calls that go
 * ringing → in-progress → completed under one CallSid, interleaved so the feed shows both.
 */
export class DemoEventSource {
  #call: { CallSid: string; From: string; step: number; answeredAt: number } | undefined;
  #turn = 0;

  constructor(private readonly accountSid: string) {}

  /** The next event of the demo stream. */
  next(): GeneratedEvent {
    this.#turn += 1;
    return this.#call || this.#turn % 2 === 0 ? this.callEvent() : this.smsEvent();
  }

  /** An inbound SMS as the platform posts it (seed 004). */
  smsEvent(): GeneratedEvent {
    return {
      queue: 'SMS',
      params: {
        AccountSid: this.accountSid,
        ApiVersion: 'v2',
        Body: pick(SMS_BODIES),
        From: pick(CALLERS),
        SmsSid: sid('SM'),
        SmsStatus: 'received',
        To: DEMO_NUMBER,
      },
    };
  }

  /** The next status callback of the current demo call, starting a new call when none is running. */
  callEvent(): GeneratedEvent {
    const call = (this.#call ??= { CallSid: sid('CA'), From: pick(CALLERS), step: 0, answeredAt: 0 });
    const base = { AccountSid: this.accountSid, ApiVersion: 'v2', CallSid: call.CallSid, Direction: 'inbound', From: call.From, To: DEMO_NUMBER };
    call.step += 1;
    if (call.step === 1) return { queue: 'Calls', params: { ...base, CallStatus: 'ringing' } };
    if (call.step === 2) {
      call.answeredAt = Date.now();
      return { queue: 'Calls', params: { ...base, CallStatus: 'in-progress' } };
    }
    this.#call = undefined;
    const duration = Math.max(1, Math.round((Date.now() - call.answeredAt) / 1000));
    return { queue: 'Calls', params: { ...base, CallStatus: 'completed', Duration: String(duration) } };
  }
}
