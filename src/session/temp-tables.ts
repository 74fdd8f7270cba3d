/**
 * Temporary tables (CREATE TEMPORARY TABLE, StarRocks 3.3+): session-scoped tables that shadow a
 * normal table of the same name in that session. Each is an ordinary catalog table (storage,
 * writes and queries unchanged) under a hidden name carrying the owning connection id; this module
 * maps the written name to it. Statement handlers resolve names through `tempTableFor`
 * (resolveName, the binder's catalog view, SHOW targets) and print `displayName`.
 */
import { DEFAULT_CATALOG } from '../catalog/index.js';
import type { SessionImpl } from './session.js';

/** Prefix of the hidden catalog names of temporary tables. */
export const TEMP_PREFIX = '__rockling_temp_';

/** The hidden catalog name of session `s`'s temporary table `name`. */
export function tempStorageName(s: SessionImpl, name: string): string {
  return `${TEMP_PREFIX}${s.connectionId}_${name}`;
}

/** Whether a catalog table name is a temporary table's hidden name. */
export function isTempName(name: string): boolean {
  return name.startsWith(TEMP_PREFIX);
}

/** Prefix of the hidden names of dropped, recoverable tables (exec-recycle.ts). */
export const RECYCLE_PREFIX = '__rockling_recycle_';

/** Names no listing shows: temporary tables and the recycle bin. */
export function isHiddenName(name: string): boolean {
  return name.startsWith(TEMP_PREFIX) || name.startsWith(RECYCLE_PREFIX);
}

/** A recycled table dropped before `cutoffMs` (its hidden name starts with the drop time). */
export function isRecycledBefore(name: string, cutoffMs: number): boolean {
  if (!name.startsWith(RECYCLE_PREFIX)) return false;
  const stamp = /^\d+/.exec(name.slice(RECYCLE_PREFIX.length));
  return stamp !== null && Number(stamp[0]) < cutoffMs;
}

/** Whether a hidden name belongs to session `s`. */
export function ownTempName(s: SessionImpl, name: string): boolean {
  return name.startsWith(`${TEMP_PREFIX}${s.connectionId}_`);
}

/** The name the user wrote for a (possibly temporary) table. */
export function displayName(name: string): string {
  if (!isTempName(name)) return name;
  const rest = name.slice(TEMP_PREFIX.length);
  return rest.slice(rest.indexOf('_') + 1);
}

/** The hidden name of `s`'s temporary table `db.name`, or null when the session has none. */
export function tempTableFor(s: SessionImpl, catalog: string, db: string, name: string): string | null {
  if (catalog !== DEFAULT_CATALOG) return null;
  const hidden = tempStorageName(s, name);
  return s.db.catalog.getEntry(catalog, db, hidden) !== null ? hidden : null;
}
