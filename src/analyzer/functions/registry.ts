/**
 * The function registry: StarRocks name + argument types → canonical emitter id, implicit casts
 * and result type. Names are case-insensitive. Unknown names are told apart from names StarRocks
 * has but Rockling lacks (STARROCKS_FUNCTION_NAMES).
 */
import { T, type SqlType } from '../../types/index.js';
import { AGGREGATE_FUNCTIONS, WINDOW_FUNCTIONS } from './defs-aggregate.js';
import { ARRAY_MAP_FUNCTIONS, LAMBDA_FUNCTIONS } from './defs-array-map.js';
import { CONDITIONAL_FUNCTIONS, SESSION_FUNCTIONS } from './defs-conditional.js';
import { DATETIME_FUNCTIONS } from './defs-datetime.js';
import { JSON_FUNCTIONS } from './defs-json.js';
import { MATH_FUNCTIONS } from './defs-math.js';
import { SKETCH_FUNCTIONS } from './defs-sketch.js';
import { STRING_FUNCTIONS } from './defs-string.js';
import { matchOverloads, type FunctionDef, type ResolveContext } from './signature.js';
import { STARROCKS_FUNCTION_NAMES } from './starrocks-names.js';
import type { CallShape, FunctionLookup, FunctionResolver } from './types.js';

/** All families, by lower-case name. Later tables never shadow earlier names (checked in tests). */
export const FUNCTION_FAMILIES: Readonly<Record<string, Readonly<Record<string, FunctionDef>>>> = {
  datetime: DATETIME_FUNCTIONS,
  string: STRING_FUNCTIONS,
  math: MATH_FUNCTIONS,
  conditional: CONDITIONAL_FUNCTIONS,
  session: SESSION_FUNCTIONS,
  json: JSON_FUNCTIONS,
  arrayMap: ARRAY_MAP_FUNCTIONS,
  aggregate: AGGREGATE_FUNCTIONS,
  window: WINDOW_FUNCTIONS,
  sketch: SKETCH_FUNCTIONS,
};

const ALL: ReadonlyMap<string, FunctionDef> = new Map(
  Object.values(FUNCTION_FAMILIES).flatMap((family) => Object.entries(family)),
);

/** Look up a definition (lower-case name), or undefined. */
export function functionDef(name: string, lambda = false): FunctionDef | undefined {
  return lambda ? LAMBDA_FUNCTIONS[name] : ALL.get(name);
}

/** Every name Rockling implements (lower-case), lambda forms included. */
export function implementedFunctionNames(): readonly string[] {
  return [...new Set([...ALL.keys(), ...Object.keys(LAMBDA_FUNCTIONS)])].sort();
}

/** Every emitter id the registry can answer with. */
export function registryEmitterIds(): readonly string[] {
  const ids = new Set<string>();
  for (const [name, def] of ALL) ids.add(def.id ?? name);
  for (const [name, def] of Object.entries(LAMBDA_FUNCTIONS)) ids.add(def.id ?? name);
  return [...ids].sort();
}

/**
 * Resolve a call. Aggregates called with OVER are window aggregates; window-only functions need
 * OVER; DISTINCT is accepted on aggregates only.
 */
export const resolveFunction: FunctionResolver = (rawName, argTypes, shape) => {
  const name = rawName.toLowerCase();
  const def = functionDef(name, shape.lambdaIndex !== undefined);
  if (def === undefined) return unknownOrUnsupported(name);
  if (!shapeAllowed(def, shape)) return { kind: 'no-matching-signature' };
  const ctx: ResolveContext = { shape, name };
  const args = shape.star ? [] : argTypes;
  const m = matchOverloads(def.overloads, args, ctx);
  if (m === null) return { kind: 'no-matching-signature' };
  const returnType = refineReturnType(name, m.returnType, shape);
  return {
    kind: 'found',
    resolution: {
      id: def.id ?? name,
      kind: shape.isWindow && def.kind === 'aggregate' ? 'window' : def.kind,
      argTypes: shape.star ? argTypes : m.argTypes,
      returnType,
      nullOnNullInput: def.nullOnNullInput ?? def.kind === 'scalar',
    },
  };
};

function unknownOrUnsupported(name: string): FunctionLookup {
  return STARROCKS_FUNCTION_NAMES.has(name) ? { kind: 'not-supported' } : { kind: 'unknown-function' };
}

function shapeAllowed(def: FunctionDef, shape: CallShape): boolean {
  if (def.kind === 'window' && !shape.isWindow) return false;
  if (def.kind === 'scalar' && (shape.isWindow || shape.distinct || shape.star)) return false;
  if (shape.isWindow && def.kind === 'aggregate' && def.window === false) return false;
  return true;
}

/** Return types that depend on constant arguments (StarRocks decides them in the FE). */
function refineReturnType(name: string, ret: SqlType, shape: CallShape): SqlType {
  if (name === 'str_to_date') {
    const fmt = shape.constArgs?.[1];
    if (typeof fmt === 'string' && !/%[HhIiklSsfTrp]/.test(fmt)) return T.date;
  }
  return ret;
}
