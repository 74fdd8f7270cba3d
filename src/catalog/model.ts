/**
 * The catalog's in-memory model: plain data rebuilt from the metadata tables on open and
 * replaced (never mutated) after each committed change.
 */
import type {
  AstDistribution,
  AstIndexDef,
  AstPartitionDesc,
  AstProperties,
  AstViewColumn,
  KeysType,
} from '../sql/ast/index.js';
import type { TableDescriptor } from './api.js';

/**
 * Every StarRocks clause of a table, stored as data (JSON in `__rockling.tables.definition`) so
 * SHOW CREATE TABLE, information_schema and later table-model semantics read it back exactly.
 */
export interface TableDefinition {
  /** `ENGINE=OLAP` (upper-cased as StarRocks prints it). */
  readonly engine: string;
  /** The key clause as written, or as StarRocks derives it when absent. */
  readonly keys?: { readonly type: KeysType; readonly columns: readonly string[] };
  readonly partition?: AstPartitionDesc;
  readonly distribution?: AstDistribution;
  readonly orderBy?: readonly string[];
  readonly properties: AstProperties;
  readonly indexes: readonly AstIndexDef[];
  readonly rollups: readonly { readonly name: string; readonly columns: readonly string[] }[];
  /** Views: the column list as written (names and comments). */
  readonly viewColumns?: readonly AstViewColumn[];
  /** Views: `SECURITY INVOKER|NONE`. */
  readonly security?: 'none' | 'invoker';
  /** Renamed columns: current name (lower case) → the name it was created with (its column id). */
  readonly columnIds?: Readonly<Record<string, string>>;
}

/** A table, view or materialized view as the catalog holds it. */
export interface TableEntry extends TableDescriptor {
  readonly id: number;
  readonly definition: TableDefinition;
  /** `YYYY-MM-DD HH:MM:SS` (local server time, as StarRocks shows it). */
  readonly createTime: string;
  readonly updateTime: string | null;
}

export interface DatabaseEntry {
  readonly id: number;
  readonly catalog: string;
  readonly name: string;
  readonly properties: AstProperties;
  /** DuckDB schema holding this database's tables (`d<id>`). */
  readonly storageSchema: string;
  readonly createTime: string;
}

/** One database and its tables, by exact (case-sensitive) name. */
export interface DatabaseState {
  readonly entry: DatabaseEntry;
  readonly tables: ReadonlyMap<string, TableEntry>;
}

/** The whole catalog: catalog name → database name → state. */
export interface CatalogState {
  readonly databases: ReadonlyMap<string, ReadonlyMap<string, DatabaseState>>;
  readonly nextId: number;
}

/** What a CREATE TABLE / VIEW / CTAS asks the catalog to record. */
export interface NewTable {
  readonly kind: 'table' | 'view' | 'materialized-view';
  readonly name: string;
  readonly columns: TableDescriptor['columns'];
  readonly keysType?: KeysType;
  readonly viewQueryText?: string;
  readonly comment: string;
  readonly definition: TableDefinition;
}
