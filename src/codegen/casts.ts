/**
 * CAST semantics as StarRocks has them, emitted as DuckDB templates. StarRocks returns NULL when a
 * value does not convert (so TRY_CAST), truncates fractions when casting to integers (DuckDB
 * rounds), prints booleans as 1/0 and DATETIME without a zero fraction.
 *
 * | from → to            | template                                                   |
 * | -------------------- | ---------------------------------------------------------- |
 * | float/decimal → int  | TRY_CAST(trunc(x) AS int-type)                             |
 * | DATE → int           | CAST(strftime(x, '%Y%m%d') AS int-type)                    |
 * | DATETIME → int       | TRY_CAST(strftime(x, '%Y%m%d%H%M%S') AS int-type)          |
 * | number → BOOLEAN     | (x <> 0)                                                   |
 * | BOOLEAN → string     | CASE WHEN x THEN '1' WHEN NOT x THEN '0' END               |
 * | DOUBLE → string      | integral values without '.0'                               |
 * | DATETIME → string    | strftime with %f only when the fraction is non-zero        |
 * | JSON → string        | StarRocks JSON text (`{"a": 1}`) via the library's jsonText |
 * | string → DATETIME    | StarRocks' text parse (functions/date-text.ts)             |
 * | string → DATE        | the same, cast to DATE (a time part is allowed)            |
 * | anything else        | TRY_CAST(x AS duckdb-type)                                 |
 */
import { T, isIntegerType, isStringType, type SqlType } from '../types/index.js';
import { duckdbType, quoteString } from './escape.js';
import { jsonText, parseDateTimeSql } from './functions/index.js';

export function castSql(x: string, from: SqlType, to: SqlType): string {
  const target = duckdbType(to);
  if (from.kind === 'null') return `CAST(${x} AS ${target})`;
  if (isStringType(from) && isStringType(to)) return x;
  const nested = nestedCast(x, from, to);
  if (nested !== null) return nested;
  if (isIntegerType(to)) return toInteger(x, from, target);
  if (to.kind === 'boolean' && (isIntegerType(from) || ['float', 'double', 'decimal'].includes(from.kind))) {
    return `(${x} <> 0)`;
  }
  if (isStringType(to)) return toText(x, from);
  if (to.kind === 'date' && isStringType(from)) return `CAST(${parseDateTimeSql(x)} AS DATE)`;
  if (to.kind === 'date' && from.kind === 'json') {
    return `TRY_CAST(TRY_CAST(${unsigned(x)} AS TIMESTAMP) AS DATE)`;
  }
  if (to.kind === 'datetime' && isStringType(from)) return parseDateTimeSql(x);
  if (to.kind === 'date' && isIntegerType(from)) {
    return `CAST(TRY_STRPTIME(CAST(${x} AS VARCHAR), '%Y%m%d') AS DATE)`;
  }
  if (to.kind === 'datetime' && isIntegerType(from)) {
    return `TRY_STRPTIME(CAST(${x} AS VARCHAR), '%Y%m%d%H%M%S')`;
  }
  if (from.kind === 'date' && to.kind === 'datetime') return `CAST(${x} AS TIMESTAMP)`;
  if ((to.kind === 'double' || to.kind === 'float') && isStringType(from)) {
    // StarRocks does not read NaN/Infinity from text: the cast fails (NULL).
    return `TRY_CAST(CASE WHEN regexp_matches(${x}, '^\\s*[+-]?(nan|inf|infinity)\\s*$', 'i') THEN NULL ELSE ${x} END AS ${target})`;
  }
  if (from.kind === 'datetime' && to.kind === 'date') return `CAST(${x} AS DATE)`;
  return `TRY_CAST(${x} AS ${target})`;
}

/** StarRocks dates have no sign (years 0000–9999); DuckDB would read '-2024-01-05' as 2024 BC. */
function unsigned(x: string): string {
  return `(CASE WHEN starts_with(ltrim(${x}), '-') THEN NULL ELSE ${x} END)`;
}

function toInteger(x: string, from: SqlType, target: string): string {
  if (from.kind === 'float' || from.kind === 'double' || from.kind === 'decimal')
    return `TRY_CAST(trunc(${x}) AS ${target})`;
  if (from.kind === 'date') return `CAST(strftime(${x}, '%Y%m%d') AS ${target})`;
  if (from.kind === 'datetime') return `TRY_CAST(strftime(${x}, '%Y%m%d%H%M%S') AS ${target})`;
  if (isIntegerType(from) || from.kind === 'boolean') return `TRY_CAST(${x} AS ${target})`;
  return `TRY_CAST(${x} AS ${target})`;
}

function toText(x: string, from: SqlType): string {
  switch (from.kind) {
    case 'boolean':
      return `(CASE WHEN ${x} THEN '1' WHEN NOT ${x} THEN '0' END)`;
    case 'float':
    case 'double':
      return `(CASE WHEN ${x} = trunc(${x}) AND abs(${x}) < 1e15 THEN CAST(CAST(${x} AS BIGINT) AS VARCHAR) ELSE CAST(${x} AS VARCHAR) END)`;
    case 'datetime':
      return `(CASE WHEN microsecond(${x}) % 1000000 = 0 THEN strftime(${x}, '%Y-%m-%d %H:%M:%S') ELSE strftime(${x}, '%Y-%m-%d %H:%M:%S.%f') END)`;
    case 'json':
      return jsonText(x);
    case 'decimal':
      // DuckDB prints DECIMAL(s,s) without the integer digit ('.125'); StarRocks prints '0.125'.
      if (from.precision === from.scale && from.precision < 38) {
        return `CAST(CAST(${x} AS DECIMAL(${from.precision + 1},${from.scale})) AS VARCHAR)`;
      }
      return `CAST(${x} AS VARCHAR)`;
    default:
      return `CAST(${x} AS VARCHAR)`;
  }
}

let lambdaDepth = 0;

/**
 * ARRAY/MAP/STRUCT → the same kind, element by element. StarRocks casts structs by position (the
 * target's field names win); DuckDB would match fields by name and fail when none match.
 */
function nestedCast(x: string, from: SqlType, to: SqlType): string | null {
  if (from.kind === 'array' && to.kind === 'array') {
    if (sameType(from.element, to.element)) return null;
    return withLambda((v) => `list_transform(${x}, lambda ${v}: ${castSql(v, from.element, to.element)})`);
  }
  if (from.kind === 'map' && to.kind === 'map') {
    if (sameType(from.key, to.key) && sameType(from.value, to.value)) return null;
    return withLambda(
      (v) =>
        `(CASE WHEN ${x} IS NULL THEN NULL ELSE map_from_entries(list_transform(map_entries(${x}), lambda ${v}: {'key': ${castSql(`${v}.key`, from.key, to.key)}, 'value': ${castSql(`${v}.value`, from.value, to.value)}})) END)`,
    );
  }
  if (from.kind === 'json' && to.kind === 'struct') {
    // A JSON array fills the fields by position, an object by name; missing ones are NULL.
    const pos = to.fields.map((f, i) => `${quoteString(f.name)}: ${jsonMember(x, `'$[${i}]'`, f.type)}`);
    const named = to.fields.map(
      (f) =>
        `${quoteString(f.name)}: ${jsonMember(x, quoteString(`$."${f.name.replace(/"/g, '\\"')}"`), f.type)}`,
    );
    return `(CASE json_type(${x}) WHEN 'ARRAY' THEN {${pos.join(', ')}} WHEN 'OBJECT' THEN {${named.join(', ')}} END)`;
  }
  if (from.kind === 'json' && to.kind === 'array' && ['struct', 'map'].includes(to.element.kind)) {
    return withLambda(
      (e) =>
        `(CASE WHEN json_type(${x}) = 'ARRAY' THEN list_transform(json_extract(${x}, '$[*]'), lambda ${e}: ${castSql(e, T.json, to.element)}) END)`,
    );
  }
  if (from.kind === 'json' && to.kind === 'map') {
    return withLambda(
      (k) =>
        `(CASE WHEN json_type(${x}) = 'OBJECT' THEN map_from_entries(list_transform(json_keys(${x}), lambda ${k}: {'key': ${castSql(k, T.varchar(), to.key)}, 'value': ${jsonMember(x, `'$."' || replace(${k}, '"', '\\"') || '"'`, to.value)}})) END)`,
    );
  }
  if (from.kind === 'struct' && to.kind === 'struct') {
    if (from.fields.length !== to.fields.length) return null;
    const fields = to.fields.map((f, i) => {
      const src = from.fields[i];
      const value =
        src === undefined ? 'NULL' : castSql(`struct_extract_at(${x}, ${i + 1})`, src.type, f.type);
      return `${quoteString(f.name)}: ${value}`;
    });
    return `(CASE WHEN ${x} IS NULL THEN NULL ELSE {${fields.join(', ')}} END)`;
  }
  return null;
}

/** One member of a JSON document as `type`: strings unquoted, other JSON as its text. */
function jsonMember(x: string, path: string, type: SqlType): string {
  const v = `json_extract(${x}, ${path})`;
  if (isStringType(type))
    return `(CASE json_type(${v}) WHEN 'VARCHAR' THEN json_extract_string(${x}, ${path}) WHEN 'NULL' THEN NULL ELSE ${castSql(v, T.json, type)} END)`;
  return castSql(v, T.json, type);
}

function withLambda(body: (v: string) => string): string {
  lambdaDepth++;
  try {
    return body(`__rk_c${lambdaDepth}`);
  } finally {
    lambdaDepth--;
  }
}

function sameType(a: SqlType, b: SqlType): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
