/**
 * Users, roles and privileges: CREATE/DROP/ALTER USER, CREATE/DROP ROLE, GRANT/REVOKE (new-style
 * privileges and the pre-3.0 `*_PRIV` forms), SHOW GRANTS/USERS/ROLES, the login lookup
 * (mysql_native_password against the stored SHA1(SHA1(password))) and privilege checks.
 * Enforced: login; SELECT on the tables/views/MVs a query reads and INSERT on the table an
 * INSERT writes; account, role and grant statements need the root or user_admin role (or GRANT
 * on SYSTEM). Other DDL is not checked yet. Active roles follow StarRocks: the user's default
 * roles at login (all granted roles with `activate_all_roles_on_login`), SET ROLE to change them
 * (exec-impersonate.ts).
 */
import { DEFAULT_CATALOG, INFO_SCHEMA } from '../catalog/index.js';
import type { DocWriter } from '../catalog/resources/index.js';
import {
  addGrants,
  BUILTIN_ROLES,
  checkUserIdentity,
  doubleSha1,
  findUser,
  grantsFor,
  grantText,
  hashFromText,
  removeGrants,
  userKey,
  userText,
  type Grant,
  type RoleDoc,
  type UserDoc,
} from '../catalog/security/index.js';
import { SqlError } from '../errors/index.js';
import type {
  AstAlterUser,
  AstCreateUser,
  AstDropUser,
  AstGrantPrivileges,
  AstGrantRole,
  AstRoleStatement,
  AstSet,
  AstShow,
  AstUserIdentity,
} from '../sql/index.js';
import type { OkResult, RowsResult, UserCredentials } from './api.js';
import type { DatabaseImpl } from './database.js';
import { platformOf } from './exec-mv.js';
import { col, okResult, rowsResult } from './results.js';
import type { SessionImpl } from './session.js';

const ROOT: UserDoc = {
  name: 'root',
  host: '%',
  passwordDoubleSha1: null,
  defaultRoles: ['root'],
  roles: ['root'],
  grants: [],
};

function users(list: readonly UserDoc[]): UserDoc[] {
  return list.some((u) => u.name === 'root' && u.host === '%') ? [...list] : [ROOT, ...list];
}

/** Every account, root included. */
export function allUsers(db: DatabaseImpl): UserDoc[] {
  return users(platformOf(db).docs.list<UserDoc>('user'));
}

/** The login hook: stored credentials of `user` connecting from `host`. */
export function lookupAccount(db: DatabaseImpl, user: string, host: string): UserCredentials | null {
  const u = findUser(allUsers(db), user, host);
  if (u === null) return null;
  return {
    user: u.name,
    host: u.host,
    passwordDoubleSha1: u.passwordDoubleSha1 === null ? null : Buffer.from(u.passwordDoubleSha1, 'hex'),
  };
}

function failed(operation: string, u: AstUserIdentity, detail = ''): SqlError {
  return new SqlError('account-operation-failed', { operation, target: userText(u), detail });
}

/** Roles of a user or role, transitively (cycles are refused when granting). */
function roleClosure(
  roles: readonly string[],
  w: { get<T>(k: 'role', key: string): T | undefined },
): Set<string> {
  const out = new Set<string>();
  const stack = [...roles];
  while (stack.length > 0) {
    const r = stack.pop() as string;
    if (out.has(r)) continue;
    out.add(r);
    stack.push(...(w.get<RoleDoc>('role', r)?.roles ?? []));
  }
  return out;
}

/** The account the session's user matched. */
export function sessionUser(s: SessionImpl): UserDoc | null {
  return findUser(allUsers(s.db), s.user, s.host);
}

/**
 * The roles a session has switched on: SET ROLE's choice, else every granted role when
 * `activate_all_roles_on_login` is on, else the user's default roles (StarRocks' rule).
 */
export function activeRoles(s: SessionImpl, u: UserDoc | null = sessionUser(s)): readonly string[] {
  const granted = u?.roles ?? [];
  if (s.activeRoles !== null) return s.activeRoles.filter((r) => granted.includes(r));
  if (s.getVar('activate_all_roles_on_login', null) === true) return granted;
  const defaults = u?.defaultRoles ?? [];
  return defaults.includes('ALL') ? granted : defaults.filter((r) => granted.includes(r));
}

/** Roles (active ones and the roles they inherit, plus public) and grants in effect for the session. */
export function effective(s: SessionImpl): { roles: Set<string>; grants: Grant[] } {
  const u = sessionUser(s);
  const docs = platformOf(s.db).docs;
  const roles = roleClosure([...activeRoles(s, u), 'public'], docs);
  const grants = [...(u?.grants ?? [])];
  for (const r of roles) grants.push(...(docs.get<RoleDoc>('role', r)?.grants ?? []));
  return { roles, grants };
}

function isAdmin(s: SessionImpl, role: string): boolean {
  const e = effective(s);
  return e.roles.has('root') || e.roles.has(role);
}

/** Account/role/grant statements need root or user_admin, or GRANT on SYSTEM. */
function requireUserAdmin(s: SessionImpl): void {
  if (isAdmin(s, 'user_admin')) return;
  if (effective(s).grants.some((g) => g.type === 'SYSTEM' && g.privileges.includes('GRANT'))) return;
  throw new SqlError('privilege-denied', { privilege: 'GRANT', object: 'SYSTEM', roles: rolesText(s) });
}

/** A SYSTEM privilege (CREATE RESOURCE GROUP, CREATE EXTERNAL CATALOG) or cluster_admin. */
export function requireSystem(s: SessionImpl, privilege: string): void {
  if (isAdmin(s, 'cluster_admin')) return;
  if (effective(s).grants.some((g) => g.type === 'SYSTEM' && g.privileges.includes(privilege))) return;
  throw new SqlError('privilege-denied', { privilege, object: 'SYSTEM', roles: rolesText(s) });
}

/** The active roles as error messages list them (`NONE` when only public). */
export function rolesText(s: SessionImpl): string {
  const r = [...effective(s).roles].filter((x) => x !== 'public');
  return r.length > 0 ? r.join(', ') : 'NONE';
}

/** Check one privilege on a table/view/MV (`type` as GRANT names it). */
export function requireObject(
  s: SessionImpl,
  privilege: string,
  type: string,
  db: string,
  name: string,
): void {
  if (db.toLowerCase() === INFO_SCHEMA) return;
  const e = effective(s);
  if (e.roles.has('root') || e.roles.has('db_admin')) return;
  const ok = e.grants.some(
    (g) =>
      g.type === type &&
      (g.db === '*' || g.db === db) &&
      (g.name === '*' || g.name === name) &&
      (g.privileges.includes(privilege) || g.privileges.includes('ALL')),
  );
  if (!ok)
    throw new SqlError('privilege-denied', { privilege, object: `${type} ${name}`, roles: rolesText(s) });
}

/**
 * USAGE on an external catalog: StarRocks needs it to list or read anything in the catalog.
 * root has it; everyone else through `GRANT USAGE ON CATALOG c` (or ALL, or ON ALL CATALOGS).
 */
export function requireCatalogUsage(s: SessionImpl, catalog: string): void {
  const e = effective(s);
  if (e.roles.has('root')) return;
  const ok = e.grants.some(
    (g) =>
      g.type === 'CATALOG' &&
      (g.name === '*' || g.name === catalog) &&
      (g.privileges.includes('USAGE') || g.privileges.includes('ALL')),
  );
  if (!ok)
    throw new SqlError('privilege-denied', {
      privilege: 'USAGE',
      object: `CATALOG ${catalog}`,
      roles: rolesText(s),
    });
}

export async function createUser(s: SessionImpl, stmt: AstCreateUser): Promise<OkResult> {
  requireUserAdmin(s);
  checkUserIdentity(stmt.user);
  const hash = passwordOf(stmt.password, stmt.authPlugin);
  return platformOf(s.db).docs.change(async (_tx, w) => {
    if (users(w.list<UserDoc>('user')).some((u) => u.name === stmt.user.name && u.host === stmt.user.host)) {
      if (stmt.ifNotExists) return okResult();
      throw failed('CREATE USER', stmt.user, ' : user already exists');
    }
    for (const r of stmt.defaultRoles) checkRole(w, r);
    const doc: UserDoc = {
      name: stmt.user.name,
      host: stmt.user.host,
      passwordDoubleSha1: hash,
      defaultRoles: stmt.defaultRoles,
      roles: stmt.defaultRoles,
      grants: [],
    };
    await w.put('user', userKey(doc), doc);
    return okResult();
  });
}

function passwordOf(
  password: { value: string; hashed: boolean } | undefined,
  plugin: { plugin: string; value?: string } | undefined,
): string | null {
  if (plugin !== undefined) {
    if (plugin.plugin.toLowerCase() !== 'mysql_native_password')
      throw new SqlError('not-supported', { feature: `authentication plugin ${plugin.plugin}` });
    const v = plugin.value ?? '';
    return v.startsWith('*') ? hashFromText(v) : doubleSha1(v);
  }
  if (password === undefined) return null;
  return password.hashed ? hashFromText(password.value) : doubleSha1(password.value);
}

function checkRole(w: DocWriter, role: string): void {
  if (!BUILTIN_ROLES.has(role) && w.get('role', role) === undefined)
    throw new SqlError('analysis-error', { message: `Role ${role} doesn't exist` });
}

function existingUser(w: DocWriter, u: AstUserIdentity): UserDoc | undefined {
  return users(w.list<UserDoc>('user')).find((x) => x.name === u.name && x.host === u.host);
}

export async function dropUser(s: SessionImpl, stmt: AstDropUser): Promise<OkResult> {
  requireUserAdmin(s);
  if (stmt.user.name === 'root') throw failed('DROP USER', stmt.user, ' : cannot drop root');
  return platformOf(s.db).docs.change(async (_tx, w) => {
    if (existingUser(w, stmt.user) === undefined) {
      if (stmt.ifExists) return okResult();
      throw failed('DROP USER', stmt.user, " : user doesn't exist");
    }
    await w.remove('user', userKey(stmt.user));
    return okResult();
  });
}

export async function alterUser(s: SessionImpl, stmt: AstAlterUser): Promise<OkResult> {
  if (!(stmt.user.name === s.user && stmt.defaultRoles === undefined)) requireUserAdmin(s);
  const hash = stmt.password !== undefined ? passwordOf(stmt.password, undefined) : undefined;
  return platformOf(s.db).docs.change(async (_tx, w) => {
    const u = existingUser(w, stmt.user);
    if (u === undefined) {
      if (stmt.ifExists) return okResult();
      throw failed('ALTER USER', stmt.user, " : user doesn't exist");
    }
    for (const r of stmt.defaultRoles ?? []) if (!u.roles.includes(r)) checkRole(w, r);
    await w.put('user', userKey(u), {
      ...u,
      ...(hash !== undefined ? { passwordDoubleSha1: hash } : {}),
      ...(stmt.defaultRoles !== undefined
        ? { defaultRoles: stmt.defaultRoles, roles: [...new Set([...u.roles, ...stmt.defaultRoles])] }
        : {}),
    });
    return okResult();
  });
}

export async function roleStatement(s: SessionImpl, stmt: AstRoleStatement): Promise<OkResult> {
  requireUserAdmin(s);
  return platformOf(s.db).docs.change(async (_tx, w) => {
    for (const role of stmt.roles) {
      const exists = BUILTIN_ROLES.has(role) || w.get('role', role) !== undefined;
      if (stmt.kind === 'create-role') {
        if (exists) {
          if (stmt.ifExistsOrNot) continue;
          throw new SqlError('analysis-error', { message: `Role ${role} already exists` });
        }
        await w.put('role', role, { name: role, comment: '', roles: [], grants: [] } satisfies RoleDoc);
      } else {
        if (BUILTIN_ROLES.has(role))
          throw new SqlError('analysis-error', { message: `Can not drop built-in role ${role}` });
        if (!exists) {
          if (stmt.ifExistsOrNot) continue;
          throw new SqlError('analysis-error', { message: `Role ${role} doesn't exist` });
        }
        await w.remove('role', role);
      }
    }
    return okResult();
  });
}

type Grantee = AstGrantRole['grantee'];

/** Read-modify-write of a grantee's roles/grants. */
async function updateGrantee(
  w: DocWriter,
  grantee: Grantee,
  fn: (x: { roles: readonly string[]; grants: readonly Grant[] }) => {
    roles: readonly string[];
    grants: readonly Grant[];
  },
): Promise<void> {
  if (grantee.kind === 'role') {
    if (BUILTIN_ROLES.has(grantee.role) && grantee.role !== 'public')
      throw new SqlError('analysis-error', {
        message: `Can not grant or revoke to built-in role ${grantee.role}`,
      });
    const r: RoleDoc =
      w.get<RoleDoc>('role', grantee.role) ??
      (grantee.role === 'public'
        ? { name: 'public', comment: '', roles: [], grants: [] }
        : missingRole(grantee.role));
    await w.put('role', r.name, { ...r, ...fn(r) });
    return;
  }
  const u = existingUser(w, grantee.user);
  if (u === undefined) throw failed('GRANT', grantee.user, " : user doesn't exist");
  await w.put('user', userKey(u), { ...u, ...fn(u) });
}

function missingRole(role: string): never {
  throw new SqlError('analysis-error', { message: `Role ${role} doesn't exist` });
}

/** Objects a grant names must exist (databases, tables). */
function checkObjects(s: SessionImpl, grants: readonly Grant[]): void {
  for (const g of grants) {
    const db = g.type === 'DATABASE' ? g.name : g.db;
    if (db !== null && db !== '*' && !s.db.catalog.databaseExists(DEFAULT_CATALOG, db))
      throw new SqlError('analysis-error', { message: `Database ${db} is not found` });
    if (
      g.db !== null &&
      g.db !== '*' &&
      g.name !== null &&
      g.name !== '*' &&
      s.db.catalog.getTable(DEFAULT_CATALOG, g.db, g.name) === null
    )
      throw new SqlError('analysis-error', { message: `Table ${g.name} is not found` });
  }
}

export async function grantPrivileges(s: SessionImpl, stmt: AstGrantPrivileges): Promise<OkResult> {
  requireUserAdmin(s);
  const grants = grantsFor(stmt.privileges, stmt.object, stmt.withGrantOption);
  if (stmt.kind === 'grant-privileges') checkObjects(s, grants);
  return platformOf(s.db).docs.change(async (_tx, w) => {
    await updateGrantee(w, stmt.grantee, (x) => ({
      roles: x.roles,
      grants: stmt.kind === 'grant-privileges' ? addGrants(x.grants, grants) : removeGrants(x.grants, grants),
    }));
    return okResult();
  });
}

export async function grantRoles(s: SessionImpl, stmt: AstGrantRole): Promise<OkResult> {
  requireUserAdmin(s);
  return platformOf(s.db).docs.change(async (_tx, w) => {
    for (const r of stmt.roles) checkRole(w, r);
    if (stmt.grantee.kind === 'role' && stmt.kind === 'grant-role') {
      const target = stmt.grantee.role;
      if (stmt.roles.some((r) => r === target || roleClosure([r], w).has(target)))
        throw new SqlError('analysis-error', {
          message: `Can not grant role to itself (a cycle through ${target})`,
        });
    }
    await updateGrantee(w, stmt.grantee, (x) => ({
      grants: x.grants,
      roles:
        stmt.kind === 'grant-role'
          ? [...new Set([...x.roles, ...stmt.roles])]
          : x.roles.filter((r) => !stmt.roles.includes(r)),
    }));
    return okResult();
  });
}

// --- SHOW ---------------------------------------------------------------------------------------

function catalogOf(g: Grant): string | null {
  return g.type === 'SYSTEM' || g.type === 'CATALOG' || g.type === 'USER' || g.type.startsWith('RESOURCE')
    ? null
    : DEFAULT_CATALOG;
}

export function showGrants(s: SessionImpl, stmt: AstShow): RowsResult {
  const docs = platformOf(s.db).docs;
  if (stmt.role !== undefined) {
    const role = stmt.role;
    const r = docs.get<RoleDoc>('role', role);
    if (r === undefined && !BUILTIN_ROLES.has(role)) missingRole(role);
    const rows: (string | null)[][] = [];
    if (role === 'root') rows.push([role, null, "GRANT ALL PRIVILEGES ON ALL OBJECTS TO ROLE 'root'"]);
    if ((r?.roles.length ?? 0) > 0)
      rows.push([role, null, `GRANT ${r?.roles.map((x) => `'${x}'`).join(', ')} TO ROLE '${role}'`]);
    for (const g of r?.grants ?? []) rows.push([role, catalogOf(g), grantText(g, `ROLE '${role}'`)]);
    return rowsResult([col('RoleName'), col('Catalog'), col('Grants', undefined)], rows);
  }
  const who = stmt.user ?? { name: s.user, host: sessionUser(s)?.host ?? '%' };
  if (stmt.user !== undefined && stmt.user.name !== s.user) requireUserAdmin(s);
  const u = allUsers(s.db).find((x) => x.name === who.name && x.host === who.host);
  if (u === undefined) throw new SqlError('analysis-error', { message: `Unknown user ${userText(who)}` });
  const ut = userText(u);
  const rows: (string | null)[][] = [];
  if (u.roles.length > 0) rows.push([ut, null, `GRANT ${u.roles.map((x) => `'${x}'`).join(', ')} TO ${ut}`]);
  for (const g of u.grants) rows.push([ut, catalogOf(g), grantText(g, `USER ${ut}`)]);
  return rowsResult([col('UserIdentity'), col('Catalog'), col('Grants')], rows);
}

export function showUsers(s: SessionImpl): RowsResult {
  requireUserAdmin(s);
  return rowsResult(
    [col('User')],
    allUsers(s.db).map((u) => [userText(u)]),
  );
}

export function showRoles(s: SessionImpl): RowsResult {
  const custom = platformOf(s.db)
    .docs.list<RoleDoc>('role')
    .filter((r) => !BUILTIN_ROLES.has(r.name));
  const rows = [
    ...[...BUILTIN_ROLES].map(([n, c]) => [n, 'true', c]),
    ...custom.sort((a, b) => a.name.localeCompare(b.name)).map((r) => [r.name, 'false', r.comment]),
  ];
  return rowsResult([col('Name'), col('Builtin'), col('Comment')], rows);
}

/** `SET PASSWORD [FOR u] = PASSWORD('pw') | '*hash'`; null when the SET is something else. */
export async function setPassword(s: SessionImpl, stmt: AstSet): Promise<OkResult | null> {
  const only = stmt.assignments.length === 1 ? stmt.assignments[0] : undefined;
  if (only?.kind !== 'password') return null;
  const who = only.user ?? { name: s.user, host: sessionUser(s)?.host ?? '%' };
  return alterUser(s, {
    kind: 'alter-user',
    ifExists: false,
    user: who,
    password: { value: only.password, hashed: only.hashed },
    properties: [],
  });
}
