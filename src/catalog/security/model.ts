/**
 * Users, roles and privileges as StarRocks 3.x models them (RBAC): privileges granted on objects
 * (SYSTEM, CATALOG, DATABASE, TABLE, VIEW, MATERIALIZED VIEW, RESOURCE GROUP, …) to users or
 * roles; roles granted to users and roles. The pre-3.0 `*_PRIV` names map to the new ones the way
 * StarRocks' upgrade does. Passwords are kept as SHA1(SHA1(password)) (mysql_native_password).
 */
import { createHash } from 'node:crypto';
import { SqlError } from '../../errors/index.js';
import type { AstGrantObject, AstUserIdentity } from '../../sql/index.js';

/** One privilege grant on one object (or on all objects of a type in a database / everywhere). */
export interface Grant {
  readonly privileges: readonly string[];
  /** TABLE, VIEW, MATERIALIZED VIEW, DATABASE, CATALOG, SYSTEM, RESOURCE GROUP, RESOURCE, … */
  readonly type: string;
  /** Database ('*': all databases) for database-level objects; null otherwise. */
  readonly db: string | null;
  /** Object name ('*': all of the type); null for SYSTEM. */
  readonly name: string | null;
  readonly grantable: boolean;
}

export interface UserDoc {
  readonly name: string;
  readonly host: string;
  /** Hex SHA1(SHA1(password)), or null for an empty password. */
  readonly passwordDoubleSha1: string | null;
  readonly defaultRoles: readonly string[];
  readonly roles: readonly string[];
  readonly grants: readonly Grant[];
}

export interface RoleDoc {
  readonly name: string;
  readonly comment: string;
  readonly roles: readonly string[];
  readonly grants: readonly Grant[];
}

/** StarRocks' built-in roles (cannot be created or dropped). */
export const BUILTIN_ROLES: ReadonlyMap<string, string> = new Map([
  ['root', 'built-in root role which has all privileges on all objects'],
  ['cluster_admin', 'built-in cluster_admin role which has all privileges on cluster operations'],
  ['db_admin', 'built-in database admin role which has all privileges on all databases'],
  ['user_admin', 'built-in user admin role which has the GRANT privilege and user management privileges'],
  ['security_admin', 'built-in security admin role which has security management privileges'],
  ['public', 'built-in public role which is owned by any user'],
]);

const VALID: Readonly<Record<string, readonly string[]>> = {
  SYSTEM: [
    'GRANT',
    'NODE',
    'CREATE RESOURCE',
    'PLUGIN',
    'FILE',
    'BLACKLIST',
    'OPERATE',
    'CREATE EXTERNAL CATALOG',
    'REPOSITORY',
    'CREATE RESOURCE GROUP',
    'CREATE GLOBAL FUNCTION',
    'CREATE STORAGE VOLUME',
    'SECURITY',
    'CREATE WAREHOUSE',
  ],
  CATALOG: ['USAGE', 'CREATE DATABASE', 'DROP', 'ALTER', 'ALL'],
  DATABASE: [
    'CREATE TABLE',
    'DROP',
    'ALTER',
    'CREATE VIEW',
    'CREATE FUNCTION',
    'CREATE MATERIALIZED VIEW',
    'CREATE PIPE',
    'ALL',
  ],
  TABLE: ['DELETE', 'DROP', 'INSERT', 'SELECT', 'ALTER', 'EXPORT', 'UPDATE', 'ALL'],
  VIEW: ['SELECT', 'DROP', 'ALTER', 'ALL'],
  'MATERIALIZED VIEW': ['SELECT', 'ALTER', 'REFRESH', 'DROP', 'ALL'],
  'RESOURCE GROUP': ['ALTER', 'DROP', 'ALL'],
  RESOURCE: ['USAGE', 'ALTER', 'DROP', 'ALL'],
  FUNCTION: ['USAGE', 'DROP', 'ALL'],
  'GLOBAL FUNCTION': ['USAGE', 'DROP', 'ALL'],
  'STORAGE VOLUME': ['USAGE', 'ALTER', 'DROP', 'ALL'],
  USER: ['IMPERSONATE'],
};

function invalid(message: string): SqlError {
  return new SqlError('analysis-error', { message });
}

/** SHA1(SHA1(password)) as hex, or null for ''. */
export function doubleSha1(password: string): string | null {
  if (password === '') return null;
  const once = createHash('sha1').update(password, 'utf8').digest();
  return createHash('sha1').update(once).digest('hex');
}

/** `*6BB4…` (MySQL PASSWORD() text) → hex, validated. */
export function hashFromText(text: string): string | null {
  if (text === '') return null;
  if (!/^\*[0-9A-Fa-f]{40}$/.test(text))
    throw invalid('Password hash should be a 41-digit hexadecimal number');
  return text.slice(1).toLowerCase();
}

export function userKey(u: { name: string; host: string }): string {
  return `${u.name}@${u.host}`;
}

export function userText(u: { name: string; host: string }): string {
  return `'${u.name}'@'${u.host}'`;
}

/** Legacy privilege names (before 3.0) → new privileges, depending on the object level. */
function modernPrivileges(p: string, level: 'global' | 'db' | 'table'): string[] {
  switch (p.toUpperCase()) {
    case 'SELECT_PRIV':
      return ['SELECT'];
    case 'LOAD_PRIV':
      return ['INSERT', 'DELETE'];
    case 'ALTER_PRIV':
      return ['ALTER'];
    case 'CREATE_PRIV':
      return level === 'global' ? ['CREATE DATABASE'] : level === 'db' ? ['CREATE TABLE'] : ['ALL'];
    case 'DROP_PRIV':
      return ['DROP'];
    case 'USAGE_PRIV':
      return ['USAGE'];
    case 'ADMIN_PRIV':
    case 'NODE_PRIV':
    case 'GRANT_PRIV':
      return ['ALL'];
    default:
      return [p.toUpperCase()];
  }
}

const TABLE_PRIVS = new Set(VALID['TABLE']);

/**
 * A GRANT/REVOKE object (with its privileges, legacy names mapped) → grants. `db.*` with table
 * privileges means all tables in the database (`ON db.*` is the pre-3.0 form); with database
 * privileges (CREATE TABLE, …) it is the database itself.
 */
export function grantsFor(
  privileges: readonly string[],
  object: AstGrantObject,
  grantable: boolean,
): Grant[] {
  const level = (parts: readonly string[]): 'global' | 'db' | 'table' =>
    parts.length <= 1 || parts[0] === '*' ? 'global' : parts[1] === '*' ? 'db' : 'table';
  if (object.kind === 'system')
    return [check({ privileges: up(privileges), type: 'SYSTEM', db: null, name: null, grantable })];
  if (object.kind === 'all') {
    const type = object.objectType.replace(/S$/, '').replace(/VIEWE$/, 'VIEW');
    const t = type === 'DATABASE' ? 'DATABASE' : type === 'CATALOG' ? 'CATALOG' : type;
    return [
      check({
        privileges: up(privileges),
        type: t,
        db: t === 'DATABASE' || t === 'CATALOG' ? null : (object.inDatabase ?? '*'),
        name: '*',
        grantable,
      }),
    ];
  }
  const legacy = privileges.some((p) => /_PRIV$/i.test(p));
  return object.names.flatMap((n) => {
    const g = grantForName(n.parts, privileges, object.objectType, grantable, level);
    if (!legacy || g.type !== 'TABLE' || g.name !== '*') return [g];
    // Pre-3.0 `db.*` covered views and MVs too (StarRocks' upgrade grants all three).
    const also = ['VIEW', 'MATERIALIZED VIEW'].map((type) => ({
      ...g,
      type,
      privileges: g.privileges.filter((p) => VALID[type]?.includes(p)),
    }));
    return [g, ...also.filter((x) => x.privileges.length > 0)];
  });
}

function grantForName(
  parts: readonly string[],
  privileges: readonly string[],
  written: string | undefined,
  grantable: boolean,
  level: (parts: readonly string[]) => 'global' | 'db' | 'table',
): Grant {
  {
    const privs = [...new Set(privileges.flatMap((p) => modernPrivileges(p, level(parts))))];
    if (
      written === 'DATABASE' ||
      (written === undefined &&
        parts.length === 2 &&
        parts[1] === '*' &&
        !privs.every((p) => TABLE_PRIVS.has(p)))
    ) {
      return check({ privileges: privs, type: 'DATABASE', db: null, name: parts[0] ?? '*', grantable });
    }
    if (
      written === 'CATALOG' ||
      written === 'RESOURCE GROUP' ||
      written === 'RESOURCE' ||
      written === 'STORAGE VOLUME' ||
      written === 'WAREHOUSE' ||
      written === 'USER'
    )
      return check({ privileges: privs, type: written, db: null, name: parts.join('.'), grantable });
    if (written === undefined && parts.length === 2 && parts[0] === '*' && parts[1] === '*') {
      const global = privs.every((p) => TABLE_PRIVS.has(p)) ? 'TABLE' : 'CATALOG';
      return check({
        privileges: privs,
        type: global,
        db: global === 'TABLE' ? '*' : null,
        name: global === 'TABLE' ? '*' : 'default_catalog',
        grantable,
      });
    }
    if (parts.length === 1 && written === undefined)
      throw invalid(`Invalid grant object '${parts[0] ?? ''}': use db.table, db.* or a typed object`);
    const db = parts.length >= 2 ? (parts[parts.length - 2] as string) : null;
    return check({
      privileges: privs,
      type: written ?? 'TABLE',
      db,
      name: parts[parts.length - 1] ?? '*',
      grantable,
    });
  }
}

function up(ps: readonly string[]): string[] {
  return ps.map((p) => p.toUpperCase());
}

function check(g: Grant): Grant {
  const valid = VALID[g.type];
  if (valid === undefined) throw invalid(`Unsupported object type ${g.type} in GRANT`);
  for (const p of g.privileges) {
    if (!valid.includes(p)) throw invalid(`Cannot grant or revoke '${p}' on ${g.type}`);
  }
  return g;
}

/** The object as GRANT prints it: `TABLE db.t`, `ALL TABLES IN DATABASE db`, `SYSTEM`, … */
export function objectText(g: Grant): string {
  if (g.type === 'SYSTEM') return 'SYSTEM';
  if (g.type === 'USER') return `USER '${g.name ?? ''}'@'%'`;
  const plural = g.type === 'MATERIALIZED VIEW' ? 'MATERIALIZED VIEWS' : `${g.type}S`;
  if (g.db === null)
    return g.name === '*' ? `ALL ${plural.replace('DATABASES', 'DATABASES')}` : `${g.type} ${g.name ?? ''}`;
  if (g.name === '*')
    return g.db === '*' ? `ALL ${plural} IN ALL DATABASES` : `ALL ${plural} IN DATABASE ${g.db}`;
  return `${g.type} ${g.db}.${g.name ?? ''}`;
}

export function grantText(g: Grant, grantee: string): string {
  return `GRANT ${g.privileges.join(', ')} ON ${objectText(g)} TO ${grantee}${g.grantable ? ' WITH GRANT OPTION' : ''}`;
}

const same = (a: Grant, b: Grant): boolean => a.type === b.type && a.db === b.db && a.name === b.name;

/** Add privileges to a grant list (merging with a grant on the same object). */
export function addGrants(list: readonly Grant[], add: readonly Grant[]): Grant[] {
  const out = [...list];
  for (const g of add) {
    const at = out.findIndex((x) => same(x, g));
    const prev = at >= 0 ? out[at] : undefined;
    if (prev === undefined) out.push(g);
    else
      out[at] = {
        ...prev,
        privileges: [...new Set([...prev.privileges, ...g.privileges])],
        grantable: prev.grantable || g.grantable,
      };
  }
  return out;
}

/** Remove privileges; `ALL` removes every privilege on the object. */
export function removeGrants(list: readonly Grant[], remove: readonly Grant[]): Grant[] {
  let out = [...list];
  for (const g of remove) {
    out = out.flatMap((x) => {
      if (!same(x, g)) return [x];
      const left = g.privileges.includes('ALL') ? [] : x.privileges.filter((p) => !g.privileges.includes(p));
      return left.length > 0 ? [{ ...x, privileges: left }] : [];
    });
  }
  return out;
}

/** MySQL host pattern match (`%`, `_`). */
export function hostMatches(pattern: string, host: string): boolean {
  if (pattern === '%') return true;
  const re = new RegExp(
    '^' +
      pattern
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace(/%/g, '.*')
        .replace(/_/g, '.') +
      '$',
    'i',
  );
  return re.test(host);
}

/** The user account a connection from `host` logs in as: exact host first, then patterns. */
export function findUser(users: readonly UserDoc[], name: string, host: string): UserDoc | null {
  const candidates = users.filter((u) => u.name === name && hostMatches(u.host, host));
  candidates.sort(
    (a, b) => (a.host === '%' ? 1 : 0) - (b.host === '%' ? 1 : 0) || b.host.length - a.host.length,
  );
  return candidates[0] ?? null;
}

export function checkUserIdentity(u: AstUserIdentity): void {
  if (u.name === '' || u.name.length > 64 || !/^[A-Za-z0-9_.\-@%]+$/.test(u.name))
    throw invalid(`Invalid user name '${u.name}'`);
}
