/** The interface both systems under test implement, so the runner treats them alike. */
import type { SsbData } from './generate.js';
import type { TableName } from './schema.js';

/** Rows as a client library returned them, before canonicalisation. */
export interface RawResult {
  readonly columns: number;
  readonly rows: readonly (readonly unknown[])[];
}

/** How one table was loaded. */
export interface TableLoad {
  readonly table: TableName;
  readonly rows: number;
  readonly ms: number;
  /** e.g. 'COPY', 'stream load', 'INSERT VALUES'. */
  readonly method: string;
}

/** A system under test: DuckDB directly, or Rockling over the MySQL protocol. */
export interface SystemUnderTest {
  /** 'duckdb' or 'rockling'. */
  readonly name: string;
  /** Create the tables and load the generated files into them. */
  load(data: SsbData, tables: readonly TableName[]): Promise<TableLoad[]>;
  /** Drop caches the system controls (reopen the database / restart the server). */
  makeCold(): Promise<void>;
  /** Run one query and return its rows as the client delivers them (the timed part). */
  query(sql: string): Promise<RawResult>;
  /** Release everything (processes, files). Idempotent. */
  close(): Promise<void>;
}
