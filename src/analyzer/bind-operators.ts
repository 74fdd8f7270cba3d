/**
 * Operators with StarRocks typing: arithmetic (`arithmeticTyping`), comparisons
 * (`comparisonType`), logic, LIKE/REGEXP, IS, BETWEEN, IN and CASE. Every operand is cast to the
 * type the rule names, so the code generator never relies on DuckDB's own coercions.
 */
import { notSupported } from '../errors/index.js';
import type { AstExpr, BinaryOp } from '../sql/ast/index.js';
import {
  T,
  TypeRuleError,
  arithmeticTyping,
  commonSuperTypeOf,
  comparisonType,
  formatType,
  inListType,
  isStringType,
  type ArithOp,
  type SqlType,
} from '../types/index.js';
import type { BoundExpr, OperatorName } from './bound.js';
import { bindExpr, type ExprEnv } from './bind-expr.js';
import { bindSubquery } from './bind-query.js';
import { intervalCall } from './bind-call.js';
import { analysisError } from './errors.js';
import { exprLabel } from './labels.js';
import { intLiteral, negateLiteral, parseDateText, parseDateTimeText, dateLiteral } from './literals.js';
import { coerce, isNullable, type BindState } from './state.js';

const ARITH: Readonly<Partial<Record<BinaryOp, { op: OperatorName; arith: ArithOp }>>> = {
  '+': { op: 'add', arith: '+' },
  '-': { op: 'subtract', arith: '-' },
  '*': { op: 'multiply', arith: '*' },
  '/': { op: 'divide', arith: '/' },
  '%': { op: 'mod', arith: '%' },
  div: { op: 'int-divide', arith: 'div' },
  '&': { op: 'bit-and', arith: '&' },
  '|': { op: 'bit-or', arith: '|' },
  '^': { op: 'bit-xor', arith: '^' },
  '<<': { op: 'shift-left', arith: '<<' },
  '>>': { op: 'shift-right', arith: '>>' },
};

const COMPARE: Readonly<Partial<Record<BinaryOp, OperatorName>>> = {
  '=': 'eq',
  '!=': 'ne',
  '<': 'lt',
  '<=': 'le',
  '>': 'gt',
  '>=': 'ge',
  '<=>': 'null-safe-eq',
};

export function op(
  name: OperatorName,
  args: readonly BoundExpr[],
  type: SqlType,
  nullable?: boolean,
): BoundExpr {
  return { kind: 'op', op: name, args, type, nullable: nullable ?? args.some(isNullable) };
}

export function bindBinary(state: BindState, env: ExprEnv, e: AstExpr & { kind: 'binary' }): BoundExpr {
  if ((e.op === '+' || e.op === '-') && (e.right.kind === 'interval' || e.left.kind === 'interval')) {
    return bindIntervalArith(state, env, e);
  }
  const left = bindExpr(state, env, e.left);
  const right = bindExpr(state, env, e.right);
  const arith = ARITH[e.op];
  if (arith !== undefined) return arithmetic(arith.op, arith.arith, left, right, e);
  const cmp = COMPARE[e.op];
  if (cmp !== undefined) return comparison(cmp, left, right, e);
  switch (e.op) {
    case 'and':
    case 'or':
    case 'xor':
      return logical(e.op, left, right);
    case '||':
      return pipesAsConcat(state)
        ? op('concat', [toText(left), toText(right)], T.varchar())
        : logical('or', left, right);
    default:
      throw notSupported(`operator ${e.op}`, e.pos);
  }
}

function pipesAsConcat(state: BindState): boolean {
  const mode = state.ctx.sessionValue('sql_mode', null);
  return typeof mode === 'string' && /PIPES_AS_CONCAT/i.test(mode);
}

function toText(e: BoundExpr): BoundExpr {
  return isStringType(e.type) ? e : coerce(e, T.varchar());
}

/** Arithmetic with StarRocks result types; BIGINT `+ - *` on BIGINT operands wraps on overflow. */
export function arithmetic(
  name: OperatorName,
  a: ArithOp,
  left: BoundExpr,
  right: BoundExpr,
  e?: AstExpr,
): BoundExpr {
  let typing;
  try {
    typing = arithmeticTyping(a, left.type, right.type);
  } catch (err) {
    if (err instanceof TypeRuleError) throw analysisError(err.message, e?.pos);
    throw err;
  }
  const args = [coerce(left, typing.left), coerce(right, typing.right)];
  const mayFailNull = a === '/' || a === '%' || a === 'div';
  const nullable = mayFailNull || args.some(isNullable);
  const wrap =
    typing.result.kind === 'bigint' &&
    (a === '+' || a === '-' || a === '*') &&
    (left.type.kind === 'bigint' || right.type.kind === 'bigint');
  return { kind: 'op', op: name, args, type: typing.result, nullable, ...(wrap ? { wrap } : {}) };
}

/** A comparison with the operands cast to StarRocks' compare type. */
export function comparison(name: OperatorName, left: BoundExpr, right: BoundExpr, e?: AstExpr): BoundExpr {
  const kind = name === 'eq' || name === 'ne' || name === 'null-safe-eq' ? 'equivalence' : 'range';
  const ct = comparisonType(kind, left.type, right.type);
  if (ct === null) {
    throw analysisError(
      `Column type ${formatType(left.type)} does not support binary predicate operation with type ${formatType(right.type)}`,
      e?.pos,
    );
  }
  const [l, r] = dateShortcut(ct, left, right) ?? [coerce(left, ct), coerce(right, ct)];
  return op(name, [l, r], T.boolean, name === 'null-safe-eq' ? false : undefined);
}

/**
 * DATE vs a string literal compares as DATETIME in StarRocks; when the literal is midnight the
 * comparison is the same on DATE, which keeps the column uncast (zone maps, pushdown).
 */
function dateShortcut(ct: SqlType, left: BoundExpr, right: BoundExpr): [BoundExpr, BoundExpr] | null {
  if (ct.kind !== 'datetime') return null;
  const asDate = (d: BoundExpr, s: BoundExpr): BoundExpr | null => {
    if (d.type.kind !== 'date' || s.kind !== 'literal' || s.value.kind !== 'string') return null;
    const text = parseDateText(s.value.value) ?? parseDateTimeText(s.value.value);
    if (text === null || (text.length > 10 && !text.endsWith(' 00:00:00'))) return null;
    return dateLiteral(text.slice(0, 10));
  };
  const r = asDate(left, right);
  if (r !== null) return [left, r];
  const l = asDate(right, left);
  return l === null ? null : [l, right];
}

export function toBoolean(e: BoundExpr): BoundExpr {
  return e.type.kind === 'boolean' ? e : coerce(e, T.boolean);
}

function logical(name: 'and' | 'or' | 'xor', left: BoundExpr, right: BoundExpr): BoundExpr {
  return op(name, [toBoolean(left), toBoolean(right)], T.boolean);
}

export function bindUnary(state: BindState, env: ExprEnv, e: AstExpr & { kind: 'unary' }): BoundExpr {
  const operand = bindExpr(state, env, e.operand);
  switch (e.op) {
    case '+':
      return operand;
    case '-': {
      if (operand.kind === 'literal' && e.operand.kind === 'number') {
        const neg = negateLiteral(operand);
        if (neg !== null) return neg;
      }
      // StarRocks parses `-x` as `-1 * x` (so `-int_col` is BIGINT).
      return arithmetic('multiply', '*', intLiteral(-1), operand, e);
    }
    case 'not':
      return op('not', [toBoolean(operand)], T.boolean);
    case '~':
      return op('bit-not', [coerce(operand, T.bigint)], T.bigint);
  }
}

export function bindLike(state: BindState, env: ExprEnv, e: AstExpr & { kind: 'like' }): BoundExpr {
  if (e.escape !== undefined) throw notSupported('LIKE ... ESCAPE', e.pos);
  const operand = bindExpr(state, env, e.operand);
  const pattern = bindExpr(state, env, e.pattern);
  for (const [side, x] of [
    ['left', operand],
    ['right', pattern],
  ] as const) {
    if (!isStringType(x.type) && x.type.kind !== 'null') {
      throw analysisError(
        `${side} operand of ${e.op.toUpperCase()} must be of type STRING: ${exprLabel(e)}`,
        e.pos,
      );
    }
  }
  if (e.op === 'regexp' && pattern.kind === 'literal' && pattern.value.kind === 'string') {
    try {
      new RegExp(pattern.value.value);
    } catch {
      throw analysisError(`Invalid regular expression in '${exprLabel(e)}'`, e.pos);
    }
  }
  const node = op(e.op === 'like' ? 'like' : 'regexp', [operand, pattern], T.boolean);
  return e.not ? op('not', [node], T.boolean) : node;
}

export function bindIs(state: BindState, env: ExprEnv, e: AstExpr & { kind: 'is' }): BoundExpr {
  const operand = bindExpr(state, env, e.operand);
  switch (e.test) {
    case 'null':
      return op(e.not ? 'is-not-null' : 'is-null', [operand], T.boolean, false);
    case 'unknown':
      return op(e.not ? 'is-not-null' : 'is-null', [toBoolean(operand)], T.boolean, false);
    case 'true':
      return op(e.not ? 'is-not-true' : 'is-true', [toBoolean(operand)], T.boolean, false);
    case 'false':
      return op(e.not ? 'is-not-false' : 'is-false', [toBoolean(operand)], T.boolean, false);
  }
}

export function bindBetween(state: BindState, env: ExprEnv, e: AstExpr & { kind: 'between' }): BoundExpr {
  const x = bindExpr(state, env, e.operand);
  const low = bindExpr(state, env, e.low);
  const high = bindExpr(state, env, e.high);
  const ct = inListType([x.type, low.type, high.type], true);
  if (ct === null) throw analysisError(`BETWEEN operands have incompatible types`, e.pos);
  const cx = coerce(x, ct);
  const range = op(
    'and',
    [op('ge', [cx, coerce(low, ct)], T.boolean), op('le', [cx, coerce(high, ct)], T.boolean)],
    T.boolean,
  );
  return e.not ? op('not', [range], T.boolean) : range;
}

export function bindInList(state: BindState, env: ExprEnv, e: AstExpr & { kind: 'in-list' }): BoundExpr {
  if (e.operand.kind === 'row') return bindRowIn(state, env, e.operand.items, e.list, e.not);
  const operand = bindExpr(state, env, e.operand);
  const list = e.list.map((x) => bindExpr(state, env, x));
  const ct = inListType([operand.type, ...list.map((l) => l.type)], false);
  if (ct === null) {
    throw analysisError(`The input types of in predicate are not compatible`, e.pos);
  }
  const items = list.map((l) => coerce(l, ct));
  const nullable = isNullable(operand) || items.some(isNullable);
  return {
    kind: 'in-list',
    operand: coerce(operand, ct),
    list: items,
    not: e.not,
    type: T.boolean,
    nullable,
  };
}

/** `(a, b) IN ((1, 2), (3, 4))` → OR of ANDs of equalities. */
function bindRowIn(
  state: BindState,
  env: ExprEnv,
  left: readonly AstExpr[],
  list: readonly AstExpr[],
  not: boolean,
): BoundExpr {
  const lhs = left.map((x) => bindExpr(state, env, x));
  const alternatives = list.map((row) => {
    const items = row.kind === 'row' ? row.items : [row];
    if (items.length !== lhs.length) throw analysisError('row IN list has mismatched arity');
    const eqs = items.map((item, i) => comparison('eq', lhs[i]!, bindExpr(state, env, item)));
    return eqs.reduce((a, b) => op('and', [a, b], T.boolean));
  });
  const any = alternatives.reduce((a, b) => op('or', [a, b], T.boolean));
  return not ? op('not', [any], T.boolean) : any;
}

export function bindInSubquery(
  state: BindState,
  env: ExprEnv,
  e: AstExpr & { kind: 'in-subquery' },
): BoundExpr {
  if (e.operand.kind === 'row') throw notSupported('multi-column IN subquery', e.pos);
  const operand = bindExpr(state, env, e.operand);
  const query = bindSubquery(state, env.scope, e.query);
  const col = query.columns[0];
  if (query.columns.length !== 1 || col === undefined) {
    throw analysisError(
      'subquery must return the same number of columns as provided by the IN predicate',
      e.pos,
    );
  }
  const ct = inListType([operand.type, col.type], false);
  if (ct === null)
    throw analysisError(
      `in predicate type ${formatType(operand.type)} with type ${formatType(col.type)} is invalid`,
      e.pos,
    );
  return {
    kind: 'subquery',
    mode: 'in',
    query,
    operand: coerce(operand, ct),
    compareType: ct,
    not: e.not,
    type: T.boolean,
    nullable: true,
  };
}

export function bindCase(state: BindState, env: ExprEnv, e: AstExpr & { kind: 'case' }): BoundExpr {
  const operand = e.operand === undefined ? null : bindExpr(state, env, e.operand);
  const whens = e.whens.map((w) => {
    const when = bindExpr(state, env, w.when);
    const cond = operand === null ? toBoolean(when) : comparison('eq', operand, when, w.when);
    return { when: cond, then: bindExpr(state, env, w.then) };
  });
  const els = e.else === undefined ? null : bindExpr(state, env, e.else);
  const types = [...whens.map((w) => w.then.type), ...(els === null ? [] : [els.type])];
  const t = commonSuperTypeOf(types);
  if (t === null) throw analysisError(`Failed to get compatible type for CaseWhen`, e.pos);
  const result = t.kind === 'null' ? T.boolean : t;
  const outs = whens.map((w) => ({ when: w.when, then: coerce(w.then, result) }));
  const elseOut = els === null ? null : coerce(els, result);
  const nullable = elseOut === null || isNullable(elseOut) || outs.some((w) => isNullable(w.then));
  return { kind: 'case', whens: outs, else: elseOut, type: result, nullable };
}

/** `x ± INTERVAL n unit` → StarRocks' `<unit>s_add` / `<unit>s_sub` (resolved by the function library). */
function bindIntervalArith(state: BindState, env: ExprEnv, e: AstExpr & { kind: 'binary' }): BoundExpr {
  const intervalFirst = e.left.kind === 'interval';
  const iv = intervalFirst ? e.left : e.right;
  const other = intervalFirst ? e.right : e.left;
  if (iv.kind !== 'interval') throw analysisError('bad interval arithmetic', e.pos);
  if (intervalFirst && e.op === '-') throw analysisError('INTERVAL - value is not allowed', e.pos);
  return intervalCall(
    state,
    bindExpr(state, env, other),
    bindExpr(state, env, iv.value),
    iv.unit,
    e.op === '-',
    e,
  );
}
