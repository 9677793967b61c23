/** How a poll failed; decides whether the loop retries, pauses or stops. */
export type PollFailureKind =
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'server-error'
  | 'network'
  | 'timeout'
  | 'bad-response'
  | 'client-error';

/** One failed poll, classified. */
export class PollError extends Error {
  override readonly name = 'PollError';

  constructor(
    /** The class of failure. */
    readonly kind: PollFailureKind,
    message: string,
    /** HTTP status, when the server answered. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Classifies a non-2xx HTTP status. */
export function kindOfStatus(status: number): PollFailureKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status >= 400 && status < 500) return 'client-error';
  if (status >= 500 && status < 600) return 'server-error';
  return 'bad-response';
}
