/**
 * The one place user-controlled text becomes DuckDB SQL text. Every identifier and string literal
 * the code generator emits goes through these functions; everything else it emits comes from
 * fixed templates. Keep this file small and exhaustively tested (test/codegen/escape.test.ts and
 * the adversarial corpus).
 */
import { InternalError } from '../base/index.js';
import type { SqlType } from '../types/index.js';

/**
 * Quote an identifier for DuckDB: always double-quoted, embedded `"` doubled. Quoting always
 * (never "only when needed") means keywords, case and odd characters can never change meaning.
 * NUL cannot appear in a DuckDB identifier; callers never pass one (the binder rejects such names).
 */
export function quoteIdent(name: string): string {
  if (name.includes('\0')) throw new InternalError('identifier contains NUL');
  return `"${name.replace(/"/g, '""')}"`;
}

/** A dotted, fully quoted name: `"schema"."table"`. */
export function quoteQualified(...parts: readonly string[]): string {
  return parts.map(quoteIdent).join('.');
}

/**
 * A DuckDB string literal. DuckDB's standard strings treat only `'` specially (backslashes are
 * literal), so doubling quotes is complete. NUL characters are spliced in with `chr(0)` because a
 * raw NUL in the statement text would end it early in the C API.
 */
export function quoteString(text: string): string {
  if (!text.includes('\0')) return `'${text.replace(/'/g, "''")}'`;
  const pieces = text.split('\0').map((piece) => `'${piece.replace(/'/g, "''")}'`);
  return `(${pieces.join(' || chr(0) || ')})`;
}

/** A DuckDB BLOB literal from bytes: every byte as `\xHH`, so no byte is ever interpreted. */
export function quoteBlob(bytes: Uint8Array): string {
  let hex = '';
  for (const b of bytes) hex += `\\x${b.toString(16).padStart(2, '0').toUpperCase()}`;
  return `'${hex}'::BLOB`;
}

/**
 * The DuckDB column/cast type for a StarRocks type. DATETIME is TIMESTAMP (microseconds), LARGEINT
 * is HUGEINT (128-bit), all string kinds are VARCHAR (StarRocks lengths are enforced on insert by
 * Rockling, not by DuckDB), binary kinds and the opaque HLL/BITMAP/PERCENTILE states are BLOB.
 */
export function duckdbType(t: SqlType): string {
  switch (t.kind) {
    case 'null':
      return 'INTEGER';
    case 'boolean':
      return 'BOOLEAN';
    case 'tinyint':
      return 'TINYINT';
    case 'smallint':
      return 'SMALLINT';
    case 'int':
      return 'INTEGER';
    case 'bigint':
      return 'BIGINT';
    case 'largeint':
      return 'HUGEINT';
    case 'float':
      return 'FLOAT';
    case 'double':
      return 'DOUBLE';
    case 'decimal':
      return `DECIMAL(${checkedInt(t.precision, 1, 38)},${checkedInt(t.scale, 0, t.precision)})`;
    case 'date':
      return 'DATE';
    case 'datetime':
      return 'TIMESTAMP';
    case 'time':
      return 'TIME';
    case 'char':
    case 'varchar':
    case 'string':
      return 'VARCHAR';
    case 'binary':
    case 'varbinary':
      return 'BLOB';
    // Aggregate states as lists (codegen/model-types.ts): BITMAP/HLL sorted distinct UBIGINTs.
    case 'hll':
    case 'bitmap':
      return 'UBIGINT[]';
    case 'percentile':
      return 'DOUBLE[]';
    case 'json':
      return 'JSON';
    case 'array':
      return `${duckdbType(t.element)}[]`;
    case 'map':
      return `MAP(${duckdbType(t.key)}, ${duckdbType(t.value)})`;
    case 'struct':
      return `STRUCT(${t.fields.map((f) => `${quoteIdent(f.name)} ${duckdbType(f.type)}`).join(', ')})`;
  }
}

function checkedInt(n: number, min: number, max: number): number {
  if (!Number.isInteger(n) || n < min || n > max)
    throw new InternalError(`type parameter out of range: ${n}`);
  return n;
}
