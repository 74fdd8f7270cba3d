/**
 * StarRocks' type rules for operators, comparisons and common super types, written as tables.
 * Source of truth: StarRocks FE `ArithmeticExpr` (result types, DECIMAL v3 rules), `TypeManager`
 * (`getCompatibleTypeForBinary`, `getCommonSuperType`, `getCompatibleTypeForBetweenAndIn`) and
 * `Type.getNumResultType`. Each function says which StarRocks rule it mirrors.
 */
import { T, isIntegerType, isStringType, type SqlType } from './sql-type.js';

/** Maximum DECIMAL precision (DECIMAL128). */
export const MAX_DECIMAL_PRECISION = 38;

/** Integer kinds ordered by width; LARGEINT is StarRocks' 128-bit integer. */
const INT_ORDER = ['tinyint', 'smallint', 'int', 'bigint', 'largeint'] as const;
type IntKind = (typeof INT_ORDER)[number];

/** Byte width of fixed-point kinds (StarRocks `getTypeSize`, used to pick the wider integer). */
const INT_SIZE: Readonly<Record<IntKind, number>> = {
  tinyint: 1,
  smallint: 2,
  int: 4,
  bigint: 8,
  largeint: 16,
};

/** Decimal type that holds every value of an integer kind (`getAssigmentCompatibleTypeOfDecimalV3`). */
const INT_AS_DECIMAL: Readonly<Record<string, readonly [number, number]>> = {
  boolean: [1, 0],
  tinyint: [3, 0],
  smallint: [5, 0],
  int: [10, 0],
  bigint: [19, 0],
  largeint: [38, 0],
};

/**
 * Decimal type an integer operand is cast to in DECIMAL arithmetic (`ArithmeticExpr.nonDecimalToDecimal`):
 * LARGEINT → DECIMAL128(38,0), BIGINT → DECIMAL64(18,0), narrower integers and BOOLEAN → DECIMAL32(9,0).
 */
const INT_TO_ARITH_DECIMAL: Readonly<Record<string, readonly [number, number]>> = {
  boolean: [9, 0],
  tinyint: [9, 0],
  smallint: [9, 0],
  int: [9, 0],
  bigint: [18, 0],
  largeint: [38, 0],
};

/** `+ - *` widen the common integer type by one step (`ArithmeticExpr.getBiggerType`). */
const BIGGER_INT: Readonly<Record<IntKind, IntKind>> = {
  tinyint: 'smallint',
  smallint: 'int',
  int: 'bigint',
  bigint: 'bigint',
  largeint: 'largeint',
};

export type ArithOp = '+' | '-' | '*' | '/' | '%' | 'div' | '&' | '|' | '^' | '<<' | '>>';

/** Operand and result types of an arithmetic operator: cast the operands, the result has `result`. */
export interface ArithTyping {
  readonly left: SqlType;
  readonly right: SqlType;
  readonly result: SqlType;
}

/** Thrown (as a plain Error subclass) when no StarRocks rule applies; the analyzer turns it into a SqlError. */
export class TypeRuleError extends Error {
  override readonly name = 'TypeRuleError';
}

/** `Type.getNumResultType`: the numeric view of a type in arithmetic. */
export function numericResultType(t: SqlType): SqlType | null {
  switch (t.kind) {
    case 'boolean':
      return T.tinyint;
    case 'tinyint':
    case 'smallint':
    case 'int':
    case 'bigint':
    case 'largeint':
    case 'decimal':
    case 'double':
      return t;
    case 'null':
      return T.null;
    case 'float':
    case 'date':
    case 'datetime':
    case 'time':
    case 'char':
    case 'varchar':
    case 'string':
      return T.double;
    default:
      return null;
  }
}

/** `ArithmeticExpr.getCommonType` over numeric result types (non-decimal case). */
function arithCommon(a: SqlType, b: SqlType): SqlType {
  if (a.kind === 'null') return b.kind === 'null' ? T.tinyint : b;
  if (b.kind === 'null') return a;
  if (a.kind === 'double' || b.kind === 'double') return T.double;
  if (a.kind === 'largeint' || b.kind === 'largeint') return T.largeint;
  if (a.kind === 'bigint' || b.kind === 'bigint') return T.bigint;
  const ai = INT_ORDER.indexOf(a.kind as IntKind);
  const bi = INT_ORDER.indexOf(b.kind as IntKind);
  return ai >= bi ? a : b;
}

/** The type DuckDB computes a decimal of this precision in (for choosing operand casts). */
export function decimalOf(precision: number, scale: number): SqlType {
  return T.decimal(Math.min(precision, MAX_DECIMAL_PRECISION), scale);
}

/**
 * Result typing of a binary arithmetic operator, following `ExpressionAnalyzer.visitArithmeticExpr`:
 * integers widen one step for `+ - *`, `/` on integers is DOUBLE, `DIV` and bit operators stay
 * integer (BIGINT for non-integers), DECIMAL follows the DECIMAL v3 table in {@link decimalArith}.
 */
export function arithmeticTyping(op: ArithOp, left: SqlType, right: SqlType): ArithTyping {
  const l = numericResultType(left);
  const r = numericResultType(right);
  if (l === null || r === null) {
    throw new TypeRuleError(`arithmetic on ${left.kind} and ${right.kind} is not supported`);
  }
  if (l.kind === 'decimal' || r.kind === 'decimal') return decimalArith(op, left, right, l, r);
  if (op === '<<' || op === '>>') {
    const lt = l.kind === 'null' || l.kind === 'double' ? T.bigint : l;
    return { left: lt, right: T.bigint, result: lt };
  }
  const common = arithCommon(l, r);
  switch (op) {
    case '+':
    case '-':
    case '*': {
      const t = common.kind === 'double' ? T.double : { kind: BIGGER_INT[common.kind as IntKind] };
      return { left: t as SqlType, right: t as SqlType, result: t as SqlType };
    }
    case '%':
      return { left: common, right: common, result: common };
    case '/':
      return { left: T.double, right: T.double, result: T.double };
    case 'div':
    case '&':
    case '|':
    case '^': {
      const t = isIntegerType(common) ? common : T.bigint;
      return { left: t, right: t, result: t };
    }
  }
}

function toArithDecimal(original: SqlType, numeric: SqlType): { precision: number; scale: number } {
  if (numeric.kind === 'decimal') return { precision: numeric.precision, scale: numeric.scale };
  const ps = INT_TO_ARITH_DECIMAL[original.kind] ?? INT_TO_ARITH_DECIMAL[numeric.kind] ?? [9, 0];
  return { precision: ps[0], scale: ps[1] };
}

/** DECIMAL v3 arithmetic (`ArithmeticExpr.getReturnTypeOfDecimal` and `rewriteDecimalOperation`). */
function decimalArith(op: ArithOp, left: SqlType, right: SqlType, l: SqlType, r: SqlType): ArithTyping {
  const floating = l.kind === 'double' || r.kind === 'double' || isStringType(left) || isStringType(right);
  const bigintResult = op === 'div' || op === '&' || op === '|' || op === '^' || op === '<<' || op === '>>';
  if (bigintResult) return { left: T.bigint, right: T.bigint, result: T.bigint };
  if (floating) return { left: T.double, right: T.double, result: T.double };
  const a = toArithDecimal(left, l);
  const b = toArithDecimal(right, r);
  const maxScale = Math.max(a.scale, b.scale);
  switch (op) {
    case '+': {
      const intPart = Math.max(a.precision - a.scale, b.precision - b.scale);
      const p = Math.min(intPart + maxScale + 1, MAX_DECIMAL_PRECISION);
      return { left: T.decimal(p, a.scale), right: T.decimal(p, b.scale), result: T.decimal(p, maxScale) };
    }
    case '-':
    case '%': {
      // Computed in the widest decimal (DECIMAL64 at least), so precision is that type's maximum.
      const p = a.precision > 18 || b.precision > 18 ? 38 : 18;
      return { left: T.decimal(p, a.scale), right: T.decimal(p, b.scale), result: T.decimal(p, maxScale) };
    }
    case '*': {
      const scale = a.scale + b.scale;
      const p = a.precision + b.precision;
      if (scale > MAX_DECIMAL_PRECISION) {
        throw new TypeRuleError(
          `Return scale(${scale}) exceeds maximum value(${MAX_DECIMAL_PRECISION}), please cast decimal type to low-precision one`,
        );
      }
      const result = T.decimal(Math.min(p, MAX_DECIMAL_PRECISION), scale);
      return { left: T.decimal(a.precision, a.scale), right: T.decimal(b.precision, b.scale), result };
    }
    case '/': {
      const scale = a.scale <= 6 ? a.scale + 6 : a.scale <= 12 ? 12 : a.scale;
      if (scale + b.scale > MAX_DECIMAL_PRECISION) {
        throw new TypeRuleError(
          `Dividend fails to adjust scale to ${scale + b.scale} that exceeds maximum value(${MAX_DECIMAL_PRECISION})`,
        );
      }
      return { left: T.decimal(38, a.scale), right: T.decimal(38, b.scale), result: T.decimal(38, scale) };
    }
    default:
      return { left: T.bigint, right: T.bigint, result: T.bigint };
  }
}

/** Comparison operators are `=`, `<=>`, `!=` (equivalence) or range (`<`, `<=`, `>`, `>=`). */
export type CompareKind = 'equivalence' | 'range';

const isExactNumeric = (t: SqlType): boolean => isIntegerType(t) || t.kind === 'decimal';
const isComplex = (t: SqlType): boolean => t.kind === 'array' || t.kind === 'map' || t.kind === 'struct';
const isDateKind = (t: SqlType): boolean => t.kind === 'date' || t.kind === 'datetime';

/**
 * The type both sides of a comparison are cast to (`TypeManager.getCompatibleTypeForBinary`, with
 * the default `cbo_eq_base_type = VARCHAR`): string = exact number compares as strings, string <
 * number as DOUBLE, date vs string as DATETIME, integers as the wider one, anything else DOUBLE.
 * null means the types cannot be compared.
 */
export function comparisonType(kind: CompareKind, a: SqlType, b: SqlType): SqlType | null {
  if (kind === 'equivalence') {
    if (isComplex(a) || isComplex(b)) return commonSuperType(a, b);
    if ((isStringType(a) && isExactNumeric(b)) || (isExactNumeric(a) && isStringType(b))) return T.varchar();
  }
  if (a.kind === 'array' || b.kind === 'array') return commonSuperType(a, b);
  if (isComplex(a) || isComplex(b) || isOpaque(a) || isOpaque(b)) return null;
  if (sameType(a, b)) return a;
  if (isStringType(a) && isStringType(b)) return T.varchar();
  if (a.kind === 'null') return b;
  if (b.kind === 'null') return a;
  if (a.kind === 'json' || b.kind === 'json') return T.json;
  if (a.kind === 'decimal') return decimalCompatible(a, b);
  if (b.kind === 'decimal') return decimalCompatible(b, a);
  if ((isDateKind(a) && (isStringType(b) || isDateKind(b))) || (isDateKind(b) && isStringType(a))) {
    return T.datetime;
  }
  if (isDateKind(a) && isIntegerType(b)) return a;
  if (isDateKind(b) && isIntegerType(a)) return b;
  if (isIntegerType(a) && isIntegerType(b)) {
    return INT_SIZE[a.kind as IntKind] > INT_SIZE[b.kind as IntKind] ? a : b;
  }
  if (a.kind === 'boolean' && isNumericKind(b)) return b;
  if (b.kind === 'boolean' && isNumericKind(a)) return a;
  if (isIntegerType(a) && (b.kind === 'float' || b.kind === 'double')) return b;
  if (isIntegerType(b) && (a.kind === 'float' || a.kind === 'double')) return a;
  if ((a.kind === 'binary' || a.kind === 'varbinary') && isStringType(b)) return a;
  return T.double;
}

function isNumericKind(t: SqlType): boolean {
  return isIntegerType(t) || t.kind === 'float' || t.kind === 'double' || t.kind === 'decimal';
}

function isOpaque(t: SqlType): boolean {
  return t.kind === 'hll' || t.kind === 'bitmap' || t.kind === 'percentile';
}

/** `getAssigmentCompatibleTypeOfDecimalV3`: decimal with another scalar type. */
export function decimalCompatible(d: SqlType & { kind: 'decimal' }, other: SqlType): SqlType | null {
  if (other.kind === 'decimal') return commonDecimal(d, other.precision, other.scale);
  const asDecimal = INT_AS_DECIMAL[other.kind];
  if (asDecimal !== undefined) return commonDecimal(d, asDecimal[0], asDecimal[1]);
  if (other.kind === 'null') return d;
  switch (other.kind) {
    case 'float':
    case 'double':
    case 'char':
    case 'varchar':
    case 'string':
    case 'date':
    case 'datetime':
    case 'time':
    case 'json':
      return T.double;
    default:
      return null;
  }
}

/** `getCommonTypeForDecimalV3`: integer part and scale both wide enough; DOUBLE beyond 38 digits. */
function commonDecimal(d: { precision: number; scale: number }, p2: number, s2: number): SqlType {
  const intPart = Math.max(d.precision - d.scale, p2 - s2);
  const scale = Math.max(d.scale, s2);
  if (intPart + scale > MAX_DECIMAL_PRECISION) return T.double;
  return T.decimal(intPart + scale, scale);
}

/** Structural type equality (string lengths included). */
export function sameType(a: SqlType, b: SqlType): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'decimal':
      return b.kind === 'decimal' && a.precision === b.precision && a.scale === b.scale;
    case 'char':
    case 'varchar':
    case 'binary':
    case 'varbinary':
      return 'length' in b && a.length === b.length;
    case 'array':
      return b.kind === 'array' && sameType(a.element, b.element);
    case 'map':
      return b.kind === 'map' && sameType(a.key, b.key) && sameType(a.value, b.value);
    case 'struct':
      return (
        b.kind === 'struct' &&
        a.fields.length === b.fields.length &&
        a.fields.every((f, i) => f.name === b.fields[i]?.name && sameType(f.type, b.fields[i]!.type))
      );
    default:
      return true;
  }
}

/**
 * Scalar compatibility matrix (`TypeCompatibilityMatrix` as used by `getAssignmentCompatibleType`)
 * for the pairs that are not strings, decimals or nulls: the result kind, or null if incompatible.
 * Keys are `smaller|larger` in StarRocks' primitive-type order.
 */
const SCALAR_COMMON: Readonly<Record<string, SqlType>> = {
  'boolean|tinyint': T.tinyint,
  'boolean|smallint': T.smallint,
  'boolean|int': T.int,
  'boolean|bigint': T.bigint,
  'boolean|largeint': T.largeint,
  'boolean|float': T.float,
  'boolean|double': T.double,
  'tinyint|smallint': T.smallint,
  'tinyint|int': T.int,
  'tinyint|bigint': T.bigint,
  'tinyint|largeint': T.largeint,
  'tinyint|float': T.float,
  'tinyint|double': T.double,
  'smallint|int': T.int,
  'smallint|bigint': T.bigint,
  'smallint|largeint': T.largeint,
  'smallint|float': T.float,
  'smallint|double': T.double,
  'int|bigint': T.bigint,
  'int|largeint': T.largeint,
  'int|float': T.double,
  'int|double': T.double,
  'bigint|largeint': T.largeint,
  'bigint|float': T.double,
  'bigint|double': T.double,
  'largeint|float': T.double,
  'largeint|double': T.double,
  'float|double': T.double,
  'date|datetime': T.datetime,
  'tinyint|date': T.date,
  'smallint|date': T.date,
  'int|date': T.date,
  'bigint|date': T.date,
  'largeint|date': T.date,
  'tinyint|datetime': T.datetime,
  'smallint|datetime': T.datetime,
  'int|datetime': T.datetime,
  'bigint|datetime': T.datetime,
  'largeint|datetime': T.datetime,
  'float|date': T.double,
  'double|date': T.double,
  'float|datetime': T.double,
  'double|datetime': T.double,
  'boolean|date': T.date,
  'boolean|datetime': T.datetime,
  'date|time': T.datetime,
  'datetime|time': T.datetime,
};
const KIND_ORDER: readonly string[] = [
  'null',
  'boolean',
  'tinyint',
  'smallint',
  'int',
  'bigint',
  'largeint',
  'float',
  'double',
  'date',
  'datetime',
  'time',
];

/**
 * Common super type of two types (`TypeManager.getCommonSuperType`): used by CASE, UNION,
 * VALUES rows, IN lists of complex values. Strings win over everything scalar (VARCHAR),
 * decimals follow the DECIMAL v3 rule, arrays/maps/structs element-wise. null = incompatible.
 */
export function commonSuperType(a: SqlType, b: SqlType): SqlType | null {
  if (sameType(a, b)) return a;
  if (a.kind === 'null') return b;
  if (b.kind === 'null') return a;
  if (a.kind === 'array' && b.kind === 'array') {
    const e = commonSuperType(a.element, b.element);
    return e === null ? null : T.array(e);
  }
  if (a.kind === 'map' && b.kind === 'map') {
    const k = commonSuperType(a.key, b.key);
    const v = commonSuperType(a.value, b.value);
    return k === null || v === null ? null : { kind: 'map', key: k, value: v };
  }
  if (a.kind === 'struct' && b.kind === 'struct') return commonStruct(a, b);
  if (a.kind === 'boolean' && isComplex(b)) return b;
  if (b.kind === 'boolean' && isComplex(a)) return a;
  if (isComplex(a) || isComplex(b)) return null;
  if (a.kind === 'hll' || b.kind === 'hll') return a.kind === b.kind ? a : null;
  if (isStringType(a) || isStringType(b)) return commonString(a, b);
  if (a.kind === 'decimal') return decimalCompatible(a, b);
  if (b.kind === 'decimal') return decimalCompatible(b, a);
  if (a.kind === 'json' || b.kind === 'json') return a.kind === b.kind ? a : null;
  const ai = KIND_ORDER.indexOf(a.kind);
  const bi = KIND_ORDER.indexOf(b.kind);
  if (ai < 0 || bi < 0) return null;
  const key = ai < bi ? `${a.kind}|${b.kind}` : `${b.kind}|${a.kind}`;
  return SCALAR_COMMON[key] ?? null;
}

function commonString(a: SqlType, b: SqlType): SqlType {
  const la = 'length' in a && isStringType(a) ? a.length : STRING_DEFAULT;
  const lb = 'length' in b && isStringType(b) ? b.length : STRING_DEFAULT;
  if (a.kind === 'string' || b.kind === 'string') return T.string;
  return T.varchar(Math.max(la, lb));
}
const STRING_DEFAULT = 65533;

function commonStruct(a: SqlType & { kind: 'struct' }, b: SqlType & { kind: 'struct' }): SqlType | null {
  if (a.fields.length !== b.fields.length) return null;
  const fields = [];
  for (let i = 0; i < a.fields.length; i++) {
    const t = commonSuperType(a.fields[i]!.type, b.fields[i]!.type);
    if (t === null) return null;
    fields.push({ name: a.fields[i]!.name, type: t });
  }
  return { kind: 'struct', fields };
}

/** Common super type of a list (first incompatible pair → null). */
export function commonSuperTypeOf(types: readonly SqlType[]): SqlType | null {
  let acc: SqlType = T.null;
  for (const t of types) {
    const next = commonSuperType(acc, t);
    if (next === null) return null;
    acc = next;
  }
  return acc;
}

/**
 * Compare type of `x IN (…)` / `BETWEEN` (`getCompatibleTypeForBetweenAndIn`): like comparison,
 * but a date operand with string bounds keeps the date type, and IN with string vs exact number
 * compares as strings.
 */
export function inListType(types: readonly SqlType[], isBetween: boolean): SqlType | null {
  let acc = types[0] ?? T.null;
  for (const t of types.slice(1)) {
    const next = isBetween ? comparisonType('range', acc, t) : comparisonType('equivalence', acc, t);
    if (next === null) return null;
    acc = next;
  }
  const first = types[0];
  if (
    first !== undefined &&
    isDateKind(first) &&
    acc.kind === 'datetime' &&
    types.slice(1).every(isStringType)
  ) {
    return first;
  }
  return acc;
}

/** Smallest StarRocks integer type holding an integer literal, or null beyond LARGEINT. */
export function integerLiteralType(value: bigint): SqlType | null {
  if (value >= -128n && value <= 127n) return T.tinyint;
  if (value >= -32768n && value <= 32767n) return T.smallint;
  if (value >= -2147483648n && value <= 2147483647n) return T.int;
  if (value >= -9223372036854775808n && value <= 9223372036854775807n) return T.bigint;
  if (value >= -(2n ** 127n) && value <= 2n ** 127n - 1n) return T.largeint;
  return null;
}

/** Inclusive range of an integer kind (for overflow-wrapping and range checks). */
export function integerRange(kind: IntKind): readonly [bigint, bigint] {
  const bits = BigInt(INT_SIZE[kind] * 8);
  return [-(2n ** (bits - 1n)), 2n ** (bits - 1n) - 1n];
}

/**
 * Whether an explicit CAST is allowed (`TypeManager.canCastTo`): scalars cast to scalars except
 * the opaque HLL/BITMAP/PERCENTILE states (strings may become BITMAP); complex types cast
 * element-wise; strings and JSON cast to ARRAY/STRUCT/MAP.
 */
export function canCast(from: SqlType, to: SqlType): boolean {
  if (from.kind === 'null') return true;
  if (isStringType(from) && to.kind === 'bitmap') return true;
  const complexFrom = isComplex(from);
  const complexTo = isComplex(to);
  if (!complexFrom && !complexTo) {
    if (isOpaque(from) || isOpaque(to)) return from.kind === to.kind;
    return true;
  }
  if (from.kind === 'array' && to.kind === 'array') return canCast(from.element, to.element);
  if (from.kind === 'map' && to.kind === 'map')
    return canCast(from.key, to.key) && canCast(from.value, to.value);
  if (from.kind === 'struct' && to.kind === 'struct') {
    return (
      from.fields.length === to.fields.length &&
      from.fields.every((f, i) => canCast(f.type, to.fields[i]!.type))
    );
  }
  if ((isStringType(from) || from.kind === 'json') && complexTo) return true;
  if (from.kind === 'boolean' && complexTo) return true;
  return false;
}
