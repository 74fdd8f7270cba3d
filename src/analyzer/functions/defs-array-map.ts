/**
 * ARRAY, MAP and STRUCT functions (StarRocks functions.py 150xxx/160xxx/170xxx), including the
 * higher-order ones that take a lambda. Lambda contract with the binder (see lambdaBinding): the
 * lambda is the argument at `lambdaIndex`; its parameters bind to the element types of the arrays
 * (or key/value of the map) at `sources`; the binder binds the body and passes the BODY's type as
 * that argument's entry in argTypes (the registry never asks for a cast on it).
 */
import { T, type SqlType } from '../../types/index.js';
import {
  argType,
  elementOf,
  scalar,
  sig,
  VARCHAR,
  type FunctionDef,
  type ResolveContext,
  type ReturnRule,
} from './signature.js';
import { asDecimal, familyOf, intRank } from './type-rules.js';

const INT = T.int;
const BIG = T.bigint;
const BOOL = T.boolean;

const arrayOfArg0: ReturnRule = argType(0);

const sumRet: ReturnRule = (args) => {
  const e = args[0]?.kind === 'array' ? args[0].element : null;
  if (e === null) return null;
  if (e.kind === 'largeint') return T.largeint;
  if (intRank(e) > 0 || e.kind === 'boolean') return BIG;
  if (e.kind === 'decimal') return T.decimal(38, e.scale);
  return familyOf(e) === 'float' || familyOf(e) === 'string' ? T.double : null;
};
const avgRet: ReturnRule = (args) => {
  const e = args[0]?.kind === 'array' ? args[0].element : null;
  if (e === null) return null;
  const d = asDecimal(e);
  if (e.kind === 'decimal' && d !== null)
    return T.decimal(38, d.scale <= 6 ? d.scale + 6 : Math.max(d.scale, 12));
  return T.double;
};

const mapKeys: ReturnRule = (a) => (a[0]?.kind === 'map' ? T.array(a[0].key) : null);
const mapValues: ReturnRule = (a) => (a[0]?.kind === 'map' ? T.array(a[0].value) : null);
const lambdaArray: ReturnRule = (a) => (a[0] !== undefined ? T.array(a[0]) : null);
const flatten: ReturnRule = (a) =>
  a[0]?.kind === 'array' && a[0].element.kind === 'array' ? a[0].element : null;

const arrayLength = scalar([sig(['array'], INT)], { id: 'array_length' });
const elementAt: FunctionDef = scalar([
  sig(['array', BIG], elementOf(0)),
  sig(['map', 'any'], (a) => (a[0]?.kind === 'map' ? a[0].value : null)),
]);

/** Array/map/struct function table. */
export const ARRAY_MAP_FUNCTIONS: Readonly<Record<string, FunctionDef>> = {
  array_length: arrayLength,
  cardinality: scalar([sig(['array'], INT), sig(['map'], INT)]),
  array_append: scalar([sig(['arrays', 'elem'], arrayOfArg0)]),
  array_contains: scalar([sig(['arrays', 'elem'], BOOL)]),
  array_position: scalar([sig(['arrays', 'elem'], INT)]),
  array_remove: scalar([sig(['arrays', 'elem'], arrayOfArg0)]),
  array_sum: scalar([sig(['array'], sumRet)]),
  array_avg: scalar([sig(['array'], avgRet)]),
  array_min: scalar([sig(['array'], elementOf(0))]),
  array_max: scalar([sig(['array'], elementOf(0))]),
  array_distinct: scalar([sig(['array'], arrayOfArg0)]),
  array_sort: scalar([sig(['array'], arrayOfArg0)]),
  array_join: scalar([
    sig([T.array(VARCHAR), VARCHAR], VARCHAR),
    sig([T.array(VARCHAR), VARCHAR, VARCHAR], VARCHAR),
  ]),
  array_difference: scalar([
    sig(['array'], (a) => (a[0]?.kind === 'array' ? T.array(sumRet(a, CTX) ?? T.double) : null)),
  ]),
  array_slice: scalar([sig(['array', BIG], arrayOfArg0), sig(['array', BIG, BIG], arrayOfArg0)]),
  array_concat: scalar([sig(['arrays'], arrayOfArg0, 'arrays', 1)]),
  arrays_overlap: scalar([sig(['arrays', 'arrays'], BOOL)]),
  array_intersect: scalar([sig(['arrays'], arrayOfArg0, 'arrays', 1)]),
  array_cum_sum: scalar([sig([T.array(BIG)], T.array(BIG)), sig([T.array(T.double)], T.array(T.double))]),
  array_contains_all: scalar([sig(['arrays', 'arrays'], BOOL)]),
  array_contains_any: scalar([sig(['arrays', 'arrays'], BOOL)], { id: 'arrays_overlap' }),
  array_generate: scalar([
    sig([BIG], T.array(BIG)),
    sig([BIG, BIG], T.array(BIG)),
    sig([BIG, BIG, BIG], T.array(BIG)),
  ]),
  array_repeat: scalar([sig(['any', INT], lambdaArray)]),
  array_top_n: scalar([sig(['array', INT], arrayOfArg0)]),
  array_flatten: scalar([sig(['array'], flatten)]),
  element_at: elementAt,
  array_filter: scalar([sig(['array', T.array(BOOL)], arrayOfArg0)]),
  any_match: scalar([sig([T.array(BOOL)], BOOL)]),
  all_match: scalar([sig([T.array(BOOL)], BOOL)]),
  array_sortby: scalar([sig(['array', 'array'], arrayOfArg0, 'array')]),
  map_size: scalar([sig(['map'], INT)]),
  map_keys: scalar([sig(['map'], mapKeys)]),
  map_values: scalar([sig(['map'], mapValues)]),
  map_entries: scalar([
    sig(['map'], (a) =>
      a[0]?.kind === 'map'
        ? T.array({
            kind: 'struct',
            fields: [
              { name: 'key', type: a[0].key },
              { name: 'value', type: a[0].value },
            ],
          })
        : null,
    ),
  ]),
  map_from_arrays: scalar([
    sig(['array', 'array'], (a) =>
      a[0]?.kind === 'array' && a[1]?.kind === 'array'
        ? { kind: 'map', key: a[0].element, value: a[1].element }
        : null,
    ),
  ]),
  // Maps are concatenated in their common type (map() is MAP<BOOLEAN, BOOLEAN> until then).
  map_concat: scalar([sig(['same'], (args) => (args[0]?.kind === 'map' ? args[0] : null), 'same', 1)]),
  distinct_map_keys: scalar([sig(['map'], argType(0))]),
  row: scalar([sig(['any'], structOf, 'any', 1)], { id: 'row', nullOnNullInput: false }),
  struct: scalar([sig(['any'], structOf, 'any', 1)], { id: 'row', nullOnNullInput: false }),
  // Field names are constant strings; the binder passes them in CallShape.constArgs.
  named_struct: scalar([sig(['any'], namedStructOf, 'any', 2)], { nullOnNullInput: false }),
};

/**
 * Higher-order forms, used when the call has a lambda argument (CallShape.lambdaIndex). Emitter ids
 * carry a `_lambda` suffix so the code generator can tell them from the plain forms.
 */
export const LAMBDA_FUNCTIONS: Readonly<Record<string, FunctionDef>> = {
  // A lambda of n parameters takes n arrays (of equal length, zipped).
  array_map: scalar([sig(['any', 'array'], lambdaArray, 'array', 2)], { id: 'array_map_lambda' }),
  transform: scalar([sig(['any', 'array'], lambdaArray, 'array', 2)], { id: 'array_map_lambda' }),
  array_filter: scalar([sig([BOOL, 'array'], argType(1), 'array', 2)], { id: 'array_filter_lambda' }),
  any_match: scalar([sig([BOOL, 'array'], BOOL, 'array', 2)], { id: 'any_match_lambda' }),
  all_match: scalar([sig([BOOL, 'array'], BOOL, 'array', 2)], { id: 'all_match_lambda' }),
  array_sortby: scalar([sig(['any', 'array'], argType(1))], { id: 'array_sortby_lambda' }),
};

function namedStructOf(args: readonly SqlType[], ctx: ResolveContext): SqlType | null {
  if (args.length % 2 !== 0) return null;
  const fields = [];
  for (let i = 0; i < args.length; i += 2) {
    const name = ctx.shape.constArgs?.[i];
    const type = args[i + 1];
    if (typeof name !== 'string' || type === undefined) return null;
    fields.push({ name, type });
  }
  return { kind: 'struct', fields };
}

function structOf(args: readonly SqlType[]): SqlType {
  return { kind: 'struct', fields: args.map((type, i) => ({ name: `col${i + 1}`, type })) };
}

const CTX = { shape: { distinct: false, star: false, hasOrderBy: false, isWindow: false }, name: '' };

/** Where the lambda of a higher-order function sits and which arguments feed its parameters. */
export interface LambdaBinding {
  readonly lambdaIndex: number;
  /** Argument indexes whose element types (array) or key/value types (map) bind the parameters. */
  readonly sources: readonly number[];
  readonly sourceKind: 'array' | 'map';
}

const HIGHER_ORDER: Readonly<Record<string, 'array' | 'map'>> = {
  array_map: 'array',
  transform: 'array',
  array_filter: 'array',
  any_match: 'array',
  all_match: 'array',
  array_sortby: 'array',
  array_sort: 'array',
  map_apply: 'map',
  map_filter: 'map',
  transform_keys: 'map',
  transform_values: 'map',
};

/**
 * Lambda binding of a call: StarRocks always writes the lambda first, and its parameters bind to
 * the following arguments in order (arrays: one parameter per array; maps: key and value).
 * Returns null when the function takes no lambda.
 */
export function lambdaBinding(name: string, argCount: number): LambdaBinding | null {
  const kind = HIGHER_ORDER[name.toLowerCase()];
  if (kind === undefined || argCount < 2) return null;
  return { lambdaIndex: 0, sources: Array.from({ length: argCount - 1 }, (_, i) => i + 1), sourceKind: kind };
}
