/** Why a token could not be obtained or used. */
export type TokenErrorCode =
  | 'provider-missing'
  | 'provider-not-function'
  | 'provider-failed'
  | 'provider-timeout'
  | 'invalid-token'
  | 'expired-token';

/** A token could not be obtained or used; `code` says why. Messages never contain token text. */
export class TokenError extends Error {
  override readonly name = 'TokenError';

  constructor(
    /** Why it failed, for code to branch on. */
    readonly code: TokenErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Names the type of a value without showing the value, which might be (or contain) a token. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`;
}
