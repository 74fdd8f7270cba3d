/**
 * StarRocks' implicit-cast and common-type rules as the function library needs them: how costly it
 * is to pass a value of one type where a signature wants another (to choose among overloads), and
 * the common type of several arguments (COALESCE, IF, GREATEST, CASE-like functions).
 */
import { T, isIntegerType, isStringType, type SqlType } from '../../types/index.js';

/** Coarse type families used for overload matching. */
export type TypeFamily =
  | 'null'
  | 'boolean'
  | 'integer'
  | 'float'
  | 'decimal'
  | 'string'
  | 'date'
  | 'datetime'
  | 'time'
  | 'binary'
  | 'json'
  | 'array'
  | 'map'
  | 'struct'
  | 'opaque';

export function familyOf(t: SqlType): TypeFamily {
  switch (t.kind) {
    case 'null':
      return 'null';
    case 'boolean':
      return 'boolean';
    case 'tinyint':
    case 'smallint':
    case 'int':
    case 'bigint':
    case 'largeint':
      return 'integer';
    case 'float':
    case 'double':
      return 'float';
    case 'decimal':
      return 'decimal';
    case 'char':
    case 'varchar':
    case 'string':
      return 'string';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'time':
      return 'time';
    case 'binary':
    case 'varbinary':
      return 'binary';
    case 'json':
      return 'json';
    case 'array':
      return 'array';
    case 'map':
      return 'map';
    case 'struct':
      return 'struct';
    case 'hll':
    case 'bitmap':
    case 'percentile':
      return 'opaque';
  }
}

const INT_RANK: Readonly<Record<string, number>> = {
  tinyint: 1,
  smallint: 2,
  int: 3,
  bigint: 4,
  largeint: 5,
};
/** Decimal precision that holds every value of an integer type (StarRocks' DECIMAL widening). */
const INT_DECIMAL_PRECISION: Readonly<Record<string, number>> = {
  boolean: 1,
  tinyint: 3,
  smallint: 5,
  int: 10,
  bigint: 19,
  largeint: 38,
};

export const MAX_DECIMAL_PRECISION = 38;

/** Rank of an integer type (tinyint 1 … largeint 5), 0 for others. */
export function intRank(t: SqlType): number {
  return INT_RANK[t.kind] ?? 0;
}

/** The decimal type exactly holding an integer or decimal type, or null. */
export function asDecimal(t: SqlType): { precision: number; scale: number } | null {
  if (t.kind === 'decimal') return { precision: t.precision, scale: t.scale };
  const p = INT_DECIMAL_PRECISION[t.kind];
  return p === undefined ? null : { precision: p, scale: 0 };
}

/** A numeric type kind is present in the argument list. */
export function isNumeric(t: SqlType): boolean {
  const f = familyOf(t);
  return f === 'integer' || f === 'float' || f === 'decimal';
}

/**
 * Cost of implicitly casting `from` to `to` when matching a signature: 0 identical, small numbers
 * for widening, larger for cross-family conversions StarRocks performs implicitly, Infinity when
 * StarRocks would not match the signature.
 */
export function castCost(from: SqlType, to: SqlType): number {
  const ff = familyOf(from);
  const tf = familyOf(to);
  if (ff === 'null') return 1;
  if (ff === tf) return sameFamilyCost(from, to);
  const key = `${ff}>${tf}`;
  const cost = CROSS_FAMILY_COST[key];
  return cost ?? Infinity;
}

function sameFamilyCost(from: SqlType, to: SqlType): number {
  switch (from.kind) {
    case 'array':
      return to.kind === 'array' ? castCost(from.element, to.element) : Infinity;
    case 'map':
      return to.kind === 'map'
        ? Math.max(castCost(from.key, to.key), castCost(from.value, to.value))
        : Infinity;
    case 'struct':
      return to.kind === 'struct' && to.fields.length === from.fields.length ? 0 : Infinity;
    case 'decimal': {
      if (to.kind !== 'decimal') return 0;
      if (to.precision === from.precision && to.scale === from.scale) return 0;
      return to.precision - to.scale >= from.precision - from.scale && to.scale >= from.scale ? 1 : 3;
    }
    default:
      break;
  }
  if (isIntegerType(from)) {
    const d = intRank(to) - intRank(from);
    return d === 0 ? 0 : d > 0 ? 0.5 + d / 10 : 5;
  }
  if (from.kind !== to.kind) return from.kind === 'float' && to.kind === 'double' ? 0.5 : 1;
  return 0;
}

/** Implicit casts across families, cheapest first within a source family. */
const CROSS_FAMILY_COST: Readonly<Record<string, number>> = {
  'boolean>integer': 1,
  'boolean>decimal': 2,
  'boolean>float': 3,
  'boolean>string': 6,
  'integer>decimal': 2,
  'integer>float': 3,
  'integer>boolean': 5,
  'integer>string': 6,
  'integer>datetime': 7,
  'integer>date': 7,
  'decimal>float': 3,
  'decimal>integer': 5,
  'decimal>boolean': 6,
  'decimal>string': 6,
  'float>decimal': 4,
  'float>integer': 5,
  'float>boolean': 6,
  'float>string': 6,
  'string>float': 4,
  'string>decimal': 4.5,
  'string>integer': 5,
  'string>boolean': 6,
  'string>datetime': 4,
  'string>date': 4.5,
  'string>time': 5,
  'string>json': 5,
  'string>binary': 5,
  'binary>string': 5,
  'date>datetime': 1,
  'date>string': 6,
  'date>integer': 8,
  'datetime>date': 5,
  'datetime>string': 6,
  'datetime>integer': 8,
  'datetime>time': 6,
  'time>string': 6,
  'time>float': 6,
  'json>string': 6,
};

/** Widest integer of two (boolean counts as below tinyint). */
function widerInt(a: SqlType, b: SqlType): SqlType {
  return intRank(a) >= intRank(b) ? a : b;
}

/**
 * StarRocks' common (assignment-compatible) type of two types, or null when there is none.
 * Numbers widen (integers → DECIMAL with enough digits → DOUBLE), DATE+DATETIME → DATETIME,
 * strings absorb numbers and temporals, complex types combine element-wise.
 */
export function commonType2(a: SqlType, b: SqlType): SqlType | null {
  const fa = familyOf(a);
  const fb = familyOf(b);
  if (fa === 'null') return b;
  if (fb === 'null') return a;
  if (fa === fb) return sameFamilyCommon(a, b);
  const pair = new Set<TypeFamily>([fa, fb]);
  const has = (f: TypeFamily): boolean => pair.has(f);
  if (has('string')) {
    if (has('array') || has('map') || has('struct') || has('opaque')) return null;
    return has('json') ? T.json : T.varchar();
  }
  if (has('float') && (has('integer') || has('decimal') || has('boolean'))) return T.double;
  if (has('boolean') && has('integer')) return fa === 'integer' ? a : b;
  if (has('decimal') && (has('integer') || has('boolean'))) return decimalCommon(a, b);
  if (has('date') && has('datetime')) return T.datetime;
  if ((has('date') || has('datetime')) && (has('integer') || has('decimal') || has('float'))) {
    return has('float') ? T.double : T.bigint;
  }
  if (has('binary') && has('string')) return T.varchar();
  return null;
}

function sameFamilyCommon(a: SqlType, b: SqlType): SqlType | null {
  if (a.kind === 'array' && b.kind === 'array') {
    const e = commonType2(a.element, b.element);
    return e === null ? null : T.array(e);
  }
  if (a.kind === 'map' && b.kind === 'map') {
    const k = commonType2(a.key, b.key);
    const v = commonType2(a.value, b.value);
    return k === null || v === null ? null : { kind: 'map', key: k, value: v };
  }
  if (a.kind === 'struct' || b.kind === 'struct') return a.kind === b.kind ? a : null;
  if (isIntegerType(a)) return widerInt(a, b);
  if (a.kind === 'decimal') return decimalCommon(a, b);
  if (a.kind === 'float' || a.kind === 'double')
    return a.kind === 'double' || b.kind === 'double' ? T.double : T.float;
  if (isStringType(a) && isStringType(b)) return stringCommon(a, b);
  return a;
}

function stringCommon(a: SqlType, b: SqlType): SqlType {
  if (a.kind === 'string' || b.kind === 'string') return T.string;
  const la = a.kind === 'varchar' || a.kind === 'char' ? a.length : 65533;
  const lb = b.kind === 'varchar' || b.kind === 'char' ? b.length : 65533;
  return T.varchar(Math.max(la, lb));
}

/**
 * DECIMAL common type (`getCommonTypeForDecimalV3`): enough integer digits for both and the
 * larger scale; beyond 38 digits it is DOUBLE, as for CASE.
 */
export function decimalCommon(a: SqlType, b: SqlType): SqlType {
  const da = asDecimal(a);
  const db = asDecimal(b);
  if (da === null || db === null) return T.double;
  const scale = Math.max(da.scale, db.scale);
  const intDigits = Math.max(da.precision - da.scale, db.precision - db.scale);
  if (intDigits + scale > MAX_DECIMAL_PRECISION) return T.double;
  return T.decimal(intDigits + scale, scale);
}

/** Common type of a list (null when some pair has none). All-NULL lists give BOOLEAN like StarRocks. */
export function commonType(types: readonly SqlType[]): SqlType | null {
  let acc: SqlType = T.null;
  for (const t of types) {
    const next = commonType2(acc, t);
    if (next === null) return null;
    acc = next;
  }
  return acc.kind === 'null' ? T.boolean : acc;
}

/** Types are the same StarRocks type (structural). */
export function sameType(a: SqlType, b: SqlType): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
