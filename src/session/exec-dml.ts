/**
 * DELETE and UPDATE with StarRocks' per-model rules.
 *
 * - PRIMARY KEY: full `DELETE … [USING …] WHERE` and `UPDATE … SET … [FROM …] WHERE`. The rows to
 *   change are found by a compiled query (`SELECT <key>[, <new values>] FROM t … WHERE …`) and
 *   applied through the model writer as StarRocks does it: an UPDATE is a partial-update write of
 *   the matched keys, a DELETE is a write of the matched keys with `__op` = delete.
 * - DUPLICATE / AGGREGATE / UNIQUE: DELETE only, with a WHERE that is an AND of `column op value`,
 *   `column [NOT] IN (values)` and `column IS [NOT] NULL` (key columns only unless DUPLICATE); the
 *   matching rows are removed by joining the compiled SELECT on the key (all columns for DUPLICATE).
 * User expressions reach DuckDB only as compiler output; identifiers only through escape functions.
 */
import type { ColumnDescriptor, TableDescriptor } from '../catalog/index.js';
import { compileQuery, deleteMatchingSql, type CompiledQuery } from '../codegen/index.js';
import type { EngineConnection } from '../engine/index.js';
import { notSupported, SqlError } from '../errors/index.js';
import { writeRows } from '../load/index.js';
import type { AstDelete, AstExpr, AstQuery, AstRelation, AstSelectItem, AstUpdate } from '../sql/index.js';
import type { OkResult } from './api.js';
import { resolveName } from './exec-query.js';
import { okResult } from './results.js';
import type { SessionImpl } from './session.js';
import { materializeDynamic } from './system-rows.js';
import { displayName } from './temp-tables.js';

function analysis(message: string): SqlError {
  return new SqlError('analysis-error', { message });
}

function dmlTarget(s: SessionImpl, name: AstDelete['table']): TableDescriptor {
  const { catalog, db, table } = resolveName(s, name);
  if (!s.db.catalog.databaseExists(catalog, db)) throw new SqlError('analysis-unknown-database', { db });
  const target = s.db.catalog.getTable(catalog, db, table);
  if (target === null) throw new SqlError('analysis-unknown-table', { table: `${db}.${table}` });
  if (target.kind !== 'table' || target.storage === undefined)
    throw analysis(`The target table ${db}.${table} of the statement is not a native table`);
  return target;
}

function selectQuery(
  items: readonly AstSelectItem[],
  from: readonly AstRelation[],
  where: AstExpr | undefined,
  withClause: AstQuery['with'],
): AstQuery {
  return {
    kind: 'query',
    ...(withClause !== undefined ? { with: withClause } : {}),
    orderBy: [],
    body: {
      kind: 'select',
      distinct: false,
      items,
      from,
      ...(where !== undefined ? { where } : {}),
      groupBy: [],
      windows: [],
    },
  };
}

/** A column of the target, qualified by its alias (or name) so FROM/USING tables cannot shadow it. */
function targetColumn(qualifier: string, c: ColumnDescriptor): AstExpr {
  return { kind: 'column', parts: [qualifier, c.name] };
}

/** Run `apply` in one transaction, with KILL and dynamic system tables handled like INSERT. */
async function inTransaction(
  s: SessionImpl,
  dynamic: ReturnType<SessionImpl['compileContext']>['dynamicTables'],
  signal: AbortSignal,
  apply: (conn: EngineConnection) => Promise<number>,
): Promise<number> {
  try {
    return await s.db.engine.transaction(async (conn) => {
      const abort = (): void => conn.interrupt();
      signal.addEventListener('abort', abort);
      try {
        if (signal.aborted) throw new SqlError('query-interrupted');
        if (dynamic.size > 0) await materializeDynamic(s, conn, dynamic);
        return await apply(conn);
      } finally {
        signal.removeEventListener('abort', abort);
      }
    });
  } catch (e) {
    if (signal.aborted) throw new SqlError('query-interrupted');
    throw e;
  }
}

/**
 * DuckDB refuses a write whose table was altered by a transaction that committed meanwhile (a
 * concurrent ADD/DROP COLUMN), and a statement compiled against the old columns fails. StarRocks
 * runs DML alongside schema changes, so the statement is compiled again against the new catalog
 * entry and retried (its failed attempt rolled back entirely).
 */
const SCHEMA_CONFLICT =
  /Transaction conflict|another transaction has altered this table|does not have a column with name|no UNIQUE\/PRIMARY KEY constraints/;

export async function retryOnSchemaConflict<T>(signal: AbortSignal, run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      if (attempt >= 8 || signal.aborted || !(e instanceof Error) || !SCHEMA_CONFLICT.test(e.message))
        throw e;
      await new Promise((r) => setTimeout(r, 10 * attempt));
    }
  }
}

export async function runDelete(s: SessionImpl, stmt: AstDelete, signal: AbortSignal): Promise<OkResult> {
  return retryOnSchemaConflict(signal, () => deleteOnce(s, stmt, signal));
}

export async function runUpdate(s: SessionImpl, stmt: AstUpdate, signal: AbortSignal): Promise<OkResult> {
  return retryOnSchemaConflict(signal, () => updateOnce(s, stmt, signal));
}

async function deleteOnce(s: SessionImpl, stmt: AstDelete, signal: AbortSignal): Promise<OkResult> {
  const target = dmlTarget(s, stmt.table);
  const primary = target.keysType === 'primary';
  if (primary) {
    if (stmt.partitions !== undefined)
      throw analysis('Delete for primary key table do not support specifying partitions');
    if (stmt.where === undefined)
      throw analysis('Delete must specify where clause to prevent full table delete');
  } else {
    if (stmt.where === undefined) throw analysis('Where clause is not set');
    if (stmt.using.length > 0 || stmt.with !== undefined)
      throw analysis('Do not support `using` clause and CTE in non-primary table delete statement');
    if (stmt.partitions !== undefined) throw notSupported('DELETE … PARTITION');
    if (!checkSimpleDelete(target, stmt.where)) return okResult(0);
  }
  const qualifier = stmt.alias ?? displayName(target.name);
  const keys = target.columns.filter((c) => (target.keysType === 'duplicate' ? true : c.isKey));
  const items: AstSelectItem[] = keys.map((c) => ({ expr: targetColumn(qualifier, c) }));
  if (primary) items.push({ expr: { kind: 'number', text: '1' } });
  const from: AstRelation[] = [
    { kind: 'table', name: stmt.table, ...(stmt.alias !== undefined ? { alias: stmt.alias } : {}) },
    ...stmt.using,
  ];
  const { ctx, dynamicTables } = s.compileContext();
  const compiled: CompiledQuery = compileQuery(selectQuery(items, from, stmt.where, stmt.with), ctx);
  const n = await inTransaction(s, dynamicTables, signal, async (conn) => {
    if (primary) {
      const columns = keys.map((c) => c.name);
      return writeRows(conn, target, compiled.sql, {
        opColumn: true,
        partialUpdate: true,
        mergeCondition: null,
        columns,
      });
    }
    const storage = target.storage;
    if (storage === undefined) return 0;
    return conn.execute(deleteMatchingSql(storage, keys, compiled.sql));
  });
  return okResult(n);
}

async function updateOnce(s: SessionImpl, stmt: AstUpdate, signal: AbortSignal): Promise<OkResult> {
  const target = dmlTarget(s, stmt.table);
  if (target.keysType !== 'primary') throw analysis('only support updating primary key table');
  if (stmt.where === undefined && !fullTableUpdateAllowed(s, stmt.assignments.length, target.columns.length))
    throw analysis('must specify where clause to prevent full table update');
  const qualifier = stmt.alias ?? displayName(target.name);
  const assigned = new Map<string, { col: ColumnDescriptor; value: AstExpr }>();
  for (const a of stmt.assignments) {
    // `SET t.col = …` names the target's column with its qualifier.
    const name = a.column.split('.').pop() ?? a.column;
    const col = target.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
    if (col === undefined) throw new SqlError('unknown-column', { column: a.column, context: target.name });
    if (col.isKey) throw analysis(`primary key column cannot be updated: ${col.name}`);
    // StarRocks: a column assigned twice takes the last assignment.
    assigned.delete(col.name);
    assigned.set(col.name, { col, value: a.value });
  }
  const keys = target.columns.filter((c) => c.isKey);
  const sets = [...assigned.values()];
  const items: AstSelectItem[] = [
    ...keys.map((c) => ({ expr: targetColumn(qualifier, c) })),
    ...sets.map(({ col, value }) => ({ expr: { kind: 'cast', operand: value, type: col.type } as AstExpr })),
  ];
  const from: AstRelation[] = [
    { kind: 'table', name: stmt.table, ...(stmt.alias !== undefined ? { alias: stmt.alias } : {}) },
    ...stmt.from,
  ];
  const { ctx, dynamicTables } = s.compileContext();
  const compiled = compileQuery(selectQuery(items, from, stmt.where, stmt.with), ctx);
  const columns = [...keys.map((c) => c.name), ...sets.map((x) => x.col.name)];
  const n = await inTransaction(s, dynamicTables, signal, (conn) =>
    writeRows(conn, target, compiled.sql, {
      opColumn: false,
      partialUpdate: true,
      mergeCondition: null,
      columns,
    }),
  );
  return okResult(n);
}

/**
 * StarRocks runs an UPDATE without WHERE only as a column-mode partial update: when
 * partial_update_mode is 'column', or under 'auto' (the default) when at most 3 columns, and
 * fewer than 30 % of the table's, are assigned.
 */
function fullTableUpdateAllowed(s: SessionImpl, assigned: number, tableColumns: number): boolean {
  const mode = String(s.getVar('partial_update_mode', null) ?? 'auto').toLowerCase();
  if (mode === 'column') return true;
  return mode === 'auto' && assigned <= 3 && assigned < tableColumns * 0.3;
}

const COMPARISONS = new Set(['=', '!=', '<', '<=', '>', '>=', '<=>']);

function isValue(e: AstExpr): boolean {
  switch (e.kind) {
    case 'null':
    case 'bool':
    case 'number':
    case 'string':
    case 'typed-string':
    case 'binary-literal':
    case 'param':
      return true;
    case 'unary':
      return (e.op === '-' || e.op === '+') && e.operand.kind === 'number';
    default:
      return false;
  }
}

/**
 * StarRocks' delete-condition rules for non-PRIMARY tables. Returns false when the condition can
 * match nothing (`col = NULL`, `col IN (NULL)`): StarRocks then deletes nothing.
 */
function checkSimpleDelete(t: TableDescriptor, where: AstExpr): boolean {
  const conditions: { column: string; matchesNothing: boolean }[] = [];
  const walk = (e: AstExpr): void => {
    if (e.kind === 'binary' && (e.op === 'and' || e.op === 'or')) {
      if (e.op === 'or') throw analysis("Compound predicate's op should be AND");
      walk(e.left);
      walk(e.right);
    } else if (e.kind === 'binary' && COMPARISONS.has(e.op)) {
      if (e.left.kind !== 'column') throw analysis('Left expr of binary predicate should be column name');
      if (!isValue(e.right)) throw analysis('Right expr of binary predicate should be value');
      if (e.op === '<=>') throw analysis('Delete condition does not support null-safe equal currently.');
      conditions.push({ column: e.left.parts.join('.'), matchesNothing: e.right.kind === 'null' });
    } else if (e.kind === 'is' && (e.test === 'null' || e.test === 'unknown')) {
      if (e.operand.kind !== 'column') throw analysis('Left expr of is_null predicate should be column name');
      conditions.push({ column: e.operand.parts.join('.'), matchesNothing: false });
    } else if (e.kind === 'in-list') {
      if (e.operand.kind !== 'column') throw analysis('Left expr of in predicate should be column name');
      if (!e.list.every(isValue)) throw analysis('Child of in predicate should be value');
      const values = e.list.filter((v) => v.kind !== 'null');
      conditions.push({ column: e.operand.parts.join('.'), matchesNothing: !e.not && values.length === 0 });
    } else {
      throw analysis(
        'Where clause only supports compound predicate, binary predicate, is_null predicate or in predicate',
      );
    }
  };
  walk(where);
  for (const { column } of conditions) {
    const col = t.columns.find((c) => c.name.toLowerCase() === column.toLowerCase());
    if (col === undefined) throw new SqlError('unknown-column', { column, context: t.name });
    if (
      (!col.isKey && t.keysType !== 'duplicate') ||
      col.type.kind === 'float' ||
      col.type.kind === 'double'
    ) {
      throw analysis(
        `Column[${column}] is not key column or storage model is not duplicate or column type is float or double.`,
      );
    }
    if (col.type.kind === 'array' || col.type.kind === 'map' || col.type.kind === 'struct')
      throw analysis(`unsupported delete condition on Array/Map/Struct type column[${column}]`);
  }
  return !conditions.some((c) => c.matchesNothing);
}
