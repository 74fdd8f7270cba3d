/**
 * ARRAY/MAP/STRUCT emitters over DuckDB lists, maps and structs. StarRocks keeps NULL elements and
 * first-occurrence order in array_distinct, sorts NULLs first, treats NULL as a searchable element
 * in array_contains/array_position, and makes a NULL array give NULL. Lambda arguments arrive as
 * DuckDB lambda text produced by the code generator (`lambda x: …`).
 */
import type { EmitCall, FunctionEmitter } from '../function-emitter.js';
import { arg, argT, castTo, constString, direct, tmpl, unsupported } from './util.js';

const nullArray = (a: string, body: string): string => `CASE WHEN ${a} IS NULL THEN NULL ELSE ${body} END`;

function lambdaOverOneArray(c: EmitCall, fn: (arr: string, lambda: string) => string): string {
  if (c.args.length !== 2) return unsupported('lambda functions over several arrays');
  return fn(arg(c, 1), arg(c, 0));
}

/**
 * A lambda over one array, or over several arrays of equal length zipped element by element (the
 * code generator then gives the lambda one struct parameter). `first` maps a zipped element back
 * to the first array's element. Any NULL array gives NULL; unequal lengths are StarRocks' error.
 */
function lambdaOverArrays(
  c: EmitCall,
  fn: (arr: string, lambda: string, first: (z: string) => string) => string,
): string {
  if (c.args.length === 2) return fn(arg(c, 1), arg(c, 0), (z) => z);
  const arrays = c.args.slice(1);
  const zipped = `list_zip(${arrays.join(', ')})`;
  const anyNull = arrays.map((a) => `(${a}) IS NULL`).join(' OR ');
  const unequal = arrays
    .slice(1)
    .map((a) => `len(${a}) <> len(${arrays[0]})`)
    .join(' OR ');
  const msg = "error('Expr evaluate meet error: Input array element''s size is not equal in array_map().')";
  return `(CASE WHEN ${anyNull} THEN NULL WHEN ${unequal} THEN ${msg} ELSE ${fn(zipped, arg(c, 0), (z) => `${z}[1]`)} END)`;
}

function arrayGenerate(c: EmitCall): string {
  const a = c.args;
  if (a.length === 1) return `generate_series(CAST(1 AS BIGINT), ${a[0]})`;
  const step = a.length > 2 ? a[2] : `CASE WHEN (${a[0]}) <= (${a[1]}) THEN 1 ELSE -1 END`;
  return `CASE WHEN (${step}) = 0 THEN NULL ELSE generate_series(CAST(${a[0]} AS BIGINT), ${a[1]}, ${step}) END`;
}

function arraySlice(c: EmitCall): string {
  const [a, off] = [arg(c, 0), arg(c, 1)];
  if (c.args.length < 3) return `list_slice(${a}, ${off}, len(${a}))`;
  const len = arg(c, 2);
  return `CASE WHEN (${len}) <= 0 THEN list_slice(${a}, 1, 0) ELSE list_slice(${a}, ${off}, (${off}) + (${len}) - 1) END`;
}

function namedStruct(c: EmitCall): string {
  if (c.args.length % 2 !== 0) return unsupported('named_struct with an odd number of arguments');
  const fields: string[] = [];
  for (let i = 0; i < c.args.length; i += 2) {
    const name = constString(c, i) ?? unsupported('named_struct with a non-constant field name');
    fields.push(`${c.literal(name)}: ${arg(c, i + 1)}`);
  }
  return `{${fields.join(', ')}}`;
}

/** Array/map/struct emitters by id. */
export const ARRAY_MAP_EMITTERS: Readonly<Record<string, FunctionEmitter>> = {
  array_length: tmpl((a) => `CAST(len(${a[0]}) AS INTEGER)`),
  cardinality: (c) =>
    argT(c, 0).kind === 'map'
      ? `CAST(cardinality(${arg(c, 0)}) AS INTEGER)`
      : `CAST(len(${arg(c, 0)}) AS INTEGER)`,
  array_append: tmpl((a) => `list_append(${a[0]}, ${a[1]})`),
  array_contains: tmpl((a) => nullArray(a[0] ?? '', `(list_position(${a[0]}, ${a[1]}) IS NOT NULL)`)),
  array_position: tmpl((a) =>
    nullArray(a[0] ?? '', `CAST(coalesce(list_position(${a[0]}, ${a[1]}), 0) AS INTEGER)`),
  ),
  array_remove: tmpl((a) => `list_filter(${a[0]}, lambda __rk_e: __rk_e IS DISTINCT FROM ${a[1]})`),
  array_sum: (c) => castTo(`list_sum(${arg(c, 0)})`, c.returnType),
  array_avg: (c) => castTo(`list_avg(${arg(c, 0)})`, c.returnType),
  array_min: direct('list_min'),
  array_max: direct('list_max'),
  array_distinct: tmpl(
    (a) => `list_filter(${a[0]}, lambda __rk_e, __rk_i: list_position(${a[0]}, __rk_e) = __rk_i)`,
  ),
  array_sort: tmpl((a) => `list_sort(${a[0]}, 'ASC', 'NULLS FIRST')`),
  array_join: tmpl((a) =>
    a.length > 2
      ? `array_to_string(list_transform(${a[0]}, lambda __rk_e: coalesce(__rk_e, ${a[2]})), ${a[1]})`
      : `array_to_string(${a[0]}, ${a[1]})`,
  ),
  array_difference: (c) =>
    castTo(
      `list_transform(${arg(c, 0)}, lambda __rk_e, __rk_i: CASE WHEN __rk_i = 1 THEN 0 ELSE __rk_e - ${arg(c, 0)}[__rk_i - 1] END)`,
      c.returnType,
    ),
  array_slice: arraySlice,
  array_concat: (c) => `(${c.args.join(' || ')})`,
  arrays_overlap: tmpl((a) => `list_has_any(${a[0]}, ${a[1]})`),
  array_intersect: (c) => c.args.slice(1).reduce((acc, b) => `list_intersect(${acc}, ${b})`, arg(c, 0)),
  array_cum_sum: (c) =>
    castTo(
      `list_transform(${arg(c, 0)}, lambda __rk_e, __rk_i: list_sum(${arg(c, 0)}[1:__rk_i]))`,
      c.returnType,
    ),
  array_contains_all: tmpl((a) => `list_has_all(${a[0]}, ${a[1]})`),
  array_generate: arrayGenerate,
  array_repeat: tmpl(
    (a) =>
      `CASE WHEN (${a[1]}) IS NULL THEN NULL ELSE list_transform(range(greatest(${a[1]}, 0)), lambda __rk_i: ${a[0]}) END`,
  ),
  array_top_n: tmpl((a) => `list_slice(list_sort(${a[0]}, 'DESC', 'NULLS LAST'), 1, ${a[1]})`),
  array_flatten: direct('flatten'),
  element_at: tmpl((a) => `(${a[0]})[${a[1]}]`),
  array_filter: tmpl(
    (a) => `list_filter(${a[0]}, lambda __rk_e, __rk_i: coalesce((${a[1]})[__rk_i], false))`,
  ),
  any_match: tmpl((a) => `list_bool_or(${a[0]})`),
  all_match: tmpl((a) => `list_bool_and(${a[0]})`),
  // Sorted by every key array in turn, then by position (a stable sort, as StarRocks').
  array_sortby: tmpl((a) => {
    // NULL keys sort first: struct fields compare NULL last in DuckDB, so each key is preceded by
    // its non-NULL flag.
    const keys = a.slice(1).map((k, i) => `'n${i}': (${k})[__rk_i] IS NOT NULL, 'k${i}': (${k})[__rk_i]`);
    const sorted = `list_transform(list_sort(list_transform(${a[0]}, lambda __rk_e, __rk_i: {${keys.join(', ')}, 'i': __rk_i, 'v': __rk_e}), 'ASC', 'NULLS FIRST'), lambda __rk_p: __rk_p.v)`;
    // StarRocks rejects key arrays of another length (a NULL key array leaves the order alone).
    const unequal = a.slice(1).map((k) => `len(${k}) <> len(${a[0]})`);
    return `(CASE WHEN ${unequal.join(' OR ')} THEN error('Expr evaluate meet error: Input arrays'' size are not equal in array_sortby.') ELSE ${sorted} END)`;
  }),
  array_map_lambda: (c) => lambdaOverArrays(c, (arr, f) => `list_transform(${arr}, ${f})`),
  array_filter_lambda: (c) =>
    lambdaOverArrays(c, (arr, f, first) =>
      c.args.length === 2
        ? `list_filter(${arr}, ${f})`
        : `list_transform(list_filter(${arr}, ${f}), lambda __rk_f: ${first('__rk_f')})`,
    ),
  any_match_lambda: (c) => lambdaOverArrays(c, (arr, f) => `list_bool_or(list_transform(${arr}, ${f}))`),
  all_match_lambda: (c) => lambdaOverArrays(c, (arr, f) => `list_bool_and(list_transform(${arr}, ${f}))`),
  array_sortby_lambda: (c) =>
    lambdaOverOneArray(
      c,
      (arr, f) =>
        `list_transform(list_sort(list_transform(list_zip(list_transform(${arr}, ${f}), ${arr}), lambda __rk_z: {'k': __rk_z[1], 'v': __rk_z[2]}), 'ASC', 'NULLS FIRST'), lambda __rk_p: __rk_p.v)`,
    ),
  map_size: tmpl((a) => `CAST(cardinality(${a[0]}) AS INTEGER)`),
  map_keys: direct('map_keys'),
  map_values: direct('map_values'),
  map_entries: direct('map_entries'),
  map_from_arrays: tmpl((a) => `map(${a[0]}, ${a[1]})`),
  map_concat: direct('map_concat'),
  distinct_map_keys: tmpl((a) => `(${a[0]})`),
  row: (c) => `{${c.args.map((a, i) => `'col${i + 1}': ${a}`).join(', ')}}`,
  named_struct: namedStruct,
};
