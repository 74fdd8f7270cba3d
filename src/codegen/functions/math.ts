/**
 * Math emitters. StarRocks returns NULL where DuckDB would raise (log of non-positive, sqrt of a
 * negative, modulo by zero); ROUND rounds half away from zero (DuckDB's double and decimal round do
 * too); GREATEST/LEAST are NULL if any argument is NULL (DuckDB's skip NULLs).
 */
import type { SqlType } from '../../types/index.js';
import type { EmitCall, FunctionEmitter } from '../function-emitter.js';
import { arg, argT, castTo, constInt, direct, nullIfAnyNull, tmpl, unsupported } from './util.js';

const positive = (x: string, body: string): string => `CASE WHEN (${x}) > 0 THEN ${body} END`;

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * CONV(x, from, to) with constant bases: the longest prefix of x that is valid in base `from`
 * (MySQL stops at the first invalid character; none gives '0') read into an unsigned 64-bit
 * value (saturating like MySQL), printed in base `to` (2, 8, 10 or 16).
 */
function conv(c: EmitCall): string {
  const from = constInt(c, 1);
  const to = constInt(c, 2);
  if (from === undefined || to === undefined) return convDynamic(c);
  if (from < 2 || from > 36) return 'CAST(NULL AS VARCHAR)';
  const digits = DIGITS.slice(0, from);
  const prefix = `regexp_extract(upper(trim(CAST(${arg(c, 0)} AS VARCHAR))), '^[${digits}]*')`;
  const value =
    `least(list_reduce(list_transform(string_split(${prefix}, ''), lambda __rk_c: instr('${DIGITS}', __rk_c) - 1), ` +
    `lambda __rk_a, __rk_d: least(__rk_a * ${from} + __rk_d, 18446744073709551616::HUGEINT), 0::HUGEINT), 18446744073709551615::HUGEINT)::UBIGINT`;
  const printed: Record<number, string> = {
    10: `CAST(${value} AS VARCHAR)`,
    16: `upper(hex(${value}))`,
    2: `bin(${value})`,
  };
  const body = printed[Math.abs(to)];
  if (body === undefined) return unsupported(`CONV to base ${to}`);
  return `CASE WHEN ${arg(c, 0)} IS NULL THEN NULL WHEN ${prefix} = '' THEN '0' ELSE ${body} END`;
}

/** CONV with bases from columns (or out-of-range constants cast to NULL): chosen per row. */
function convDynamic(c: EmitCall): string {
  const [x, from, to] = [arg(c, 0), `CAST(${arg(c, 1)} AS BIGINT)`, `abs(CAST(${arg(c, 2)} AS BIGINT))`];
  const prefix = `regexp_extract(upper(trim(CAST(${x} AS VARCHAR))), '^[' || substr('${DIGITS}', 1, ${from}) || ']*')`;
  const value =
    `least(list_reduce(list_transform(string_split(${prefix}, ''), lambda __rk_c: instr('${DIGITS}', __rk_c) - 1), ` +
    `lambda __rk_a, __rk_d: least(__rk_a * ${from} + __rk_d, 18446744073709551616::HUGEINT), 0::HUGEINT), 18446744073709551615::HUGEINT)::UBIGINT`;
  const unsupportedBase = c.literal('CONV to a base other than 2, 10 or 16 is not supported');
  return (
    `CASE WHEN ${x} IS NULL OR ${from} IS NULL OR ${to} IS NULL OR ${from} NOT BETWEEN 2 AND 36 OR ${to} NOT BETWEEN 2 AND 36 THEN NULL ` +
    `WHEN ${prefix} = '' THEN '0' WHEN ${to} = 10 THEN CAST(${value} AS VARCHAR) WHEN ${to} = 16 THEN upper(hex(${value})) ` +
    `WHEN ${to} = 2 THEN bin(${value}) ELSE error(${unsupportedBase}) END`
  );
}

function round(c: EmitCall): string {
  const x = arg(c, 0);
  const t = argT(c, 0);
  const digits = c.args.length > 1 ? arg(c, 1) : '0';
  if (t.kind === 'decimal' || c.returnType.kind === 'decimal')
    return castTo(`round(${x}, ${digits})`, c.returnType);
  if (c.args.length === 1 && c.returnType.kind === 'bigint') return `CAST(round(${x}) AS BIGINT)`;
  return castTo(`round(${x}, ${digits})`, c.returnType);
}

function truncate(c: EmitCall): string {
  const x = arg(c, 0);
  const d = arg(c, 1);
  if (argT(c, 0).kind === 'decimal') return castTo(`trunc(${x}, ${d})`, c.returnType);
  return `CAST(trunc(CAST(${x} AS DOUBLE) * pow(10, ${d})) / pow(10, ${d}) AS DOUBLE)`;
}

function mod(c: EmitCall): string {
  const [a, b] = [arg(c, 0), arg(c, 1)];
  const t = c.returnType;
  if (t.kind === 'float' || t.kind === 'double') return castTo(`fmod(${a}, nullif(${b}, 0))`, t);
  return castTo(`(${a}) % nullif(${b}, 0)`, t);
}

function greatestLeast(fn: 'greatest' | 'least'): FunctionEmitter {
  return (c) => nullIfAnyNull(c.args, `${fn}(${c.args.join(', ')})`);
}

const WIDTH: Partial<Record<SqlType['kind'], number>> = { tinyint: 8, smallint: 16, int: 32, bigint: 64 };

/** `>>>`: shift the two's-complement bits as unsigned, then read them back as the signed type. */
function shiftRightLogical(c: EmitCall): string {
  const w = WIDTH[argT(c, 0).kind];
  if (w === undefined) return castTo(`(${arg(c, 0)}) >> CAST(${arg(c, 1)} AS INTEGER)`, c.returnType);
  const mask = (1n << BigInt(w)) - 1n;
  const shifted = `((CAST(${arg(c, 0)} AS HUGEINT) & ${mask}) >> CAST(${arg(c, 1)} AS INTEGER))`;
  const signed = `CASE WHEN ${shifted} >= ${1n << BigInt(w - 1)} THEN ${shifted} - ${1n << BigInt(w)} ELSE ${shifted} END`;
  return castTo(signed, c.returnType);
}

/**
 * Sequential FLOAT sum of `term(x, y)` over two equal-length FLOAT arrays, accumulated in 32-bit
 * floats like StarRocks' vector functions (so cosine_similarity of equal vectors is 0.9999999).
 */
function floatSum(a: string, b: string, term: string): string {
  const t = term.replace(/\bx\b/g, `(${a})[__rk_i]`).replace(/\by\b/g, `(${b})[__rk_i]`);
  return `list_reduce(list_transform(range(1, len(${a}) + 1), lambda __rk_i: CAST(${t} AS FLOAT)), lambda __rk_s, __rk_v: CAST(__rk_s + __rk_v AS FLOAT), CAST(0 AS FLOAT))`;
}

/** Math emitters by id. */
export const MATH_EMITTERS: Readonly<Record<string, FunctionEmitter>> = {
  conv,
  pi: () => 'pi()',
  e: () => 'exp(1)',
  sign: tmpl((a) => `CAST(sign(${a[0]}) AS FLOAT)`),
  abs: (c) => `abs(${castTo(arg(c, 0), c.returnType)})`,
  sin: direct('sin'),
  asin: tmpl((a) => `CASE WHEN abs(${a[0]}) <= 1 THEN asin(${a[0]}) END`),
  sinh: tmpl((a) => `((exp(${a[0]}) - exp(-(${a[0]}))) / 2)`),
  cos: direct('cos'),
  acos: tmpl((a) => `CASE WHEN abs(${a[0]}) <= 1 THEN acos(${a[0]}) END`),
  cosh: tmpl((a) => `((exp(${a[0]}) + exp(-(${a[0]}))) / 2)`),
  tan: direct('tan'),
  atan: direct('atan'),
  tanh: tmpl((a) => `tanh(${a[0]})`),
  cot: direct('cot'),
  atan2: direct('atan2'),
  // Beyond BIGINT the result is NULL (StarRocks intends NULL, issue #49591), not an error.
  ceil: tmpl((a) => `TRY_CAST(ceil(${a[0]}) AS BIGINT)`),
  floor: tmpl((a) => `TRY_CAST(floor(${a[0]}) AS BIGINT)`),
  round,
  dround: round,
  truncate,
  ln: tmpl((a) => positive(a[0] ?? '', `ln(${a[0]})`)),
  log: (c) =>
    c.args.length === 1
      ? positive(arg(c, 0), `ln(${arg(c, 0)})`)
      : `CASE WHEN (${arg(c, 1)}) > 0 AND (${arg(c, 0)}) > 0 AND (${arg(c, 0)}) <> 1 THEN ln(${arg(c, 1)}) / ln(${arg(c, 0)}) END`,
  log2: tmpl((a) => positive(a[0] ?? '', `log2(${a[0]})`)),
  log10: tmpl((a) => positive(a[0] ?? '', `log10(${a[0]})`)),
  exp: direct('exp'),
  radians: direct('radians'),
  degrees: direct('degrees'),
  sqrt: tmpl((a) => `CASE WHEN (${a[0]}) >= 0 THEN sqrt(${a[0]}) END`),
  cbrt: direct('cbrt'),
  square: tmpl((a) => `((${a[0]}) * (${a[0]}))`),
  pow: tmpl((a) => `pow(${a[0]}, ${a[1]})`),
  pmod: (c) =>
    castTo(
      `(((${arg(c, 0)}) % nullif(${arg(c, 1)}, 0)) + (${arg(c, 1)})) % nullif(${arg(c, 1)}, 0)`,
      c.returnType,
    ),
  fmod: tmpl((a) => `fmod(${a[0]}, nullif(${a[1]}, 0))`),
  mod,
  positive: tmpl((a) => `(${a[0]})`),
  negative: (c) => castTo(`-(${arg(c, 0)})`, c.returnType),
  greatest: greatestLeast('greatest'),
  least: greatestLeast('least'),
  rand: () => 'random()',
  bin: tmpl(
    (a) => `ltrim(bin(CAST(${a[0]} AS BIGINT)), '0') || CASE WHEN (${a[0]}) = 0 THEN '0' ELSE '' END`,
  ),
  bitand: (c) => castTo(`(${arg(c, 0)}) & (${arg(c, 1)})`, c.returnType),
  bitor: (c) => castTo(`(${arg(c, 0)}) | (${arg(c, 1)})`, c.returnType),
  bitxor: (c) => castTo(`xor(${arg(c, 0)}, ${arg(c, 1)})`, c.returnType),
  bitnot: (c) => castTo(`~(${arg(c, 0)})`, c.returnType),
  bit_shift_left: (c) => castTo(`(${arg(c, 0)}) << CAST(${arg(c, 1)} AS INTEGER)`, c.returnType),
  bit_shift_right: (c) => castTo(`(${arg(c, 0)}) >> CAST(${arg(c, 1)} AS INTEGER)`, c.returnType),
  bit_shift_right_logical: shiftRightLogical,
  cosine_similarity: tmpl((a) => {
    const [x, y] = [a[0] ?? '', a[1] ?? ''];
    return `(${floatSum(x, y, 'x * y')} / (CAST(sqrt(${floatSum(x, x, 'x * y')}) AS FLOAT) * CAST(sqrt(${floatSum(y, y, 'x * y')}) AS FLOAT)))`;
  }),
  // For vectors already normalised: the dot product, accumulated in FLOAT.
  cosine_similarity_norm: tmpl((a) => floatSum(a[0] ?? '', a[1] ?? '', 'x * y')),
  l2_distance: tmpl((a) => floatSum(a[0] ?? '', a[1] ?? '', '(x - y) * (x - y)')),
  // Integer bucket width, at least 1 (StarRocks divides before it scales); out-of-range is an error.
  equiwidth_bucket: tmpl(
    ([v, lo, hi, n]) =>
      `(CASE WHEN (${lo}) >= (${hi}) THEN error('equiwidth_bucket requirement: min < max') WHEN (${n}) <= 0 THEN error('equiwidth_bucket requirement: buckets > 0') WHEN (${v}) < (${lo}) THEN error('equiwidth_bucket requirement: size >= min') WHEN (${v}) > (${hi}) THEN error('equiwidth_bucket requirement: size <= max') ELSE ((${v}) - (${lo})) // greatest(((${hi}) - (${lo})) // (${n}), 1) END)`,
  ),
  bar: tmpl(
    ([v, lo, hi, w]) =>
      `(CASE WHEN (${lo}) >= (${hi}) THEN error('bar requirement: min < max') WHEN (${w}) <= 0 THEN error('bar requirement: width > 0') WHEN (${v}) < (${lo}) THEN error('bar requirement: size >= min') WHEN (${v}) > (${hi}) THEN error('bar requirement: size <= max') ELSE repeat('▓', CAST(((${v}) - (${lo})) * (${w}) // ((${hi}) - (${lo})) AS BIGINT)) END)`,
  ),
};
