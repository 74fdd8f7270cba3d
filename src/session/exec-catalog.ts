/**
 * Reading external catalogs (Hive through its metastore) from SQL: the tables a statement names
 * are resolved BEFORE it is compiled (metastore calls and file listing are async; the binder's
 * CatalogView is not), kept per session for that statement, and bound like tables whose storage
 * is a per-connection TEMP VIEW the engine creates right before the query runs (the same hook as
 * the dynamic information_schema tables). SHOW DATABASES/TABLES, DESC and USE for external
 * catalogs are answered from the metastore too.
 */
import { createHash } from 'node:crypto';
import { DEFAULT_CATALOG, plainColumn, typeDesc, typeSql, type TableDescriptor } from '../catalog/index.js';
import type { CatalogDoc } from '../catalog/external/index.js';
import { tableReferences } from '../catalog/mv/index.js';
import { Tokens } from '../catalog/resources/index.js';
import type { EngineConnection } from '../engine/index.js';
import { notSupported, SqlError } from '../errors/index.js';
import {
  describeHiveTable,
  externalScanQuery,
  externalScanViewSql,
  hiveFileGroups,
  metastoreSqlError,
  parquetColumnsSql,
  stageFiles,
  withMetastore,
  type ExternalColumn,
  type FileGroup,
  type HiveTableInfo,
  type HmsClient,
} from '../lakehouse/index.js';
import type { AstDescribe, AstQuery, AstShow } from '../sql/index.js';
import type { Value } from '../types/index.js';
import type { OkResult, RowsResult } from './api.js';
import { platformOf } from './exec-mv.js';
import { requireCatalogUsage } from './exec-security.js';
import { col, okResult, rowsResult } from './results.js';
import type { SessionImpl } from './session.js';
import { filterLike, filterWhere } from './show-filter.js';

/** One external table read by the running statement. */
interface ResolvedTable {
  readonly descriptor: TableDescriptor;
  readonly columns: readonly ExternalColumn[];
  /** Files already staged in the engine's file area. */
  readonly groups: readonly FileGroup[];
}

const RESOLVED = new WeakMap<SessionImpl, Map<string, ResolvedTable>>();
const SCANS = new WeakMap<TableDescriptor, ResolvedTable>();

/**
 * Column names per staged file. A staged path names one (real path, size, mtime), so its Parquet
 * footer never changes: read once with parquet_schema, then remembered (bounded).
 */
const FILE_COLUMNS = new Map<string, ReadonlySet<string>>();
const MAX_FILE_COLUMNS = 100_000;

const key = (catalog: string, db: string, table: string): string => `${catalog}\0${db}\0${table}`;

/** The stored definition of an external catalog (undefined: none by that name). */
export function externalCatalog(s: SessionImpl, name: string): CatalogDoc | undefined {
  return platformOf(s.db).docs.get<CatalogDoc>('catalog', name);
}

/** The metastore URIs of a catalog Rockling can read; a clear refusal for the others. */
function metastoreOf(doc: CatalogDoc): string {
  const prop = (k: string): string | undefined =>
    doc.properties.find((p) => p.key.toLowerCase() === k)?.value;
  if (doc.type !== 'hive')
    throw notSupported(
      `reading tables of external catalog '${doc.name}' (type ${doc.type}); Rockling reads Hive catalogs`,
    );
  const ms = (prop('hive.metastore.type') ?? 'hive').toLowerCase();
  const uris = prop('hive.metastore.uris');
  if (ms !== 'hive' || uris === undefined)
    throw notSupported(
      `reading Hive catalog '${doc.name}' with metastore type ${ms}; Rockling talks to Hive Metastore (thrift) only`,
    );
  return uris;
}

/** The catalog's definition, after checking the user may use it. */
function requireCatalog(s: SessionImpl, name: string): CatalogDoc {
  const doc = externalCatalog(s, name);
  if (doc === undefined) throw new SqlError('unknown-catalog', { catalog: name });
  requireCatalogUsage(s, name);
  return doc;
}

async function onMetastore<T>(doc: CatalogDoc, fn: (c: HmsClient) => Promise<T>): Promise<T> {
  try {
    return await withMetastore(metastoreOf(doc), fn);
  } catch (error) {
    throw metastoreSqlError(error, '');
  }
}

function descriptor(catalog: string, info: HiveTableInfo): TableDescriptor {
  return {
    kind: 'table',
    catalog,
    db: info.db,
    name: info.name,
    columns: info.columns.map((c) => plainColumn(c.name, c.type, c.comment)),
    // One stable name per table: the view is replaced on each read, so pooled connections keep
    // at most one view per external table they ever read (temp views are per connection).
    storage: {
      schema: 'temp',
      table: `__rl_ext_${createHash('sha1')
        .update(key(catalog, info.db, info.name))
        .digest('hex')
        .slice(0, 16)}`,
    },
    comment: '',
  };
}

/**
 * Resolve every external table a statement reads (`parts` as written; 1–2 parts use the current
 * catalog/db): metastore schema and partitions, file lists, staged files. Kept until
 * `clearExternal`.
 */
export async function resolveExternalRefs(
  s: SessionImpl,
  refs: readonly (readonly string[])[],
): Promise<void> {
  const resolved = new Map<string, ResolvedTable>();
  RESOLVED.set(s, resolved);
  for (const parts of refs) {
    const catalog = parts.length === 3 ? (parts[0] as string) : s.currentCatalog;
    const db = parts.length >= 2 ? (parts[parts.length - 2] as string) : s.currentDb;
    const name = parts[parts.length - 1] as string;
    if (db === null) throw new SqlError('no-db-selected');
    if (resolved.has(key(catalog, db, name))) continue;
    const doc = requireCatalog(s, catalog);
    const table = await onMetastore(doc, async (c) => {
      const info = await describeHiveTable(c, db, name);
      const groups = await hiveFileGroups(c, info);
      const staged: FileGroup[] = [];
      for (const g of groups) staged.push({ ...g, files: await stageFiles(s.db.engine.fileArea, g.files) });
      return { descriptor: descriptor(catalog, info), columns: info.columns, groups: staged };
    });
    resolved.set(key(catalog, db, name), table);
    SCANS.set(table.descriptor, table);
  }
}

/** The table references of a query that name tables of external catalogs. */
export function externalRefs(s: SessionImpl, query: AstQuery): string[][] {
  // Most databases have no external catalog: then no statement needs its AST walked for one.
  if (query.body.kind === 'values' || platformOf(s.db).docs.list('catalog').length === 0) return [];
  return tableReferences(query).filter((parts) => {
    const catalog = parts.length === 3 ? (parts[0] as string) : s.currentCatalog;
    return catalog !== DEFAULT_CATALOG && externalCatalog(s, catalog) !== undefined;
  });
}

/** Does a query read tables of external catalogs (its columns are known only once it runs)? */
export function readsExternal(s: SessionImpl, query: AstQuery): boolean {
  return externalRefs(s, query).length > 0;
}

/** Forget the running statement's external tables. */
export function clearExternal(s: SessionImpl): void {
  RESOLVED.delete(s);
}

/** The binder's lookup for external catalogs (only tables resolved for this statement). */
export function externalTable(
  s: SessionImpl,
  catalog: string,
  db: string,
  name: string,
): TableDescriptor | null {
  return RESOLVED.get(s)?.get(key(catalog, db, name))?.descriptor ?? null;
}

/** Whether a resolved table of this statement lives in `catalog.db`. */
export function externalDatabaseSeen(s: SessionImpl, catalog: string, db: string): boolean {
  for (const t of RESOLVED.get(s)?.values() ?? [])
    if (t.descriptor.catalog === catalog && t.descriptor.db === db) return true;
  return false;
}

/** Is this descriptor an external table read (its view is created by `materializeExternal`)? */
export function isExternalScan(t: TableDescriptor): boolean {
  return SCANS.has(t);
}

/** Create the TEMP VIEW of one external table on the connection that runs the statement. */
export async function materializeExternal(conn: EngineConnection, t: TableDescriptor): Promise<void> {
  const table = SCANS.get(t);
  if (table === undefined || t.storage === undefined) return;
  const files = table.groups.flatMap((g) => g.files);
  const present = new Map<string, ReadonlySet<string>>();
  const unknown = files.filter((f) => !FILE_COLUMNS.has(f));
  if (unknown.length > 0) {
    const found = new Map<string, Set<string>>(unknown.map((f) => [f, new Set<string>()]));
    const { rows } = await conn.queryAll(parquetColumnsSql(unknown));
    for (const [file, name] of rows) found.get(String(file))?.add(String(name));
    if (FILE_COLUMNS.size + found.size > MAX_FILE_COLUMNS) FILE_COLUMNS.clear();
    for (const [f, set] of found) FILE_COLUMNS.set(f, set);
  }
  for (const f of files) present.set(f, FILE_COLUMNS.get(f) ?? new Set());
  const groups = table.groups.map((g) => ({
    ...g,
    present: new Set(g.files.flatMap((f) => [...(present.get(f) ?? [])])),
  }));
  await conn.execute(externalScanViewSql(t.storage.table, externalScanQuery(table.columns, groups)));
}

// --- SHOW / DESC / USE -------------------------------------------------------------------------

async function filtered(
  s: SessionImpl,
  stmt: AstShow,
  names: readonly string[],
  rows: Value[][],
  signal: AbortSignal,
): Promise<RowsResult> {
  const columns = names.map((n) => col(n));
  return rowsResult(
    columns,
    await filterWhere(s, columns, filterLike(rows, 0, stmt.like, true), stmt.where, signal),
  );
}

/** SHOW DATABASES / SHOW TABLES when they name (or run in) an external catalog; null otherwise. */
export async function showExternal(
  s: SessionImpl,
  stmt: AstShow,
  signal: AbortSignal,
): Promise<RowsResult | null> {
  if (stmt.what === 'databases') {
    const name = stmt.from?.parts[0] ?? s.currentCatalog;
    if (name === DEFAULT_CATALOG) return null;
    const doc = requireCatalog(s, name);
    const dbs = await onMetastore(doc, (c) => c.getAllDatabases());
    return filtered(
      s,
      stmt,
      ['Database'],
      dbs.map((d) => [d]),
      signal,
    );
  }
  if (stmt.what !== 'tables') return null;
  const parts = stmt.from?.parts ?? [];
  const catalog = parts.length === 2 ? (parts[0] as string) : s.currentCatalog;
  if (catalog === DEFAULT_CATALOG) return null;
  const db = parts.length > 0 ? (parts[parts.length - 1] as string) : s.currentDb;
  if (db === null) throw new SqlError('no-db-selected');
  const doc = requireCatalog(s, catalog);
  const tables = await onMetastore(doc, async (c) => {
    try {
      await c.getDatabase(db);
      return await c.getAllTables(db);
    } catch (error) {
      throw metastoreSqlError(error, db);
    }
  });
  const rows = tables.map((t) => (stmt.full ? [t, 'BASE TABLE'] : [t]));
  return filtered(s, stmt, stmt.full ? [`Tables_in_${db}`, 'Table_type'] : [`Tables_in_${db}`], rows, signal);
}

/** DESC of an external table (StarRocks: Field, Type, Null, Key, Default, Extra); null otherwise. */
export async function describeExternal(s: SessionImpl, stmt: AstDescribe): Promise<RowsResult | null> {
  const parts = stmt.table.parts;
  const catalog = parts.length === 3 ? (parts[0] as string) : s.currentCatalog;
  if (catalog === DEFAULT_CATALOG) return null;
  const db = parts.length >= 2 ? (parts[parts.length - 2] as string) : s.currentDb;
  if (db === null) throw new SqlError('no-db-selected');
  const doc = requireCatalog(s, catalog);
  const info = await onMetastore(doc, (c) => describeHiveTable(c, db, parts[parts.length - 1] as string));
  return rowsResult(
    ['Field', 'Type', 'Null', 'Key', 'Default', 'Extra'].map((n) => col(n)),
    info.columns.map((c) => [
      c.name,
      typeDesc(c.type),
      'YES',
      'false',
      null,
      c.partitionKey ? 'partition key' : '',
    ]),
  );
}

/** The `catalog.db.table` a SHOW/DESC names, when it is in an external catalog; null otherwise. */
function externalName(
  s: SessionImpl,
  parts: readonly string[],
): { catalog: string; db: string; table: string } | null {
  const catalog = parts.length === 3 ? (parts[0] as string) : s.currentCatalog;
  if (catalog === DEFAULT_CATALOG) return null;
  const db = parts.length >= 2 ? (parts[parts.length - 2] as string) : s.currentDb;
  if (db === null) throw new SqlError('no-db-selected');
  return { catalog, db, table: parts[parts.length - 1] as string };
}

/**
 * SHOW CREATE TABLE of a Hive table, in the form StarRocks prints external tables: columns with
 * their StarRocks types, `PARTITION BY (keys)`, and the location as a property.
 */
export async function showCreateExternal(s: SessionImpl, stmt: AstShow): Promise<RowsResult | null> {
  const name = stmt.target === undefined ? null : externalName(s, stmt.target.parts);
  if (name === null) return null;
  const doc = requireCatalog(s, name.catalog);
  const info = await onMetastore(doc, (c) => describeHiveTable(c, name.db, name.table));
  const q = (n: string): string => `\`${n.replace(/`/g, '``')}\``;
  const cols = info.columns.map(
    (c) =>
      `  ${q(c.name)} ${typeSql(c.type)} DEFAULT NULL${c.comment !== '' ? ` COMMENT "${c.comment.replace(/"/g, '\\"')}"` : ''}`,
  );
  const keys = info.columns.filter((c) => c.partitionKey).map((c) => q(c.name));
  const text =
    `CREATE TABLE ${q(info.name)} (\n${cols.join(',\n')}\n)` +
    (keys.length > 0 ? `\nPARTITION BY (${keys.join(', ')})` : '') +
    `\nPROPERTIES ("location" = "${info.location.replace(/"/g, '\\"')}");`;
  return rowsResult([col('Table'), col('Create Table')], [[info.name, text]]);
}

/**
 * REFRESH EXTERNAL TABLE [catalog.][db.]table [PARTITION (…)]: StarRocks refreshes its cached
 * metastore metadata. Rockling keeps no cache (every statement asks the metastore), so this only
 * checks that the table exists; tables of the default catalog are refused as StarRocks does.
 */
export async function refreshExternalTable(s: SessionImpl, text: string): Promise<OkResult> {
  const t = new Tokens(text);
  t.expectWords('REFRESH', 'EXTERNAL', 'TABLE');
  const name = externalName(s, t.qualifiedName());
  if (name === null) throw new SqlError('analysis-error', { message: 'Only support refresh external table' });
  const doc = requireCatalog(s, name.catalog);
  await onMetastore(doc, (c) => describeHiveTable(c, name.db, name.table));
  return okResult();
}

/** USE catalog.db / SET CATALOG for an external catalog (the database must exist in the metastore). */
export async function useExternalCatalog(
  s: SessionImpl,
  catalog: string,
  db: string | null,
): Promise<OkResult> {
  const doc = requireCatalog(s, catalog);
  if (db !== null)
    await onMetastore(doc, async (c) => {
      try {
        await c.getDatabase(db);
      } catch (error) {
        throw metastoreSqlError(error, db);
      }
    });
  s.currentCatalog = catalog;
  s.currentDb = db;
  return okResult();
}
