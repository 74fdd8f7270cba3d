/**
 * The catalog recycle bin: DROP TABLE (without FORCE) keeps the table — metadata, partitions and
 * storage — under a hidden name, and RECOVER TABLE gives the most recently dropped one its name
 * back, as StarRocks' CatalogRecycleBin does. DROP TABLE … FORCE removes a table for good.
 */
import { DEFAULT_CATALOG, type CatalogTx, type TableEntry } from '../catalog/index.js';
import { SqlError } from '../errors/index.js';
import type { OkResult } from './api.js';
import { resolveName } from './exec-query.js';
import { okResult } from './results.js';
import type { SessionImpl } from './session.js';
import { RECYCLE_PREFIX } from './temp-tables.js';

/** Keep a dropped table recoverable: rename it to `__rockling_recycle_<drop time>_<name>`. */
export async function moveToRecycleBin(tx: CatalogTx, entry: TableEntry): Promise<void> {
  const stamp = String(Date.now()).padStart(15, '0');
  let name = `${RECYCLE_PREFIX}${stamp}_${entry.name}`;
  for (let n = 1; tx.getTable(entry.catalog, entry.db, name) !== null; n++)
    name = `${RECYCLE_PREFIX}${stamp}.${n}_${entry.name}`;
  await tx.replaceTable(entry, { ...entry, name });
}

/** `[db.]name` with optional backquotes, as the generic statement text carries it. */
function qualifiedName(text: string): string[] {
  const parts: string[] = [];
  const re = /\s*(?:`((?:[^`]|``)*)`|([^\s.`;]+))\s*(\.)?/y;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    parts.push(m[1] !== undefined ? m[1].replace(/``/g, '`') : (m[2] ?? ''));
    if (m[3] === undefined) break;
  }
  return parts;
}

/** The written name of a recycled table. */
function originalName(hidden: string): string {
  const rest = hidden.slice(RECYCLE_PREFIX.length);
  return rest.slice(rest.indexOf('_') + 1);
}

/** `RECOVER TABLE [db.]name`: the most recently dropped table of that name comes back. */
export async function recoverTable(s: SessionImpl, text: string): Promise<OkResult> {
  const parts = qualifiedName(text.replace(/^\s*recover\s+table\s+/i, ''));
  const { catalog, db, table } = resolveName(s, { parts });
  if (catalog !== DEFAULT_CATALOG) throw new SqlError('unknown-catalog', { catalog });
  return s.db.catalog.change(async (tx) => {
    if (!tx.databaseExists(catalog, db)) throw new SqlError('unknown-database', { db });
    const dropped = tx
      .listTables(catalog, db)
      .map((t) => t.name)
      .filter((n) => n.startsWith(RECYCLE_PREFIX) && originalName(n) === table)
      .sort();
    const last = dropped[dropped.length - 1];
    if (last === undefined) throw new SqlError('recover-unknown-table', { table });
    if (tx.getTable(catalog, db, table) !== null) throw new SqlError('table-exists', { table });
    const entry = tx.getEntry(catalog, db, last);
    if (entry === null) throw new SqlError('recover-unknown-table', { table });
    await tx.replaceTable(entry, { ...entry, name: table });
    return okResult();
  });
}
