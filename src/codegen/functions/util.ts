/**
 * Small building blocks shared by the emitter families. Emitters only ever combine the argument
 * fragments they are given with fixed DuckDB templates; any user-derived text that is not an
 * argument fragment goes through `call.literal`.
 */
import { InternalError } from '../../base/index.js';
import { notSupported } from '../../errors/index.js';
import type { SqlType } from '../../types/index.js';
import { duckdbType } from '../escape.js';
import type { EmitCall, FunctionEmitter } from '../function-emitter.js';

/** Argument i (throws an internal error if the binder passed too few). */
export function arg(c: EmitCall, i: number): string {
  const a = c.args[i];
  if (a === undefined) throw new InternalError(`function argument ${i} missing`);
  return a;
}

/** Argument type i. */
export function argT(c: EmitCall, i: number): SqlType {
  const t = c.argTypes[i];
  if (t === undefined) throw new InternalError(`function argument type ${i} missing`);
  return t;
}

/** `CAST(x AS <duckdb type of t>)`. */
export function castTo(sql: string, t: SqlType): string {
  return `CAST(${sql} AS ${duckdbType(t)})`;
}

/** Emit `fn(args…)` with the arguments unchanged. */
export function direct(fn: string): FunctionEmitter {
  return (c) => `${fn}(${c.args.join(', ')})`;
}

/** Emit `fn(args…)` and cast the result to the StarRocks return type. */
export function directCast(fn: string): FunctionEmitter {
  return (c) => castTo(`${fn}(${c.args.join(', ')})`, c.returnType);
}

/** Build an emitter from a template over the argument fragments. */
export function tmpl(f: (a: readonly string[], c: EmitCall) => string): FunctionEmitter {
  return (c) => f(c.args, c);
}

/** The constant value of argument i when the code generator knows it. */
export function constArg(c: EmitCall, i: number): string | number | bigint | boolean | null | undefined {
  const v = c.constArgs?.[i];
  if (v !== undefined) return v;
  return parseLiteral(c.args[i]);
}

/** Constant string argument i, or undefined when the argument is not a known string constant. */
export function constString(c: EmitCall, i: number): string | undefined {
  const v = constArg(c, i);
  return typeof v === 'string' ? v : undefined;
}

/** Constant integer argument i, or undefined. */
export function constInt(c: EmitCall, i: number): number | undefined {
  const v = constArg(c, i);
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v);
  return undefined;
}

/**
 * Recognise a DuckDB literal fragment the code generator produced (`'text'`, `CAST('text' AS …)`,
 * `42`, `-7`), so constant formats can be translated at generation time.
 */
function parseLiteral(sql: string | undefined): string | number | undefined {
  if (sql === undefined) return undefined;
  let s = sql.trim();
  const cast = /^CAST\((.*) AS [A-Z0-9_(), ]+\)$/is.exec(s);
  if (cast?.[1] !== undefined) s = cast[1].trim();
  while (s.startsWith('(') && s.endsWith(')')) s = s.slice(1, -1).trim();
  if (/^'(?:[^']|'')*'$/s.test(s)) return s.slice(1, -1).replace(/''/g, "'");
  if (/^-?\d+$/.test(s)) return Number(s);
  return undefined;
}

/** Place the window clause (if any) right after an aggregate call, before any wrapping. */
export function over(c: EmitCall): string {
  return c.over === undefined || c.over === null ? '' : ` ${c.over}`;
}

/** `DISTINCT ` when the call is DISTINCT. */
export function distinct(c: EmitCall): string {
  return c.distinct ? 'DISTINCT ' : '';
}

/** Fail generation with StarRocks' not-supported error for a shape we cannot translate. */
export function unsupported(what: string): never {
  throw notSupported(what);
}

/** Every argument is NULL-checked: `CASE WHEN a IS NULL OR … THEN NULL ELSE expr END`. */
export function nullIfAnyNull(args: readonly string[], expr: string): string {
  if (args.length === 0) return expr;
  return `CASE WHEN ${args.map((a) => `(${a}) IS NULL`).join(' OR ')} THEN NULL ELSE ${expr} END`;
}
