/**
 * Emitters for BITMAP / HLL / PERCENTILE functions over their list representations
 * (codegen/model-types.ts): set operations keep lists sorted and distinct, counts are list lengths.
 */
import type { FunctionEmitter } from '../function-emitter.js';
import { arg, over } from './util.js';

const U = 'UBIGINT[]';

function normalized(list: string): string {
  return `list_sort(list_distinct(${list}))`;
}

/** One-element state of a value; NULL (or a value that is not an unsigned 64-bit integer) → NULL. */
function single(value: string): string {
  return `CASE WHEN TRY_CAST(${value} AS UBIGINT) IS NULL THEN NULL ELSE [TRY_CAST(${value} AS UBIGINT)] END`;
}

export const SKETCH_EMITTERS: Readonly<Record<string, FunctionEmitter>> = {
  to_bitmap: (c) => single(arg(c, 0)),
  bitmap_empty: () => `CAST([] AS ${U})`,
  bitmap_hash: (c) =>
    `CASE WHEN ${arg(c, 0)} IS NULL THEN CAST([] AS ${U}) ELSE [CAST(hash(CAST(${arg(c, 0)} AS VARCHAR)) % 4294967296 AS UBIGINT)] END`,
  bitmap_count: (c) => `coalesce(CAST(len(${arg(c, 0)}) AS BIGINT), 0)`,
  bitmap_and: (c) => `list_sort(list_intersect(${arg(c, 0)}, ${arg(c, 1)}))`,
  bitmap_or: (c) => normalized(`list_concat(${arg(c, 0)}, ${arg(c, 1)})`),
  bitmap_andnot: (c) => `list_filter(${arg(c, 0)}, lambda x: NOT list_contains(${arg(c, 1)}, x))`,
  bitmap_contains: (c) => `list_contains(${arg(c, 0)}, TRY_CAST(${arg(c, 1)} AS UBIGINT))`,
  bitmap_to_string: (c) => `array_to_string(${arg(c, 0)}, ',')`,
  bitmap_from_string: (c) =>
    `CASE WHEN trim(${arg(c, 0)}) = '' THEN CAST([] AS ${U}) ELSE ${normalized(`TRY_CAST(string_split(${arg(c, 0)}, ',') AS ${U})`)} END`,
  bitmap_to_array: (c) => `CAST(${arg(c, 0)} AS BIGINT[])`,
  // Values outside the unsigned 64-bit range and NULLs are skipped; no rows give an empty bitmap.
  bitmap_agg: (c) =>
    `coalesce(${normalized(`list(TRY_CAST(${arg(c, 0)} AS UBIGINT))${over(c)}`)}, CAST([] AS ${U}))`,
  // The number of distinct non-NULL values (negative ones count too, as StarRocks' result shows).
  bitmap_union_int: (c) => `count(DISTINCT ${arg(c, 0)})`,
  bitmap_union: (c) => normalized(`flatten(list(${arg(c, 0)})${over(c)})`),
  bitmap_union_count: (c) =>
    `coalesce(CAST(len(list_distinct(flatten(list(${arg(c, 0)})${over(c)}))) AS BIGINT), 0)`,
  hll_hash: (c) =>
    `CASE WHEN ${arg(c, 0)} IS NULL THEN CAST([] AS ${U}) ELSE [hash(CAST(${arg(c, 0)} AS VARCHAR))] END`,
  hll_empty: () => `CAST([] AS ${U})`,
  hll_cardinality: (c) => `coalesce(CAST(len(${arg(c, 0)}) AS BIGINT), 0)`,
  hll_union: (c) => normalized(`flatten(list(${arg(c, 0)})${over(c)})`),
  hll_union_agg: (c) =>
    `coalesce(CAST(len(list_distinct(flatten(list(${arg(c, 0)})${over(c)}))) AS BIGINT), 0)`,
  percentile_hash: (c) => `CASE WHEN ${arg(c, 0)} IS NULL THEN NULL ELSE [CAST(${arg(c, 0)} AS DOUBLE)] END`,
  percentile_empty: () => 'CAST([] AS DOUBLE[])',
  percentile_union: (c) => `flatten(list(${arg(c, 0)})${over(c)})`,
  percentile_approx_raw: (c) => `list_aggregate(${arg(c, 0)}, 'quantile_cont', ${arg(c, 1)})`,
};
