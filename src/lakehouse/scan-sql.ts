/**
 * The DuckDB SQL that reads an external table: a per-connection TEMP VIEW over read_parquet with
 * explicit file lists (one UNION ALL branch per partition, its key values as typed constants, so
 * DuckDB drops branches a filter on a key excludes). Every name and path reaches the SQL through
 * codegen's escape functions; paths are the staged files the server resolved from the metastore
 * (files.ts), never user text, and DuckDB still reads them with external access off.
 */
import { duckdbType, quoteIdent, quoteString } from '../codegen/index.js';
import type { ExternalColumn } from './hive/table.js';

/** One branch: staged files, partition values, and the column names its files contain. */
export interface ScanGroup {
  readonly files: readonly string[];
  readonly values: readonly (string | null)[];
  /** Lower-case top-level column names found in the group's files. */
  readonly present: ReadonlySet<string>;
}

function typed(sqlValue: string, c: ExternalColumn): string {
  return `CAST(${sqlValue} AS ${duckdbType(c.type)}) AS ${quoteIdent(c.name)}`;
}

function branch(columns: readonly ExternalColumn[], g: ScanGroup): string {
  let key = 0;
  const items = columns.map((c) => {
    if (c.partitionKey) {
      const v = g.values[key++];
      return typed(v === null || v === undefined ? 'NULL' : quoteString(v), c);
    }
    // A column no file of the group has (added later to the table) reads as NULL, as in Hive.
    return typed(g.present.has(c.name.toLowerCase()) ? quoteIdent(c.name) : 'NULL', c);
  });
  const files = g.files.map(quoteString).join(', ');
  return `SELECT ${items.join(', ')} FROM read_parquet([${files}], union_by_name = true)`;
}

/** The query of the view (no CREATE): all non-empty groups, or an empty typed row set. */
export function externalScanQuery(columns: readonly ExternalColumn[], groups: readonly ScanGroup[]): string {
  const branches = groups.filter((g) => g.files.length > 0).map((g) => branch(columns, g));
  if (branches.length === 0) return `SELECT ${columns.map((c) => typed('NULL', c)).join(', ')} WHERE false`;
  return branches.join('\nUNION ALL\n');
}

/** `CREATE OR REPLACE TEMP VIEW` of one external table read. */
export function externalScanViewSql(view: string, query: string): string {
  return `CREATE OR REPLACE TEMP VIEW ${quoteIdent(view)} AS ${query}`;
}

/** Top-level column names per staged file (parquet_schema over every file of the read). */
export function parquetColumnsSql(files: readonly string[]): string {
  return `SELECT file_name, lower(name) FROM parquet_schema([${files.map(quoteString).join(', ')}])`;
}
