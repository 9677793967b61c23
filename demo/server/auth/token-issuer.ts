import { SignJWT, errors, jwtVerify } from 'jose';
import { randomBytes } from 'node:crypto';

/** The services whose tokens the demo backend mints and checks. */
export type TokenService = 'spaces' | 'ccaas';

/** Why a presented token was refused. */
export type TokenProblem = 'missing' | 'expired' | 'invalid';

/** A token that was checked. */
export type TokenCheck = { ok: true; subject: string; claims: Record<string, unknown> } | { ok: false; problem: TokenProblem; reason: string };

const ISSUER = 'avaya-chat-elements-demo';

/**
 * Mints and verifies the HS256 JWTs the emulated services accept. The real services check
 * signature, audience and `exp` on every handshake or request; so does this.
 */
export class TokenIssuer {
  readonly #key: Uint8Array;

  constructor(secret: Uint8Array = randomBytes(32)) {
    this.#key = secret;
  }

  /** The signing secret, so that a persisted backend keeps accepting the tokens it issued. */
  get secret(): Uint8Array {
    return this.#key;
  }

  /** Signs a token for `subject` valid for `ttlSeconds` (negative values mint already-expired tokens for tests). */
  async issue(service: TokenService, subject: string, ttlSeconds: number, extra: Record<string, unknown> = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ ...extra })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(service)
      .setSubject(subject)
      .setIssuedAt(Math.min(now, now + ttlSeconds - 1))
      .setExpirationTime(now + ttlSeconds)
      .sign(this.#key);
  }

  /** Checks a token for `service`; accepts the vendor's `jwt.`-prefixed form as well as a plain JWT. */
  async verify(service: TokenService, token: string | undefined | null): Promise<TokenCheck> {
    if (!token) return { ok: false, problem: 'missing', reason: 'no token was presented' };
    const compact = token.startsWith('jwt.') ? token.slice(4) : token;
    try {
      const { payload } = await jwtVerify(compact, this.#key, { issuer: ISSUER, audience: service, algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || payload.sub === '') return { ok: false, problem: 'invalid', reason: 'token has no subject' };
      return { ok: true, subject: payload.sub, claims: payload as Record<string, unknown> };
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, problem: 'expired', reason: 'token has expired' };
      return { ok: false, problem: 'invalid', reason: `token is invalid (${(error as Error).message})` };
    }
  }
}
