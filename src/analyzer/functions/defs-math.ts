/**
 * Math and bit functions (StarRocks functions.py 10xxx/20xxx). DECIMAL inputs keep DECIMAL where
 * StarRocks has a DECIMAL overload (abs, round, truncate, mod, greatest/least); everything else
 * computes in DOUBLE.
 */
import { T, type SqlType } from '../../types/index.js';
import { argType, scalar, sig, VARCHAR, type FunctionDef, type ReturnRule } from './signature.js';
import { commonType, familyOf, intRank } from './type-rules.js';

const D = T.double;
const BIG = T.bigint;
const INT = T.int;

const dbl1 = (): FunctionDef => scalar([sig([D], D)]);
const dbl2 = (): FunctionDef => scalar([sig([D, D], D)]);

/** abs widens integers by one step (abs(INT) is BIGINT) like StarRocks. */
const absRet: ReturnRule = (args) => {
  const a = args[0];
  if (a === undefined) return null;
  const widen: Partial<Record<SqlType['kind'], SqlType>> = {
    tinyint: T.smallint,
    smallint: INT,
    int: BIG,
    bigint: T.largeint,
    largeint: T.largeint,
  };
  return widen[a.kind] ?? a;
};

/** ROUND/TRUNCATE on DECIMAL give DECIMAL(38, s); on anything else DOUBLE (or BIGINT for 1-arg round). */
const roundDef = (oneArgBigint: boolean): FunctionDef =>
  scalar([
    sig(['numeric'], (a) => decimalRound(a[0], 0) ?? (oneArgBigint ? BIG : D)),
    sig(['numeric', INT], (a, ctx) => decimalRound(a[0], ctx.shape.constArgs?.[1]) ?? D),
  ]);

/** A constant digit count narrows the scale (round(x, 4) of DECIMAL(38, 7) prints 4 decimals). */
function decimalRound(t: SqlType | undefined, digits?: unknown): SqlType | null {
  if (t?.kind !== 'decimal') return null;
  const d = typeof digits === 'bigint' ? Number(digits) : digits;
  // DECIMAL128 (precision 38) as StarRocks documents; the scale drops to the digits kept.
  if (typeof d === 'number' && Number.isInteger(d)) return T.decimal(38, Math.max(0, Math.min(d, t.scale)));
  return T.decimal(38, t.scale);
}

/** Arguments to a numeric overload: integers stay integers, decimals stay decimals, else DOUBLE. */
const numericCommon: ReturnRule = (args) => args[0] ?? null;

/** mod/greatest/least: common numeric type of all arguments (strings and temporals handled too). */
function commonOf(args: readonly SqlType[]): SqlType | null {
  const c = commonType(args);
  if (c === null) return null;
  const f = familyOf(c);
  return f === 'boolean' ? T.tinyint : c;
}

const pow = scalar([sig([D, D], D)], { id: 'pow' });
const ceil = scalar([sig([D], BIG)], { id: 'ceil' });
const floor = scalar([sig([D], BIG)], { id: 'floor' });
const ln = scalar([sig([D], D)], { id: 'ln' });
const rand = scalar([sig([], D), sig([BIG], D)], { id: 'rand' });
const bitRet: ReturnRule = (args) => {
  const a = args[0];
  return a !== undefined && intRank(a) > 0 ? a : BIG;
};
const bit2 = (): FunctionDef => scalar([sig(['same', 'same'], bitRet)]);

/** Math function table. */
export const MATH_FUNCTIONS: Readonly<Record<string, FunctionDef>> = {
  pi: scalar([sig([], D)]),
  e: scalar([sig([], D)]),
  sign: scalar([sig([D], T.float)]),
  abs: scalar([sig(['numeric'], absRet)]),
  sin: dbl1(),
  asin: dbl1(),
  sinh: dbl1(),
  cos: dbl1(),
  acos: dbl1(),
  cosh: dbl1(),
  tan: dbl1(),
  atan: dbl1(),
  tanh: dbl1(),
  cot: dbl1(),
  atan2: dbl2(),
  ceil,
  ceiling: ceil,
  dceil: ceil,
  floor,
  dfloor: floor,
  round: roundDef(true),
  dround: roundDef(true),
  truncate: scalar([sig(['numeric', INT], (a, ctx) => decimalRound(a[0], ctx.shape.constArgs?.[1]) ?? D)]),
  ln,
  dlog1: ln,
  log: scalar([sig([D], D), sig([D, D], D)]),
  log2: dbl1(),
  log10: scalar([sig([D], D)], { id: 'log10' }),
  dlog10: scalar([sig([D], D)], { id: 'log10' }),
  exp: scalar([sig([D], D)], { id: 'exp' }),
  dexp: scalar([sig([D], D)], { id: 'exp' }),
  radians: dbl1(),
  degrees: dbl1(),
  sqrt: scalar([sig([D], D)], { id: 'sqrt' }),
  dsqrt: scalar([sig([D], D)], { id: 'sqrt' }),
  cbrt: dbl1(),
  square: dbl1(),
  pow,
  power: pow,
  dpow: pow,
  fpow: pow,
  pmod: scalar([sig([BIG, BIG], BIG), sig([D, D], D)]),
  fmod: scalar([sig([D, D], D)]),
  mod: scalar([sig(['same', 'same'], (a) => commonOf(a))]),
  positive: scalar([sig(['numeric'], numericCommon)]),
  negative: scalar([sig(['numeric'], numericCommon)]),
  greatest: scalar([sig(['same'], (a) => commonOf(a), 'same', 1)]),
  least: scalar([sig(['same'], (a) => commonOf(a), 'same', 1)]),
  rand,
  random: rand,
  bin: scalar([sig([BIG], VARCHAR)]),
  bitand: bit2(),
  bitor: bit2(),
  bitxor: bit2(),
  bitnot: scalar([sig(['integer'], argType(0))]),
  bit_shift_left: scalar([sig(['integer', BIG], argType(0))]),
  bit_shift_right: scalar([sig(['integer', BIG], argType(0))]),
  bit_shift_right_logical: scalar([sig(['integer', BIG], argType(0))]),
  cosine_similarity_norm: scalar([sig([T.array(T.float), T.array(T.float)], T.float)]),
  cosine_similarity: scalar([sig([T.array(T.float), T.array(T.float)], T.float)]),
  l2_distance: scalar([sig([T.array(T.float), T.array(T.float)], T.float)]),
  /** equiwidth_bucket(value, min, max, buckets): 0-based bucket of value in [min, max]. */
  equiwidth_bucket: scalar([sig([BIG, BIG, BIG, BIG], BIG)]),
  /** bar(size, min, max, width): a text bar of '▓' proportional to size within [min, max]. */
  bar: scalar([sig([BIG, BIG, BIG, BIG], VARCHAR)]),
};
