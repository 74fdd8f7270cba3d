/**
 * The SSB harness's MySQL-protocol path against a real MySQL-protocol server (a throwaway
 * MariaDB, since Rockling's SQL engine may not run yet): the INSERT loader, mysql2 result
 * conversion and answer canonicalisation must make a correct system's answers equal DuckDB's on
 * every query both can run, so when Rockling's answers differ the difference is Rockling's.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createConnection, type Connection } from 'mysql2/promise';
import { describeMachine, insertLoad } from '../../bench/common/index.js';
import { DuckDbSide } from '../../bench/ssb/duckdb-side.js';
import { generateSsb, type SsbData } from '../../bench/ssb/generate.js';
import { FLAT_QUERIES, MULTI_QUERIES } from '../../bench/ssb/queries.js';
import { buildReport } from '../../bench/ssb/report.js';
import { runSide } from '../../bench/ssb/runner.js';
import { ALL_TABLES, COLUMNS, duckDbType, type TableName } from '../../bench/ssb/schema.js';
import type { RawResult, SystemUnderTest, TableLoad } from '../../bench/ssb/system.js';
import { startMariaDb, type MariaDbServer } from '../../src/testing/index.js';

const KEYS: Readonly<Partial<Record<TableName, string>>> = {
  customer: 'c_custkey',
  supplier: 's_suppkey',
  part: 'p_partkey',
  dates: 'd_datekey',
};

/** MySQL DDL for the SSB columns: the same types, keys on the dimensions for joins. */
function mysqlDdl(table: TableName): string {
  const cols = COLUMNS[table].map((c) => `${c.name} ${c.type === 'date' ? 'DATE' : c.type} NOT NULL`);
  const key = KEYS[table];
  return `CREATE TABLE ${table} (${[...cols, ...(key !== undefined ? [`PRIMARY KEY (${key})`] : [])].join(', ')})`;
}

/** The benchmark's MySQL-client settings (as the Rockling side uses them) on MariaDB. */
class MariaDbSide implements SystemUnderTest {
  readonly name = 'rockling';
  constructor(private readonly conn: Connection) {}
  async load(data: SsbData, tables: readonly TableName[]): Promise<TableLoad[]> {
    const loads: TableLoad[] = [];
    for (const table of tables) {
      await this.conn.query(mysqlDdl(table));
      const types = COLUMNS[table].map((c) => c.type);
      const rows = await insertLoad({
        conn: this.conn,
        table,
        types,
        file: data.files[table].path,
        separator: '|',
      });
      loads.push({ table, rows, ms: 0, method: 'INSERT VALUES' });
    }
    return loads;
  }
  async makeCold(): Promise<void> {}
  async query(sql: string): Promise<RawResult> {
    const [rows, fields] = await this.conn.query({ sql, rowsAsArray: true });
    return { columns: Array.isArray(fields) ? fields.length : 0, rows: rows as unknown as unknown[][] };
  }
  async close(): Promise<void> {}
}

const work = mkdtempSync(join(tmpdir(), 'rockling-ssb-mysql-'));
let maria: MariaDbServer;
let conn: Connection;

before(async () => {
  maria = await startMariaDb({ database: 'ssb' });
  conn = await createConnection({
    host: '127.0.0.1',
    port: maria.port,
    user: 'root',
    database: 'ssb',
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
  });
});

after(async () => {
  await conn?.end();
  await maria?.stop();
  rmSync(work, { recursive: true, force: true });
});

test('a correct MySQL-protocol system agrees with DuckDB on every SSB query', async () => {
  // SF 0.002: a few thousand fact rows keep MariaDB's INSERTs and joins quick.
  const data = await generateSsb({ sf: 0.002, seed: 5, dir: join(work, 'data'), quiet: true });
  assert.equal(duckDbType('tinyint(4)'), 'TINYINT');
  const queries = [...MULTI_QUERIES, ...FLAT_QUERIES];
  const opts = { hotRuns: 0, coldEachQuery: false, quiet: true };
  const duck = new DuckDbSide(work);
  try {
    const duckdb = await runSide(duck, data, ALL_TABLES, queries, opts);
    const rockling = await runSide(new MariaDbSide(conn), data, ALL_TABLES, queries, opts);
    const report = buildReport({
      data,
      reused: true,
      hotRuns: 0,
      coldEachQuery: false,
      machine: describeMachine(),
      duckdbThreads: '?',
      queries,
      duckdb,
      rockling,
      rocklingBuild: 'test',
    });
    assert.deepEqual(report.failures, []);
    assert.ok(report.queries.every((q) => q.equal === true));
    assert.ok(
      report.queries.some((q) => (q.duckdb.rows ?? 0) > 10),
      'some queries return many rows',
    );
  } finally {
    await duck.close();
  }
});
