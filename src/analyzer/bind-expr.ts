/**
 * Expression binder: AST expression → typed bound expression in a scope. Operators live in
 * bind-operators.ts, calls in bind-call.ts; this file dispatches and resolves names.
 */
import { SqlError, notSupported } from '../errors/index.js';
import type { AstExpr, AstQuery, AstWindowSpec } from '../sql/ast/index.js';
import { T, canCast, commonSuperTypeOf, formatType, type SqlType } from '../types/index.js';
import type { BoundExpr } from './bound.js';
import { bindCall, bindExtract } from './bind-call.js';
import {
  bindBetween,
  bindBinary,
  bindCase,
  bindInList,
  bindIs,
  bindLike,
  bindUnary,
  bindInSubquery,
} from './bind-operators.js';
import { bindSubquery } from './bind-query.js';
import { analysisError, unresolvedColumn } from './errors.js';
import { exprLabel } from './labels.js';
import {
  NULL_LITERAL,
  dateLiteral,
  dateTimeLiteral,
  hexLiteral,
  intLiteral,
  literal,
  numberLiteral,
  stringLiteral,
} from './literals.js';
import type { Scope } from './scope.js';
import { coerce, isNullable, valueLiteral, type BindState } from './state.js';

/** Where an expression is bound and what it may contain. */
export interface ExprEnv {
  readonly scope: Scope;
  /** MySQL clause name used in messages ('field list', 'where clause', …). */
  readonly clause: string;
  readonly allowAgg: boolean;
  readonly allowWindow: boolean;
  /** Select-list aliases (lower-case name → expression) usable in this clause. */
  readonly aliases?: ReadonlyMap<string, BoundExpr | 'ambiguous'>;
  /** ORDER BY resolves aliases before FROM columns; GROUP BY / HAVING after. */
  readonly aliasFirst?: boolean;
  /** Named windows of the SELECT's WINDOW clause. */
  readonly windows?: ReadonlyMap<string, AstWindowSpec>;
  /** Lambda parameters in force. */
  readonly lambda?: ReadonlyMap<string, BoundExpr>;
  /** True inside an aggregate's arguments (nested aggregates are an error). */
  readonly inAggregate?: boolean;
}

export function bindExpr(state: BindState, env: ExprEnv, e: AstExpr): BoundExpr {
  switch (e.kind) {
    case 'null':
      return NULL_LITERAL;
    case 'bool':
      return literal({ kind: 'bool', value: e.value }, T.boolean);
    case 'number':
      return numberLiteral(e.text);
    case 'string':
      return stringLiteral(e.value);
    case 'binary-literal':
      return hexLiteral(e.hex);
    case 'typed-string':
      return e.type === 'date' ? dateLiteral(e.value) : dateTimeLiteral(e.value);
    case 'column':
      return bindColumn(env, e.parts, e.pos);
    case 'star':
      throw analysisError(`'*' is not allowed here`, e.pos);
    case 'param':
      return bindParam(state, e.index);
    case 'user-var':
      return valueLiteral(state.ctx.userVariable(e.name));
    case 'system-var': {
      const v = state.ctx.sessionValue(e.name, e.scope);
      if (v === undefined) throw new SqlError('unknown-system-variable', { name: e.name }, e.pos);
      return valueLiteral(v);
    }
    case 'unary':
      return bindUnary(state, env, e);
    case 'binary':
      return bindBinary(state, env, e);
    case 'like':
      return bindLike(state, env, e);
    case 'is':
      return bindIs(state, env, e);
    case 'between':
      return bindBetween(state, env, e);
    case 'in-list':
      return bindInList(state, env, e);
    case 'in-subquery':
      return bindInSubquery(state, env, e);
    case 'exists': {
      const query = bindSubquery(state, env.scope, e.query);
      return {
        kind: 'subquery',
        mode: 'exists',
        query,
        operand: null,
        compareType: null,
        not: e.not,
        type: T.boolean,
        nullable: false,
      };
    }
    case 'subquery':
      return bindScalarSubquery(state, env, e.query, e.pos);
    case 'call':
      return bindCall(state, env, e);
    case 'cast':
      return bindCast(state, env, e.operand, e.type, e.pos);
    case 'case':
      return bindCase(state, env, e);
    case 'extract':
      return bindExtract(state, env, e);
    case 'array':
      return bindArray(state, env, e.items, e.elementType);
    case 'map':
      return bindMap(state, env, e);
    case 'subscript':
      return bindSubscript(state, env, e);
    case 'arrow':
      return bindCall(state, env, {
        kind: 'call',
        name: ['json_query'],
        args: [e.operand, e.path],
        distinct: false,
        star: false,
      });
    case 'collate':
      return bindExpr(state, env, e.operand);
    case 'interval':
      throw analysisError('INTERVAL is only allowed in date arithmetic', e.pos);
    case 'lambda':
      throw analysisError('lambda expressions are only allowed as arguments of array functions', e.pos);
    case 'row':
      throw analysisError('row constructors are only allowed on the left of IN', e.pos);
    case 'default':
      throw analysisError('DEFAULT is only allowed in INSERT values', e.pos);
    case 'dereference':
      return structField(bindExpr(state, env, e.operand), e.field, e.pos);
  }
}

/** `s.field` on a STRUCT value: the field by (case-insensitive) name, as a 1-based position. */
function structField(operand: BoundExpr, field: string, pos: AstExpr['pos']): BoundExpr {
  const t = operand.type;
  if (t.kind !== 'struct') throw analysisError(`Cannot access field '${field}' of ${formatType(t)}`, pos);
  const i = t.fields.findIndex((f) => f.name.toLowerCase() === field.toLowerCase());
  const f = t.fields[i];
  if (f === undefined) throw analysisError(`Struct subfield '${field}' cannot be resolved`, pos);
  return { kind: 'subscript', operand, index: intLiteral(i + 1), type: f.type, nullable: true };
}

/**
 * `a.b.c` that names no column: the longest prefix that is a STRUCT column, then its fields
 * (`t.s.f`, `s.f.g`), as StarRocks resolves struct subfields.
 */
function structPath(env: ExprEnv, parts: readonly string[], pos: AstExpr['pos']): BoundExpr | null {
  for (let k = parts.length - 1; k >= 1; k--) {
    const field = env.scope.resolve(parts.slice(0, k), pos);
    if (field === null) continue;
    const c = field.column;
    let e: BoundExpr = field.expr ?? {
      kind: 'column',
      id: c.id,
      type: c.type,
      nullable: c.nullable,
      name: c.name,
    };
    if (e.type.kind !== 'struct') continue;
    for (const name of parts.slice(k)) e = structField(e, name, pos);
    return e;
  }
  return null;
}

function bindColumn(env: ExprEnv, parts: readonly string[], pos: AstExpr['pos']): BoundExpr {
  const single = parts.length === 1 ? parts[0]!.toLowerCase() : null;
  if (single !== null && env.lambda?.has(single)) return env.lambda.get(single)!;
  const alias = single === null ? undefined : env.aliases?.get(single);
  if (alias !== undefined && env.aliasFirst === true && env.inAggregate !== true)
    return aliasExpr(alias, single!, pos);
  const field = env.scope.resolve(parts, pos);
  if (field !== null) {
    if (field.expr !== undefined) return field.expr;
    const c = field.column;
    return { kind: 'column', id: c.id, type: c.type, nullable: c.nullable, name: c.name };
  }
  if (alias !== undefined) return aliasExpr(alias, single!, pos);
  const path = parts.length > 1 ? structPath(env, parts, pos) : null;
  if (path !== null) return path;
  const label = parts.length === 1 ? parts[0]! : parts.map((p) => `\`${p}\``).join('.');
  throw unresolvedColumn(label, env.scope.allNames(), pos);
}

function aliasExpr(alias: BoundExpr | 'ambiguous', name: string, pos: AstExpr['pos']): BoundExpr {
  if (alias === 'ambiguous') throw analysisError(`Column '${name}' is ambiguous`, pos);
  return alias;
}

function bindParam(state: BindState, index: number): BoundExpr {
  state.paramCount = Math.max(state.paramCount, index + 1);
  const params = state.ctx.params;
  if (params === undefined) return { kind: 'param', index, type: T.varchar() };
  if (index >= params.length) throw new SqlError('wrong-param-count', { what: 'EXECUTE' });
  return valueLiteral(params[index] ?? null);
}

/** Bind a nested query used as an expression, requiring exactly one output column. */
function bindScalarSubquery(state: BindState, env: ExprEnv, q: AstQuery, pos: AstExpr['pos']): BoundExpr {
  const query = bindSubquery(state, env.scope, q);
  const col = query.columns[0];
  if (query.columns.length !== 1 || col === undefined) {
    throw analysisError('Subquery must return a single column', pos);
  }
  return {
    kind: 'subquery',
    mode: 'scalar',
    query,
    operand: null,
    compareType: null,
    not: false,
    type: col.type,
    nullable: true,
  };
}

export function bindCast(
  state: BindState,
  env: ExprEnv,
  operand: AstExpr,
  type: SqlType,
  pos: AstExpr['pos'],
): BoundExpr {
  const inner = bindExpr(state, env, operand);
  if (!canCast(inner.type, type)) {
    throw analysisError(
      `Invalid type cast from ${formatType(inner.type)} to ${formatType(type)} in sql \`${exprLabel(operand)}\``,
      pos,
    );
  }
  if (type.kind === 'decimal' && (type.precision < 1 || type.precision > 38 || type.scale > type.precision)) {
    throw analysisError(`Invalid decimal type: decimal(${type.precision}, ${type.scale})`, pos);
  }
  // An explicit cast is always emitted (even between equal DuckDB types) only when it changes the type.
  return coerce(inner, type);
}

function bindArray(
  state: BindState,
  env: ExprEnv,
  items: readonly AstExpr[],
  elementType?: SqlType,
): BoundExpr {
  const bound = items.map((i) => bindExpr(state, env, i));
  const element = elementType ?? commonSuperTypeOf(bound.map((b) => b.type));
  if (element === null) throw analysisError('array elements have no common type');
  const elem = element.kind === 'null' ? T.boolean : element;
  return { kind: 'array', items: bound.map((b) => coerce(b, elem)), type: T.array(elem) };
}

function bindMap(state: BindState, env: ExprEnv, e: AstExpr & { kind: 'map' }): BoundExpr {
  const keys = e.entries.map((x) => bindExpr(state, env, x.key));
  const values = e.entries.map((x) => bindExpr(state, env, x.value));
  const written = e.type?.kind === 'map' ? e.type : undefined;
  const kt = written?.key ?? commonSuperTypeOf(keys.map((k) => k.type));
  const vt = written?.value ?? commonSuperTypeOf(values.map((v) => v.type));
  if (kt === null || vt === null) throw analysisError('map keys or values have no common type', e.pos);
  const keyType = kt.kind === 'null' ? T.boolean : kt;
  if (['array', 'map', 'struct', 'json'].includes(keyType.kind))
    throw analysisError(`Map key don't supported type: ${formatType(keyType)}`, e.pos);
  const valueType = vt.kind === 'null' ? T.boolean : vt;
  const entries = keys.map((k, i) => ({ key: coerce(k, keyType), value: coerce(values[i]!, valueType) }));
  return { kind: 'map', entries, type: { kind: 'map', key: keyType, value: valueType } };
}

function bindSubscript(state: BindState, env: ExprEnv, e: AstExpr & { kind: 'subscript' }): BoundExpr {
  const operand = bindExpr(state, env, e.operand);
  const index = bindExpr(state, env, e.index);
  const t = operand.type;
  if (t.kind === 'array') {
    return { kind: 'subscript', operand, index: coerce(index, T.int), type: t.element, nullable: true };
  }
  if (t.kind === 'map') {
    return { kind: 'subscript', operand, index: coerce(index, t.key), type: t.value, nullable: true };
  }
  if (t.kind === 'struct' && index.kind === 'literal' && index.value.kind === 'int') {
    // s[i]: the i-th field (1-based), like s.name.
    const i = Number(index.value.value);
    const f = t.fields[i - 1];
    if (f === undefined)
      throw analysisError(`the specified index ${i} is out of bounds of the struct`, e.pos);
    return { kind: 'subscript', operand, index: intLiteral(i), type: f.type, nullable: true };
  }
  if (t.kind === 'null') return NULL_LITERAL;
  throw notSupported(`subscript on ${formatType(t)}`, e.pos);
}

export { isNullable };
