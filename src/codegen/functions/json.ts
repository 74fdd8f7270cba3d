/**
 * JSON emitters over DuckDB's json extension. Paths are StarRocks/MySQL JSONPath (`$.a.b`,
 * `$.a[0]`); a missing path gives NULL. get_json_string unquotes string values and returns other
 * values as JSON text; get_json_int/double return NULL unless the value is a number.
 */
import type { FunctionEmitter } from '../function-emitter.js';
import { direct, tmpl } from './util.js';

/**
 * JSON → VARCHAR in StarRocks' text form (`{"a": 1, "b": [1, 2]}`): DuckDB prints JSON compactly,
 * so the separators outside string tokens get their space. Use this for CAST(json AS VARCHAR) too.
 */
export function jsonText(json: string): string {
  const tokens = `regexp_extract_all(CAST(${json} AS VARCHAR), '"(?:[^"\\\\]|\\\\.)*"|[^"]+')`;
  const spaced = `list_transform(${tokens}, lambda __rk_t: CASE WHEN starts_with(__rk_t, '"') THEN __rk_t ELSE replace(replace(__rk_t, ':', ': '), ',', ', ') END)`;
  return `CASE WHEN ${json} IS NULL THEN NULL ELSE array_to_string(${spaced}, '') END`;
}

const NUMERIC_JSON = `('BIGINT', 'UBIGINT', 'DOUBLE', 'HUGEINT')`;

const jsonLength = (j: string): string =>
  `CAST(CASE json_type(${j}) WHEN 'ARRAY' THEN json_array_length(${j}) WHEN 'OBJECT' THEN len(json_keys(${j})) WHEN 'NULL' THEN 1 ELSE 1 END AS INTEGER)`;

const jsonKeys = (j: string): string =>
  `CASE WHEN json_type(${j}) = 'OBJECT' THEN to_json(json_keys(${j})) END`;

/** JSON emitters by id. */
export const JSON_EMITTERS: Readonly<Record<string, FunctionEmitter>> = {
  parse_json: tmpl((a) => `TRY_CAST(${a[0]} AS JSON)`),
  json_string: tmpl((a) => jsonText(a[0] ?? '')),
  json_query: tmpl((a) => `json_extract(${a[0]}, ${a[1]})`),
  json_exists: tmpl((a) => `json_exists(${a[0]}, ${a[1]})`),
  // StarRocks pads a missing last value with null: json_object('k') is {"k": null}.
  // Keys are text; a NULL key makes the object NULL (DuckDB would raise "JSON key cannot be NULL").
  json_object: (c) => {
    const args = [...c.args, ...(c.args.length % 2 === 1 ? ['NULL'] : [])];
    const keys = args.filter((_, i) => i % 2 === 0);
    const parts = args.map((a, i) => (i % 2 === 0 ? `CAST(${a} AS VARCHAR)` : a));
    const body = `json_object(${parts.join(', ')})`;
    return keys.length === 0
      ? body
      : `CASE WHEN ${keys.map((k) => `(${k}) IS NULL`).join(' OR ')} THEN NULL ELSE ${body} END`;
  },
  json_array: direct('json_array'),
  json_length: tmpl((a) =>
    a.length > 1 ? jsonLength(`json_extract(${a[0]}, ${a[1]})`) : jsonLength(a[0] ?? ''),
  ),
  json_keys: tmpl((a) => (a.length > 1 ? jsonKeys(`json_extract(${a[0]}, ${a[1]})`) : jsonKeys(a[0] ?? ''))),
  json_pretty: direct('json_pretty'),
  is_json_scalar: tmpl((a) => `(json_type(${a[0]}) NOT IN ('OBJECT', 'ARRAY'))`),
  get_json_string: tmpl((a) => `json_extract_string(${a[0]}, ${a[1]})`),
  get_json_object: tmpl((a) => `json_extract_string(${a[0]}, ${a[1]})`),
  get_json_int: tmpl(
    (a) =>
      `CASE WHEN json_type(${a[0]}, ${a[1]}) IN ${NUMERIC_JSON} THEN CAST(trunc(CAST(json_extract(${a[0]}, ${a[1]}) AS DOUBLE)) AS BIGINT) END`,
  ),
  get_json_double: tmpl(
    (a) =>
      `CASE WHEN json_type(${a[0]}, ${a[1]}) IN ${NUMERIC_JSON} THEN CAST(json_extract(${a[0]}, ${a[1]}) AS DOUBLE) END`,
  ),
  get_json_bool: tmpl(
    (a) =>
      `CASE WHEN json_type(${a[0]}, ${a[1]}) = 'BOOLEAN' THEN CAST(json_extract(${a[0]}, ${a[1]}) AS BOOLEAN) END`,
  ),
  to_json: direct('to_json'),
};
