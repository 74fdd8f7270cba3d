/**
 * Storage representations of StarRocks' opaque aggregate-state types on DuckDB, and how the
 * AGGREGATE model merges them:
 *
 * - BITMAP: a sorted list of distinct UBIGINTs (exact, like a Roaring bitmap).
 * - HLL: a sorted list of distinct 64-bit hashes — exact cardinality instead of HyperLogLog's
 *   estimate (StarRocks' estimate differs from the exact count by < 2 % for the sizes tested;
 *   exact answers are within that bound by construction).
 * - PERCENTILE: the list of raw DOUBLE values (percentile_approx_raw computes the exact quantile).
 */
import type { AggregateType } from '../sql/ast/index.js';

type UnionAgg = Extract<AggregateType, 'hll_union' | 'bitmap_union' | 'percentile_union'>;

/** Aggregate of a column of states within one batch (GROUP BY key). */
export function unionAggSql(agg: UnionAgg, v: string): string {
  if (agg === 'percentile_union') return `flatten(list(${v}))`;
  return `list_sort(list_distinct(flatten(list(${v}))))`;
}

/** Merge of a stored state `a` with a new state `b` (NULL counts as empty). */
export function mergeStateSql(agg: UnionAgg, a: string, b: string): string {
  if (agg === 'percentile_union') return `list_concat(${a}, ${b})`;
  return `list_sort(list_distinct(list_concat(${a}, ${b})))`;
}
