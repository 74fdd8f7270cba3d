/**
 * Test harness for the function library: resolve a call through the registry, cast the arguments
 * the way the binder does, emit DuckDB SQL through FUNCTION_EMITTERS, run it on a real in-memory
 * DuckDB and render the result the way StarRocks prints it.
 */
import {
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBInstance,
  DuckDBListValue,
  DuckDBMapValue,
  DuckDBStructValue,
  DuckDBTimeValue,
  DuckDBTimestampValue,
  type DuckDBConnection,
  type DuckDBValue,
} from '@duckdb/node-api';
import { resolveFunction, type CallShape, type ConstArg } from '../../src/analyzer/functions/index.js';
import { FUNCTION_EMITTERS } from '../../src/codegen/functions/index.js';
import type { EmitCall, EmitSession } from '../../src/codegen/function-emitter.js';
import { duckdbType, quoteString } from '../../src/codegen/index.js';
import {
  T,
  renderDate,
  renderDatetime,
  renderDecimal,
  renderDouble,
  renderFloat,
  renderJson,
  renderNested,
  renderTime,
  type NestedValue,
  type SqlType,
} from '../../src/types/index.js';

/** An argument: DuckDB SQL text, its StarRocks type and (for literals) its constant value. */
export interface Arg {
  readonly sql: string;
  readonly type: SqlType;
  readonly value?: ConstArg;
}

export const s = (v: string): Arg => ({ sql: quoteString(v), type: T.varchar(), value: v });
export const i = (v: number): Arg => ({ sql: `CAST(${v} AS INTEGER)`, type: T.int, value: v });
export const bi = (v: number | bigint): Arg => ({ sql: `CAST(${v} AS BIGINT)`, type: T.bigint, value: v });
export const f = (v: number): Arg => ({ sql: `CAST(${v} AS DOUBLE)`, type: T.double, value: v });
export const dec = (v: string, p: number, sc: number): Arg => ({
  sql: `CAST(${v} AS DECIMAL(${p},${sc}))`,
  type: T.decimal(p, sc),
});
export const d = (v: string): Arg => ({ sql: `DATE '${v}'`, type: T.date });
export const dt = (v: string): Arg => ({ sql: `TIMESTAMP '${v}'`, type: T.datetime });
export const b = (v: boolean): Arg => ({ sql: v ? 'true' : 'false', type: T.boolean, value: v });
export const nul = (t: SqlType = T.null): Arg => ({
  sql: `CAST(NULL AS ${duckdbType(t)})`,
  type: t,
  value: null,
});
export const raw = (sql: string, type: SqlType): Arg => ({ sql, type });
export const arr = (items: readonly Arg[], element: SqlType): Arg => ({
  sql: `CAST([${items.map((x) => x.sql).join(', ')}] AS ${duckdbType(T.array(element))})`,
  type: T.array(element),
});

export interface CallOptions {
  readonly distinct?: boolean;
  readonly star?: boolean;
  readonly orderBy?: string | null;
  readonly separator?: string | null;
  readonly over?: string | null;
  readonly ignoreNulls?: boolean;
  readonly session?: EmitSession;
  readonly isWindow?: boolean;
  readonly lambdaIndex?: number;
}

/** Resolve + cast + emit; returns the DuckDB SQL and the StarRocks result type. */
export function emit(
  name: string,
  args: readonly Arg[],
  o: CallOptions = {},
): { sql: string; type: SqlType } {
  const shape: CallShape = {
    distinct: o.distinct ?? false,
    star: o.star ?? false,
    hasOrderBy: o.orderBy !== undefined && o.orderBy !== null,
    isWindow: o.isWindow ?? (o.over !== undefined && o.over !== null),
    constArgs: args.map((a) => a.value),
    ...(o.lambdaIndex !== undefined ? { lambdaIndex: o.lambdaIndex } : {}),
  };
  const r = resolveFunction(
    name,
    args.map((a) => a.type),
    shape,
  );
  if (r.kind !== 'found') throw new Error(`${name}: ${r.kind}`);
  const res = r.resolution;
  const emitter = FUNCTION_EMITTERS[res.id];
  if (emitter === undefined) throw new Error(`no emitter for ${res.id}`);
  const castArgs = args.map((a, k) => {
    const target = res.argTypes[k] ?? a.type;
    if (o.lambdaIndex === k || JSON.stringify(target) === JSON.stringify(a.type)) return a.sql;
    return `TRY_CAST(${a.sql} AS ${duckdbType(target)})`;
  });
  const call: EmitCall = {
    args: castArgs,
    argTypes: res.argTypes,
    returnType: res.returnType,
    distinct: o.distinct ?? false,
    orderBy: o.orderBy ?? null,
    separator: o.separator ?? null,
    literal: quoteString,
    over: o.over ?? null,
    ignoreNulls: o.ignoreNulls ?? false,
    constArgs: args.map((a) => a.value),
    ...(o.session !== undefined ? { session: o.session } : {}),
  };
  return { sql: emitter(call), type: res.returnType };
}

export async function openDuck(): Promise<DuckDBConnection> {
  const inst = await DuckDBInstance.create(':memory:');
  return inst.connect();
}

/** Render one DuckDB value the way StarRocks sends it in the text protocol (null for NULL). */
export function render(v: DuckDBValue, t: SqlType): string | null {
  if (v === null) return null;
  const n = toNested(v, t);
  if (n === null) return null;
  if (typeof n === 'object') return renderNested(n, t);
  if (typeof n === 'boolean') return n ? '1' : '0';
  if (typeof n === 'number')
    return t.kind === 'float' ? renderFloat(n) : t.kind === 'double' ? renderDouble(n) : String(n);
  if (typeof n === 'bigint') return n.toString();
  return t.kind === 'json' ? renderJson(n) : n;
}

function toNested(v: DuckDBValue, t: SqlType): NestedValue {
  if (v === null) return null;
  if (v instanceof DuckDBDateValue) return renderDate(v.days);
  if (v instanceof DuckDBTimestampValue) return renderDatetime(v.micros);
  if (v instanceof DuckDBTimeValue) return renderTime(v.micros);
  if (v instanceof DuckDBDecimalValue) return renderDecimal(v.value, v.scale);
  if (v instanceof DuckDBListValue) {
    const el = t.kind === 'array' ? t.element : T.null;
    return { list: v.items.map((x) => toNested(x, el)) };
  }
  if (v instanceof DuckDBMapValue) {
    const [kt, vt] = t.kind === 'map' ? [t.key, t.value] : [T.null, T.null];
    return { map: v.entries.map((e) => [toNested(e.key, kt), toNested(e.value, vt)] as const) };
  }
  if (v instanceof DuckDBStructValue) {
    const fields = t.kind === 'struct' ? t.fields : [];
    return {
      struct: Object.entries(v.entries).map(
        ([k, x], idx) => [k, toNested(x, fields[idx]?.type ?? T.null)] as const,
      ),
    };
  }
  if (typeof v === 'boolean' || typeof v === 'number' || typeof v === 'bigint' || typeof v === 'string')
    return v;
  return String(v);
}

/** Evaluate a StarRocks function call on DuckDB and render the result. */
export async function evalCall(
  conn: DuckDBConnection,
  name: string,
  args: readonly Arg[],
  o: CallOptions = {},
): Promise<string | null> {
  const { sql, type } = emit(name, args, o);
  const reader = await conn.runAndReadAll(`SELECT ${sql}`);
  const rows = reader.getRows();
  const first = rows[0]?.[0] ?? null;
  return render(first, type);
}

/** Run an aggregate/window expression over a VALUES table `t(x, y, g)` and render every row. */
export async function evalOver(
  conn: DuckDBConnection,
  sql: string,
  type: SqlType,
): Promise<(string | null)[]> {
  const reader = await conn.runAndReadAll(sql);
  return reader.getRows().map((r) => render(r[0] ?? null, type));
}
