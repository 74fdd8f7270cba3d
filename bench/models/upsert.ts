/**
 * Table-model write throughput: PRIMARY KEY upserts and AGGREGATE KEY SUM merges through
 * Rockling's model writer (`writeRows`, the path INSERT and every load take), against DuckDB's own
 * `INSERT OR REPLACE` / `INSERT … ON CONFLICT DO UPDATE` on a twin table with a PRIMARY KEY
 * constraint, same data, same process, same run (batches alternate between the two).
 *
 *   node --import tsx bench/models/upsert.ts [--rows 2000000] [--batches 30] [--batch 10000]
 *
 * Each batch has `--batch` distinct keys drawn from [0, 2·rows): about half update existing rows.
 * Writes bench/results/models-upsert.md and .svg.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CATALOG } from '../../src/catalog/index.js';
import type { EngineConnection } from '../../src/engine/index.js';
import { writeRows } from '../../src/load/index.js';
import { openDatabase } from '../../src/session/database.js';
import { barChartSvg, describeMachine, machineSummary, Progress } from '../common/index.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '2000000' },
    batches: { type: 'string', default: '30' },
    batch: { type: 'string', default: '10000' },
    out: { type: 'string', default: 'bench/results/models-upsert' },
    // plain: both sides bulk-loaded by the same INSERT (the comparison is the upsert batches);
    // write: Rockling's tables are preloaded through writeRows (the load path itself).
    preload: { type: 'string', default: 'plain' },
  },
});
const ROWS = Number(values.rows);
const BATCHES = Number(values.batches);
const BATCH = Number(values.batch);
const SPACE = 2 * ROWS;

/** Distinct keys per batch: i·p + offset mod SPACE with p coprime to SPACE. */
function keyExpr(b: number): string {
  const p = 1_000_003;
  return `((i * ${p} + ${(b * 7_919_993) % SPACE}) % ${SPACE})::BIGINT`;
}

function pkSource(b: number, from: number, to: number): string {
  return `SELECT ${keyExpr(b)} AS k, i + ${b} AS v1, 'name-' || (i % 977) AS v2, i * 0.5 AS v3 FROM range(${from}, ${to}) t(i)`;
}

function aggSource(b: number, from: number, to: number): string {
  return `SELECT ${keyExpr(b)} AS k, (i % 3)::INTEGER AS g, i % 100 AS s, 1 AS c, (i % 1000)::INTEGER AS m FROM range(${from}, ${to}) t(i)`;
}

interface Figures {
  readonly rockMs: number[];
  readonly duckMs: number[];
}

/**
 * One timed write in its own transaction. A CHECKPOINT runs first (untimed): DuckDB checkpoints
 * automatically at the commit that crosses the WAL limit, and that multi-second cost would land
 * on whichever side happened to commit then.
 */
async function timedTx(
  db: Awaited<ReturnType<typeof openDatabase>>,
  fn: (tx: EngineConnection) => Promise<unknown>,
): Promise<number> {
  await db.engine.execute('CHECKPOINT');
  const t0 = performance.now();
  await db.engine.transaction(fn);
  return performance.now() - t0;
}

function medianRowsPerSec(ms: readonly number[]): number {
  const sorted = [...ms].sort((a, b) => a - b);
  const mid = sorted[Math.floor(sorted.length / 2)] ?? 1;
  return BATCH / (mid / 1000);
}

function rowsPerSec(ms: readonly number[]): number {
  const total = ms.reduce((a, b) => a + b, 0);
  return (ms.length * BATCH) / (total / 1000);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rockling-bench-models-'));
  const db = await openDatabase({ dataDir: dir });
  try {
    const session = await db.openInternalSession(null);
    const run = async (sql: string): Promise<void> => {
      for await (const r of session.query(sql))
        if (r.kind === 'rows') for await (const _ of r.batches) void _;
    };
    await run('CREATE DATABASE bm');
    await run(
      'CREATE TABLE bm.pk (k BIGINT NOT NULL, v1 BIGINT, v2 VARCHAR(32), v3 DOUBLE) PRIMARY KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 8',
    );
    await run(
      'CREATE TABLE bm.agg (k BIGINT NOT NULL, g INT NOT NULL, s BIGINT SUM, c BIGINT SUM, m INT MAX) AGGREGATE KEY(k, g) DISTRIBUTED BY HASH(k) BUCKETS 8',
    );
    const pk = db.catalog.getEntry(DEFAULT_CATALOG, 'bm', 'pk');
    const agg = db.catalog.getEntry(DEFAULT_CATALOG, 'bm', 'agg');
    if (pk === null || agg === null) throw new Error('tables missing');
    const pkStore = pk.storage;
    const aggStore = agg.storage;
    if (pkStore === undefined || aggStore === undefined) throw new Error('no storage');
    await db.engine.execute('CREATE SCHEMA duck');
    await db.engine.execute('CREATE TABLE duck.pk (k BIGINT PRIMARY KEY, v1 BIGINT, v2 VARCHAR, v3 DOUBLE)');
    await db.engine.execute(
      'CREATE TABLE duck.agg (k BIGINT NOT NULL, g INTEGER NOT NULL, s BIGINT, c BIGINT, m INTEGER, PRIMARY KEY (k, g))',
    );
    const progress = new Progress('preload', ROWS);
    const CHUNK = 500_000;
    for (let from = 0; from < ROWS; from += CHUNK) {
      const to = Math.min(ROWS, from + CHUNK);
      // Preload keys 0..ROWS-1 exactly (offset 0, step 1) so the tables start identical.
      const src = `SELECT i::BIGINT AS k, i AS v1, 'name-' || (i % 977) AS v2, i * 0.5 AS v3 FROM range(${from}, ${to}) t(i)`;
      const asrc = `SELECT i::BIGINT AS k, (i % 3)::INTEGER AS g, i % 100 AS s, 1 AS c, (i % 1000)::INTEGER AS m FROM range(${from}, ${to}) t(i)`;
      if (values.preload === 'write') {
        await db.engine.transaction((tx) => writeRows(tx, pk, src));
        await db.engine.transaction((tx) => writeRows(tx, agg, asrc));
      } else {
        await db.engine.execute(`INSERT INTO "${pkStore.schema}"."${pkStore.table}" ${src}`);
        await db.engine.execute(`INSERT INTO "${aggStore.schema}"."${aggStore.table}" ${asrc}`);
      }
      await db.engine.execute(`INSERT INTO duck.pk ${src}`);
      await db.engine.execute(`INSERT INTO duck.agg ${asrc}`);
      progress.tick(to - from);
    }
    progress.finish();
    const pkFig: Figures = { rockMs: [], duckMs: [] };
    const aggFig: Figures = { rockMs: [], duckMs: [] };
    const bars = new Progress('batches', BATCHES);
    for (let b = 1; b <= BATCHES; b++) {
      const from = b * BATCH;
      const to = from + BATCH;
      const rock = (): Promise<number> => timedTx(db, (tx) => writeRows(tx, pk, pkSource(b, from, to)));
      const duck = (): Promise<number> =>
        timedTx(db, (tx) => tx.execute(`INSERT OR REPLACE INTO duck.pk ${pkSource(b, from, to)}`));
      const rockAgg = (): Promise<number> => timedTx(db, (tx) => writeRows(tx, agg, aggSource(b, from, to)));
      const duckAgg = (): Promise<number> =>
        timedTx(db, (tx) =>
          tx.execute(
            `INSERT INTO duck.agg ${aggSource(b, from, to)} ON CONFLICT DO UPDATE SET s = s + excluded.s, c = c + excluded.c, m = greatest(m, excluded.m)`,
          ),
        );
      // Alternate which side goes first so caches and checkpoints favour neither.
      if (b % 2 === 0) {
        pkFig.rockMs.push(await rock());
        pkFig.duckMs.push(await duck());
        aggFig.rockMs.push(await rockAgg());
        aggFig.duckMs.push(await duckAgg());
      } else {
        pkFig.duckMs.push(await duck());
        pkFig.rockMs.push(await rock());
        aggFig.duckMs.push(await duckAgg());
        aggFig.rockMs.push(await rockAgg());
      }
      if (process.env.BENCH_VERBOSE === '1') {
        const last = (a: number[]): string => (a[a.length - 1] ?? 0).toFixed(0);
        console.error(
          `batch ${b}: pk ${last(pkFig.rockMs)} vs ${last(pkFig.duckMs)} ms, agg ${last(aggFig.rockMs)} vs ${last(aggFig.duckMs)} ms`,
        );
      }
      bars.tick();
    }
    bars.finish();
    // Same data on both sides: the results must agree.
    const check = async (a: string, b: string): Promise<void> => {
      const x = (await db.engine.queryAll(a)).rows[0];
      const y = (await db.engine.queryAll(b)).rows[0];
      if (
        JSON.stringify(x, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) !==
        JSON.stringify(y, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))
      )
        throw new Error(`results differ: ${String(x)} vs ${String(y)}`);
    };
    const store = pk.storage;
    const astore = agg.storage;
    if (store === undefined || astore === undefined) throw new Error('no storage');
    await check(
      `SELECT count(*), sum(v1), sum(hash(v2) % 1000) FROM "${store.schema}"."${store.table}"`,
      'SELECT count(*), sum(v1), sum(hash(v2) % 1000) FROM duck.pk',
    );
    await check(
      `SELECT count(*), sum(s), sum(c), sum(m) FROM "${astore.schema}"."${astore.table}"`,
      'SELECT count(*), sum(s), sum(c), sum(m) FROM duck.agg',
    );
    report(pkFig, aggFig, describeMachine());
    await session.close();
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(pkFig: Figures, aggFig: Figures, machine: ReturnType<typeof describeMachine>): void {
  const rows = [
    ['PRIMARY KEY upsert (total)', rowsPerSec(pkFig.rockMs), rowsPerSec(pkFig.duckMs)],
    ['PRIMARY KEY upsert (median batch)', medianRowsPerSec(pkFig.rockMs), medianRowsPerSec(pkFig.duckMs)],
    ['AGGREGATE SUM merge (total)', rowsPerSec(aggFig.rockMs), rowsPerSec(aggFig.duckMs)],
    ['AGGREGATE SUM merge (median batch)', medianRowsPerSec(aggFig.rockMs), medianRowsPerSec(aggFig.duckMs)],
  ] as const;
  const lines = [
    `# Table-model write throughput (${new Date().toISOString()})`,
    '',
    `${machineSummary(machine)}`,
    '',
    `Table preloaded with ${ROWS.toLocaleString('en')} rows (${values.preload === 'write' ? 'Rockling side through writeRows' : 'both sides by the same plain INSERT'}); ${BATCHES} batches of ${BATCH.toLocaleString('en')} distinct keys from [0, ${SPACE.toLocaleString('en')}), one transaction each, after an untimed CHECKPOINT. Results verified equal on both sides.`,
    '',
    '| workload | Rockling writeRows (rows/s) | DuckDB direct (rows/s) | ratio |',
    '| --- | ---: | ---: | ---: |',
    ...rows.map(
      ([name, r, d]) =>
        `| ${name} | ${Math.round(r).toLocaleString('en')} | ${Math.round(d).toLocaleString('en')} | ${(r / d).toFixed(2)}× |`,
    ),
  ];
  const text = lines.join('\n');
  console.log(text);
  mkdirSync(join(values.out ?? '.', '..'), { recursive: true });
  writeFileSync(`${values.out}.md`, `${text}\n`);
  writeFileSync(
    `${values.out}.svg`,
    barChartSvg(
      rows.map(([name, r, d]) => ({ label: name, value: r / d })),
      { title: 'Rockling / DuckDB write throughput', unit: '×', reference: 1, referenceLabel: 'DuckDB' },
    ),
  );
}

await main();
