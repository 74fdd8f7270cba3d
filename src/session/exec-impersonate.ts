/**
 * EXECUTE AS user WITH NO REVERT and SET ROLE. Impersonation switches the session's user for the
 * rest of the connection; it needs the root role or IMPERSONATE on the target user (`GRANT
 * IMPERSONATE ON USER u TO v`), as in StarRocks, and starts from that user's login roles.
 * SET ROLE chooses the session's active roles among the granted ones.
 */
import { findUser } from '../catalog/security/index.js';
import { notSupported, SqlError } from '../errors/index.js';
import type { OkResult } from './api.js';
import { allUsers, effective, sessionUser } from './exec-security.js';
import { okResult } from './results.js';
import type { SessionImpl } from './session.js';

const EXECUTE_AS =
  /^\s*execute\s+as\s+(?:user\s+)?(?:'([^']*)'|"([^"]*)"|`([^`]*)`|([\w.-]+))(?:\s*@\s*(?:'[^']*'|"[^"]*"|[\w.%-]+))?\s*(with\s+no\s+revert)?\s*;?\s*$/i;

/** EXECUTE AS `user` WITH NO REVERT. */
export function executeAs(s: SessionImpl, text: string): OkResult {
  const m = EXECUTE_AS.exec(text);
  if (m === null) throw notSupported('EXECUTE AS');
  const name = m[1] ?? m[2] ?? m[3] ?? m[4] ?? '';
  // Acting as oneself changes nothing (Superset's impersonation pre-query: root as root).
  if (name === s.user) return okResult();
  // StarRocks only has the one-way form; reverting to the caller is not supported.
  if (m[5] === undefined) throw notSupported('EXECUTE AS without WITH NO REVERT');
  if (findUser(allUsers(s.db), name, s.host) === null)
    throw new SqlError('analysis-error', { message: `User '${name}'@'%' does not exist` });
  if (!mayImpersonate(s, name)) {
    throw new SqlError('privilege-denied', {
      privilege: 'IMPERSONATE',
      object: `USER ${name}`,
      roles: [...effective(s).roles].filter((r) => r !== 'public').join(', ') || 'NONE',
    });
  }
  s.user = name;
  // The new user starts with its own login roles.
  s.activeRoles = null;
  return okResult();
}

function mayImpersonate(s: SessionImpl, name: string): boolean {
  const e = effective(s);
  if (e.roles.has('root') || e.roles.has('user_admin')) return true;
  return e.grants.some(
    (g) => g.type === 'USER' && (g.name === name || g.name === '*') && g.privileges.includes('IMPERSONATE'),
  );
}

const SET_ROLE = /^\s*set\s+role\s+([\s\S]*?)\s*;?\s*$/i;

/**
 * SET ROLE DEFAULT | NONE | ALL [EXCEPT r, …] | r [, …]: the session's active roles. Every named
 * role must be granted to the user (StarRocks: "Role … is not granted to …").
 */
export function setRole(s: SessionImpl, text: string): OkResult {
  const spec = SET_ROLE.exec(text)?.[1] ?? '';
  const granted = sessionUser(s)?.roles ?? [];
  const names = (list: string): string[] =>
    list
      .split(',')
      .map((r) => r.trim().replace(/^(['"`])(.*)\1$/, '$2'))
      .filter((r) => r !== '');
  const check = (roles: readonly string[]): readonly string[] => {
    for (const r of roles) {
      if (!granted.includes(r))
        throw new SqlError('analysis-error', { message: `Role ${r} is not granted to '${s.user}'@'%'` });
    }
    return roles;
  };
  const all = /^all(?:\s+except\s+([\s\S]+))?$/i.exec(spec);
  if (/^default$/i.test(spec)) s.activeRoles = null;
  else if (/^none$/i.test(spec)) s.activeRoles = [];
  else if (all !== null) {
    const except = check(names(all[1] ?? ''));
    s.activeRoles = granted.filter((r) => !except.includes(r));
  } else s.activeRoles = check(names(spec));
  return okResult();
}
