/**
 * Routine Load throughput and freshness on the kcat mock cluster, in process:
 *  1. backlog: N JSON messages already in a 4-partition topic → rows/s until all are visible,
 *     for a DUPLICATE KEY and a PRIMARY KEY table; DuckDB reading the same rows from an NDJSON
 *     file with read_json is the baseline;
 *  2. steady stream: a producer at R messages/s for S seconds with max_batch_interval at its
 *     minimum (5); produce→visible latency of marker messages (P50/P99) and the job's offset lag
 *     sampled every 250 ms (SVG chart next to the JSON report).
 * Usage: node --import tsx bench/routine-load/throughput.ts [N=100000] [R=2000] [S=10] [outDir=bench/results]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { offsetLag } from '../../src/load/routine/index.js';
import { openDatabase } from '../../src/session/database.js';
import { startKafkaMock, type KafkaMock } from '../../src/testing/index.js';

const [n = 100_000, rate = 2000, seconds = 10] = process.argv.slice(2, 5).map(Number);
const outDir = process.argv[5] ?? 'bench/results';
const log = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);

type Db = Awaited<ReturnType<typeof openDatabase>>;
let polls = 0;

async function sql(db: Db, text: string): Promise<unknown[][]> {
  const s = await db.openInternalSession();
  try {
    const out: unknown[][] = [];
    for await (const r of s.query(text)) {
      if (r.kind !== 'rows') continue;
      for await (const b of r.batches) for (const row of b) out.push([...row]);
    }
    return out;
  } finally {
    await s.close();
  }
}

/** count(*) with a fresh text per call (the engine's prepared-plan cache can answer stale counts). */
async function count(db: Db, table: string): Promise<number> {
  return Number((await sql(db, `SELECT count(*), ${++polls} FROM ${table}`))[0]?.[0]);
}

function message(i: number): string {
  return `{"k": ${i}, "v": "value-${i}", "ts": ${Date.now()}}`;
}

async function produceBacklog(mock: KafkaMock, topic: string): Promise<number> {
  const started = Date.now();
  const producer = mock.openProducer(topic);
  for (let i = 0; i < n; i++) producer.write(message(i));
  await producer.end();
  return Date.now() - started;
}

function job(name: string, table: string, topic: string, bootstrap: string, interval = 10): string {
  return `CREATE ROUTINE LOAD bench.${name} ON ${table}
    PROPERTIES ("format" = "json", "desired_concurrent_number" = "4", "max_batch_interval" = "${interval}")
    FROM KAFKA ("kafka_broker_list" = "${bootstrap}", "kafka_topic" = "${topic}",
      "property.kafka_default_offsets" = "OFFSET_BEGINNING")`;
}

async function backlog(db: Db, mock: KafkaMock, model: 'DUPLICATE' | 'PRIMARY') {
  const table = `t_${model.toLowerCase()}`;
  const topic = `backlog_${model.toLowerCase()}`;
  const produceMs = await produceBacklog(mock, topic);
  log(`${model}: produced ${n} messages in ${produceMs} ms`);
  await sql(
    db,
    `CREATE TABLE bench.${table} (k BIGINT, v VARCHAR(32), ts BIGINT) ${model} KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 4`,
  );
  const started = Date.now();
  await sql(db, job(`job_${table}`, table, topic, mock.bootstrap));
  let rows = 0;
  while (rows < n) {
    await new Promise((r) => setTimeout(r, 200));
    rows = await count(db, `bench.${table}`);
  }
  const ms = Date.now() - started;
  log(`${model}: ${n} rows visible after ${ms} ms (${Math.round((n / ms) * 1000)} rows/s)`);
  await sql(db, `STOP ROUTINE LOAD FOR bench.job_${table}`);
  return { model, messages: n, produceMs, loadMs: ms, rowsPerSecond: Math.round((n / ms) * 1000) };
}

async function duckdbBaseline(db: Db) {
  // The engine only reads files inside its own file area.
  const file = `${db.engine.fileArea}bench_rows.ndjson`;
  writeFileSync(file, Array.from({ length: n }, (_, i) => message(i)).join('\n'));
  const started = Date.now();
  await db.engine.execute(
    `CREATE TABLE baseline AS SELECT * FROM read_json('${file}', format = 'newline_delimited', columns = {k: 'BIGINT', v: 'VARCHAR', ts: 'BIGINT'})`,
  );
  const ms = Date.now() - started;
  rmSync(file, { force: true });
  log(`DuckDB read_json: ${n} rows in ${ms} ms`);
  return { loadMs: ms, rowsPerSecond: Math.round((n / ms) * 1000) };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function steady(db: Db, mock: KafkaMock) {
  await sql(
    db,
    `CREATE TABLE bench.stream (k BIGINT, v VARCHAR(32), ts BIGINT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 4`,
  );
  await mock.createTopic('stream');
  log('steady: topic created');
  await sql(db, job('job_stream', 'stream', 'stream', mock.bootstrap, 5));
  log('steady: job created');
  const producer = mock.openProducer('stream');
  const { manager } = await db.routine.get();
  const lag: Array<[number, number]> = [];
  const markers = new Map<number, number>();
  const latencies: number[] = [];
  const started = Date.now();
  let sent = 0;
  let lastMarker = 0;
  const sampler = setInterval(() => {
    const j = manager.list({ name: 'job_stream' })[0];
    if (j) lag.push([Date.now() - started, offsetLag(j).total]);
  }, 250);
  while (Date.now() - started < seconds * 1000) {
    const due = Math.floor(((Date.now() - started) / 1000) * rate);
    for (; sent < due; sent++) producer.write(message(sent));
    if (sent > 0 && Date.now() - lastMarker >= 100) {
      lastMarker = Date.now();
      markers.set(sent - 1, lastMarker);
    }
    await new Promise((r) => setTimeout(r, 20));
    if (markers.size === 0) continue;
    const visible = await sql(
      db,
      `SELECT k, ${++polls} FROM bench.stream WHERE k IN (${[...markers.keys()].join(',')})`,
    );
    for (const [k] of visible) {
      const at = markers.get(Number(k));
      if (at !== undefined) latencies.push(Date.now() - at);
      markers.delete(Number(k));
    }
  }
  log(`steady: produced ${sent} messages; waiting for delivery`);
  await producer.end();
  clearInterval(sampler);
  log('steady: delivered; waiting until all are visible');
  latencies.sort((a, b) => a - b);
  const total = sent;
  const deadline = Date.now() + 60_000;
  while ((await count(db, 'bench.stream')) < total) {
    if (Date.now() > deadline)
      throw new Error(`stream not caught up: ${JSON.stringify(manager.list({ name: 'job_stream' })[0])}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  log(
    `steady: ${total} messages at ${rate}/s, latency P50 ${percentile(latencies, 50)} ms P99 ${percentile(latencies, 99)} ms`,
  );
  return {
    rate,
    seconds,
    messages: total,
    markers: latencies.length,
    latencyP50Ms: percentile(latencies, 50),
    latencyP99Ms: percentile(latencies, 99),
    maxLag: Math.max(...lag.map(([, l]) => l)),
    lag,
  };
}

function lagSvg(lag: Array<[number, number]>, title: string): string {
  const w = 640;
  const h = 240;
  const maxT = Math.max(1, ...lag.map(([t]) => t));
  const maxL = Math.max(1, ...lag.map(([, l]) => l));
  const pts = lag.map(
    ([t, l]) => `${(40 + (t / maxT) * (w - 60)).toFixed(1)},${(h - 30 - (l / maxL) * (h - 60)).toFixed(1)}`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif" font-size="11">
<text x="${w / 2}" y="16" text-anchor="middle">${title}</text>
<line x1="40" y1="${h - 30}" x2="${w - 20}" y2="${h - 30}" stroke="#333"/><line x1="40" y1="30" x2="40" y2="${h - 30}" stroke="#333"/>
<text x="36" y="34" text-anchor="end">${maxL}</text><text x="36" y="${h - 30}" text-anchor="end">0</text>
<text x="${w - 20}" y="${h - 12}" text-anchor="end">${(maxT / 1000).toFixed(1)} s</text><text x="40" y="${h - 12}">0 s</text>
<polyline fill="none" stroke="#1f77b4" stroke-width="1.5" points="${pts.join(' ')}"/>
<text x="44" y="44" fill="#1f77b4">offset lag (messages)</text></svg>\n`;
}

const dir = mkdtempSync(join(tmpdir(), 'rockling-rl-bench-'));
const mock = await startKafkaMock();
const db = await openDatabase({ dataDir: dir, routineLoad: { runner: { pollMs: 100 } } });
try {
  await sql(db, 'CREATE DATABASE bench');
  const duplicate = await backlog(db, mock, 'DUPLICATE');
  const primary = await backlog(db, mock, 'PRIMARY');
  const baseline = await duckdbBaseline(db);
  const stream = await steady(db, mock);
  const stamp = new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-');
  mkdirSync(outDir, { recursive: true });
  const report = {
    when: new Date().toISOString(),
    messages: n,
    duplicate,
    primary,
    duckdbReadJson: baseline,
    stream,
  };
  writeFileSync(join(outDir, `routine-load-${stamp}.json`), JSON.stringify(report, null, 1));
  writeFileSync(
    join(outDir, `routine-load-lag-${stamp}.svg`),
    lagSvg(stream.lag, `Routine Load offset lag, ${rate} msg/s, max_batch_interval 5`),
  );
  console.log(
    JSON.stringify({ ...report, stream: { ...stream, lag: `${stream.lag.length} samples` } }, null, 1),
  );
} finally {
  await db.close();
  await mock.stop();
  rmSync(dir, { recursive: true, force: true });
}
