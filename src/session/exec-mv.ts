/**
 * Materialized views. Asynchronous MVs are catalog tables of kind 'materialized-view' whose rows
 * are the query's result: CREATE records the entry, creates the storage and (unless DEFERRED)
 * fills it in ONE transaction; REFRESH replaces the rows atomically (DELETE + INSERT … SELECT and
 * the refresh record commit together); `EVERY (INTERVAL …)` refreshes run on the scheduler.
 * Synchronous MVs (single-table rollups, no REFRESH/DISTRIBUTED/PARTITION clause) are stored and
 * shown; Rockling has no query rewrite, so they are never used to answer queries.
 */
import { DEFAULT_CATALOG, INFO_SCHEMA, type TableEntry } from '../catalog/index.js';
import {
  asyncCreateText,
  baseTables,
  asyncMvRow,
  queryRewriteStatus,
  MV_COLUMNS,
  MvScheduler,
  nextRun,
  syncCreateText,
  syncMvRow,
  realClock,
  refreshScheme,
  type MvClock,
  type MvDoc,
  type MvRefreshRecord,
  type ScheduledMv,
  type SyncMvDoc,
} from '../catalog/mv/index.js';
import { DocStore } from '../catalog/resources/index.js';
import { compileQuery, createTableSql, insertIntoSql, truncateTableSql } from '../codegen/index.js';
import { SqlError, toSqlError } from '../errors/index.js';
import { onLoadCommitted } from '../load/index.js';
import { parseQuery, type AstCreateMaterializedView, type AstQuery, type AstShow } from '../sql/index.js';
import { T } from '../types/index.js';
import type { OkResult, RowsResult } from './api.js';
import type { DatabaseImpl } from './database.js';
import { resolveName } from './exec-query.js';
import { col, okResult, rowsResult } from './results.js';
import type { SessionImpl } from './session.js';
import { filterLike, filterWhere } from './show-filter.js';
import { clearExternal, externalRefs, readsExternal, resolveExternalRefs } from './exec-catalog.js';
import { materializeDynamic } from './system-rows.js';
import { mvColumns, mvOutputNames } from './mv-columns.js';
import { watchTemporary } from './exec-temp-table.js';

/** Per-database platform state: the document store and the MV refresh scheduler. */
export interface Platform {
  readonly docs: DocStore;
  readonly scheduler: MvScheduler;
  readonly clock: MvClock;
}

const PLATFORMS = new WeakMap<DatabaseImpl, Platform>();
/** Unregister functions of the committed-load listeners (src/load/commit-hooks.ts). */
const LOAD_HOOKS = new WeakMap<DatabaseImpl, () => void>();

/** Load the platform documents and start the MV scheduler (openDatabase calls this). */
export async function openPlatform(db: DatabaseImpl, clock: MvClock = realClock): Promise<Platform> {
  await PLATFORMS.get(db)?.scheduler.stop();
  const docs = await DocStore.open(db.catalog);
  const scheduler = new MvScheduler(
    clock,
    () => scheduledMvs(db),
    async (id) => {
      await refreshById(db, id, false);
    },
  );
  const platform: Platform = { docs, scheduler, clock };
  PLATFORMS.set(db, platform);
  // Stream Load, transaction load COMMIT and Routine Load commit outside SQL: they refresh
  // REFRESH ASYNC MVs through the same path as INSERT.
  LOAD_HOOKS.get(db)?.();
  LOAD_HOOKS.set(
    db,
    onLoadCommitted(db.engine, (dbName, table) => onTableWritten(db, dbName, table)),
  );
  scheduler.start();
  return platform;
}

/** Stop the MV scheduler and wait for running refreshes (before the engine closes). */
export async function closePlatform(db: DatabaseImpl): Promise<void> {
  LOAD_HOOKS.get(db)?.();
  LOAD_HOOKS.delete(db);
  await PLATFORMS.get(db)?.scheduler.stop();
}

export function platformOf(db: DatabaseImpl): Platform {
  const p = PLATFORMS.get(db);
  if (p === undefined) throw new SqlError('internal-error', { message: 'platform state not loaded' });
  return p;
}

/** StarRocks' 'invalid materialized view' analysis error. */
export function invalid(message: string): SqlError {
  return new SqlError('analysis-error', { message });
}

/** The live entry of an MV document (null when its table was dropped another way). */
export function mvEntry(db: DatabaseImpl, doc: MvDoc): TableEntry | null {
  const e = db.catalog.getEntry(DEFAULT_CATALOG, doc.db, doc.name);
  return e !== null && e.id === doc.tableId && e.kind === 'materialized-view' ? e : null;
}

/** Asynchronous MVs that still exist, with their documents. */
export function liveMvs(db: DatabaseImpl): { doc: MvDoc; entry: TableEntry }[] {
  return platformOf(db)
    .docs.list<MvDoc>('mv')
    .flatMap((doc) => {
      const entry = mvEntry(db, doc);
      return entry === null ? [] : [{ doc, entry }];
    });
}

/** Synchronous MVs whose base table still exists. */
export function liveSyncMvs(db: DatabaseImpl): SyncMvDoc[] {
  return platformOf(db)
    .docs.list<SyncMvDoc>('sync-mv')
    .filter((d) => db.catalog.getEntry(DEFAULT_CATALOG, d.db, d.baseTable)?.id === d.baseTableId);
}

function scheduledMvs(db: DatabaseImpl): ScheduledMv[] {
  return liveMvs(db)
    .filter((m) => m.doc.active)
    .map((m) => ({ tableId: m.doc.tableId, nextRun: (after: number) => nextRun(m.doc.refresh, after) }));
}

/** The one base table of a synchronous MV's query. */
function syncBase(q: AstQuery): string[] {
  const body = q.body;
  const from = body.kind === 'select' ? body.from : [];
  const only = from[0];
  if (q.with !== undefined || body.kind !== 'select' || from.length !== 1 || only?.kind !== 'table')
    throw invalid(
      'Materialized view without a REFRESH clause is synchronous and must select from exactly one table; use REFRESH ASYNC or MANUAL for other queries',
    );
  return [...only.name.parts];
}

export async function createMv(
  s: SessionImpl,
  stmt: AstCreateMaterializedView,
  signal: AbortSignal,
): Promise<OkResult> {
  const { catalog, db, table } = resolveName(s, stmt.name);
  if (db.toLowerCase() === INFO_SCHEMA) throw invalid(`Access denied; database ${INFO_SCHEMA} is read only`);
  if (!s.db.catalog.databaseExists(catalog, db)) throw new SqlError('unknown-database', { db });
  // An MV over Hive tables: resolve them (metastore, files) before the query is compiled.
  if (readsExternal(s, stmt.query)) await resolveExternalRefs(s, externalRefs(s, stmt.query));
  try {
    return await createMvResolved(s, stmt, { catalog, db, table }, signal);
  } finally {
    clearExternal(s);
  }
}

async function createMvResolved(
  s: SessionImpl,
  stmt: AstCreateMaterializedView,
  name: { catalog: string; db: string; table: string },
  signal: AbortSignal,
): Promise<OkResult> {
  const { catalog, db, table } = name;
  const tracked = s.compileContext();
  const watched = watchTemporary(s, tracked.ctx.catalog);
  const compiled = compileQuery(stmt.query, { ...tracked.ctx, catalog: watched.view, currentDb: db });
  if (watched.used())
    throw new SqlError('analysis-error', { message: "Materialized view can't base on temporary table" });
  const sync = stmt.refresh === undefined && stmt.distribution === undefined && stmt.partition === undefined;
  if (sync) return createSyncMv(s, stmt, db, table);
  const columns = mvColumns(stmt, compiled);
  const platform = platformOf(s.db);
  const now = platform.clock.now();
  const refresh = refreshScheme(stmt.refresh ?? { mode: 'async', deferred: false }, now);
  if (refresh.type === 'INCREMENTAL') throw invalid('INCREMENTAL refresh is not supported');
  for (const c of stmt.distribution?.kind === 'hash' ? stmt.distribution.columns : [])
    if (!columns.some((x) => x.name.toLowerCase() === c.toLowerCase()))
      throw invalid(`Distribution column[${c}] does not exist in the materialized view`);
  return platform.docs.change(async (tx, w) => {
    if (tx.getTable(catalog, db, table) !== null || w.get('sync-mv', `${db}.${table}`) !== undefined) {
      if (stmt.ifNotExists) return okResult();
      throw new SqlError('table-exists', { table });
    }
    const keys = columns.filter((c) => c.isKey).map((c) => c.name);
    const entry = await tx.createTable(catalog, db, {
      kind: 'materialized-view',
      name: table,
      columns,
      keysType: 'duplicate',
      viewQueryText: stmt.queryText,
      comment: stmt.comment ?? '',
      definition: {
        engine: 'MATERIALIZED_VIEW',
        keys: { type: 'duplicate', columns: keys },
        ...(stmt.partition !== undefined ? { partition: stmt.partition } : {}),
        ...(stmt.distribution !== undefined ? { distribution: stmt.distribution } : {}),
        ...(stmt.orderBy !== undefined ? { orderBy: stmt.orderBy } : {}),
        properties: stmt.properties,
        indexes: [],
        rollups: [],
        ...(stmt.columns !== undefined ? { viewColumns: stmt.columns } : {}),
      },
    });
    const storage = entry.storage;
    if (storage === undefined) throw new SqlError('internal-error', { message: 'MV without storage' });
    await tx.conn.execute(createTableSql(storage, entry.columns));
    let doc: MvDoc = {
      tableId: entry.id,
      db,
      name: table,
      refresh,
      active: true,
      inactiveReason: '',
      queryText: stmt.queryText,
      createdMs: now,
      creator: `'${s.user}'@'${s.host}'`,
      taskId: entry.id + 1_000_000,
      last: null,
      runs: 0,
      bases: baseTables(stmt.query, db),
    };
    if (!refresh.deferred) {
      if (signal.aborted) throw new SqlError('query-interrupted');
      if (tracked.dynamicTables.size > 0) await materializeDynamic(s, tx.conn, tracked.dynamicTables);
      const started = platform.clock.now();
      const rows = await tx.conn.execute(
        insertIntoSql(storage, mvOutputNames(entry.definition.viewColumns, compiled), compiled.sql),
      );
      doc = { ...doc, runs: 1, last: record(doc, started, platform.clock.now(), rows, false, null) };
    }
    await w.put('mv', String(entry.id), doc);
    return okResult();
  });
}

function record(
  doc: MvDoc,
  startMs: number,
  finishMs: number,
  rows: number,
  force: boolean,
  error: SqlError | null,
): MvRefreshRecord {
  return {
    startMs,
    finishMs,
    state: error === null ? 'SUCCESS' : 'FAILED',
    force,
    rows,
    errorCode: error === null ? '0' : String(error.errno),
    errorMessage: error?.message ?? '',
    jobId: `${doc.tableId}-${doc.runs + 1}`,
  };
}

async function createSyncMv(
  s: SessionImpl,
  stmt: AstCreateMaterializedView,
  db: string,
  table: string,
): Promise<OkResult> {
  const parts = syncBase(stmt.query);
  const baseDb = parts.length >= 2 ? (parts[parts.length - 2] as string) : db;
  const baseName = parts[parts.length - 1] as string;
  if (baseDb !== db)
    throw invalid('The base table of a synchronous materialized view must be in its database');
  const platform = platformOf(s.db);
  return platform.docs.change(async (tx, w) => {
    const base = tx.getEntry(DEFAULT_CATALOG, db, baseName);
    if (base === null || base.kind !== 'table') throw new SqlError('unknown-table', { table: baseName });
    const key = `${db}.${table}`;
    const existing = w.get<SyncMvDoc>('sync-mv', key);
    const alive =
      existing !== undefined &&
      tx.getEntry(DEFAULT_CATALOG, db, existing.baseTable)?.id === existing.baseTableId;
    if (alive || tx.getTable(DEFAULT_CATALOG, db, table) !== null) {
      if (stmt.ifNotExists) return okResult();
      throw new SqlError('table-exists', { table });
    }
    const id = tx.nextId++;
    const doc: SyncMvDoc = {
      id,
      db,
      name: table,
      baseTable: baseName,
      baseTableId: base.id,
      queryText: stmt.queryText,
      createdMs: platform.clock.now(),
      creator: `'${s.user}'@'${s.host}'`,
    };
    await w.put('sync-mv', key, doc);
    return okResult();
  });
}

/**
 * Recompute an asynchronous MV atomically. Failures are recorded in its state (and rethrown);
 * a query that no longer binds (a base table dropped) makes the MV inactive, as in StarRocks.
 */
export async function refreshById(db: DatabaseImpl, tableId: number, force: boolean): Promise<number> {
  const platform = platformOf(db);
  const session = await db.openInternalSession();
  try {
    // MVs over Hive tables read them as of this refresh: resolve before the transaction.
    const planned = platform.docs.get<MvDoc>('mv', String(tableId));
    if (planned !== undefined) {
      const query = parseQuery(planned.queryText);
      session.currentDb = planned.db;
      if (readsExternal(session, query)) await resolveExternalRefs(session, externalRefs(session, query));
    }
    const refreshed = await platform.docs.change(async (tx, w) => {
      const doc = w.get<MvDoc>('mv', String(tableId));
      const entry = doc === undefined ? null : tx.getEntry(DEFAULT_CATALOG, doc.db, doc.name);
      if (doc === undefined || entry === null || entry.id !== tableId || entry.storage === undefined)
        throw invalid(`Materialized view ${tableId} does not exist`);
      if (!doc.active) throw invalid(`Refresh materialized view failed because [${doc.name}] is not active`);
      const started = platform.clock.now();
      const { ctx, dynamicTables } = session.compileContext();
      let rows: number;
      try {
        const compiled = compileQuery(parseQuery(doc.queryText), { ...ctx, currentDb: doc.db });
        if (dynamicTables.size > 0) await materializeDynamic(session, tx.conn, dynamicTables);
        await tx.conn.execute(truncateTableSql(entry.storage));
        rows = await tx.conn.execute(
          insertIntoSql(entry.storage, mvOutputNames(entry.definition.viewColumns, compiled), compiled.sql),
        );
      } catch (error) {
        const e = toSqlError(error);
        const unbound = e.errno === 5502 || e.errno === 5501;
        throw Object.assign(e, { mvFailure: { doc, started, unbound } });
      }
      await w.put('mv', String(tableId), {
        ...doc,
        runs: doc.runs + 1,
        last: record(doc, started, platform.clock.now(), rows, force, null),
      });
      platform.scheduler.reschedule(tableId);
      return rows;
    });
    // A refresh writes the MV: REFRESH ASYNC MVs built on it follow (nested MVs, as in StarRocks).
    if (planned !== undefined) onTableWritten(db, planned.db, planned.name);
    return refreshed;
  } catch (error) {
    await recordFailure(db, error);
    throw error;
  } finally {
    await session.close();
  }
}

/** Keep a failed refresh's outcome (its own transaction: the refresh itself rolled back). */
async function recordFailure(db: DatabaseImpl, error: unknown): Promise<void> {
  const f = (error as { mvFailure?: { doc: MvDoc; started: number; unbound: boolean } }).mvFailure;
  if (f === undefined) return;
  const platform = platformOf(db);
  await platform.docs.change(async (_tx, w) => {
    const doc = w.get<MvDoc>('mv', String(f.doc.tableId));
    if (doc === undefined) return;
    const e = toSqlError(error);
    await w.put('mv', String(doc.tableId), {
      ...doc,
      runs: doc.runs + 1,
      last: record(doc, f.started, platform.clock.now(), 0, false, e),
      ...(f.unbound ? { active: false, inactiveReason: `base table dropped: ${e.message}` } : {}),
    });
  });
}

/** `[db.]name` of an MV statement, resolved against the session's database. */
export function mvName(s: SessionImpl, parts: readonly string[]): { db: string; name: string } {
  const r = resolveName(s, { parts });
  return { db: r.db, name: r.table };
}

// --- SHOW ---------------------------------------------------------------------------------------

function createText(doc: MvDoc, entry: TableEntry): string {
  const def = entry.definition;
  return asyncCreateText(doc, entry.columns, entry.comment, {
    ...(def.partition !== undefined ? { partition: def.partition } : {}),
    ...(def.distribution !== undefined ? { distribution: def.distribution } : {}),
    ...(def.orderBy !== undefined ? { orderBy: def.orderBy } : {}),
    properties: def.properties,
  });
}

/** Every MV row (async and sync), optionally of one database, in name order. */
function parsedOrNull(text: string): AstQuery | null {
  try {
    return parseQuery(text);
  } catch {
    return null;
  }
}

/** LAST_REFRESH_STATE's position: a refresh in progress shows there (StarRocks' latest task run). */
const STATE_AT = MV_COLUMNS.indexOf('last_refresh_state');

export function mvRows(db: DatabaseImpl, onlyDb: string | null): string[][] {
  const scheduler = platformOf(db).scheduler;
  const withActivity = (row: string[], tableId: number): string[] => {
    const now = scheduler.activity(tableId);
    if (now !== null) row[STATE_AT] = now;
    return row;
  };
  const rows = [
    ...liveMvs(db).map(({ doc, entry }) =>
      withActivity(
        asyncMvRow(
          doc,
          entry.definition.partition !== undefined,
          doc.last?.rows ?? 0,
          createText(doc, entry),
          queryRewriteStatus(doc.active, entry.definition.properties, parsedOrNull(doc.queryText)),
        ),
        doc.tableId,
      ),
    ),
    ...liveSyncMvs(db).map((d) => syncMvRow(d, 0)),
  ];
  return rows
    .filter((r) => onlyDb === null || r[1] === onlyDb)
    .sort((a, b) => ((a[1] ?? '') + '.' + (a[2] ?? '')).localeCompare((b[1] ?? '') + '.' + (b[2] ?? '')));
}

/** SHOW MATERIALIZED VIEWS [FROM db] [LIKE | WHERE]. */
export async function showMvs(s: SessionImpl, stmt: AstShow, signal: AbortSignal): Promise<RowsResult> {
  const db = stmt.from?.parts[stmt.from.parts.length - 1] ?? s.currentDb;
  if (db === null) throw new SqlError('no-db-selected');
  if (!s.db.catalog.databaseExists(DEFAULT_CATALOG, db)) throw new SqlError('unknown-database', { db });
  const columns = MV_COLUMNS.map((n) => col(n));
  const liked = filterLike(mvRows(s.db, db), 2, stmt.like, true);
  return rowsResult(columns, await filterWhere(s, columns, liked, stmt.where, signal));
}

/** SHOW CREATE MATERIALIZED VIEW (and SHOW CREATE TABLE on an MV); null when not an MV. */
export function showCreateMv(s: SessionImpl, stmt: AstShow): RowsResult | null {
  const target = stmt.target;
  if (target === undefined) return null;
  const { db, name } = mvName(s, target.parts);
  const platform = platformOf(s.db);
  const cols = [col('Materialized View'), col('Create Materialized View', T.varchar(65533))];
  const sync = platform.docs.get<SyncMvDoc>('sync-mv', `${db}.${name}`);
  if (sync !== undefined && liveSyncMvs(s.db).includes(sync))
    return rowsResult(cols, [[name, syncCreateText(sync)]]);
  const entry = s.db.catalog.getEntry(DEFAULT_CATALOG, db, name);
  const doc = entry === null ? undefined : platform.docs.get<MvDoc>('mv', String(entry.id));
  if (entry === null || doc === undefined || entry.kind !== 'materialized-view') {
    if (stmt.what === 'create materialized view') throw invalid(`Materialized view ${name} is not found`);
    return null;
  }
  return rowsResult(cols, [[name, createText(doc, entry)]]);
}

/**
 * A committed write to `db.table` (INSERT through SQL): `REFRESH ASYNC` MVs without a schedule
 * that read it refresh in the background, as StarRocks refreshes them on base-table changes.
 */
export function onTableWritten(db: DatabaseImpl, dbName: string, table: string): void {
  const key = `${dbName}.${table}`;
  const platform = platformOf(db);
  for (const { doc } of liveMvs(db)) {
    if (!doc.active || doc.refresh.type !== 'ASYNC' || doc.refresh.intervalMs !== undefined) continue;
    const bases = doc.bases ?? baseTables(parseQuery(doc.queryText), doc.db);
    if (bases.includes(key)) platform.scheduler.trigger(doc.tableId);
  }
}
