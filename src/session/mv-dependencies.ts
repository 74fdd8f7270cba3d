/**
 * With `enable_drop_table_check_mv_dependency` on, StarRocks refuses to drop a table, view or MV
 * that an asynchronous MV is built on: directly, or through views (an MV over a view depends on
 * the view and on the tables the view reads; an MV over an MV depends on that MV only).
 */
import { DEFAULT_CATALOG } from '../catalog/index.js';
import { baseTables, type MvDoc } from '../catalog/mv/index.js';
import { SqlError } from '../errors/index.js';
import { parseQuery } from '../sql/index.js';
import type { DatabaseImpl } from './database.js';
import { liveMvs, platformOf } from './exec-mv.js';
import type { SessionImpl } from './session.js';

/** Views nest at most this deep when their references are followed. */
const MAX_VIEW_DEPTH = 16;

/** `db.name` keys the query of an MV reads, views expanded to what they read. */
function dependencies(db: DatabaseImpl, refs: readonly string[], depth = 0): Set<string> {
  const out = new Set<string>();
  for (const key of refs) {
    out.add(key);
    const dot = key.indexOf('.');
    const entry = db.catalog.getEntry(DEFAULT_CATALOG, key.slice(0, dot), key.slice(dot + 1));
    if (entry?.kind !== 'view' || entry.viewQueryText === undefined || depth >= MAX_VIEW_DEPTH) continue;
    const inner = baseTables(parseQuery(entry.viewQueryText), entry.db);
    for (const k of dependencies(db, inner, depth + 1)) out.add(k);
  }
  return out;
}

/** The asynchronous MVs that depend on `dbName.name`, newest first. */
function dependentMvs(db: DatabaseImpl, dbName: string, name: string): ReturnType<typeof liveMvs> {
  const key = `${dbName}.${name}`;
  return liveMvs(db)
    .filter(({ doc }) =>
      dependencies(db, doc.bases ?? baseTables(parseQuery(doc.queryText), doc.db)).has(key),
    )
    .sort((a, b) => b.entry.id - a.entry.id);
}

/** The asynchronous MVs (`db.mv`) that depend on `dbName.name`, newest first. */
export function mvDependents(db: DatabaseImpl, dbName: string, name: string): string[] {
  return dependentMvs(db, dbName, name).map(({ entry }) => `${entry.db}.${entry.name}`);
}

/**
 * DROP TABLE makes the asynchronous MVs built on the table inactive at once, with StarRocks'
 * reason `base-table dropped: <table>` (they stay so after RECOVER TABLE until made active again).
 */
export async function deactivateDependents(db: DatabaseImpl, dbName: string, name: string): Promise<void> {
  const dependents = dependentMvs(db, dbName, name);
  if (dependents.length === 0) return;
  const platform = platformOf(db);
  await platform.docs.change(async (_tx, w) => {
    for (const { doc } of dependents) {
      const current = w.get<MvDoc>('mv', String(doc.tableId));
      if (current === undefined || !current.active) continue;
      await w.put('mv', String(doc.tableId), {
        ...current,
        active: false,
        inactiveReason: `base-table dropped: ${name}`,
      });
    }
  });
  for (const { doc } of dependents) platform.scheduler.reschedule(doc.tableId);
}

/** Refuse the DROP when the check is on and MVs depend on the object. */
export function checkDropDependencies(s: SessionImpl, dbName: string, name: string): void {
  if (s.getVar('enable_drop_table_check_mv_dependency', null) !== true) return;
  const dependents = mvDependents(s.db, dbName, name);
  if (dependents.length === 0) return;
  throw new SqlError('analysis-error', {
    message: `${name} exists mv dependencies: [${dependents.join(', ')}], drop is not allowed. See more detailed information in \`sys.object_dependencies\`, or \`set global enable_drop_table_check_mv_dependency=false\``,
  });
}
