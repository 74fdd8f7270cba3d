/**
 * Bound expression → DuckDB SQL. Only fixed operator templates, escaped literals, quoted
 * identifiers from the plan and the function emitter table ever reach the output.
 */
import type {
  BoundExpr,
  BoundOrderItem,
  BoundQuery,
  BoundFrame,
  BoundFrameBound,
  LiteralValue,
} from '../analyzer/index.js';
import { InternalError } from '../base/index.js';
import { notSupported } from '../errors/index.js';
import { type SqlType } from '../types/index.js';
import { castSql } from './casts.js';
import { duckdbType, quoteBlob, quoteString } from './escape.js';
import type { EmitCall, EmitSession, FunctionEmitter } from './function-emitter.js';

/** What expression generation needs from its surroundings. */
export interface ExprEnv {
  /** SQL text for a column id visible here. */
  lookup(id: number): string;
  /** Complete SQL of a subquery, planned and generated in this scope. */
  subquery(q: BoundQuery): { sql: string; columns: readonly number[] };
  readonly emitters: Readonly<Record<string, FunctionEmitter>>;
  readonly session: EmitSession;
}

const BINARY: Readonly<Record<string, string>> = {
  add: '+',
  subtract: '-',
  multiply: '*',
  'bit-and': '&',
  'bit-or': '|',
  'shift-left': '<<',
  'shift-right': '>>',
  eq: '=',
  ne: '<>',
  lt: '<',
  le: '<=',
  gt: '>',
  ge: '>=',
  'null-safe-eq': 'IS NOT DISTINCT FROM',
  and: 'AND',
  or: 'OR',
  concat: '||',
};

const TWO_63 = "CAST('9223372036854775808' AS HUGEINT)";
const MASK_64 = "CAST('18446744073709551615' AS HUGEINT)";

export function exprSql(e: BoundExpr, env: ExprEnv): string {
  const r = (x: BoundExpr): string => exprSql(x, env);
  switch (e.kind) {
    case 'literal':
      return literalSql(e.value, e.type);
    case 'column':
      return env.lookup(e.id);
    case 'param':
      return `$${e.index + 1}`;
    case 'cast':
      return castSql(r(e.operand), e.operand.type, e.type);
    case 'op':
      return absModSql(e, r) ?? opSql(e, e.args.map(r));
    case 'call':
      return callSql(e.fn.id, env, {
        args: e.args.map(r),
        argTypes: e.args.map((a) => a.type),
        returnType: e.type,
        constArgs: e.args.map(constOf),
      });
    case 'agg':
      return callSql(e.fn.id, env, {
        args: e.args.map(r),
        argTypes: e.args.map((a) => a.type),
        returnType: e.type,
        distinct: e.distinct,
        orderBy: e.orderBy.length === 0 ? null : `ORDER BY ${orderSql(e.orderBy, env)}`,
        separator: e.separator === null ? null : r(e.separator),
        constArgs: e.args.map(constOf),
      });
    case 'window':
      return windowSql(e, env);
    case 'grouping':
      return `GROUPING(${e.args.map(r).join(', ')})`;
    case 'case': {
      const whens = e.whens.map((w) => ` WHEN ${r(w.when)} THEN ${r(w.then)}`).join('');
      return `(CASE${whens}${e.else === null ? '' : ` ELSE ${r(e.else)}`} END)`;
    }
    case 'in-list':
      return `(${r(e.operand)} ${e.not ? 'NOT IN' : 'IN'} (${e.list.map(r).join(', ')}))`;
    case 'subquery':
      return subquerySql(e, env);
    case 'array':
      return e.items.length === 0 ? `CAST([] AS ${duckdbType(e.type)})` : `[${e.items.map(r).join(', ')}]`;
    case 'map':
      return e.entries.length === 0
        ? `CAST(MAP {} AS ${duckdbType(e.type)})`
        : `MAP {${e.entries.map((x) => `${r(x.key)}: ${r(x.value)}`).join(', ')}}`;
    case 'subscript':
      if (e.operand.type.kind === 'struct') return `struct_extract_at(${r(e.operand)}, ${r(e.index)})`;
      return `(${r(e.operand)})[${r(e.index)}]`;
    case 'lambda': {
      if (e.params.length > 1) {
        // Several arrays are zipped by the emitter: one struct parameter, fields by position.
        const z = `__rkz${e.params[0]!.id}`;
        const fields = new Map(e.params.map((p, i) => [p.id, `${z}[${i + 1}]`]));
        const zipped: ExprEnv = { ...env, lookup: (id) => fields.get(id) ?? env.lookup(id) };
        return `lambda ${z}: ${exprSql(e.body, zipped)}`;
      }
      const names = new Map(e.params.map((p) => [p.id, `__rkp${p.id}`]));
      const inner: ExprEnv = { ...env, lookup: (id) => names.get(id) ?? env.lookup(id) };
      return `lambda ${[...names.values()].join(', ')}: ${exprSql(e.body, inner)}`;
    }
  }
}

function constOf(a: BoundExpr): string | number | bigint | boolean | null | undefined {
  if (a.kind !== 'literal') return undefined;
  const v = a.value;
  switch (v.kind) {
    case 'null':
      return null;
    case 'bool':
    case 'int':
    case 'double':
      return v.value;
    case 'string':
      return v.value;
    case 'decimal':
      return Number(v.text);
    case 'date':
    case 'datetime':
      return v.text;
    case 'bytes':
      return undefined;
  }
}

export function literalSql(v: LiteralValue, type: SqlType): string {
  switch (v.kind) {
    case 'null':
      return type.kind === 'null' ? 'NULL' : `CAST(NULL AS ${duckdbType(type)})`;
    case 'bool':
      return v.value ? 'TRUE' : 'FALSE';
    case 'int': {
      const text = BigInt(v.value).toString();
      if (type.kind === 'int') return v.value < 0n ? `(${text})` : text;
      return `CAST(${text} AS ${duckdbType(type)})`;
    }
    case 'decimal':
      if (!/^-?\d+(\.\d+)?$/.test(v.text)) throw new InternalError(`bad decimal literal ${v.text}`);
      return `CAST('${v.text}' AS ${duckdbType(type)})`;
    case 'double': {
      if (!Number.isFinite(v.value)) throw new InternalError('non-finite double literal');
      return `CAST('${String(v.value)}' AS DOUBLE)`;
    }
    case 'string':
      return quoteString(v.value);
    case 'date':
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v.text)) throw new InternalError(`bad date literal ${v.text}`);
      return `DATE '${v.text}'`;
    case 'datetime':
      if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?$/.test(v.text))
        throw new InternalError(`bad datetime ${v.text}`);
      return `TIMESTAMP '${v.text}'`;
    case 'bytes':
      return quoteBlob(v.value);
  }
}

/** The unscaled 128-bit integer of a DECIMAL(p, s) value (through text when x·10^s could overflow). */
function unscaled(x: string, t: SqlType & { kind: 'decimal' }): string {
  if (t.precision + t.scale <= 38)
    return `CAST(CAST(${x} AS DECIMAL(${t.precision},${t.scale})) * CAST(${10n ** BigInt(t.scale)} AS DECIMAL(38,0)) AS HUGEINT)`;
  return `CAST(replace(CAST(${x} AS VARCHAR), '.', '') AS HUGEINT)`;
}

/**
 * Exact DECIMAL division as StarRocks does it in 128-bit integers: the dividend scaled by
 * 10^(rs + s2 − s1), divided, rounded half away from zero; NULL on a zero divisor or overflow.
 */
function decimalDivide(x: string, y: string, tx: SqlType, ty: SqlType, rs: number): string | null {
  if (tx.kind !== 'decimal' || ty.kind !== 'decimal') return null;
  const k = rs + ty.scale - tx.scale;
  if (k < 0 || k > 38) return null;
  const n = `(${unscaled(x, tx)})`;
  const d = `(${unscaled(y, ty)})`;
  const limit = 10n ** BigInt(38 - k);
  const num = `(${n} * CAST(${10n ** BigInt(k)} AS HUGEINT))`;
  const q = `(${num} // ${d})`;
  const r = `abs(${num} % ${d})`;
  const rounded = `(${q} + CASE WHEN ${r} >= abs(${d}) - ${r} THEN sign(${n}) * sign(${d}) ELSE 0 END)`;
  const value = `(CAST(${rounded} AS DECIMAL(38,0)) * CAST('${rs === 0 ? '1' : `0.${'0'.repeat(rs - 1)}1`}' AS DECIMAL(38,${rs})))`;
  return `(CASE WHEN ${d} = 0 OR abs(${n}) >= CAST('${limit}' AS HUGEINT) THEN NULL ELSE ${value} END)`;
}

const NARROW_INTS = new Set(['tinyint', 'smallint', 'int', 'bigint']);
const BIGINT_MAX = 9223372036854775807n;

/** An integer literal's value, through implicit casts. */
function intLiteral(e: BoundExpr): bigint | null {
  if (e.kind === 'cast') return intLiteral(e.operand);
  return e.kind === 'literal' && e.value.kind === 'int' ? e.value.value : null;
}

/**
 * `abs(x) % k` with x at most BIGINT and k a non-zero BIGINT constant, as `abs(x % k)`: the same
 * value (truncated modulo follows the dividend's sign), but 64-bit. abs(BIGINT) is LARGEINT, and
 * DuckDB's 128-bit modulo costs ~170× more (seen in the onboarding plan's `abs(id) % 52` splits).
 */
function absModSql(e: BoundExpr & { kind: 'op' }, r: (x: BoundExpr) => string): string | null {
  if (e.op !== 'mod' || e.type.kind !== 'largeint') return null;
  const y = e.args[1];
  let x = e.args[0];
  while (x?.kind === 'cast') x = x.operand;
  const k = y === undefined ? null : intLiteral(y);
  if (x?.kind !== 'call' || x.fn.id !== 'abs' || k === null || k === 0n || k === -1n) return null;
  if (k > BIGINT_MAX || k < -BIGINT_MAX) return null;
  const v = x.args[0];
  if (v === undefined || x.args.length !== 1 || !NARROW_INTS.has(v.type.kind)) return null;
  return `CAST(abs(CAST(${r(v)} AS BIGINT) % ${k}) AS HUGEINT)`;
}

function opSql(e: BoundExpr & { kind: 'op' }, a: readonly string[]): string {
  const [x = '', y = ''] = a;
  switch (e.op) {
    case 'add':
    case 'subtract':
    case 'multiply':
      if (e.wrap === true) return wrapBigint(x, y, BINARY[e.op]!);
      return `(${x} ${BINARY[e.op]} ${y})`;
    case 'divide':
      if (e.type.kind === 'decimal') {
        const exact = decimalDivide(x, y, e.args[0]!.type, e.args[1]!.type, e.type.scale);
        if (exact !== null) return exact;
        return `CAST(CAST(${x} AS DOUBLE) / NULLIF(CAST(${y} AS DOUBLE), 0) AS ${duckdbType(e.type)})`;
      }
      return `(${x} / NULLIF(${y}, 0))`;
    case 'mod':
      // x % -1 is 0; as x % 1 it cannot overflow (DuckDB raises on MIN % -1).
      return e.type.kind === 'decimal'
        ? `CAST((${x} % NULLIF(${y}, 0)) AS ${duckdbType(e.type)})`
        : `(${x} % NULLIF(CASE WHEN ${y} = -1 THEN 1 ELSE ${y} END, 0))`;
    case 'int-divide':
      if (e.args[0]!.type.kind === 'decimal' || e.args[0]!.type.kind === 'double') {
        return `TRY_CAST(trunc(${x} / NULLIF(${y}, 0)) AS ${duckdbType(e.type)})`;
      }
      return intDivide(x, y, e.type);
    case 'shift-left':
    case 'shift-right':
      return `CAST((${x} ${BINARY[e.op]} ${y}) AS ${duckdbType(e.type)})`;
    case 'bit-xor':
      return `xor(${x}, ${y})`;
    case 'eq':
    case 'ne':
      if (e.args[0]?.type.kind === 'array') {
        const eq = arrayEquals(x, y);
        return e.op === 'eq' ? eq : `(NOT ${eq})`;
      }
      return `(${x} ${BINARY[e.op]} ${y})`;
    case 'bit-not':
      return `(~${x})`;
    case 'xor':
      return `(${x} <> ${y})`;
    case 'not':
      return `(NOT ${x})`;
    case 'is-null':
      return `(${x} IS NULL)`;
    case 'is-not-null':
      return `(${x} IS NOT NULL)`;
    case 'is-true':
      return `(${x} IS NOT DISTINCT FROM TRUE)`;
    case 'is-false':
      return `(${x} IS NOT DISTINCT FROM FALSE)`;
    case 'is-not-true':
      return `(${x} IS DISTINCT FROM TRUE)`;
    case 'is-not-false':
      return `(${x} IS DISTINCT FROM FALSE)`;
    case 'like':
      return `(${x} LIKE ${y} ESCAPE '\\')`;
    case 'regexp':
      return `regexp_matches(${x}, ${y})`;
    default: {
      const sym = BINARY[e.op];
      if (sym === undefined) throw new InternalError(`no template for operator ${e.op}`);
      return `(${x} ${sym} ${y})`;
    }
  }
}

/**
 * ARRAY = ARRAY as StarRocks compares it: arrays of different lengths differ; otherwise any
 * unequal pair of elements makes them differ, and a NULL element (with no such pair) makes the
 * result NULL (DuckDB's list equality treats NULL elements as equal).
 */
function arrayEquals(x: string, y: string): string {
  const idx = `range(1, len(${x}) + 1)`;
  const differ = `list_bool_or(list_transform(${idx}, lambda __rk_ai: coalesce((${x})[__rk_ai] <> (${y})[__rk_ai], false)))`;
  const nulls = `list_bool_or(list_transform(${idx}, lambda __rk_ai: (${x})[__rk_ai] IS NULL OR (${y})[__rk_ai] IS NULL))`;
  return (
    `(CASE WHEN (${x}) IS NULL OR (${y}) IS NULL THEN NULL WHEN len(${x}) <> len(${y}) THEN false ` +
    `WHEN ${differ} THEN false WHEN ${nulls} THEN NULL ELSE true END)`
  );
}

const INT_BITS: Readonly<Record<string, number>> = { tinyint: 8, smallint: 16, int: 32, bigint: 64 };

/**
 * Integer DIV: MIN DIV -1 wraps to MIN like StarRocks' C++ integers (DuckDB raises an overflow
 * error), computed in HUGEINT and wrapped to the result width.
 */
function intDivide(x: string, y: string, type: SqlType): string {
  const bits = INT_BITS[type.kind];
  if (bits === undefined) return `(${x} // NULLIF(${y}, 0))`;
  const half = `CAST('${1n << BigInt(bits - 1)}' AS HUGEINT)`;
  const mask = `CAST('${(1n << BigInt(bits)) - 1n}' AS HUGEINT)`;
  const wide = `(CAST(${x} AS HUGEINT) // NULLIF(CAST(${y} AS HUGEINT), 0))`;
  return `CAST(((${wide} + ${half}) & ${mask}) - ${half} AS ${duckdbType(type)})`;
}

/** Two's-complement wrap-around of BIGINT arithmetic (StarRocks' C++ semantics), via HUGEINT. */
function wrapBigint(x: string, y: string, sym: string): string {
  const wide = `(CAST(${x} AS HUGEINT) ${sym} CAST(${y} AS HUGEINT))`;
  return `CAST(((${wide} + ${TWO_63}) & ${MASK_64}) - ${TWO_63} AS BIGINT)`;
}

interface CallParts {
  readonly args: readonly string[];
  readonly argTypes: readonly SqlType[];
  readonly returnType: SqlType;
  readonly distinct?: boolean;
  readonly orderBy?: string | null;
  readonly separator?: string | null;
  readonly over?: string | null;
  readonly ignoreNulls?: boolean;
  readonly constArgs?: EmitCall['constArgs'];
}

function callSql(id: string, env: ExprEnv, p: CallParts): string {
  const emitter = env.emitters[id];
  if (emitter === undefined) throw notSupported(`function ${id}`);
  const call: EmitCall = {
    args: p.args,
    argTypes: p.argTypes,
    returnType: p.returnType,
    distinct: p.distinct ?? false,
    orderBy: p.orderBy ?? null,
    separator: p.separator ?? null,
    literal: quoteString,
    over: p.over ?? null,
    ignoreNulls: p.ignoreNulls ?? false,
    session: env.session,
    ...(p.constArgs === undefined ? {} : { constArgs: p.constArgs }),
  };
  return emitter(call);
}

export function orderSql(
  items: readonly BoundOrderItem[],
  env: ExprEnv,
  key?: (o: BoundOrderItem) => string,
): string {
  return items
    .map(
      (o) =>
        `${key === undefined ? exprSql(o.expr, env) : key(o)} ${o.descending ? 'DESC' : 'ASC'} NULLS ${o.nullsFirst ? 'FIRST' : 'LAST'}`,
    )
    .join(', ');
}

function windowSql(e: BoundExpr & { kind: 'window' }, env: ExprEnv): string {
  const parts: string[] = [];
  if (e.partitionBy.length > 0)
    parts.push(`PARTITION BY ${e.partitionBy.map((p) => exprSql(p, env)).join(', ')}`);
  if (e.orderBy.length > 0) parts.push(`ORDER BY ${orderSql(e.orderBy, env)}`);
  if (e.frame !== null) parts.push(frameSql(e.frame, env));
  const over = ` OVER (${parts.join(' ')})`;
  const sql = callSql(e.fn.id, env, {
    args: e.args.map((a) => exprSql(a, env)),
    argTypes: e.args.map((a) => a.type),
    returnType: e.type,
    distinct: e.distinct,
    over,
    ignoreNulls: e.ignoreNulls,
    constArgs: e.args.map(constOf),
  });
  return sql.includes(' OVER (') ? sql : `${sql}${over}`;
}

function frameSql(f: BoundFrame, env: ExprEnv): string {
  const b = (x: BoundFrameBound): string => {
    switch (x.kind) {
      case 'unbounded-preceding':
        return 'UNBOUNDED PRECEDING';
      case 'unbounded-following':
        return 'UNBOUNDED FOLLOWING';
      case 'current-row':
        return 'CURRENT ROW';
      case 'preceding':
        return `${exprSql(x.offset, env)} PRECEDING`;
      case 'following':
        return `${exprSql(x.offset, env)} FOLLOWING`;
    }
  };
  return `${f.unit.toUpperCase()} BETWEEN ${b(f.start)} AND ${b(f.end)}`;
}

function subquerySql(e: BoundExpr & { kind: 'subquery' }, env: ExprEnv): string {
  const sub = env.subquery(e.query);
  switch (e.mode) {
    case 'scalar':
      return `(${sub.sql})`;
    case 'exists':
      return `(${e.not ? 'NOT ' : ''}EXISTS (${sub.sql}))`;
    case 'in': {
      const operand = exprSql(e.operand!, env);
      const col = e.query.columns[0]!;
      const ct = e.compareType!;
      const inner =
        duckdbType(col.type) === duckdbType(ct) || col.type.kind === 'null'
          ? sub.sql
          : `SELECT ${castSql(`__rk_in.c${sub.columns[0]}`, col.type, ct)} FROM (${sub.sql}) AS __rk_in`;
      return `(${operand} ${e.not ? 'NOT IN' : 'IN'} (${inner}))`;
    }
  }
}
