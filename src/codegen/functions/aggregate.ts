/**
 * Aggregate and window emitters. The window clause (EmitCall.over) is placed right after the
 * aggregate call, inside any result cast. COUNT(DISTINCT a, b) ignores rows where any argument is
 * NULL, like StarRocks; NDV/APPROX_COUNT_DISTINCT are computed exactly (StarRocks' HLL is exact
 * for small sets, and exact is never further from the truth than another estimator).
 */
import type { EmitCall, FunctionEmitter } from '../function-emitter.js';
import { arg, castTo, constArg, distinct, over } from './util.js';

/** `fn([DISTINCT] args) OVER (…)` cast to the StarRocks result type. */
function aggCast(fn: string): FunctionEmitter {
  return (c) => castTo(`${fn}(${distinct(c)}${c.args.join(', ')})${over(c)}`, c.returnType);
}

/**
 * SUM: a BIGINT result wraps around like StarRocks' int64 accumulator (DuckDB sums in HUGEINT and
 * the cast back to BIGINT raised an out-of-range error).
 */
function sumWrapping(c: EmitCall): string {
  if (c.returnType.kind !== 'bigint') return aggCast('sum')(c);
  const total = `CAST(sum(${distinct(c)}${c.args.join(', ')})${over(c)} AS HUGEINT)`;
  const half = "CAST('9223372036854775808' AS HUGEINT)";
  return `CAST(((${total} + ${half}) & CAST('18446744073709551615' AS HUGEINT)) - ${half} AS BIGINT)`;
}

/** Statistics over too few rows: DuckDB answers NaN, StarRocks NULL (NaN equals NaN in DuckDB). */
function aggNoNan(fn: string): FunctionEmitter {
  const inner = aggCast(fn);
  return (c) => `nullif(${inner(c)}, CAST('NaN' AS DOUBLE))`;
}

function aggPlain(fn: string): FunctionEmitter {
  return (c) => `${fn}(${distinct(c)}${c.args.join(', ')})${over(c)}`;
}

function count(c: EmitCall): string {
  if (c.args.length === 0) return `count(*)${over(c)}`;
  if (c.args.length === 1) return `count(${distinct(c)}${arg(c, 0)})${over(c)}`;
  const allPresent = c.args.map((a) => `(${a}) IS NOT NULL`).join(' AND ');
  const row = `CASE WHEN ${allPresent} THEN row(${c.args.join(', ')}) END`;
  return `count(${distinct(c)}${row})${over(c)}`;
}

function groupConcat(c: EmitCall): string {
  const value = c.args.length === 1 ? arg(c, 0) : `(${c.args.join(' || ')})`;
  // SEPARATOR NULL joins with nothing in between.
  const sep = c.separator === null ? `','` : `coalesce(${c.separator}, '')`;
  if (c.distinct && c.orderBy !== null && (c.over === undefined || c.over === null)) {
    // DuckDB wants a DISTINCT aggregate's ORDER BY keys among its arguments: collect in order,
    // then keep each value's first occurrence.
    const all = `array_agg(${value} ${c.orderBy})`;
    const kept = `list_filter(${all}, lambda __rk_g, __rk_n: __rk_g IS NOT NULL AND list_position(${all}, __rk_g) = __rk_n)`;
    return `CASE WHEN len(${kept}) > 0 THEN array_to_string(${kept}, ${sep}) END`;
  }
  const order = c.orderBy === null ? '' : ` ${c.orderBy}`;
  return `string_agg(${distinct(c)}${value}, ${sep}${order})${over(c)}`;
}

function arrayAgg(c: EmitCall): string {
  const order = c.orderBy === null ? '' : ` ${c.orderBy}`;
  return `array_agg(${distinct(c)}${arg(c, 0)}${order})${over(c)}`;
}

function offset(fn: 'lag' | 'lead'): FunctionEmitter {
  return (c) => {
    const ignore = c.ignoreNulls === true ? ' IGNORE NULLS' : '';
    return `${fn}(${c.args.join(', ')}${ignore})${over(c)}`;
  };
}

function valueFn(fn: 'first_value' | 'last_value'): FunctionEmitter {
  return (c) => `${fn}(${arg(c, 0)}${c.ignoreNulls === true ? ' IGNORE NULLS' : ''})${over(c)}`;
}

/** A rate outside [0, 1] that reached execution fails with StarRocks' runtime text. */
function rateChecked(c: EmitCall, sql: string): string {
  const rate = Number(constArg(c, 1));
  if (Number.isFinite(rate) && (rate < 0 || rate > 1))
    return `error(${c.literal('Percentile rate must be between 0 and 1')})`;
  return sql;
}

/** Aggregate emitters by id. */
export const AGGREGATE_EMITTERS: Readonly<Record<string, FunctionEmitter>> = {
  count,
  multi_distinct_count: (c) => count({ ...c, distinct: true }),
  sum: sumWrapping,
  multi_distinct_sum: (c) => sumWrapping({ ...c, distinct: true }),
  avg: aggCast('avg'),
  min: aggPlain('min'),
  max: aggPlain('max'),
  any_value: aggPlain('any_value'),
  ndv: (c) => `count(DISTINCT ${arg(c, 0)})${over(c)}`,
  stddev: aggNoNan('stddev_pop'),
  stddev_samp: aggNoNan('stddev_samp'),
  variance: aggNoNan('var_pop'),
  var_samp: aggNoNan('var_samp'),
  covar_pop: aggNoNan('covar_pop'),
  covar_samp: aggNoNan('covar_samp'),
  corr: aggNoNan('corr'),
  group_concat: groupConcat,
  array_agg: arrayAgg,
  array_unique_agg: (c) => `list_distinct(flatten(array_agg(${arg(c, 0)})${over(c)}))`,
  percentile_approx: (c) => castTo(`quantile_cont(${arg(c, 0)}, ${arg(c, 1)})${over(c)}`, c.returnType),
  percentile_cont: (c) =>
    rateChecked(c, castTo(`quantile_cont(${arg(c, 0)}, ${arg(c, 1)})${over(c)}`, c.returnType)),
  percentile_disc: (c) => rateChecked(c, `quantile_disc(${arg(c, 0)}, ${arg(c, 1)})${over(c)}`),
  percentile_cont_half: (c) => castTo(`quantile_cont(${arg(c, 0)}, 0.5)${over(c)}`, c.returnType),
  // StarRocks keeps the row with the extreme key even when its value is NULL (DuckDB arg_max skips it).
  max_by: (c) => `arg_max_null(${arg(c, 0)}, ${arg(c, 1)})${over(c)}`,
  min_by: (c) => `arg_min_null(${arg(c, 0)}, ${arg(c, 1)})${over(c)}`,
  // DuckDB's count_if is NULL when every input is NULL; StarRocks counts 0.
  count_if: (c) => `CAST(coalesce(count_if(${arg(c, 0)})${over(c)}, 0) AS BIGINT)`,
  bool_or: aggPlain('bool_or'),
  bool_and: aggPlain('bool_and'),
  bit_and: aggCast('bit_and'),
  bit_or: aggCast('bit_or'),
  bit_xor: aggCast('bit_xor'),
};

/** Window-only emitters by id. */
export const WINDOW_EMITTERS: Readonly<Record<string, FunctionEmitter>> = {
  row_number: (c) => `row_number()${over(c)}`,
  rank: (c) => `rank()${over(c)}`,
  dense_rank: (c) => `dense_rank()${over(c)}`,
  ntile: (c) => `ntile(${arg(c, 0)})${over(c)}`,
  cume_dist: (c) => `cume_dist()${over(c)}`,
  percent_rank: (c) => `percent_rank()${over(c)}`,
  lag: offset('lag'),
  lead: offset('lead'),
  first_value: valueFn('first_value'),
  last_value: valueFn('last_value'),
};
