/**
 * Resource groups and external catalogs, and the platform's entry points for dispatch: the
 * generic statements it executes, the SHOW forms it answers, and the guard every query/INSERT
 * passes (external-catalog tables resolved through exec-catalog.ts; privileges; resource-group
 * concurrency).
 * Enforced for resource groups: concurrency_limit (a query over the limit fails at once, as
 * StarRocks does without a query queue). cpu_weight, mem_limit and big_query_* are stored and
 * shown only (one DuckDB process has no per-group CPU/memory accounting).
 */
import { DEFAULT_CATALOG, INFO_SCHEMA } from '../catalog/index.js';
import {
  createCatalogText,
  parseCatalogCommand,
  TYPE_NAMES,
  type CatalogDoc,
} from '../catalog/external/index.js';
import {
  BUILTIN_GROUPS,
  classify,
  GROUP_COLUMNS,
  groupRows,
  parseGroupCommand,
  type Classifier,
  type GroupDoc,
} from '../catalog/resources/index.js';
import { tableReferences } from '../catalog/mv/index.js';
import { notSupported, SqlError } from '../errors/index.js';
import type { AstExplain, AstInsert, AstQuery, AstSetCatalog, AstShow, AstUse } from '../sql/index.js';
import type { OkResult, RowsResult, StatementResult } from './api.js';
import { onTableWritten, platformOf, showCreateMv, showMvs } from './exec-mv.js';
import { runMvCommand } from './exec-mv-alter.js';
import { requireObject, requireSystem, showGrants, showRoles, showUsers } from './exec-security.js';
import {
  clearExternal,
  describeExternal,
  externalCatalog,
  externalRefs,
  refreshExternalTable,
  resolveExternalRefs,
  showCreateExternal,
  showExternal,
  useExternalCatalog,
} from './exec-catalog.js';
import { col, okResult, rowsResult } from './results.js';
import type { SessionImpl } from './session.js';
import { filterLike, filterWhere } from './show-filter.js';

function invalid(message: string): SqlError {
  return new SqlError('analysis-error', { message });
}

/** Generic statements the platform executes; null when the feature is not one of them. */
export async function runPlatformGeneric(
  s: SessionImpl,
  feature: string,
  text: string,
): Promise<StatementResult | null> {
  if (/MATERIALIZED VIEW$/.test(feature)) return runMvCommand(s, feature, text);
  if (/RESOURCE GROUP$/.test(feature)) return runGroup(s, feature, text);
  if (['CREATE EXTERNAL CATALOG', 'DROP CATALOG', 'ALTER CATALOG'].includes(feature))
    return runCatalog(s, feature, text);
  if (feature === 'REFRESH EXTERNAL TABLE') return refreshExternalTable(s, text);
  return null;
}

// --- resource groups ------------------------------------------------------------------------------

async function runGroup(s: SessionImpl, feature: string, text: string): Promise<OkResult> {
  requireSystem(s, 'CREATE RESOURCE GROUP');
  const cmd = parseGroupCommand(feature, text);
  if (BUILTIN_GROUPS.some((g) => g.name === cmd.name) && cmd.kind !== 'alter-with')
    throw invalid(`${cmd.name} is a built-in resource group`);
  return platformOf(s.db).docs.change(async (tx, w) => {
    const existing = w.get<GroupDoc>('resource-group', cmd.name);
    const newIds = (n: number): number[] => Array.from({ length: n }, () => tx.nextId++);
    const withIds = (cs: readonly Omit<Classifier, 'id'>[]): Classifier[] => {
      for (const c of cs)
        for (const d of c.databases ?? [])
          if (!tx.databaseExists(DEFAULT_CATALOG, d))
            throw invalid(`Specified database '${d}' does not exist`);
      const ids = newIds(cs.length);
      return cs.map((c, i) => ({ ...c, id: ids[i] as number }));
    };
    switch (cmd.kind) {
      case 'create': {
        if (existing !== undefined && !cmd.orReplace) {
          if (cmd.ifNotExists) return okResult();
          throw invalid(`RESOURCE_GROUP ${cmd.name} already exists`);
        }
        const [id] = newIds(1);
        const doc: GroupDoc = {
          id: id as number,
          name: cmd.name,
          classifiers: withIds(cmd.classifiers),
          limits: cmd.limits,
        };
        await w.put('resource-group', cmd.name, doc);
        return okResult();
      }
      case 'drop':
        if (existing === undefined) {
          if (cmd.ifExists) return okResult();
          throw invalid(`Resource group ${cmd.name} does not exist`);
        }
        await w.remove('resource-group', cmd.name);
        return okResult();
      default: {
        if (existing === undefined) throw invalid(`Resource group ${cmd.name} does not exist`);
        let next: GroupDoc;
        if (cmd.kind === 'alter-add')
          next = { ...existing, classifiers: [...existing.classifiers, ...withIds(cmd.classifiers)] };
        else if (cmd.kind === 'alter-drop')
          next = {
            ...existing,
            classifiers:
              cmd.ids === 'all'
                ? []
                : existing.classifiers.filter((c) => !(cmd.ids as readonly number[]).includes(c.id)),
          };
        else next = { ...existing, limits: { ...existing.limits, ...cmd.limits } };
        await w.put('resource-group', cmd.name, next);
        return okResult();
      }
    }
  });
}

function userGroups(s: SessionImpl): GroupDoc[] {
  return platformOf(s.db)
    .docs.list<GroupDoc>('resource-group')
    .sort((a, b) => a.id - b.id);
}

function showGroups(s: SessionImpl, stmt: AstShow): RowsResult {
  const groups = userGroups(s);
  let shown: readonly GroupDoc[];
  if (stmt.what === 'resource group') {
    const name = stmt.target?.parts[stmt.target.parts.length - 1] ?? '';
    const g = [...BUILTIN_GROUPS, ...groups].find((x) => x.name === name);
    if (g === undefined) throw invalid(`Resource group ${name} does not exist`);
    shown = [g];
  } else if (stmt.all) shown = [...BUILTIN_GROUPS, ...groups];
  else {
    // Groups whose classifiers match the current user (or the default group).
    const own = groups.filter((g) => g.classifiers.some((c) => c.user === undefined || c.user === s.user));
    shown = own.length > 0 ? own : BUILTIN_GROUPS.slice(0, 1);
  }
  return rowsResult(
    GROUP_COLUMNS.map((n) => col(n)),
    shown.flatMap(groupRows),
  );
}

/** Running statements per resource group (concurrency_limit). */
const RUNNING = new WeakMap<object, Map<string, number>>();

/** Take a concurrency slot of the query's group; the returned function gives it back. */
function acquire(s: SessionImpl, queryType: 'SELECT' | 'INSERT', dbs: readonly string[]): () => void {
  const groups = userGroups(s);
  if (groups.length === 0) return () => undefined;
  const group = classify(groups, {
    user: s.user,
    roles: new Set(),
    queryType,
    host: s.host,
    databases: dbs.length > 0 ? dbs : s.currentDb !== null ? [s.currentDb] : [],
  });
  const limit = group?.limits.concurrencyLimit ?? 0;
  if (group === null || limit <= 0) return () => undefined;
  const running = RUNNING.get(s.db) ?? new Map<string, number>();
  RUNNING.set(s.db, running);
  const now = running.get(group.name) ?? 0;
  if (now >= limit) throw new SqlError('resource-group-concurrency', { limit, group: group.name });
  running.set(group.name, now + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    running.set(group.name, (running.get(group.name) ?? 1) - 1);
  };
}

// --- external catalogs ---------------------------------------------------------------------------

async function runCatalog(s: SessionImpl, feature: string, text: string): Promise<OkResult> {
  requireSystem(s, 'CREATE EXTERNAL CATALOG');
  const cmd = parseCatalogCommand(feature, text);
  return platformOf(s.db).docs.change(async (_tx, w) => {
    if (cmd.kind === 'create') {
      if (w.get('catalog', cmd.doc.name) !== undefined) {
        if (cmd.ifNotExists) return okResult();
        throw invalid(`Catalog '${cmd.doc.name}' already exists`);
      }
      await w.put('catalog', cmd.doc.name, cmd.doc);
      return okResult();
    }
    if (cmd.name === DEFAULT_CATALOG) throw invalid("Can't drop or alter the default_catalog");
    const doc = w.get<CatalogDoc>('catalog', cmd.name);
    if (doc === undefined) {
      if (cmd.kind === 'drop' && cmd.ifExists) return okResult();
      throw new SqlError('unknown-catalog', { catalog: cmd.name });
    }
    if (cmd.kind === 'drop') await w.remove('catalog', cmd.name);
    else {
      const props = [
        ...doc.properties.filter((p) => !cmd.properties.some((q) => q.key === p.key)),
        ...cmd.properties,
      ];
      await w.put('catalog', cmd.name, { ...doc, properties: props });
    }
    return okResult();
  });
}

function writeNotSupported(doc: CatalogDoc): SqlError {
  return notSupported(`writing to tables of external catalog '${doc.name}' (type ${doc.type})`);
}

/** SET CATALOG / USE catalog.db for external catalogs (exec-catalog.ts); null: not external. */
export function useExternal(s: SessionImpl, stmt: AstSetCatalog | AstUse): Promise<OkResult> | null {
  const name = stmt.catalog;
  if (name === undefined || name === DEFAULT_CATALOG) return null;
  return useExternalCatalog(s, name, stmt.kind === 'use' ? (stmt.db ?? null) : null);
}

/** DESC of a table in an external catalog; null for the default catalog. */
export { describeExternal };

/**
 * Run a statement that compiles `query` (EXPLAIN, CREATE TABLE … AS SELECT) with the external
 * tables it reads resolved first, as `guarded` does for SELECT/INSERT.
 */
export async function withExternalReads<T>(
  s: SessionImpl,
  query: AstQuery | undefined,
  run: () => T | Promise<T>,
): Promise<T> {
  const refs = query === undefined ? [] : externalRefs(s, query);
  if (refs.length === 0) return run();
  try {
    await resolveExternalRefs(s, refs);
    return await run();
  } finally {
    clearExternal(s);
  }
}

/** EXPLAIN of a query/INSERT that reads external tables: resolve them first. */
export function explainExternal(
  s: SessionImpl,
  stmt: AstExplain,
  run: () => StatementResult,
): Promise<StatementResult> {
  const inner = stmt.statement;
  const query = inner.kind === 'query' ? inner : inner.kind === 'insert' ? inner.source : undefined;
  return withExternalReads(s, query, run);
}

// --- SHOW ----------------------------------------------------------------------------------------

/** SHOW forms the platform answers; null for the others. */
export async function platformShow(
  s: SessionImpl,
  stmt: AstShow,
  signal: AbortSignal,
): Promise<RowsResult | null> {
  switch (stmt.what) {
    case 'materialized views':
      return showMvs(s, stmt, signal);
    case 'create materialized view':
      return s.currentCatalog === DEFAULT_CATALOG ? showCreateMv(s, stmt) : null;
    case 'create table':
      return (
        (await showCreateExternal(s, stmt)) ??
        (s.currentCatalog === DEFAULT_CATALOG ? showCreateMv(s, stmt) : null)
      );
    case 'resource groups':
    case 'resource group':
      return showGroups(s, stmt);
    case 'grants':
      return showGrants(s, stmt);
    case 'users':
      return showUsers(s);
    case 'roles':
      return showRoles(s);
    case 'catalogs': {
      const columns = ['Catalog', 'Type', 'Comment'].map((n) => col(n));
      const rows = [
        [DEFAULT_CATALOG, 'Internal', "An internal catalog contains this cluster's self-managed tables."],
        ...platformOf(s.db)
          .docs.list<CatalogDoc>('catalog')
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((c) => [c.name, TYPE_NAMES[c.type] ?? c.type, c.comment]),
      ];
      return rowsResult(
        columns,
        await filterWhere(s, columns, filterLike(rows, 0, stmt.like, false), stmt.where, signal),
      );
    }
    case 'create catalog': {
      const name = stmt.target?.parts[stmt.target.parts.length - 1] ?? '';
      const doc = externalCatalog(s, name);
      if (doc === undefined) throw new SqlError('unknown-catalog', { catalog: name });
      return rowsResult([col('Catalog'), col('Create Catalog')], [[name, createCatalogText(doc)]]);
    }
    case 'databases':
    case 'tables':
      return showExternal(s, stmt, signal);
    default:
      return null;
  }
}

// --- the query guard -------------------------------------------------------------------------

/**
 * Run a query or INSERT under the platform's rules: tables of external catalogs are resolved
 * (metastore, files) before compiling, SELECT/INSERT privileges are checked, and the resource group's
 * concurrency slot is held until the result has been read.
 */
export async function guarded(
  s: SessionImpl,
  stmt: AstQuery | AstInsert,
  run: () => Promise<StatementResult>,
): Promise<StatementResult> {
  // INSERT … VALUES reads no table: skip walking (possibly huge) literal rows.
  const source = stmt.kind === 'insert' ? stmt.source : stmt;
  const refs = source.body.kind === 'values' ? [] : tableReferences(source);
  const dbs = new Set<string>();
  const external: (readonly string[])[] = [];
  for (const parts of refs) {
    const catalog = parts.length === 3 ? (parts[0] as string) : s.currentCatalog;
    if (catalog !== DEFAULT_CATALOG) {
      if (externalCatalog(s, catalog) !== undefined) external.push(parts);
      continue; // the binder reports the unknown catalog
    }
    const db = parts.length >= 2 ? (parts[parts.length - 2] as string) : s.currentDb;
    const name = parts[parts.length - 1] as string;
    if (db === null || db.toLowerCase() === INFO_SCHEMA) continue;
    dbs.add(db);
    const t = s.db.catalog.getTable(DEFAULT_CATALOG, db, name);
    if (t === null) continue;
    requireObject(
      s,
      'SELECT',
      t.kind === 'view' ? 'VIEW' : t.kind === 'materialized-view' ? 'MATERIALIZED VIEW' : 'TABLE',
      db,
      name,
    );
  }
  if (stmt.kind === 'insert') checkInsertTarget(s, stmt, dbs);
  const release = acquire(s, stmt.kind === 'insert' ? 'INSERT' : 'SELECT', [...dbs]);
  let result: StatementResult;
  try {
    // External tables (exec-catalog.ts): metastore + files resolved before the compiler binds.
    if (external.length > 0) await resolveExternalRefs(s, external);
    result = await run();
  } catch (error) {
    release();
    throw error;
  } finally {
    if (external.length > 0) clearExternal(s);
  }
  if (result.kind !== 'rows') {
    release();
    if (stmt.kind === 'insert' && stmt.target.kind === 'table') written(s, stmt.target.name.parts);
    return result;
  }
  const batches = result.batches;
  return {
    ...result,
    batches: (async function* () {
      try {
        yield* batches;
      } finally {
        release();
      }
    })(),
  };
}

function checkInsertTarget(s: SessionImpl, stmt: AstInsert, dbs: Set<string>): void {
  if (stmt.target.kind !== 'table') return;
  const parts = stmt.target.name.parts;
  if (parts.length === 3 && parts[0] !== DEFAULT_CATALOG) {
    const doc = externalCatalog(s, parts[0] as string);
    if (doc !== undefined) throw writeNotSupported(doc);
  }
  const db = parts.length >= 2 ? (parts[parts.length - 2] as string) : s.currentDb;
  if (db === null) return;
  dbs.add(db);
  requireObject(s, 'INSERT', 'TABLE', db, parts[parts.length - 1] as string);
}

function written(s: SessionImpl, parts: readonly string[]): void {
  const db = parts.length >= 2 ? (parts[parts.length - 2] as string) : s.currentDb;
  if (db !== null && !s.inTransaction) onTableWritten(s.db, db, parts[parts.length - 1] as string);
}
