/** What a platform callback is about, read from its parameters. */
export type EventSummary =
  | { kind: 'sms'; from: string; to: string; body: string; status: string }
  | { kind: 'call'; from: string; to: string; status: string; callSid: string }
  | { kind: 'other' };

/**
 * Recognises the platform's SMS callbacks (they carry `SmsSid`, or `Body` with `From` and `To`)
 * and call callbacks (`CallSid`); anything else published on a queue is 'other'.
 */
export function describeParams(params: Record<string, string>): EventSummary {
  const from = params.From ?? '';
  const to = params.To ?? '';
  if (params.SmsSid !== undefined || (params.Body !== undefined && (from || to))) {
    return { kind: 'sms', from, to, body: params.Body ?? '', status: params.SmsStatus ?? '' };
  }
  if (params.CallSid !== undefined) {
    return { kind: 'call', from, to, status: params.CallStatus ?? params.DialCallStatus ?? '', callSid: params.CallSid };
  }
  return { kind: 'other' };
}
