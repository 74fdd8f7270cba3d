/** SELECT, EXPLAIN and INSERT: compile through the code generator, run on DuckDB. */
import { randomUUID } from 'node:crypto';
import { DEFAULT_CATALOG, labelExists, recordLabel, type TableDescriptor } from '../catalog/index.js';
import {
  compileInsertSource,
  compileQuery,
  explain,
  FILTERED_MARKER,
  guardedSourceSql,
  type CompiledQuery,
} from '../codegen/index.js';
import { notSupported, SqlError } from '../errors/index.js';
import { insertWriteFeatures, writeRows } from '../load/index.js';
import type { AstExplain, AstInsert, AstName, AstQuery } from '../sql/index.js';
import { T, type RowBatch, type SqlType, type Value } from '../types/index.js';
import type { ColumnMeta, OkResult, RowsResult } from './api.js';
import { col, okResult, rowsResult } from './results.js';
import type { SessionImpl } from './session.js';
import { materializeDynamic } from './system-rows.js';
import { tempTableFor } from './temp-tables.js';
import { partitionInsertSource, withPartitionedWrite } from './exec-partition.js';
import { retryOnSchemaConflict } from './exec-dml.js';

export function columnMeta(c: CompiledQuery['columns'][number]): ColumnMeta {
  return {
    name: c.name,
    type: c.type,
    nullable: c.nullable,
    ...(c.orgName !== undefined ? { orgName: c.orgName } : {}),
    ...(c.table !== undefined ? { table: c.table } : {}),
    ...(c.orgTable !== undefined ? { orgTable: c.orgTable } : {}),
    ...(c.db !== undefined ? { db: c.db } : {}),
  };
}

export async function runQuery(
  s: SessionImpl,
  query: AstQuery,
  signal: AbortSignal,
  params?: readonly Value[],
): Promise<RowsResult> {
  const { ctx, dynamicTables } = s.compileContext(params);
  // A point lookup may share its query with others (lookup-batch.ts) unless it needs this
  // connection's system-table rows.
  const compiled = compileQuery(query, ctx, { lookup: dynamicTables.size === 0 });
  const types = compiled.columns.map((c) => c.type);
  const columns = compiled.columns.map(columnMeta);
  if (compiled.lookup !== null) {
    const rows = await s.db.lookups.lookup(compiled.lookup, types, signal, queryTimeoutMs(s));
    return { kind: 'rows', columns, batches: oneBatch(rows) };
  }
  await constantSleep(query, signal);
  const rows = await s.db.engine.stream(compiled.sql, {
    types,
    maxRows: compiled.maxRows,
    signal: withQueryTimeout(s, signal),
    ...(dynamicTables.size > 0 ? { prepare: (conn) => materializeDynamic(s, conn, dynamicTables) } : {}),
  });
  return { kind: 'rows', columns, batches: rows.batches };
}

async function* oneBatch(rows: Value[][]): AsyncGenerator<RowBatch> {
  if (rows.length > 0) yield rows;
}

/**
 * SLEEP(n) really waits (DuckDB has no sleep): a FROM-less SELECT of `sleep(<number>)` items waits
 * their seconds before running (KILL QUERY ends the wait); the emitted call yields the value.
 */
async function constantSleep(query: AstQuery, signal: AbortSignal): Promise<void> {
  if (query.body.kind !== 'select' || query.body.from.length > 0) return;
  let seconds = 0;
  for (const item of query.body.items) {
    const e = item.expr;
    if (e.kind !== 'call' || e.name.length !== 1 || e.name[0]?.toLowerCase() !== 'sleep') continue;
    const arg = e.args[0];
    if (e.args.length === 1 && arg?.kind === 'number') seconds += Math.max(0, Number(arg.text));
  }
  if (seconds <= 0 || !Number.isFinite(seconds)) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, Math.min(seconds, 3600) * 1000);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
  if (signal.aborted) throw new SqlError('query-interrupted');
}

/** `query_timeout` (seconds, StarRocks default 300) in ms; 0 when off. */
function queryTimeoutMs(s: SessionImpl): number {
  const seconds = Number(s.getVar('query_timeout', null) ?? 0);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
}

/** `query_timeout` interrupts a query that runs longer. */
function withQueryTimeout(s: SessionImpl, signal: AbortSignal): AbortSignal {
  const ms = queryTimeoutMs(s);
  return ms === 0 ? signal : AbortSignal.any([signal, AbortSignal.timeout(ms)]);
}

export function runExplain(s: SessionImpl, stmt: AstExplain, params?: readonly Value[]): RowsResult {
  const { ctx } = s.compileContext(params);
  const inner = stmt.statement;
  if (inner.kind !== 'query' && inner.kind !== 'insert')
    throw notSupported(`EXPLAIN ${inner.kind.toUpperCase()}`);
  const lines = inner.kind === 'query' ? explain(inner, ctx) : explainInsert(s, inner, params);
  return rowsResult(
    [col('Explain String', T.varchar(1024))],
    lines.map((l) => [l]),
  );
}

function explainInsert(s: SessionImpl, insert: AstInsert, params?: readonly Value[]): string[] {
  const target = insertTarget(s, insert);
  const { ctx } = s.compileContext(params);
  return [
    `OLAP TABLE SINK (${target.db}.${target.name})`,
    ...explain(insert.source, ctx).map((l) => `  ${l}`),
  ];
}

/** Resolve `[catalog.][db.]table` against the session's current catalog/database. */
export function resolveName(s: SessionImpl, name: AstName): { catalog: string; db: string; table: string } {
  const parts = name.parts;
  const table = parts[parts.length - 1];
  if (table === undefined || parts.length > 3)
    throw new SqlError('wrong-table-name', { table: parts.join('.') });
  const db = parts.length >= 2 ? (parts[parts.length - 2] as string) : s.currentDb;
  const catalog = parts.length === 3 ? (parts[0] as string) : s.currentCatalog;
  if (db === null) throw new SqlError('no-db-selected');
  if (catalog !== DEFAULT_CATALOG) throw new SqlError('unknown-catalog', { catalog });
  // A temporary table of this session shadows a normal table of the same name (ddl helper).
  return { catalog, db, table: tempTableFor(s, catalog, db, table) ?? table };
}

function insertTarget(s: SessionImpl, insert: AstInsert): TableDescriptor {
  if (insert.target.kind !== 'table') throw notSupported(`INSERT INTO ${insert.target.name.toUpperCase()}()`);
  const { catalog, db, table } = resolveName(s, insert.target.name);
  if (!s.db.catalog.databaseExists(catalog, db)) throw new SqlError('analysis-unknown-database', { db });
  const target = s.db.catalog.getTable(catalog, db, table);
  if (target === null) throw new SqlError('analysis-unknown-table', { table: `${db}.${table}` });
  if (target.kind !== 'table' || target.storage === undefined) {
    throw new SqlError('analysis-error', {
      message: `The target table ${db}.${table} of the INSERT is not insertable-into`,
    });
  }
  return target;
}

function maxBytes(t: SqlType): number | null {
  return t.kind === 'varchar' || t.kind === 'char' ? t.length : null;
}

let txnCounter = Date.now() % 1_000_000;

export async function runInsert(
  s: SessionImpl,
  insert: AstInsert,
  signal: AbortSignal,
  params?: readonly Value[],
): Promise<OkResult> {
  if (insert.target.kind === 'function' && insert.target.name === 'blackhole')
    return runBlackhole(s, insert.source, signal, params);
  // A concurrent ADD/DROP COLUMN may commit between compile and write: compile again (exec-dml.ts).
  return retryOnSchemaConflict(signal, () => insertOnce(s, insert, signal, params));
}

/** `INSERT INTO BLACKHOLE() <query>`: the query runs to the end and its rows are discarded. */
async function runBlackhole(
  s: SessionImpl,
  source: AstQuery,
  signal: AbortSignal,
  params?: readonly Value[],
): Promise<OkResult> {
  const result = await runQuery(s, source, signal, params);
  let n = 0;
  for await (const batch of result.batches) n += batch.length;
  return okResult(n);
}

async function insertOnce(
  s: SessionImpl,
  insert: AstInsert,
  signal: AbortSignal,
  params?: readonly Value[],
): Promise<OkResult> {
  const target = insertTarget(s, insert);
  const { ctx, dynamicTables } = s.compileContext(params);
  const compiled = compileInsertSource(insert, target, ctx);
  const strict = s.getVar('enable_insert_strict', null) !== false;
  const columns = target.columns.map((c) => ({
    name: c.name,
    nullable: c.nullable,
    maxBytes: maxBytes(c.type),
  }));
  // The model-aware writer (load/write.ts) applies DUPLICATE/AGGREGATE/UNIQUE/PRIMARY semantics.
  const source = guardedSourceSql(columns, compiled.sql, strict);
  const dbEntry = s.db.catalog.getDatabase(target.catalog, target.db);
  const label = insert.label ?? `insert_${randomUUID().replace(/-/g, '')}`;
  const txnId = ++txnCounter;
  let rows: number;
  try {
    // Partitions (exec-partition.ts): OVERWRITE/PARTITION (…) targets, range check, table lock.
    rows = await withPartitionedWrite(target, insert.overwrite, () =>
      s.db.engine.transaction(async (conn) => {
        const abort = (): void => conn.interrupt();
        signal.addEventListener('abort', abort);
        try {
          if (signal.aborted) throw new SqlError('query-interrupted');
          if (
            dbEntry !== null &&
            insert.label !== undefined &&
            (await labelExists(conn, dbEntry.id, label))
          ) {
            throw new SqlError('label-exists', { label });
          }
          if (dynamicTables.size > 0) await materializeDynamic(s, conn, dynamicTables);
          const n = await writeRows(
            conn,
            target,
            await partitionInsertSource(conn, target, source, insert, strict),
            insertWriteFeatures(target, insert.columns),
          );
          if (dbEntry !== null && insert.label !== undefined)
            await recordLabel(conn, dbEntry.id, label, txnId);
          return n;
        } finally {
          signal.removeEventListener('abort', abort);
        }
      }),
    );
  } catch (error) {
    throw insertError(error, signal);
  }
  return okResult(rows, `{'label':'${label}', 'status':'VISIBLE', 'txnId':'${txnId}'}`);
}

/** DuckDB's NOT NULL / our length guard failures are StarRocks' strict-mode "filtered data". */
function insertError(error: unknown, signal: AbortSignal): unknown {
  if (signal.aborted) return new SqlError('query-interrupted');
  if (!(error instanceof SqlError)) return error;
  if (error.errno === 1048 || error.message.includes(FILTERED_MARKER)) {
    const column = error.message.includes(FILTERED_MARKER)
      ? error.message
          .slice(error.message.indexOf(FILTERED_MARKER) + FILTERED_MARKER.length)
          .split(/['"\s]/)[0]
      : /'([^']*)'/.exec(error.message)?.[1];
    return new SqlError('insert-filtered', {
      detail: `Column '${column ?? '?'}' rejected a value (NULL in a NOT NULL column or longer than its length).`,
    });
  }
  return error;
}
