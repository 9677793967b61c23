import type { IncomingMessage } from 'node:http';
import type { TokenIssuer } from '../auth/token-issuer.js';
import { HttpError, forbidden } from '../http/errors.js';
import { DEMO_CCAAS } from '../demo-data.js';

/**
 * Checks the two credentials every call carries and returns the token's subject:
 * a wrong or missing `appkey` and an invalid JWT are 403, a missing or expired JWT is 401
 * (the SDK reads 401 as UNAUTHORIZED, "get a new token", and 403 as FORBIDDEN).
 */
export async function authenticate(req: IncomingMessage, issuer: TokenIssuer): Promise<string> {
  const appkey = req.headers.appkey;
  if (appkey !== DEMO_CCAAS.appkey) throw forbidden(appkey ? 'the appkey does not belong to this integration' : 'the appkey header is missing');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  const check = await issuer.verify('ccaas', match?.[1]);
  if (check.ok) return check.subject;
  if (check.problem === 'invalid') throw forbidden(check.reason);
  const reason = check.problem === 'missing' ? 'an Authorization: Bearer <JWT> header is required' : check.reason;
  throw new HttpError(401, 'Unauthorized', reason, { 'www-authenticate': 'Bearer' });
}
