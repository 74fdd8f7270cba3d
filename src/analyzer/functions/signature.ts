/**
 * Signature tables: how a function's overloads are written down and matched. A definition lists
 * overloads (parameter patterns + return rule); matching picks the overload with the lowest total
 * implicit-cast cost, the way StarRocks prefers exact matches and then the cheapest supertype.
 */
import { T, isStringType, type SqlType } from '../../types/index.js';
import type { CallShape, FunctionKind } from './types.js';
import { castCost, commonType, familyOf } from './type-rules.js';

/**
 * A parameter pattern: a concrete type (the argument is cast to it), or a generic marker:
 * `raw` keeps the argument type even when it is NULL_TYPE; `any` keeps the argument type; `same` unifies all `same` arguments to their common type;
 * `string` keeps string types and casts anything else to VARCHAR; `array`/`map`/`struct`/`json`
 * require that family; `arrays` are arrays unified (element-wise) with each other and with `elem`; `numeric` keeps numbers (strings become DOUBLE); `elem` is unified with
 * the element type of the first array argument; `temporal` keeps DATE/DATETIME (strings → DATETIME).
 */
export type Param =
  | SqlType
  | 'raw'
  | 'any'
  | 'same'
  | 'string'
  | 'array'
  | 'arrays'
  | 'map'
  | 'struct'
  | 'json'
  | 'numeric'
  | 'integer'
  | 'elem'
  | 'temporal';

/** Return rule: a fixed type or computed from the (already cast) argument types. */
export type ReturnRule = SqlType | ((args: readonly SqlType[], ctx: ResolveContext) => SqlType | null);

export interface Overload {
  readonly params: readonly Param[];
  /** Pattern for any further arguments (variadic functions). */
  readonly rest?: Param;
  /** Minimum argument count when `rest` is given (default: params.length). */
  readonly min?: number;
  readonly ret: ReturnRule;
}

/** What a return rule or custom resolver may look at besides the types. */
export interface ResolveContext {
  readonly shape: CallShape;
  readonly name: string;
}

/** One function as the registry knows it. */
export interface FunctionDef {
  readonly kind: FunctionKind;
  readonly overloads: readonly Overload[];
  /** Emitter id (defaults to the lower-case name the def is registered under). */
  readonly id?: string;
  /** Default: true for scalar functions, false for aggregates and window functions. */
  readonly nullOnNullInput?: boolean;
  /** Also usable as a window function with OVER (aggregates are, by default). */
  readonly window?: boolean;
}

export interface Matched {
  readonly argTypes: readonly SqlType[];
  readonly returnType: SqlType;
}

/** Pick the cheapest overload accepting `args`, or null. */
export function matchOverloads(
  overloads: readonly Overload[],
  args: readonly SqlType[],
  ctx: ResolveContext,
): Matched | null {
  let best: { cost: number; m: Matched } | null = null;
  for (const o of overloads) {
    const r = matchOne(o, args, ctx);
    if (r !== null && (best === null || r.cost < best.cost)) best = r;
  }
  return best?.m ?? null;
}

function matchOne(
  o: Overload,
  args: readonly SqlType[],
  ctx: ResolveContext,
): { cost: number; m: Matched } | null {
  const min = o.rest === undefined ? o.params.length : (o.min ?? o.params.length);
  if (args.length < min) return null;
  if (o.rest === undefined && args.length > o.params.length) return null;
  const params = args.map((_, i) => o.params[i] ?? o.rest ?? 'any');
  const sameType = unify(args, params, 'same');
  if (sameType === null) return null;
  const elemTypes = args.filter((_, i) => params[i] === 'elem');
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (params[i] === 'arrays' && a?.kind === 'array') elemTypes.push(a.element);
  }
  const elemType = elemTypes.length > 0 ? commonType(elemTypes) : null;
  let cost = 0;
  const out: SqlType[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as SqlType;
    const p = params[i] as Param;
    const target = targetFor(a, p, sameType, elemType);
    if (target === null) return null;
    const c = castCost(a, target);
    if (!Number.isFinite(c)) return null;
    cost += c;
    out.push(target);
  }
  if (elemType !== null) {
    for (let i = 0; i < out.length; i++) if (params[i] === 'arrays') out[i] = T.array(elemType);
  }
  const ret = typeof o.ret === 'function' ? o.ret(out, ctx) : o.ret;
  if (ret === null) return null;
  return { cost, m: { argTypes: out, returnType: ret } };
}

function unify(
  args: readonly SqlType[],
  params: readonly Param[],
  marker: Param,
): SqlType | undefined | null {
  const group = args.filter((_, i) => params[i] === marker);
  if (group.length === 0) return undefined;
  return commonType(group);
}

function targetFor(
  a: SqlType,
  p: Param,
  same: SqlType | undefined | null,
  elem: SqlType | null,
): SqlType | null {
  const f = familyOf(a);
  // A VARCHAR parameter accepts any string type as is (no length-changing cast).
  if (typeof p === 'object') return isStringType(p) && f === 'string' ? a : p;
  switch (p) {
    case 'raw':
      return a;
    case 'any':
      return a.kind === 'null' ? T.boolean : a;
    case 'same':
      return same ?? a;
    case 'string':
      return isStringType(a)
        ? a
        : f === 'array' || f === 'map' || f === 'struct' || f === 'opaque'
          ? null
          : T.varchar();
    case 'array':
    case 'arrays':
      return f === 'array' ? a : f === 'null' ? T.array(T.boolean) : null;
    case 'map':
      return f === 'map' ? a : f === 'null' ? { kind: 'map', key: T.boolean, value: T.boolean } : null;
    case 'struct':
      return f === 'struct' ? a : null;
    case 'json':
      return T.json;
    case 'numeric':
      if (f === 'integer' || f === 'float' || f === 'decimal') return a;
      return f === 'boolean' ? T.tinyint : T.double;
    case 'integer':
      return f === 'integer' ? a : T.bigint;
    case 'elem':
      return elem ?? a;
    case 'temporal':
      return f === 'date' || f === 'datetime' ? a : T.datetime;
  }
}

// ---- small builders used by the family tables ---------------------------------------------------

/** One overload. */
export function sig(params: readonly Param[], ret: ReturnRule, rest?: Param, min?: number): Overload {
  const o: { params: readonly Param[]; ret: ReturnRule; rest?: Param; min?: number } = { params, ret };
  if (rest !== undefined) o.rest = rest;
  if (min !== undefined) o.min = min;
  return o;
}

/** A scalar function. */
export function scalar(overloads: readonly Overload[], extra: Partial<FunctionDef> = {}): FunctionDef {
  return { kind: 'scalar', overloads, ...extra };
}

/** An aggregate (usable with OVER as well). */
export function aggregate(overloads: readonly Overload[], extra: Partial<FunctionDef> = {}): FunctionDef {
  return { kind: 'aggregate', overloads, nullOnNullInput: false, window: true, ...extra };
}

/** A window-only function (ROW_NUMBER, LAG, …). */
export function windowFn(overloads: readonly Overload[], extra: Partial<FunctionDef> = {}): FunctionDef {
  return { kind: 'window', overloads, nullOnNullInput: false, ...extra };
}

/** Return rule: the type of argument i (after casts). */
export function argType(i: number): ReturnRule {
  return (args) => args[i] ?? null;
}

/** Return rule: element type of array argument i. */
export function elementOf(i: number): ReturnRule {
  return (args) => {
    const a = args[i];
    return a?.kind === 'array' ? a.element : null;
  };
}

export const VARCHAR = T.varchar();
