import type { IncomingMessage } from 'node:http';
import type { TokenIssuer } from '../auth/token-issuer.js';
import { forbidden, notFound, unauthorized } from '../http/errors.js';
import type { Directory } from './directory.js';
import type { SpaceRecord, SpacesUser } from './types.js';

/** The header a locked space's PIN travels in. */
export const SPACE_PASSWORD_HEADER = 'spaces-x-space-password';

/** The user behind `Authorization: jwt <token>` (or `bearer <token>`); 401 otherwise. */
export async function authenticate(req: IncomingMessage, issuer: TokenIssuer, directory: Directory): Promise<SpacesUser> {
  const header = req.headers.authorization;
  if (!header) throw unauthorized('send Authorization: jwt <token>');
  const match = /^(jwt|bearer)\s+(\S+)$/i.exec(header.trim());
  if (!match) throw unauthorized('the Authorization scheme must be "jwt" or "bearer"');
  const check = await issuer.verify('spaces', match[2]);
  if (!check.ok) throw unauthorized(check.reason);
  const user = directory.user(check.subject);
  if (!user) throw unauthorized(`unknown user "${check.subject}"`);
  return user;
}

/** A space the user may read and write: 404 unknown, 403 not a member or missing/wrong PIN. */
export function requireSpace(req: IncomingMessage, directory: Directory, user: SpacesUser, spaceId: string, checkPassword = true): SpaceRecord {
  const header = req.headers[SPACE_PASSWORD_HEADER];
  const access = directory.access(spaceId, user._id, typeof header === 'string' ? header : undefined);
  const space = directory.space(spaceId);
  if (access === 'not-found' || !space) throw notFound(`no space "${spaceId}"`);
  if (access === 'not-member') throw forbidden('you are not a member of this space');
  if (checkPassword && access === 'password-required') throw forbidden(`this space is locked: send its PIN in the ${SPACE_PASSWORD_HEADER} header`);
  if (checkPassword && access === 'password-invalid') throw forbidden('wrong space PIN');
  return space;
}
