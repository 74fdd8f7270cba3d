/**
 * DuckDB DDL for table storage: schemas per database (`d<id>`), tables per StarRocks table
 * (`t<id>`), columns named as in StarRocks (DuckDB column names are case-insensitive like
 * StarRocks'). Every name and type passes through the escaping functions; StarRocks names never
 * appear in schema/table identifiers, so RENAME/SWAP are metadata-only.
 */
import type { ColumnDescriptor, StorageRef } from '../catalog/index.js';
import { duckdbType, quoteIdent, quoteQualified, quoteString } from './escape.js';

export function createSchemaSql(schema: string): string {
  return `CREATE SCHEMA ${quoteIdent(schema)}`;
}

/** Drops the schema with every table in it (DROP DATABASE). */
export function dropSchemaSql(schema: string): string {
  return `DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`;
}

/** One column definition: type from the StarRocks type, NOT NULL as declared. */
export function columnDefSql(c: ColumnDescriptor): string {
  return `${quoteIdent(c.name)} ${duckdbType(c.type)}${c.nullable ? '' : ' NOT NULL'}`;
}

export function createTableSql(ref: StorageRef, columns: readonly ColumnDescriptor[]): string {
  return `CREATE TABLE ${quoteQualified(ref.schema, ref.table)} (${columns.map(columnDefSql).join(', ')})`;
}

export function dropTableSql(ref: StorageRef): string {
  return `DROP TABLE IF EXISTS ${quoteQualified(ref.schema, ref.table)}`;
}

/** TRUNCATE TABLE keeps the storage and its definition. */
export function truncateTableSql(ref: StorageRef): string {
  return `DELETE FROM ${quoteQualified(ref.schema, ref.table)}`;
}

/** `INSERT INTO storage (cols…) <select>` for a generated source query (CTAS, INSERT … SELECT). */
export function insertIntoSql(ref: StorageRef, columns: readonly string[], selectSql: string): string {
  return `INSERT INTO ${quoteQualified(ref.schema, ref.table)} (${columns.map(quoteIdent).join(', ')}) ${selectSql}`;
}

/** A target column as the INSERT wrapper needs it. */
export interface InsertTargetColumn {
  readonly name: string;
  readonly nullable: boolean;
  /** Byte limit of CHAR(n)/VARCHAR(n) (StarRocks counts UTF-8 bytes); null when unlimited. */
  readonly maxBytes: number | null;
}

/** The message DuckDB's error() carries when a row violates a StarRocks column limit. */
export const FILTERED_MARKER = 'rockling:filtered:';

/**
 * INSERT of a generated source query into table storage with StarRocks' load checks: in strict
 * mode a value longer than its CHAR/VARCHAR limit fails the whole statement (DuckDB `error()`
 * inside the same INSERT, so nothing is written); otherwise such rows and NULLs for NOT NULL
 * columns are filtered out. NOT NULL in strict mode is enforced by the storage constraint.
 */
export function insertSelectSql(
  ref: StorageRef,
  columns: readonly InsertTargetColumn[],
  selectSql: string,
  strict: boolean,
): string {
  const target = `${quoteQualified(ref.schema, ref.table)} (${columns.map((c) => quoteIdent(c.name)).join(', ')})`;
  return `INSERT INTO ${target} ${guardedSourceSql(columns, selectSql, strict)}`;
}

/**
 * The source half of `insertSelectSql`: a SELECT producing the target columns in order with the
 * strict-mode guards and non-strict filters applied, for the model-aware writer.
 */
export function guardedSourceSql(
  columns: readonly InsertTargetColumn[],
  selectSql: string,
  strict: boolean,
): string {
  const aliases = columns.map((_, i) => quoteIdent(`c${i}`));
  const items = columns.map((c, i) => {
    const a = aliases[i] as string;
    if (!strict || c.maxBytes === null) return a;
    const msg = quoteString(`${FILTERED_MARKER}${c.name}`);
    return `CASE WHEN strlen(${a}) > ${c.maxBytes} THEN error(${msg}) ELSE ${a} END`;
  });
  const filters = strict
    ? []
    : columns.flatMap((c, i) => {
        const a = aliases[i] as string;
        const out: string[] = [];
        if (!c.nullable) out.push(`${a} IS NOT NULL`);
        if (c.maxBytes !== null) out.push(`(${a} IS NULL OR strlen(${a}) <= ${c.maxBytes})`);
        return out;
      });
  const where = filters.length > 0 ? ` WHERE ${filters.join(' AND ')}` : '';
  return `SELECT ${items.join(', ')} FROM (${selectSql}) AS s(${aliases.join(', ')})${where}`;
}
