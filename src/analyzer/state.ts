/**
 * Per-compilation binder state: the column-id allocator, the resolver, the parameter count, and the
 * implicit-cast helper every binder module uses.
 */
import { SqlError } from '../errors/index.js';
import {
  T,
  integerLiteralType,
  integerRange,
  isStringType,
  sameType,
  type SqlType,
  type Value,
} from '../types/index.js';
import type { BoundExpr, ColumnInfo } from './bound.js';
import type { CompileContext } from './context.js';
import type { FunctionResolver } from './functions/types.js';
import {
  NULL_LITERAL,
  dateLiteral,
  dateTimeLiteral,
  literal,
  numberLiteral,
  parseDateText,
  parseDateTimeText,
  stringLiteral,
} from './literals.js';

export interface BindState {
  readonly ctx: CompileContext;
  readonly resolve: FunctionResolver;
  nextColumnId: number;
  nextCteId: number;
  /** Nesting of view expansion (guards against cyclic views). */
  viewDepth: number;
  /** Highest `?` index seen + 1. */
  paramCount: number;
}

export function newState(ctx: CompileContext, resolve: FunctionResolver): BindState {
  return { ctx, resolve, nextColumnId: 1, nextCteId: 1, viewDepth: 0, paramCount: 0 };
}

export function newColumn(
  state: BindState,
  name: string,
  type: SqlType,
  nullable: boolean,
  origin?: ColumnInfo['origin'],
): ColumnInfo {
  const id = state.nextColumnId++;
  return origin === undefined ? { id, name, type, nullable } : { id, name, type, nullable, origin };
}

export function columnRef(c: ColumnInfo): BoundExpr {
  return { kind: 'column', id: c.id, type: c.type, nullable: c.nullable, name: c.name };
}

/** Nullability of a bound expression (conservative: true when unsure). */
export function isNullable(e: BoundExpr): boolean {
  switch (e.kind) {
    case 'literal':
      return e.value.kind === 'null';
    case 'param':
      return true;
    case 'grouping':
    case 'array':
    case 'map':
      return false;
    case 'lambda':
      return isNullable(e.body);
    default:
      return e.nullable;
  }
}

/** Whether two types need no cast between them in DuckDB (all string kinds are VARCHAR). */
export function sameDuckType(a: SqlType, b: SqlType): boolean {
  if (isStringType(a) && isStringType(b)) return true;
  return sameType(a, b);
}

/**
 * Make an implicit cast explicit. Literals are converted at compile time where the result is
 * exact (integer widening, string → DATE/DATETIME) so DuckDB sees typed constants.
 */
export function coerce(e: BoundExpr, target: SqlType): BoundExpr {
  if (target.kind === 'null' || sameDuckType(e.type, target)) return e;
  if (e.kind === 'literal') {
    const folded = foldLiteral(e, target);
    if (folded !== null) return folded;
  }
  const nullable = isNullable(e) || castMayFail(e.type, target);
  return { kind: 'cast', operand: e, type: target, nullable };
}

function foldLiteral(e: BoundExpr & { kind: 'literal' }, target: SqlType): BoundExpr | null {
  const v = e.value;
  if (v.kind === 'null') return literal(v, target);
  if (v.kind === 'int' && ['smallint', 'int', 'bigint', 'largeint'].includes(target.kind)) {
    // A narrowing CAST that does not fit is NULL in StarRocks (CAST(100000 AS SMALLINT)).
    const [lo, hi] = integerRange(target.kind as 'smallint');
    return v.value < lo || v.value > hi ? literal({ kind: 'null' }, target) : literal(v, target);
  }
  if (v.kind === 'int' && target.kind === 'double')
    return literal({ kind: 'double', value: Number(v.value) }, target);
  if (v.kind === 'int' && isStringType(target))
    return literal({ kind: 'string', value: v.value.toString() }, target);
  if (
    v.kind === 'int' &&
    target.kind === 'decimal' &&
    v.value.toString().replace('-', '').length <= target.precision - target.scale
  ) {
    return literal({ kind: 'decimal', text: v.value.toString() }, target);
  }
  if (v.kind === 'decimal' && target.kind === 'double')
    return literal({ kind: 'double', value: Number(v.text) }, target);
  if (v.kind === 'string' && target.kind === 'date') {
    const d = parseDateText(v.value) ?? parseDateTimeText(v.value)?.slice(0, 10);
    return d === undefined || d === null ? null : dateLiteral(d);
  }
  if (v.kind === 'string' && target.kind === 'datetime') {
    const d = parseDateTimeText(v.value);
    return d === null ? null : dateTimeLiteral(d);
  }
  if (v.kind === 'date' && target.kind === 'datetime') return dateTimeLiteral(`${v.text} 00:00:00`);
  return null;
}

/** Casts that yield NULL for some inputs (strings to anything, narrowing numerics). */
export function castMayFail(from: SqlType, to: SqlType): boolean {
  if (isStringType(to) || to.kind === 'json') return false;
  if (isStringType(from) || from.kind === 'json') return true;
  return from.kind !== to.kind || to.kind === 'decimal';
}

/** A session or user variable value as a typed literal. */
export function valueLiteral(v: Value): BoundExpr {
  if (v === null) return NULL_LITERAL;
  if (typeof v === 'boolean') return literal({ kind: 'bool', value: v }, T.boolean);
  if (typeof v === 'bigint') return numberLiteralSigned(v.toString());
  if (typeof v === 'number') {
    if (Number.isInteger(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER) return numberLiteralSigned(String(v));
    return literal({ kind: 'double', value: v }, T.double);
  }
  if (typeof v === 'string') return stringLiteral(v);
  return literal({ kind: 'bytes', value: v }, { kind: 'varbinary', length: v.length });
}

function numberLiteralSigned(text: string): BoundExpr {
  if (!text.startsWith('-')) return numberLiteral(text);
  const value = BigInt(text);
  const type = integerLiteralType(value);
  return type === null
    ? literal({ kind: 'double', value: Number(text) }, T.double)
    : literal({ kind: 'int', value }, type);
}

/** Errors that mean "user input was wrong", re-thrown unchanged by callers. */
export function isSqlError(e: unknown): e is SqlError {
  return e instanceof SqlError;
}
