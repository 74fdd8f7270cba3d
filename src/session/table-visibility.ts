/**
 * Which tables, views and MVs a session may see: StarRocks lists and shows one only to a user with
 * some privilege on it (SHOW TABLES / TABLE STATUS filter, SHOW CREATE refuses); root and db_admin
 * see everything, information_schema is everyone's.
 */
import { INFO_SCHEMA } from '../catalog/index.js';
import { SqlError } from '../errors/index.js';
import { effective, rolesText } from './exec-security.js';
import type { SessionImpl } from './session.js';

const TABLE_LIKE = new Set(['TABLE', 'VIEW', 'MATERIALIZED VIEW']);

/** A predicate over (database, name) for the session's active roles and grants. */
export function tableVisibility(s: SessionImpl): (db: string, name: string) => boolean {
  const e = effective(s);
  if (e.roles.has('root') || e.roles.has('db_admin')) return () => true;
  const grants = e.grants.filter((g) => TABLE_LIKE.has(g.type) && g.privileges.length > 0);
  return (db, name) =>
    db.toLowerCase() === INFO_SCHEMA ||
    grants.some((g) => (g.db === '*' || g.db === db) && (g.name === '*' || g.name === name));
}

/** SHOW CREATE TABLE/VIEW: some privilege on the object (StarRocks names it `TABLE name`). */
export function requireAnyOnTable(s: SessionImpl, db: string, name: string): void {
  if (!tableVisibility(s)(db, name))
    throw new SqlError('privilege-denied', {
      privilege: 'ANY',
      object: `TABLE ${name}`,
      roles: rolesText(s),
    });
}
