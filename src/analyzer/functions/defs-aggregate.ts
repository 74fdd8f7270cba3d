/**
 * Aggregate and window functions with StarRocks' result types: SUM of integers is BIGINT, AVG of
 * integers DOUBLE, SUM/AVG of DECIMAL(p,s) are DECIMAL(38, s) / DECIMAL(38, s') with StarRocks'
 * division scale rule (s ≤ 6 → s+6, s ≤ 12 → 12, else s), COUNT is BIGINT.
 */
import { T, type SqlType } from '../../types/index.js';
import {
  aggregate,
  argType,
  sig,
  VARCHAR,
  windowFn,
  type FunctionDef,
  type ReturnRule,
} from './signature.js';
import { familyOf, intRank } from './type-rules.js';

const BIG = T.bigint;
const D = T.double;

/** SUM's result type. */
export function sumType(t: SqlType): SqlType | null {
  if (t.kind === 'largeint') return T.largeint;
  if (intRank(t) > 0 || t.kind === 'boolean') return BIG;
  if (t.kind === 'decimal') return T.decimal(38, Math.min(t.scale, 18));
  const f = familyOf(t);
  if (f === 'float' || f === 'string') return D;
  return null;
}

/** AVG's result type. */
export function avgType(t: SqlType): SqlType | null {
  if (t.kind === 'decimal') {
    const s = t.scale <= 6 ? t.scale + 6 : t.scale <= 12 ? 12 : t.scale;
    return T.decimal(38, s);
  }
  if (t.kind === 'datetime' || t.kind === 'date') return t;
  const f = familyOf(t);
  return f === 'integer' || f === 'float' || f === 'string' || f === 'boolean' ? D : null;
}

// 'numeric' keeps numbers and reads strings as DOUBLE, as StarRocks' implicit cast does.
const sumDef = aggregate([sig(['numeric'], (a) => (a[0] ? sumType(a[0]) : null))], { id: 'sum' });
const avgDef = aggregate([sig(['numeric'], (a) => (a[0] ? avgType(a[0]) : null))]);
const same: ReturnRule = argType(0);
const minMax = (): FunctionDef => aggregate([sig(['any'], same)]);
const dbl2 = (): FunctionDef => aggregate([sig([D, D], D)]);
const countDistinct = aggregate([sig(['any'], BIG, 'any', 1)], { id: 'multi_distinct_count' });
const ndv = aggregate([sig(['any'], BIG)], { id: 'ndv' });
const stddevPop = aggregate([sig([D], D)], { id: 'stddev' });
const stddevSamp = aggregate([sig([D], D)], { id: 'stddev_samp' });
const varPop = aggregate([sig([D], D)], { id: 'variance' });
const varSamp = aggregate([sig([D], D)], { id: 'var_samp' });
const groupConcat = aggregate([sig(['string'], VARCHAR, 'string', 1)], { id: 'group_concat' });
const arrayAgg = aggregate([sig(['any'], (a) => (a[0] ? T.array(a[0]) : null))], { id: 'array_agg' });
const percentileApprox = aggregate([sig([D, D], D), sig([D, D, D], D)], { id: 'percentile_approx' });
const boolOr = aggregate([sig([T.boolean], T.boolean)], { id: 'bool_or' });
const boolAnd = aggregate([sig([T.boolean], T.boolean)], { id: 'bool_and' });

/** Aggregate function table (all usable with OVER as well). */
export const AGGREGATE_FUNCTIONS: Readonly<Record<string, FunctionDef>> = {
  count: aggregate([sig([], BIG), sig(['any'], BIG, 'any', 1)]),
  sum: sumDef,
  avg: avgDef,
  min: minMax(),
  max: minMax(),
  any_value: aggregate([sig(['any'], same)]),
  multi_distinct_count: countDistinct,
  multi_distinct_sum: aggregate([sig(['numeric'], (a) => (a[0] ? sumType(a[0]) : null))]),
  approx_count_distinct: ndv,
  ndv,
  approx_count_distinct_hll_sketch: ndv,
  ds_hll_count_distinct: aggregate([sig(['any'], BIG), sig(['any', T.int], BIG)], { id: 'ndv' }),
  stddev: stddevPop,
  std: stddevPop,
  stddev_pop: stddevPop,
  stddev_samp: stddevSamp,
  variance: varPop,
  var_pop: varPop,
  variance_pop: varPop,
  var_samp: varSamp,
  variance_samp: varSamp,
  covar_pop: dbl2(),
  covar_samp: dbl2(),
  corr: dbl2(),
  group_concat: groupConcat,
  array_agg: arrayAgg,
  array_unique_agg: aggregate([sig(['array'], same)]),
  percentile_approx: percentileApprox,
  percentile_cont: aggregate([sig([T.date, D], T.date), sig([T.datetime, D], T.datetime), sig([D, D], D)]),
  percentile_disc: aggregate([sig(['any', D], same)], { id: 'percentile_disc' }),
  percentile_disc_lc: aggregate([sig(['any', D], same)], { id: 'percentile_disc' }),
  median: aggregate([sig([D], D)], { id: 'percentile_cont_half' }),
  max_by: aggregate([sig(['any', 'any'], same)]),
  min_by: aggregate([sig(['any', 'any'], same)]),
  count_if: aggregate([sig([T.boolean], BIG)]),
  bool_or: boolOr,
  boolor_agg: boolOr,
  bool_and: boolAnd,
  booland_agg: boolAnd,
  bit_and: aggregate([sig(['integer'], same)]),
  bit_or: aggregate([sig(['integer'], same)]),
  bit_xor: aggregate([sig(['integer'], same)]),
};

const rankLike = (): FunctionDef => windowFn([sig([], BIG)]);
const offsetFn = (): FunctionDef =>
  windowFn([sig(['any'], same), sig(['any', BIG], same), sig(['same', BIG, 'same'], same)]);

/** Window-only function table. */
export const WINDOW_FUNCTIONS: Readonly<Record<string, FunctionDef>> = {
  row_number: rankLike(),
  rank: rankLike(),
  dense_rank: rankLike(),
  ntile: windowFn([sig([BIG], BIG)]),
  cume_dist: windowFn([sig([], D)]),
  percent_rank: windowFn([sig([], D)]),
  lag: offsetFn(),
  lead: offsetFn(),
  first_value: windowFn([sig(['any'], same)]),
  last_value: windowFn([sig(['any'], same)]),
};
