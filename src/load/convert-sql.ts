/**
 * Source text → column type, as StarRocks' load converters do it (be/src/formats/csv/*_converter),
 * as fixed DuckDB templates over a column reference we generated. A value that does not convert is
 * NULL here; strict mode turns "non-NULL text became NULL" into a filtered row (plan.ts).
 * Differences from SQL CAST that matter for loads: integers accept only optional sign and digits
 * (`1.5`, `1e3`, `0x1F`, `1_000` fail; DuckDB would round or accept them); strings longer than
 * their CHAR/VARCHAR length fail. DATE and DATETIME text is read by StarRocks' date parser, as
 * in a cast (codegen's parseDateTimeSql: a time part, `YYYYMMDD`, 2-digit years, a date alone).
 */
import { duckdbType, parseDateTimeSql } from '../codegen/index.js';
import { formatType, STRING_LENGTH, type SqlType } from '../types/index.js';

const INTEGER_TEXT = "'^\\s*[+-]?[0-9]+\\s*$'";

/** Byte limit of a string column (StarRocks counts UTF-8 bytes), null when none applies. */
export function stringLimit(t: SqlType): number | null {
  if (t.kind === 'char' || t.kind === 'varchar') return t.length;
  if (t.kind === 'string') return STRING_LENGTH;
  return null;
}

/** SQL converting the VARCHAR expression `x` to `t` (NULL when it does not convert). */
export function convertText(x: string, t: SqlType): string {
  switch (t.kind) {
    case 'char':
    case 'varchar':
    case 'string':
      return `CASE WHEN strlen(${x}) <= ${stringLimit(t)} THEN ${x} END`;
    case 'tinyint':
    case 'smallint':
    case 'int':
    case 'bigint':
    case 'largeint': {
      // Fast path first: text that is the canonical form of its value (`12`, `-3`) needs no
      // regular expression (3-4x cheaper per value); any other text gets the exact check.
      const cast = `TRY_CAST(${x} AS ${duckdbType(t)})`;
      return `CASE WHEN CAST(${cast} AS VARCHAR) = ${x} THEN ${cast} WHEN regexp_matches(${x}, ${INTEGER_TEXT}) THEN ${cast} END`;
    }
    case 'boolean':
      return (
        `CASE WHEN lower(trim(${x})) IN ('true', 'false') THEN lower(trim(${x})) = 'true' ` +
        `WHEN regexp_matches(${x}, ${INTEGER_TEXT}) THEN TRY_CAST(${x} AS HUGEINT) <> 0 END`
      );
    case 'date':
      return `CAST(${parseDateTimeSql(x)} AS DATE)`;
    case 'datetime':
      return parseDateTimeSql(x);
    case 'json':
      return `TRY_CAST(${x} AS JSON)`;
    default:
      return `TRY_CAST(${x} AS ${duckdbType(t)})`;
  }
}

/** StarRocks' type text for error messages (`VARCHAR(10)`, `DECIMAL(10,2)`). */
export function typeText(t: SqlType): string {
  return formatType(t).toUpperCase();
}
