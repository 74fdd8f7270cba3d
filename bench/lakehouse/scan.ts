/**
 * Hive catalog reads: Rockling (MySQL protocol → metastore test double → staged Parquet → DuckDB)
 * next to DuckDB reading the same Parquet files directly, in one run.
 *   node --import tsx bench/lakehouse/scan.ts [--rows 2000000] [--files 8] [--runs 5]
 * The metastore is the TEST DOUBLE from test/lakehouse/support (no real HMS can run here); its
 * cost per statement (two Thrift calls on loopback) is part of what is measured, as it would be
 * against a real metastore. Writes bench/results/lakehouse-<date>-<rows>.md.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import mysql from 'mysql2/promise';
import { startRockling } from '../../src/testing/index.js';
import { startHmsDouble } from '../../test/lakehouse/support/hms-double.js';
import { USER_PROFILE_COLUMNS, userProfileSql, writeParquet } from '../../test/lakehouse/support/parquet.js';
import { describeMachine, machineSummary } from '../common/machine.js';
import { formatMs, median } from '../common/stats.js';
import { barChartSvg, type Bar } from '../common/svg-chart.js';

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
}

const ROWS = arg('--rows', 2_000_000);
const FILES = arg('--files', 8);
const RUNS = arg('--runs', 5);

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function medianOf(fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm-up (file cache, staging, DuckDB metadata)
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await timed(fn));
  return median(times);
}

const QUERIES: readonly [string, string][] = [
  ['aggregate', 'SELECT count(*), sum(age), count(DISTINCT city), max(last_active_time) FROM {T}'],
  ['group by', 'SELECT city, tag, count(*), avg(age) FROM {T} GROUP BY city, tag ORDER BY city, tag'],
  ['point filter', 'SELECT * FROM {T} WHERE user_id = 123456'],
  ['first row', 'SELECT * FROM {T} LIMIT 1'],
  ['1/52 bucket', 'SELECT count(*) FROM {T} WHERE abs(user_id) % 52 = 7'],
];

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rockling-bench-lake-'));
  const per = Math.ceil(ROWS / FILES);
  const files: string[] = [];
  process.stderr.write(`writing ${ROWS} rows in ${FILES} Parquet files …\n`);
  for (let f = 0; f < FILES; f++) {
    const path = join(dir, 'up', `00000${f}_0`);
    await writeParquet(path, userProfileSql(f * per, Math.min(per, ROWS - f * per)));
    files.push(path);
  }
  const [server, hms] = await Promise.all([
    startRockling(),
    startHmsDouble([
      { db: 'ods', name: 'user_profile', columns: USER_PROFILE_COLUMNS, location: `file://${dir}/up` },
    ]),
  ]);
  const duck = await DuckDBInstance.create(':memory:');
  const dconn = await duck.connect();
  const conn = await mysql.createConnection({ host: server.host, port: server.port, user: 'root' });
  const lines: string[] = [];
  const bars: Bar[] = [];
  try {
    await conn.query(
      `CREATE EXTERNAL CATALOG hive PROPERTIES ("type"="hive", "hive.metastore.uris"="${hms.uri}")`,
    );
    const duckFrom = `read_parquet([${files.map((f) => `'${f}'`).join(', ')}])`;
    lines.push('| query | Rockling (Hive catalog) | DuckDB direct | ratio |', '|---|---:|---:|---:|');
    for (const [name, sql] of QUERIES) {
      process.stderr.write(`  ${name} …\n`);
      const r = await medianOf(() => conn.query(sql.replace('{T}', 'hive.ods.user_profile')));
      const d = await medianOf(() => dconn.runAndReadAll(sql.replace('{T}', duckFrom)));
      lines.push(`| ${name} | ${formatMs(r)} | ${formatMs(d)} | ${(r / d).toFixed(1)}× |`);
      bars.push({ label: name, value: r / d });
    }
    // Loads: the whole table into a DUPLICATE table, then the seed's 52 labelled PK loads.
    await conn.query('CREATE DATABASE bench');
    await conn.query(
      'CREATE TABLE bench.dup (user_id BIGINT, city VARCHAR(64), tag VARCHAR(64), gender TINYINT, age SMALLINT, register_time DATETIME, last_active_time DATETIME) DUPLICATE KEY(user_id) DISTRIBUTED BY HASH(user_id)',
    );
    await conn.query(
      'CREATE TABLE bench.pk (user_id BIGINT NOT NULL, city VARCHAR(64), tag VARCHAR(64), gender TINYINT, age SMALLINT, register_time DATETIME, last_active_time DATETIME) PRIMARY KEY(user_id) DISTRIBUTED BY HASH(user_id)',
    );
    process.stderr.write('  INSERT … SELECT (DUPLICATE) …\n');
    const dup = await timed(() => conn.query('INSERT INTO bench.dup SELECT * FROM hive.ods.user_profile'));
    const duckDup = await timed(() => dconn.run(`CREATE TABLE dup AS SELECT * FROM ${duckFrom}`));
    lines.push(
      `| INSERT all rows (DUPLICATE) | ${formatMs(dup)} | ${formatMs(duckDup)} (CTAS) | ${(dup / duckDup).toFixed(1)}× |`,
    );
    bars.push({ label: 'INSERT all rows', value: dup / duckDup });
    process.stderr.write('  52 labelled loads into a PRIMARY KEY table …\n');
    const stock = await timed(async () => {
      for (let k = 0; k < 52; k++)
        await conn.query(
          `INSERT INTO bench.pk WITH LABEL stock_${k} SELECT * FROM hive.ods.user_profile WHERE abs(user_id) % 52 = ${k}`,
        );
    });
    const [cnt] = await conn.query({ sql: 'SELECT count(*) FROM bench.pk', rowsAsArray: true });
    if (Number((cnt as unknown[][])[0]?.[0]) !== ROWS)
      throw new Error(`pk has ${String(cnt)} rows, expected ${ROWS}`);
    lines.push(`| 52 labelled loads → PRIMARY KEY (seed pattern) | ${formatMs(stock)} | – | – |`);
  } finally {
    await conn.end();
    dconn.closeSync();
    duck.closeSync();
    await server.stop();
    await hms.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const date = new Date().toISOString().slice(0, 10);
  const report = [
    `# Hive catalog reads — ${ROWS} rows, ${FILES} Parquet files (${date})`,
    '',
    `Machine: ${machineSummary(describeMachine())}; load average at the end ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}.`,
    `Medians of ${RUNS} runs after one warm-up; Rockling over the MySQL protocol (each statement asks the metastore test double for the table and stages the files), DuckDB in process on the same files.`,
    '',
    ...lines,
    '',
  ].join('\n');
  const base = join('bench/results', `lakehouse-${date}-${ROWS}`);
  const out = `${base}.md`;
  writeFileSync(
    `${base}.svg`,
    barChartSvg(bars, {
      title: `Hive catalog via Rockling ÷ DuckDB direct, ${ROWS} rows (lower is better)`,
      unit: '×',
      reference: 1,
      referenceLabel: 'DuckDB',
    }),
  );
  writeFileSync(out, `${report}\n![ratios](${base.split('/').pop() ?? ''}.svg)\n`);
  process.stdout.write(`${report}\nwrote ${out}\n`);
}

await main();
