import { checkToken } from './token-expiry.js';
import { TokenLifecycleCore, type TokenLifecycleCoreOptions } from './token-lifecycle-core.js';

export { TokenError, type TokenErrorCode } from './token-error.js';
export { checkToken, tokenExpiry, type CheckedToken } from './token-expiry.js';
export { callTokenProvider, resolveTokenProvider, type TokenProvider, type TokenReason, type TokenRequest } from './token-provider.js';
export { MIN_REFRESH_DELAY_MS, TokenLifecycleCore, type TokenCheck, type TokenEvents, type TokenLifecycleCoreOptions } from './token-lifecycle-core.js';

/** Settings of a token lifecycle. */
export interface TokenLifecycleOptions extends Omit<TokenLifecycleCoreOptions, 'check'> {
  /** Validates tokens and reads their expiry; `checkToken` by default (JWT `exp`; opaque tokens never expire). */
  check?: TokenLifecycleCoreOptions['check'];
}

/**
 * Keeps a service's token fresh: gets it from the host page's provider, decodes its `exp`, emits
 * `expiring` a lead time before it and (with autoRefresh) asks the provider again, retrying with
 * backoff until the token expires. One provider call is in flight at a time; a hanging provider
 * times out. A token that arrives with less than the lead time left is refreshed half-way through
 * its remaining life (never sooner than MIN_REFRESH_DELAY_MS), so a short-lived token is still
 * renewed in time without a tight loop. Opaque (non-JWT) tokens are used as they are, with no
 * expiry scheduling.
 */
export class TokenLifecycle extends TokenLifecycleCore {
  constructor(options: TokenLifecycleOptions) {
    super({ ...options, check: options.check ?? checkToken });
  }
}
