/**
 * Layer C's statements over the staged rows of a plan (plan.ts): which rows are written, the
 * guarded variant, the counting query and the rejected-row query — with or without the partition
 * check. The partition check runs where StarRocks' OlapTableSink looks up a row's partition: after
 * conversion, `where` and the sink's column checks; a row whose partition key falls in no target
 * partition is filtered ("The row is out of partition ranges. Please add a new partition."),
 * counted in NumberFilteredRows and subject to max_filter_ratio. The membership predicate
 * (src/catalog/partitions) names the table's columns, so the staged columns are renamed to them
 * positionally around it and back afterwards.
 */
import { quoteIdent, quoteString } from '../codegen/index.js';

/** error() text of guardedRowsSql. */
export const FILTERED_SIGNAL = 'rockling:load-row-filtered';

/** The staged rows of a plan before layer C decides. */
export interface StagedRows {
  /** Columns f0…f{n-1}, ok, sel, sinkok. */
  readonly main: string;
  /** Columns f0…f{n-1}, ok, sel, sinkok, r0…r{k-1}, bad, v0…v{n-1}. */
  readonly diag: string;
  /** Names of f0…f{n-1}: the written table columns, then `__op` when present. */
  readonly outNames: readonly string[];
  /** k: source slots (raw fields r0…r{k-1}). */
  readonly slots: number;
}

export interface RowStatements {
  readonly rowsSql: string;
  readonly guardedRowsSql: string;
  readonly statsSql: string;
  /** Rows of `diag` plus a last column `partok`. */
  errorsSql(limit: number): string;
}

function diagNames(s: StagedRows): string[] {
  const n = s.outNames.length;
  const f = Array.from({ length: n }, (_, i) => `f${i}`);
  const r = Array.from({ length: s.slots }, (_, i) => `r${i}`);
  const v = Array.from({ length: n }, (_, i) => `v${i}`);
  return [...f, 'ok', 'sel', 'sinkok', ...r, 'bad', ...v];
}

/**
 * `sql` with one more column `partok`: the row's partition key is in a target partition. Every
 * column is renamed for the predicate (table columns by name, the rest to names no table column
 * takes) and renamed back, so no table column name can clash with layer C's.
 */
function withPartok(
  sql: string,
  names: readonly string[],
  outNames: readonly string[],
  member: string,
): string {
  const inner = names.map((_, i) =>
    quoteIdent(i < outNames.length ? (outNames[i] as string) : `__rockling_c${i}`),
  );
  return (
    `SELECT * FROM (SELECT *, coalesce(${member}, false) FROM (${sql}) AS __k(${inner.join(', ')})) ` +
    `AS __pk(${[...names, 'partok'].join(', ')})`
  );
}

/** Layer C's statements; `member` is the partition membership predicate (null: no check). */
export function rowStatements(s: StagedRows, member: string | null): RowStatements {
  const n = s.outNames.length;
  const fCols = Array.from({ length: n }, (_, i) => `f${i}`).join(', ');
  const mainNames = [...fCols.split(', '), 'ok', 'sel', 'sinkok'];
  const main = member === null ? s.main : withPartok(s.main, mainNames, s.outNames, member);
  const diag =
    member === null
      ? `SELECT *, TRUE AS partok FROM (${s.diag}) AS __d`
      : withPartok(s.diag, diagNames(s), s.outNames, member);
  const sink = member === null ? 'sinkok' : '(sinkok AND partok)';
  return {
    rowsSql: `SELECT ${fCols} FROM (${main}) AS s WHERE ok AND sel AND ${sink}`,
    guardedRowsSql: `SELECT ${fCols} FROM (${main}) AS s WHERE CASE WHEN ok AND ${sink} THEN TRUE ELSE error(${quoteString(FILTERED_SIGNAL)}) END`,
    statsSql:
      'SELECT count(*) FILTER (WHERE NOT ok), count(*) FILTER (WHERE ok AND NOT sel), ' +
      `count(*) FILTER (WHERE ok AND sel AND NOT ${sink}), count(*) FROM (${main}) AS s`,
    errorsSql: (limit) =>
      `SELECT * FROM (${diag}) AS s WHERE NOT ok OR (sel AND NOT ${sink}) LIMIT ${Math.max(0, Math.trunc(limit))}`,
  };
}
