/**
 * Partition pruning: a year of daily partitions (START … END … EVERY 1 DAY), loaded in day order
 * through Rockling's INSERT (partition guard included); a one-day query vs the whole table, through
 * Rockling (in-process session) and against DuckDB directly on the same data. Rows read are the
 * rows of the row groups whose zone map (min/max of dt, pragma_storage_info) admits the day —
 * the row groups DuckDB's scan cannot skip.
 * Usage: node --import tsx bench/partitions/pruning.ts [rowsPerDay=122880] [runs=7]
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/session/index.js';

const perDay = Number(process.argv[2] ?? 122880);
const runs = Number(process.argv[3] ?? 7);
const days = 365;
const total = perDay * days;
const dir = mkdtempSync(join(tmpdir(), 'rockling-prune-'));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  await fn();
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(times);
}

const db = await openDatabase({ dataDir: join(dir, 'rockling') });
const s = await db.openInternalSession();
async function run(sql: string): Promise<(readonly unknown[])[]> {
  const out: (readonly unknown[])[] = [];
  for await (const r of s.query(sql)) if (r.kind === 'rows') for await (const b of r.batches) out.push(...b);
  return out;
}
const loadStart = Date.now();
await run('CREATE DATABASE bench');
await run('USE bench');
await run(`CREATE TABLE ev (dt DATE NOT NULL, id BIGINT NOT NULL, v DOUBLE) DUPLICATE KEY(dt)
  PARTITION BY RANGE(dt) (START ('2023-01-01') END ('2024-01-01') EVERY (INTERVAL 1 DAY)) DISTRIBUTED BY HASH(id)`);
// Month by month, in day order, as daily loads would arrive.
for (let m = 0; m < 12; m++) {
  const from = Math.floor((m * days) / 12) * perDay;
  const to = Math.floor(((m + 1) * days) / 12) * perDay;
  await run(`INSERT INTO ev SELECT date_add('2023-01-01', CAST((generate_series - 1) DIV ${perDay} AS INT)),
    generate_series, generate_series * 0.5 FROM TABLE(generate_series(${from + 1}, ${to}))`);
  process.stderr.write(`loaded ${to.toLocaleString()} / ${total.toLocaleString()} rows\n`);
}
const loadSeconds = (Date.now() - loadStart) / 1000;
const oneDay = "SELECT count(*), sum(v) FROM ev WHERE dt = '2023-06-15'";
const whole = 'SELECT count(*), sum(v) FROM ev';
const check = await run(oneDay);
const rOne = await timeIt(() => run(oneDay));
const rAll = await timeIt(() => run(whole));

// Rows in row groups whose zone map admits the day (what the scan must read).
const entry = db.catalog.getEntry('default_catalog', 'bench', 'ev');
const st = entry?.storage;
if (st === undefined) throw new Error('no storage');
const { rows: segments } = await db.engine.queryAll(
  `SELECT row_group_id, count, stats FROM pragma_storage_info('${st.schema}.${st.table}')
   WHERE column_name = 'dt' AND segment_type = 'DATE'`,
);
const groups = new Map<number, { n: number; min: string; max: string }>();
for (const seg of segments) {
  const m = /Min: ([0-9-]+), Max: ([0-9-]+)/.exec(String(seg[2]));
  const g = groups.get(Number(seg[0])) ?? { n: 0, min: '9999-12-31', max: '0000-01-01' };
  g.n += Number(seg[1]);
  if (m !== null) {
    if ((m[1] as string) < g.min) g.min = m[1] as string;
    if ((m[2] as string) > g.max) g.max = m[2] as string;
  }
  groups.set(Number(seg[0]), g);
}
let read = 0;
for (const g of groups.values()) if (g.min <= '2023-06-15' && '2023-06-15' <= g.max) read += g.n;
await db.close();

// DuckDB directly on the same data (same order), same queries.
const inst = await DuckDBInstance.create(join(dir, 'duck.db'));
const c = await inst.connect();
await c.run(`CREATE TABLE ev AS SELECT DATE '2023-01-01' + CAST((g - 1) // ${perDay} AS INTEGER) AS dt, g AS id, CAST(g * 0.5 AS DOUBLE) AS v
  FROM range(1, ${total + 1}) t(g)`);
const dOne = await timeIt(() =>
  c.runAndReadAll("SELECT count(*), sum(v) FROM ev WHERE dt = DATE '2023-06-15'"),
);
const dAll = await timeIt(() => c.runAndReadAll('SELECT count(*), sum(v) FROM ev'));
c.closeSync();
rmSync(dir, { recursive: true, force: true });

const report = {
  days,
  rowsPerDay: perDay,
  totalRows: total,
  loadSeconds: Number(loadSeconds.toFixed(1)),
  oneDayResultRows: Number(check[0]?.[0]),
  rowGroups: groups.size,
  rowsReadOneDay: read,
  fractionRead: Number((read / total).toFixed(5)),
  fractionReadAsOneIn: Math.round(total / Math.max(1, read)),
  rocklingOneDayMs: Number(rOne.toFixed(2)),
  rocklingWholeMs: Number(rAll.toFixed(2)),
  rocklingSpeedup: Number((rAll / rOne).toFixed(1)),
  duckdbOneDayMs: Number(dOne.toFixed(2)),
  duckdbWholeMs: Number(dAll.toFixed(2)),
  duckdbSpeedup: Number((dAll / dOne).toFixed(1)),
};
process.stdout.write(`${JSON.stringify(report, null, 1)}\n`);
writeFileSync(
  join(import.meta.dirname, `pruning-result-${perDay}.json`),
  `${JSON.stringify(report, null, 1)}\n`,
);
