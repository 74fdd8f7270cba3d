/**
 * CREATE/DROP DATABASE, CREATE TABLE (incl. CTAS and LIKE), DROP TABLE/VIEW, TRUNCATE, CREATE
 * [OR REPLACE]/ALTER VIEW. Each change validates against the catalog inside `catalog.change`, so
 * the check, the metadata rows, the storage DDL and (for CTAS) the data commit together.
 */
import {
  DEFAULT_CATALOG,
  INFO_SCHEMA,
  nowText,
  partitions,
  type NewTable,
  type TableDescriptor,
  type TableEntry,
} from '../catalog/index.js';
import {
  compileQuery,
  createSchemaSql,
  createTableSql,
  dropSchemaSql,
  dropAutoIncrementSequenceSql,
  dropTableSql,
  keyIndexSql,
  truncateTableSql,
  wantsKeyIndex,
  type CompiledQuery,
} from '../codegen/index.js';
import { notSupported, SqlError } from '../errors/index.js';
import type {
  AstAlterView,
  AstColumnDef,
  AstCreateDatabase,
  AstCreateTable,
  AstCreateView,
  AstDropDatabase,
  AstDropTable,
  AstQuery,
  AstTruncateTable,
  AstViewColumn,
} from '../sql/index.js';
import { writeRows } from '../load/index.js';
import { T, type SqlType } from '../types/index.js';
import type { OkResult } from './api.js';
import { resolveName } from './exec-query.js';
import { okResult } from './results.js';
import type { SessionImpl } from './session.js';
import { materializeDynamic } from './system-rows.js';
import { defaultKeys, newTableFromAst } from './table-def.js';
import { checkDropDatabase, watchTemporary } from './exec-temp-table.js';
import { moveToRecycleBin } from './exec-recycle.js';
import { checkDropDependencies, deactivateDependents } from './mv-dependencies.js';
import { displayName, isTempName, tempStorageName } from './temp-tables.js';

function isInfoSchema(db: string): boolean {
  return db.toLowerCase() === INFO_SCHEMA;
}

function checkDbName(db: string): void {
  if (db === '' || db.length > 256 || db.includes('\0') || /\s/.test(db))
    throw new SqlError('wrong-db-name', { db });
}

function checkTableName(table: string): void {
  if (table === '' || table.length > 1024 || table.includes('\0'))
    throw new SqlError('wrong-table-name', { table });
}

function dbName(s: SessionImpl, parts: readonly string[]): { catalog: string; db: string } {
  const db = parts[parts.length - 1] ?? '';
  const catalog = parts.length >= 2 ? (parts[0] as string) : s.currentCatalog;
  if (catalog !== DEFAULT_CATALOG) throw new SqlError('unknown-catalog', { catalog });
  return { catalog, db };
}

export async function createDatabase(s: SessionImpl, stmt: AstCreateDatabase): Promise<OkResult> {
  const { catalog, db } = dbName(s, stmt.name.parts);
  checkDbName(db);
  return s.db.catalog.change(async (tx) => {
    if (tx.databaseExists(catalog, db)) {
      if (stmt.ifNotExists) return okResult();
      throw new SqlError('db-exists', { db });
    }
    const entry = await tx.createDatabase(catalog, db, stmt.properties);
    await tx.conn.execute(createSchemaSql(entry.storageSchema));
    return okResult();
  });
}

export async function dropDatabase(s: SessionImpl, stmt: AstDropDatabase): Promise<OkResult> {
  const { catalog, db } = dbName(s, stmt.name.parts);
  if (isInfoSchema(db)) throw new SqlError('wrong-db-name', { db });
  checkDropDatabase(s, catalog, db, stmt.force);
  const result = await s.db.catalog.change(async (tx) => {
    const entry = tx.getDatabase(catalog, db);
    if (entry === null) {
      if (stmt.ifExists) return okResult();
      throw new SqlError('db-drop-missing', { db });
    }
    await tx.dropDatabase(catalog, db);
    await tx.conn.execute(dropSchemaSql(entry.storageSchema));
    return okResult();
  });
  if (s.currentDb === db && s.currentCatalog === catalog) s.currentDb = null;
  return result;
}

/** Columns of a CTAS table from the compiled query (StarRocks: every column nullable). */
function ctasColumns(stmt: AstCreateTable, compiled: CompiledQuery): AstColumnDef[] {
  const names = stmt.columnNames;
  if (names !== undefined && names.length !== compiled.columns.length) {
    throw new SqlError('invalid-table-definition', {
      message: "Number of columns don't equal number of SELECT statement's select list",
    });
  }
  return compiled.columns.map((c, i) => {
    if (c.type.kind === 'null')
      throw new SqlError('invalid-table-definition', {
        message: `Unsupported type 'NULL_TYPE' in create table as select statement`,
      });
    return { name: names?.[i] ?? c.name, type: ctasType(c.type), nullable: true, autoIncrement: false };
  });
}

/**
 * StarRocks' CTAS column types (CREATE TABLE AS SELECT page): FLOAT and DOUBLE become
 * DECIMAL(38,9) (a column may become a key, which must be exact); CHAR, VARCHAR and STRING
 * become VARCHAR(65533).
 */
function ctasType(t: SqlType): SqlType {
  if (t.kind === 'float' || t.kind === 'double') return T.decimal(38, 9);
  if (t.kind === 'char' || t.kind === 'varchar' || t.kind === 'string') return T.varchar();
  return t;
}

export async function createTable(
  s: SessionImpl,
  stmt: AstCreateTable,
  signal: AbortSignal,
): Promise<OkResult> {
  if (stmt.external) throw notSupported('CREATE EXTERNAL TABLE');
  const resolved = resolveName(s, stmt.name);
  const { catalog, db } = resolved;
  // The name as written (resolveName maps it to this session's temporary table if one exists).
  const shown = displayName(resolved.table);
  checkTableName(shown);
  const table = stmt.temporary ? tempStorageName(s, shown) : shown;
  if (isInfoSchema(db))
    throw new SqlError('analysis-error', { message: `Access denied; database ${INFO_SCHEMA} is read only` });
  if (!s.db.catalog.databaseExists(catalog, db)) throw new SqlError('unknown-database', { db });
  let compiled: CompiledQuery | null = null;
  let dynamic = new Set<TableDescriptor>();
  let spec: NewTable;
  if (stmt.asQuery !== undefined) {
    const tracked = s.compileContext();
    compiled = compileQuery(stmt.asQuery, tracked.ctx);
    dynamic = tracked.dynamicTables;
    const columns = stmt.columns.length > 0 ? stmt.columns : ctasColumns(stmt, compiled);
    spec = newTableFromAst({ ...stmt, keys: stmt.keys ?? defaultKeys(columns) }, table, columns);
  } else if (stmt.like !== undefined) {
    spec = likeSpec(s, stmt, table);
  } else {
    spec = newTableFromAst(stmt, table, stmt.columns);
  }
  const source = compiled;
  return s.db.catalog.change(async (tx) => {
    if (!tx.databaseExists(catalog, db)) throw new SqlError('unknown-database', { db });
    if (tx.getTable(catalog, db, table) !== null) {
      if (stmt.ifNotExists) return okResult();
      throw new SqlError('analysis-table-exists', { table: shown });
    }
    const entry = await tx.createTable(catalog, db, spec);
    const storage = entry.storage;
    if (storage === undefined) throw new SqlError('internal-error', { message: 'table without storage' });
    await tx.conn.execute(createTableSql(storage, entry.columns));
    await partitions.createTablePartitions(tx.conn, entry, s.db.scheduler?.now() ?? nowText());
    if (wantsKeyIndex(entry.keysType, entry.columns)) {
      const keys = entry.columns.filter((c) => c.isKey).map((c) => c.name);
      await tx.conn.execute(keyIndexSql(storage, keys));
    }
    if (source === null) return okResult();
    if (signal.aborted) throw new SqlError('query-interrupted');
    if (dynamic.size > 0) await materializeDynamic(s, tx.conn, dynamic);
    return okResult(await writeRows(tx.conn, entry, source.sql));
  });
}

function likeSpec(s: SessionImpl, stmt: AstCreateTable, table: string): NewTable {
  const src = resolveName(s, stmt.like ?? { parts: [] });
  const entry = s.db.catalog.getEntry(src.catalog, src.db, src.table);
  if (entry === null || entry.kind !== 'table')
    throw new SqlError('analysis-unknown-table', { table: `${src.db}.${src.table}` });
  // A temporary copy joins no colocation group.
  const properties = stmt.temporary
    ? entry.definition.properties.filter((p) => p.key.toLowerCase() !== 'colocate_with')
    : entry.definition.properties;
  return {
    kind: 'table',
    name: table,
    columns: entry.columns,
    ...(entry.keysType !== undefined ? { keysType: entry.keysType } : {}),
    comment: entry.comment,
    definition: { ...entry.definition, properties },
  };
}

export async function dropTable(
  s: SessionImpl,
  stmt: AstDropTable,
  kind: 'table' | 'view',
): Promise<OkResult> {
  const { catalog, db, table } = resolveName(s, stmt.name);
  let droppedTable = false;
  const result = await s.db.catalog.change(async (tx) => {
    if (!tx.databaseExists(catalog, db)) {
      if (stmt.ifExists) return okResult();
      throw new SqlError('unknown-database', { db });
    }
    const entry = tx.getEntry(catalog, db, table);
    // DROP TEMPORARY TABLE never drops a normal table.
    if (entry === null || (stmt.temporary === true && !isTempName(table))) {
      if (stmt.ifExists) return okResult();
      throw new SqlError(stmt.temporary === true ? 'analysis-unknown-table' : 'unknown-table', {
        table: displayName(table),
      });
    }
    if (kind === 'view' && entry.kind !== 'view')
      throw new SqlError('wrong-object', { db, name: table, what: 'VIEW' });
    // StarRocks' DropStmtAnalyzer text: an async MV is dropped only by DROP MATERIALIZED VIEW.
    if (kind === 'table' && entry.kind === 'materialized-view') {
      const message = `The data of '${entry.name}' cannot be dropped because '${entry.name}' is a materialized view,use 'drop materialized view ${entry.name}' to drop it`;
      throw new SqlError('analysis-error', { message });
    }
    if (catalog === DEFAULT_CATALOG) checkDropDependencies(s, db, table);
    droppedTable = catalog === DEFAULT_CATALOG && entry.kind === 'table';
    // Without FORCE a table goes to the recycle bin (RECOVER TABLE brings it back).
    if (kind === 'table' && !stmt.force && entry.kind === 'table' && !isTempName(table))
      return moveToRecycleBin(tx, entry).then(() => okResult());
    await tx.dropTable(catalog, db, table);
    if (entry.storage !== undefined) await tx.conn.execute(dropTableSql(entry.storage));
    if (entry.storage !== undefined && entry.columns.some((c) => c.autoIncrement))
      await tx.conn.execute(dropAutoIncrementSequenceSql(entry.storage));
    return okResult();
  });
  // After the drop committed (platform documents change in their own transaction).
  if (droppedTable) await deactivateDependents(s.db, db, table);
  return result;
}

export async function truncateTable(s: SessionImpl, stmt: AstTruncateTable): Promise<OkResult> {
  if (stmt.partitions !== undefined) throw notSupported('TRUNCATE TABLE … PARTITION');
  const { catalog, db, table } = resolveName(s, stmt.name);
  if (!s.db.catalog.databaseExists(catalog, db)) throw new SqlError('unknown-database', { db });
  const entry = s.db.catalog.getEntry(catalog, db, table);
  if (entry === null) throw new SqlError('unknown-table', { table });
  if (entry.storage === undefined)
    throw new SqlError('wrong-object', { db, name: table, what: 'OLAP TABLE' });
  await s.db.engine.execute(truncateTableSql(entry.storage));
  return okResult();
}

/** Compile a view body in the view's database (where the binder will expand it later). */
function viewSpec(
  s: SessionImpl,
  db: string,
  name: string,
  query: AstQuery,
  queryText: string,
  columns: readonly AstViewColumn[] | undefined,
  comment: string | undefined,
  security: 'none' | 'invoker' | undefined,
): NewTable {
  const { ctx } = s.compileContext();
  const watched = watchTemporary(s, ctx.catalog);
  const compiled = compileQuery(query, { ...ctx, catalog: watched.view, currentDb: db });
  if (watched.used()) throw new SqlError('analysis-error', { message: "View can't base on temporary table" });
  if (columns !== undefined && columns.length !== compiled.columns.length)
    throw new SqlError('view-wrong-list');
  const seen = new Set<string>();
  const cols = compiled.columns.map((c, i) => {
    const colName = columns?.[i]?.name ?? c.name;
    if (seen.has(colName.toLowerCase())) throw new SqlError('duplicate-column', { column: colName });
    seen.add(colName.toLowerCase());
    return {
      name: colName,
      type: c.type,
      nullable: c.nullable,
      isKey: false,
      defaultValue: null,
      autoIncrement: false,
      comment: columns?.[i]?.comment ?? '',
    };
  });
  return {
    kind: 'view',
    name,
    columns: cols,
    viewQueryText: queryText,
    comment: comment ?? '',
    definition: {
      engine: 'VIEW',
      properties: [],
      indexes: [],
      rollups: [],
      ...(columns !== undefined ? { viewColumns: columns } : {}),
      ...(security !== undefined ? { security } : {}),
    },
  };
}

export async function createView(s: SessionImpl, stmt: AstCreateView): Promise<OkResult> {
  const { catalog, db, table } = resolveName(s, stmt.name);
  checkTableName(table);
  if (!s.db.catalog.databaseExists(catalog, db)) throw new SqlError('unknown-database', { db });
  const spec = viewSpec(s, db, table, stmt.query, stmt.queryText, stmt.columns, stmt.comment, stmt.security);
  return s.db.catalog.change(async (tx) => {
    const existing = tx.getEntry(catalog, db, table);
    if (existing !== null) {
      if (stmt.ifNotExists) return okResult();
      if (!stmt.orReplace || existing.kind !== 'view') throw new SqlError('table-exists', { table });
      await tx.replaceTable(existing, replaced(existing, spec));
      return okResult();
    }
    await tx.createTable(catalog, db, spec);
    return okResult();
  });
}

function replaced(existing: TableEntry, spec: NewTable): TableEntry {
  return {
    ...existing,
    columns: spec.columns,
    comment: spec.comment || existing.comment,
    definition: spec.definition,
    ...(spec.viewQueryText !== undefined ? { viewQueryText: spec.viewQueryText } : {}),
  };
}

export async function alterView(s: SessionImpl, stmt: AstAlterView): Promise<OkResult> {
  const { catalog, db, table } = resolveName(s, stmt.name);
  if (!s.db.catalog.databaseExists(catalog, db)) throw new SqlError('unknown-database', { db });
  const spec = viewSpec(s, db, table, stmt.query, stmt.queryText, stmt.columns, undefined, undefined);
  return s.db.catalog.change(async (tx) => {
    const existing = tx.getEntry(catalog, db, table);
    if (existing === null) throw new SqlError('unknown-table', { table });
    if (existing.kind !== 'view') throw new SqlError('wrong-object', { db, name: table, what: 'VIEW' });
    await tx.replaceTable(existing, replaced(existing, spec));
    return okResult();
  });
}

/**
 * `ALTER SYSTEM CREATE IMAGE`: StarRocks writes a metadata checkpoint; here metadata and data
 * share the DuckDB file, so the equivalent is a DuckDB CHECKPOINT (WAL folded into the file).
 * Skipped quietly while other transactions run: the WAL is already durable.
 */
export async function alterSystem(s: SessionImpl, text: string): Promise<OkResult> {
  if (!/^\s*alter\s+system\s+create\s+image\s*;?\s*$/i.test(text)) throw notSupported('ALTER SYSTEM');
  await s.db.engine.execute('CHECKPOINT').catch(() => undefined);
  return okResult();
}
