/**
 * HTTP Basic authentication as the MySQL users: `Authorization: Basic base64(user:password)`,
 * checked against the stored SHA1(SHA1(password)) (null = empty password) of the SessionFactory.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { UserCredentials } from '../../session/index.js';

export type LookupUser = (user: string, host: string) => Promise<UserCredentials | null>;

export type AuthResult =
  | { readonly ok: true; readonly user: string }
  /** `missing`: no parsable Basic header (the BE's "no valid Basic authorization"). */
  | { readonly ok: false; readonly missing: boolean; readonly message: string };

function doubleSha1(password: string): Buffer {
  const once = createHash('sha1').update(password, 'utf8').digest();
  return createHash('sha1').update(once).digest();
}

/** Parse and verify the request's Basic credentials. */
export async function authenticate(req: IncomingMessage, lookup: LookupUser): Promise<AuthResult> {
  const h = req.headers.authorization ?? '';
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(h);
  if (m === null) return { ok: false, missing: true, message: 'no valid Basic authorization' };
  const decoded = Buffer.from(m[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return { ok: false, missing: true, message: 'no valid Basic authorization' };
  // StarRocks accepts `user@cluster` style names in old clients; the part before '@' is the user.
  const user = decoded.slice(0, colon).split('@')[0] ?? '';
  const password = decoded.slice(colon + 1);
  const host = req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '%';
  const denied = {
    ok: false as const,
    missing: false,
    message: `Access denied for user '${user}'@'${host}' (using password: ${password === '' ? 'NO' : 'YES'})`,
  };
  const creds = await lookup(user, host);
  if (creds === null) return denied;
  if (creds.passwordDoubleSha1 === null) return password === '' ? { ok: true, user } : denied;
  const stored = Buffer.from(creds.passwordDoubleSha1);
  const given = doubleSha1(password);
  return stored.length === given.length && timingSafeEqual(stored, given) ? { ok: true, user } : denied;
}
