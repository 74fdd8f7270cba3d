/**
 * In-process figures for the database core:
 *   1. SELECT 1 statement latency through a session (parse → compile → DuckDB → Value rows);
 *   2. a 1M-row, 6-column scan through the engine's chunk conversion (rows/s), and the same scan
 *      through the whole session path;
 *   3. DuckDB's own materialisation (getRowsJS) of the same scan, for reference.
 * Usage: npx tsx bench/engine/session-bench.ts [rows=1000000]
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { Engine } from '../../src/engine/index.js';
import { open } from '../../src/index.js';
import { T } from '../../src/types/index.js';
import { describeMachine, machineSummary, median, percentile } from '../common/index.js';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const SCAN = `SELECT i::INTEGER AS a, i::BIGINT * 7 AS b, (i % 1000)::DECIMAL(10,2) AS c, i / 3.0 AS d,
  DATE '2024-01-01' + (i % 365)::INTEGER AS e, 'name_' || (i % 100) AS f FROM range(${ROWS}) t(i)`;
const TYPES = [T.int, T.bigint, T.decimal(10, 2), T.double, T.date, T.string];

async function selectOneLatency(): Promise<number[]> {
  const db = await open(':memory:');
  const times: number[] = [];
  for (let i = 0; i < 3000; i++) {
    const t0 = performance.now();
    await db.query('SELECT 1');
    if (i >= 500) times.push(performance.now() - t0);
  }
  await db.close();
  return times;
}

async function engineScan(engine: Engine): Promise<number> {
  const t0 = performance.now();
  const rows = await engine.stream(SCAN, { types: TYPES });
  let n = 0;
  for await (const b of rows.batches) n += b.length;
  if (n !== ROWS) throw new Error(`scanned ${n}`);
  return performance.now() - t0;
}

async function sessionScan(): Promise<number> {
  const db = await open(':memory:');
  await db.query(
    `CREATE DATABASE b; CREATE TABLE b.t (a INT, b BIGINT, c DECIMAL(10,2), d DOUBLE, e DATE, f STRING)`,
  );
  await db.query(
    `INSERT INTO b.t SELECT number, number * 7, number % 1000, number / 3.0, date_add('2024-01-01', number % 365), concat('name_', number % 100) FROM TABLE(generate_series(0, ${ROWS - 1})) AS g(number)`,
  );
  const raw = db.raw;
  const times: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    let n = 0;
    for await (const res of raw.query('SELECT * FROM b.t')) {
      if (res.kind === 'rows') for await (const batch of res.batches) n += batch.length;
    }
    if (n !== ROWS) throw new Error(`session scanned ${n}`);
    times.push(performance.now() - t0);
  }
  await db.close();
  return median(times);
}

async function duckdbMaterialize(): Promise<number> {
  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  const t0 = performance.now();
  const reader = await conn.runAndReadAll(SCAN);
  const rows = reader.getRowsJS();
  if (rows.length !== ROWS) throw new Error('short');
  const ms = performance.now() - t0;
  conn.closeSync();
  inst.closeSync();
  return ms;
}

console.log(`# rockling core bench — ${machineSummary(describeMachine())}`);
const lat = await selectOneLatency();
console.log(
  `SELECT 1 in-process: median ${median(lat).toFixed(3)} ms, p99 ${percentile(
    [...lat].sort((x, y) => x - y),
    0.99,
  ).toFixed(3)} ms (${lat.length} runs)`,
);
const engine = await Engine.open({ path: null });
const scans: number[] = [];
for (let r = 0; r < 3; r++) scans.push(await engineScan(engine));
await engine.close();
const engineMs = median(scans);
console.log(
  `engine scan ${ROWS} rows x 6 cols: ${engineMs.toFixed(0)} ms = ${(((ROWS / engineMs) * 1000) / 1e6).toFixed(2)} M rows/s`,
);
const sessionMs = await sessionScan();
console.log(
  `session SELECT * of ${ROWS} rows x 6 cols (stored table): ${sessionMs.toFixed(0)} ms = ${(((ROWS / sessionMs) * 1000) / 1e6).toFixed(2)} M rows/s`,
);
const duckMs = await duckdbMaterialize();
console.log(
  `reference: DuckDB runAndReadAll + getRowsJS: ${duckMs.toFixed(0)} ms = ${(((ROWS / duckMs) * 1000) / 1e6).toFixed(2)} M rows/s`,
);
