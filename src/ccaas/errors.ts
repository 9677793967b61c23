/**
 * Error codes of the SDK. The vendor documents 305, 310, 313, 314 and 322; the others follow
 * its ACS-3xx numbering for the remaining failures our engine can report.
 */
export const ErrorCode = {
  SERVER_ERROR: 'ACS-300',
  SERVER_UNREACHABLE: 'ACS-301',
  REQUEST_REJECTED: 'ACS-302',
  TOKEN_EXPIRED: 'ACS-304',
  TOKEN_INVALID: 'ACS-305',
  SESSION_INVALID: 'ACS-306',
  NOT_INITIALIZED: 'ACS-310',
  ALREADY_INITIALIZED: 'ACS-311',
  ENGAGEMENT_NOT_ACTIVE: 'ACS-313',
  NO_SUCH_ENGAGEMENT: 'ACS-314',
  CONSTRAINT_VIOLATION: 'ACS-322',
} as const;

/** One of the SDK's error codes. */
export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Every error the SDK throws or rejects with: an `Error` carrying a `code` (and the HTTP status when one caused it). */
export class ChatSdkError extends Error {
  override readonly name = 'ChatSdkError';

  constructor(
    /** The ACS-3xx code. */
    readonly code: ErrorCodeValue,
    message: string,
    /** HTTP status of the response that caused it, if any. */
    readonly status?: number,
  ) {
    super(`${code}: ${message}`);
  }
}

/** A constraint violation (ACS-322) with a message naming the field. */
export const constraint = (message: string) => new ChatSdkError(ErrorCode.CONSTRAINT_VIOLATION, message);
