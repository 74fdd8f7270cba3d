/**
 * A generated query and the helpers shared by the query-shape generators.
 */
import type { Rng } from '../../bench/common/prng.js';
import type { TableData } from './data.js';
import type { Ex, Row, ScopeColumn } from './expr.js';
import { type Cell, cellOf, type Family, type OT } from './model.js';

export interface OutColumn {
  readonly fam: Family;
  /** Relative tolerance (0 = exact). */
  readonly approx: number;
}

export interface GenQuery {
  readonly category: string;
  /** StarRocks SQL run through Rockling. */
  readonly sql: string;
  readonly columns: readonly OutColumn[];
  /** Compare in order (only when ORDER BY determines a total order). */
  readonly ordered: boolean;
  /** The oracle's answer, or null when the reference is DuckDB. */
  readonly expected: Cell[][] | null;
  /** The same query in DuckDB SQL (with explicit NULL ordering), when `expected` is null. */
  readonly duckSql: string | null;
}

export interface QueryEnv {
  readonly rng: Rng;
  readonly tables: readonly TableData[];
}

export function table(env: QueryEnv, name: string): TableData {
  const t = env.tables.find((x) => x.name === name);
  if (t === undefined) throw new Error(`no table ${name}`);
  return t;
}

/** Columns of a table in scope, unqualified (single-table queries) or as `alias.col`. */
export function scopeOf(t: TableData, alias: string | null): ScopeColumn[] {
  return t.columns.map((col) => ({
    ref: alias === null ? col.name : `${alias}.${col.name}`,
    key: alias === null ? col.name : `${alias}.${col.name}`,
    col,
  }));
}

/** Oracle rows of a table (keys as in `scopeOf`). */
export function rowsOf(t: TableData, alias: string | null): Row[] {
  if (alias === null) return t.rows as Row[];
  return t.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [`${alias}.${k}`, v])));
}

export function outOf(e: Ex): OutColumn {
  return { fam: e.t.k, approx: e.approx };
}

export function cellsOf(row: Row, exprs: readonly Ex[]): Cell[] {
  return exprs.map((e) => cellOf(e.ev(row), e.t, e.approx));
}

export function cell(v: Parameters<typeof cellOf>[0], t: OT, approx = 0): Cell {
  return cellOf(v, t, approx);
}
