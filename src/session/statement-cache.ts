/**
 * The constant-statement cache: the result of a COM_QUERY text that is one SELECT of constants
 * (no FROM, no functions, no variables or parameters) depends on nothing but that text and the
 * sql_mode it was parsed under, so it is computed once through the normal path (parse → analyze
 * → DuckDB) and replayed from memory afterwards. Connection pools send such texts all the time
 * (`SELECT 1` as HikariCP/Druid/DBCP validation query); without the cache each one pays a DuckDB
 * round trip (~100 µs) and the whole compile pipeline.
 */
import type { ParsedStatement } from '../sql/index.js';
import type { AstExpr, AstQuery } from '../sql/index.js';
import type { RowBatch, Value } from '../types/index.js';
import type { ColumnMeta, RowsResult, StatementResult } from './api.js';
import type { SessionImpl } from './session.js';

/** Entries kept per database (oldest dropped first). */
const MAX_ENTRIES = 256;
/** Longer texts are not worth a key (validation queries are short). */
const MAX_TEXT = 256;
/** A constant SELECT yields one row; a larger result is not kept (defensive). */
const MAX_ROWS = 16;

interface Entry {
  readonly columns: readonly ColumnMeta[];
  readonly rows: RowBatch;
}

/** One cache per database, held weakly so closed databases take theirs along. */
const caches = new WeakMap<object, Map<string, Entry>>();

function cacheOf(s: SessionImpl): Map<string, Entry> {
  let cache = caches.get(s.db);
  if (cache === undefined) {
    cache = new Map();
    caches.set(s.db, cache);
  }
  return cache;
}

function keyOf(s: SessionImpl, sql: string): string | null {
  if (sql.length > MAX_TEXT) return null;
  const mode = s.getVar('sql_mode', null);
  return `${typeof mode === 'string' ? mode : ''}\u0000${sql}`;
}

/** A result served from memory: one batch, fresh iterator per use. */
function replay(entry: Entry): RowsResult {
  const rows = entry.rows;
  return {
    kind: 'rows',
    columns: entry.columns,
    batches: {
      [Symbol.asyncIterator]: () => {
        let done = false;
        return {
          next: () => {
            if (done) return Promise.resolve({ done: true, value: undefined });
            done = true;
            return Promise.resolve({ done: false, value: rows });
          },
          return: () => Promise.resolve({ done: true, value: undefined }),
        };
      },
    },
  };
}

/**
 * The cached result of `sql` when it is a known constant statement, else null. A hit counts as
 * a question and clears the warnings, as running the statement would.
 */
export function cachedConstant(s: SessionImpl, sql: string): RowsResult | null {
  const key = keyOf(s, sql);
  const entry = key === null ? undefined : cacheOf(s).get(key);
  if (entry === undefined) return null;
  s.db.countQuestion();
  s.warnings = [];
  return replay(entry);
}

/** Constant expressions: literals and operators over them (functions may not be pure). */
function isConstantExpr(e: AstExpr): boolean {
  switch (e.kind) {
    case 'null':
    case 'bool':
    case 'number':
    case 'string':
    case 'typed-string':
      return true;
    case 'unary':
      return isConstantExpr(e.operand);
    case 'binary':
      return isConstantExpr(e.left) && isConstantExpr(e.right);
    case 'cast':
      return isConstantExpr(e.operand);
    case 'is':
      return isConstantExpr(e.operand);
    default:
      return false;
  }
}

function isConstantQuery(q: AstQuery): boolean {
  const b = q.body;
  return (
    q.with === undefined &&
    q.orderBy.length === 0 &&
    q.limit === undefined &&
    b.kind === 'select' &&
    b.from.length === 0 &&
    b.where === undefined &&
    b.groupBy.length === 0 &&
    b.having === undefined &&
    b.qualify === undefined &&
    b.windows.length === 0 &&
    b.items.length > 0 &&
    b.items.every((i) => isConstantExpr(i.expr))
  );
}

/** Whether `statements` (one COM_QUERY text) is a single cacheable constant SELECT. */
export function isCacheable(statements: readonly ParsedStatement[]): boolean {
  const only = statements.length === 1 ? statements[0] : undefined;
  return only !== undefined && only.statement.kind === 'query' && isConstantQuery(only.statement);
}

/**
 * Materialize the first run's result and remember it (when it ran without warnings); returns
 * an equivalent result for the caller to send.
 */
export async function rememberConstant(
  s: SessionImpl,
  sql: string,
  result: StatementResult,
): Promise<StatementResult> {
  const key = keyOf(s, sql);
  if (key === null || result.kind !== 'rows') return result;
  const rows: (readonly Value[])[] = [];
  for await (const batch of result.batches) for (const row of batch) rows.push(row);
  const entry: Entry = { columns: result.columns, rows };
  if (s.warnings.length === 0 && rows.length <= MAX_ROWS) {
    const cache = cacheOf(s);
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
    cache.set(key, entry);
  }
  return replay(entry);
}
