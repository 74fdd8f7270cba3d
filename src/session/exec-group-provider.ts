/**
 * Group providers (StarRocks 3.5: CREATE / DROP / SHOW [CREATE] GROUP PROVIDER): named sources of
 * user → group mappings of type unix, file or ldap, kept in the platform document store. Every
 * statement needs the SECURITY privilege on SYSTEM (root, security_admin, or a grant). Rockling
 * records and shows them; nothing in Rockling resolves groups yet (no GRANT … TO EXTERNAL GROUP).
 */
import { SqlError } from '../errors/index.js';
import type { AstShow } from '../sql/index.js';
import type { OkResult, RowsResult } from './api.js';
import { platformOf } from './exec-mv.js';
import { effective, rolesText } from './exec-security.js';
import { col, okResult, rowsResult } from './results.js';
import type { SessionImpl } from './session.js';

interface GroupProviderDoc {
  readonly name: string;
  readonly properties: readonly (readonly [string, string])[];
}

/** Properties each type needs (StarRocks' GroupProvider.checkProperty). */
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  unix: [],
  file: ['group_file_url'],
  ldap: ['ldap_conn_url', 'ldap_bind_root_dn', 'ldap_bind_root_pwd', 'ldap_bind_base_dn'],
};

function invalid(message: string): SqlError {
  return new SqlError('analysis-error', { message });
}

function requireSecurity(s: SessionImpl): void {
  const e = effective(s);
  if (e.roles.has('root') || e.roles.has('security_admin')) return;
  if (e.grants.some((g) => g.type === 'SYSTEM' && g.privileges.includes('SECURITY'))) return;
  throw new SqlError('privilege-denied', { privilege: 'SECURITY', object: 'SYSTEM', roles: rolesText(s) });
}

const NAME = String.raw`(?:\x60([^\x60]+)\x60|([\w.-]+))`;
const CREATE = new RegExp(
  String.raw`^\s*create\s+group\s+provider\s+(if\s+not\s+exists\s+)?${NAME}\s+properties\s*\(([\s\S]*)\)\s*;?\s*$`,
  'i',
);
const DROP = new RegExp(String.raw`^\s*drop\s+group\s+provider\s+(if\s+exists\s+)?${NAME}\s*;?\s*$`, 'i');
const PROPERTY = /\s*(["'])((?:(?!\1).)*)\1\s*=\s*(["'])((?:(?!\3).)*)\3\s*(,|$)/gy;

function parseProperties(text: string): [string, string][] {
  const out: [string, string][] = [];
  PROPERTY.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (PROPERTY.lastIndex < text.length && (m = PROPERTY.exec(text)) !== null)
    out.push([m[2] ?? '', m[4] ?? '']);
  if (PROPERTY.lastIndex < text.trim().length) throw invalid('Invalid PROPERTIES of GROUP PROVIDER');
  return out;
}

/** CREATE GROUP PROVIDER [IF NOT EXISTS] name PROPERTIES ("type" = …, …). */
export async function createGroupProvider(s: SessionImpl, text: string): Promise<OkResult> {
  requireSecurity(s);
  const m = CREATE.exec(text);
  if (m === null) throw invalid('Invalid CREATE GROUP PROVIDER statement');
  const name = m[2] ?? m[3] ?? '';
  const properties = parseProperties(m[4] ?? '');
  const type = properties.find(([k]) => k.toLowerCase() === 'type')?.[1];
  if (type === undefined) throw invalid('missing required property: type');
  const required = REQUIRED[type.toLowerCase()];
  if (required === undefined) throw invalid(`unsupported group provider type '${type}'`);
  for (const key of required)
    if (!properties.some(([k]) => k === key)) throw invalid(`missing required property: ${key}`);
  return platformOf(s.db).docs.change(async (_tx, w) => {
    if (w.get('group-provider', name) !== undefined) {
      if (m[1] !== undefined) return okResult();
      throw invalid(`Group Provider '${name}' already exists`);
    }
    const doc: GroupProviderDoc = { name, properties };
    await w.put('group-provider', name, doc);
    return okResult();
  });
}

/** DROP GROUP PROVIDER [IF EXISTS] name. */
export async function dropGroupProvider(s: SessionImpl, text: string): Promise<OkResult> {
  requireSecurity(s);
  const m = DROP.exec(text);
  if (m === null) throw invalid('Invalid DROP GROUP PROVIDER statement');
  const name = m[2] ?? m[3] ?? '';
  return platformOf(s.db).docs.change(async (_tx, w) => {
    if (w.get('group-provider', name) === undefined) {
      if (m[1] !== undefined) return okResult();
      throw invalid(`Group Provider '${name}' not found`);
    }
    await w.remove('group-provider', name);
    return okResult();
  });
}

/** SHOW GROUP PROVIDERS / SHOW CREATE GROUP PROVIDER name. */
export function showGroupProviders(s: SessionImpl, stmt: AstShow): RowsResult {
  requireSecurity(s);
  const docs = platformOf(s.db).docs;
  if (stmt.what === 'group providers') {
    const rows = docs
      .list<GroupProviderDoc>('group-provider')
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((d) => [d.name, d.properties.find(([k]) => k.toLowerCase() === 'type')?.[1] ?? '', '']);
    return rowsResult([col('Name'), col('Type'), col('Comment')], rows);
  }
  const name = stmt.target?.parts[stmt.target.parts.length - 1] ?? '';
  const doc = docs.get<GroupProviderDoc>('group-provider', name);
  if (doc === undefined) throw invalid(`Group Provider '${name}' not found`);
  const props = doc.properties.map(([k, v]) => `"${k}" = "${v}"`).join(',\n');
  return rowsResult(
    [col('Group Provider'), col('Create Group Provider')],
    [[doc.name, `CREATE GROUP PROVIDER \`${doc.name}\` PROPERTIES (\n${props}\n)`]],
  );
}
