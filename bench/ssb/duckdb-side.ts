/**
 * DuckDB run directly through @duckdb/node-api, as the baseline Rockling is measured against.
 * (Only src/engine may import DuckDB inside the product; bench/ is outside src/ precisely so it
 * can measure the engine underneath without Rockling's layers.) The database is a file in a temp
 * directory, like Rockling's data dir; "cold" closes and reopens it so its buffer pool is empty.
 */
import duckdb, { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { elapsedMs } from '../common/index.js';
import type { SsbData } from './generate.js';
import { flatInsertSql } from './flat-insert.js';
import { duckDbDdl, type TableName } from './schema.js';
import type { RawResult, SystemUnderTest, TableLoad } from './system.js';

/** DuckDB's version string, e.g. 'v1.5.6'. */
export function duckDbVersion(): string {
  return duckdb.version();
}

function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** DuckDB on a fresh database file. */
export class DuckDbSide implements SystemUnderTest {
  readonly name: string = 'duckdb';
  private readonly dir: string;
  private readonly path: string;
  private instance: DuckDBInstance | undefined;
  private conn: DuckDBConnection | undefined;

  constructor(parentDir = tmpdir()) {
    this.dir = mkdtempSync(join(parentDir, 'rockling-ssb-duckdb-'));
    this.path = join(this.dir, 'ssb.duckdb');
  }

  private async connection(): Promise<DuckDBConnection> {
    if (this.conn === undefined) {
      this.instance = await DuckDBInstance.create(this.path);
      this.conn = await this.instance.connect();
    }
    return this.conn;
  }

  /** The `threads` setting DuckDB runs with. */
  async threads(): Promise<string> {
    const r = await (await this.connection()).runAndReadAll("select current_setting('threads')");
    return String(r.getRowsJson()[0]?.[0] ?? '?');
  }

  async load(data: SsbData, tables: readonly TableName[]): Promise<TableLoad[]> {
    const conn = await this.connection();
    const loads: TableLoad[] = [];
    for (const table of tables) {
      const file = data.files[table];
      const start = process.hrtime.bigint();
      await conn.run(`DROP TABLE IF EXISTS ${table}`);
      await conn.run(duckDbDdl(table));
      if (table === 'lineorder_flat' && data.flat === 'insert') {
        const r = await conn.run(flatInsertSql('duckdb'));
        const rows = Number(r.rowsChanged);
        if (rows !== file.rows) throw new Error(`duckdb built ${rows} flat rows, lineorder has ${file.rows}`);
        loads.push({ table, rows, ms: elapsedMs(start), method: 'INSERT … SELECT' });
        continue;
      }
      await conn.run(
        `COPY ${table} FROM ${sqlString(file.path)} (DELIMITER ${sqlString(data.separator)}, HEADER false, QUOTE '')`,
      );
      loads.push({ table, rows: file.rows, ms: elapsedMs(start), method: 'COPY FROM file' });
    }
    await conn.run('CHECKPOINT');
    return loads;
  }

  async makeCold(): Promise<void> {
    this.disconnect();
    await this.connection();
  }

  async query(sql: string): Promise<RawResult> {
    const reader = await (await this.connection()).runAndReadAll(sql);
    // Materialising JS values is part of the timed work, as parsing rows is for a MySQL client.
    return { columns: reader.columnCount, rows: reader.getRowsJson() };
  }

  private disconnect(): void {
    this.conn?.closeSync();
    this.instance?.closeSync();
    this.conn = undefined;
    this.instance = undefined;
  }

  async close(): Promise<void> {
    this.disconnect();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
