/**
 * The read-only view of the catalog the analyzer binds against. The catalog itself (metadata as
 * plain data, stored in the data directory's DuckDB database in the same transaction as the data
 * it describes) implements it.
 */
import type { AggregateType, KeysType } from '../sql/ast/index.js';
import type { SqlType } from '../types/index.js';

/** The catalog every StarRocks cluster has for its own tables. */
export const DEFAULT_CATALOG = 'default_catalog';

export interface ColumnDescriptor {
  readonly name: string;
  readonly type: SqlType;
  readonly nullable: boolean;
  /** Part of the DUPLICATE/AGGREGATE/UNIQUE/PRIMARY key. */
  readonly isKey: boolean;
  readonly aggType?: AggregateType;
  /** Default as StarRocks shows it in DESC / information_schema (null: no default). */
  readonly defaultValue: string | null;
  readonly autoIncrement: boolean;
  readonly comment: string;
}

/** A nullable value column with no default (system tables, external tables, load layers). */
export function plainColumn(name: string, type: SqlType, comment = ''): ColumnDescriptor {
  return { name, type, nullable: true, isKey: false, defaultValue: null, autoIncrement: false, comment };
}

/** Where the rows of a relation live in DuckDB (already-safe identifiers are produced by codegen). */
export interface StorageRef {
  readonly schema: string;
  readonly table: string;
}

export interface TableDescriptor {
  readonly kind: 'table' | 'view' | 'materialized-view' | 'system';
  readonly catalog: string;
  readonly db: string;
  readonly name: string;
  readonly columns: readonly ColumnDescriptor[];
  readonly keysType?: KeysType;
  /** Rows of tables, materialized views and system tables. Absent for views. */
  readonly storage?: StorageRef;
  /** Views: the defining query as StarRocks SQL text; the analyzer parses and binds it. */
  readonly viewQueryText?: string;
  readonly comment: string;
}

/** Name lookups follow StarRocks' case rules (database and table names case-sensitive, information_schema not). */
export interface CatalogView {
  databaseExists(catalog: string, db: string): boolean;
  /** null when absent (an expected absence, not an exception). */
  getTable(catalog: string, db: string, name: string): TableDescriptor | null;
  listDatabases(catalog: string): readonly string[];
  listTables(catalog: string, db: string): readonly TableDescriptor[];
}
