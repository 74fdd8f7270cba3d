/**
 * Temporary tables, the statements around them: SHOW TEMPORARY TABLES, dropping a session's
 * tables when it closes (and every leftover at start-up: they never outlive their session), the
 * refusals StarRocks gives (ALTER, views over them, DROP DATABASE without FORCE).
 * Naming and lookup live in temp-tables.ts.
 */
import { DEFAULT_CATALOG, type Catalog, type CatalogView, type TableEntry } from '../catalog/index.js';
import { dropAutoIncrementSequenceSql, dropTableSql } from '../codegen/index.js';
import { SqlError } from '../errors/index.js';
import type { AstShow } from '../sql/index.js';
import type { RowsResult } from './api.js';
import { col, rowsResult } from './results.js';
import type { SessionImpl } from './session.js';
import { showDb } from './show-meta.js';
import { displayName, isRecycledBefore, isTempName, ownTempName, tempTableFor } from './temp-tables.js';

function analysis(message: string): SqlError {
  return new SqlError('analysis-error', { message });
}

/** SHOW TEMPORARY TABLES [FROM db]: this session's temporary tables of the database. */
export function showTemporaryTables(s: SessionImpl, stmt: AstShow): RowsResult {
  const db = showDb(s, stmt.from);
  const rows = s.db.catalog
    .listTables(DEFAULT_CATALOG, db)
    .filter((t) => ownTempName(s, t.name))
    .map((t) => [displayName(t.name)]);
  return rowsResult([col(`Tables_in_${db}`)], rows);
}

/** Drop catalog tables for good (metadata, storage, auto-increment sequence) in one change. */
export async function dropEntries(catalog: Catalog, entries: readonly TableEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await catalog.change(async (tx) => {
    for (const e of entries) {
      if (tx.getEntry(e.catalog, e.db, e.name)?.id !== e.id) continue;
      await tx.dropTable(e.catalog, e.db, e.name);
      if (e.storage === undefined) continue;
      await tx.conn.execute(dropTableSql(e.storage));
      if (e.columns.some((c) => c.autoIncrement))
        await tx.conn.execute(dropAutoIncrementSequenceSql(e.storage));
    }
  });
}

/** Entries of every default-catalog database whose name passes `keep`. */
export function tempEntries(catalog: Catalog, keep: (name: string) => boolean): TableEntry[] {
  const out: TableEntry[] = [];
  for (const db of catalog.listDatabases(DEFAULT_CATALOG))
    for (const t of catalog.listTables(DEFAULT_CATALOG, db))
      if (keep(t.name)) {
        const e = catalog.getEntry(DEFAULT_CATALOG, db, t.name);
        if (e !== null) out.push(e);
      }
  return out;
}

/** The session closes: its temporary tables go with it. */
export async function dropSessionTempTables(s: SessionImpl): Promise<void> {
  await dropEntries(
    s.db.catalog,
    tempEntries(s.db.catalog, (n) => ownTempName(s, n)),
  );
}

/** Start-up: temporary tables of sessions of an earlier process (they died with it). */
export async function dropLeftoverTempTables(catalog: Catalog): Promise<void> {
  await dropEntries(catalog, tempEntries(catalog, isTempName));
  await dropExpiredRecycled(catalog, Date.now());
}

/** StarRocks' catalog_trash_expire_second (1 day): how long the recycle bin keeps a dropped table. */
export const RECYCLE_EXPIRE_MS = 86_400_000;

/** Drop the recycled tables that expired by `now` (at start-up, then hourly: database.ts). */
export async function dropExpiredRecycled(catalog: Catalog, now: number): Promise<void> {
  const cutoff = now - RECYCLE_EXPIRE_MS;
  await dropEntries(
    catalog,
    tempEntries(catalog, (n) => isRecycledBefore(n, cutoff)),
  );
}

/** ALTER TABLE on a temporary table: StarRocks refuses every form. */
export function checkNotTemporaryAlter(table: string): void {
  if (isTempName(table)) throw analysis("temporary table doesn't support alter table statement");
}

/** DROP DATABASE of a database holding temporary tables needs FORCE. */
export function checkDropDatabase(s: SessionImpl, catalog: string, db: string, force: boolean): void {
  if (force || !s.db.catalog.databaseExists(catalog, db)) return;
  if (s.db.catalog.listTables(catalog, db).some((t) => isTempName(t.name)))
    throw new SqlError('runtime-error', {
      message: `Database '${db}' cannot be dropped because there are still some temporary tables in it. If you want to forcibly drop, please use "DROP DATABASE <database> FORCE."`,
    });
}

/**
 * A catalog view that notes whether a temporary table was read (views and materialized views
 * cannot be based on one); `used()` answers after compiling.
 */
export function watchTemporary(
  s: SessionImpl,
  view: CatalogView,
): { readonly view: CatalogView; readonly used: () => boolean } {
  let used = false;
  return {
    view: {
      ...view,
      getTable: (c, d, n) => {
        if (tempTableFor(s, c, d, n) !== null) used = true;
        return view.getTable(c, d, n);
      },
    },
    used: () => used,
  };
}
