/**
 * JSON functions (StarRocks functions.py 110xxx). VARCHAR arguments where StarRocks wants JSON are
 * parsed (an implicit cast); `get_json_*` keep StarRocks' two overloads (JSON and VARCHAR document).
 * `json_col -> '$.a'` reaches the registry as `json_query(json_col, '$.a')`.
 */
import { T } from '../../types/index.js';
import { scalar, sig, VARCHAR, type FunctionDef } from './signature.js';

const J = T.json;
const V = VARCHAR;

const getJson = (ret: typeof V | typeof J | typeof T.bigint): FunctionDef =>
  scalar([sig([J, V], ret), sig([V, V], ret)]);
const jsonQuery = scalar([sig([J, V], J)], { id: 'json_query' });
const jsonObject = scalar([sig([], J), sig(['any'], J, 'any', 1)], {
  nullOnNullInput: false,
  id: 'json_object',
});
const jsonArray = scalar([sig([], J), sig(['any'], J, 'any', 1)], {
  nullOnNullInput: false,
  id: 'json_array',
});

/** JSON function table. */
export const JSON_FUNCTIONS: Readonly<Record<string, FunctionDef>> = {
  parse_json: scalar([sig([V], J)]),
  json_string: scalar([sig([J], V)]),
  json_query: jsonQuery,
  json_extract: jsonQuery,
  json_exists: scalar([sig([J, V], T.boolean)]),
  json_object: jsonObject,
  json_array: jsonArray,
  json_length: scalar([sig([J], T.int), sig([J, V], T.int)]),
  json_keys: scalar([sig([J], J), sig([J, V], J)]),
  json_pretty: scalar([sig([J], V)]),
  json_contains: scalar([sig([J, J], T.boolean)]),
  json_remove: scalar([sig([J, V], J, V)]),
  is_json_scalar: scalar([sig([J], T.boolean)]),
  get_json_string: getJson(V),
  get_json_object: getJson(V),
  get_json_int: getJson(T.bigint),
  get_json_double: scalar([sig([J, V], T.double), sig([V, V], T.double)]),
  get_json_bool: scalar([sig([J, V], T.boolean)]),
  to_json: scalar([sig(['map'], J), sig(['struct'], J)]),
};
