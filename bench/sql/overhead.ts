/**
 * Overhead benchmark: typical analytic queries on ~10 M generated rows, run through Rockling's
 * in-process API (parse → analyze → plan → generate → DuckDB → typed Values) and by DuckDB
 * directly executing the very SQL Rockling generated, on the same DuckDB instance and data, in
 * one run. Prints per-query medians, the ratio Rockling/DuckDB and the geomean (target ≤ 1.10×),
 * plus the median compile time (parse + analyze + generate, target ≤ 1 ms).
 *
 * The DuckDB side reaches the engine's instance through a private field: bench/ may use DuckDB
 * directly (it is the baseline), and sharing the instance means same settings, data and caches.
 *
 * Usage: node --import tsx bench/sql/overhead.ts [--rows 10000000] [--runs 5] [--no-write]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { CompileContext } from '../../src/analyzer/index.js';
import { compileQuery } from '../../src/codegen/index.js';
import { open } from '../../src/index.js';
import { parseQuery } from '../../src/sql/index.js';
import { barChartSvg, describeMachine, geomean, machineSummary, median } from '../common/index.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000000' },
    runs: { type: 'string', default: '5' },
    'no-write': { type: 'boolean', default: false },
  },
});
const ROWS = Number(values.rows);
const RUNS = Number(values.runs);

/** Typical dashboard / BI shapes: scans with filters, group-bys, a join, distinct counts, windows. */
const QUERIES: readonly (readonly [string, string])[] = [
  ['q1 full aggregate', 'SELECT count(*), sum(price), avg(discount), max(qty) FROM f'],
  ['q2 group by status', 'SELECT status, count(*), sum(price) FROM f GROUP BY status ORDER BY status'],
  [
    'q3 filtered daily sums',
    "SELECT d, sum(qty), sum(price) FROM f WHERE d >= '2024-06-01' AND d < '2024-09-01' GROUP BY d ORDER BY d",
  ],
  [
    'q4 join + top categories',
    'SELECT p.category, sum(f.price * f.qty) AS revenue FROM f JOIN p ON f.prod = p.id GROUP BY p.category ORDER BY revenue DESC LIMIT 10',
  ],
  [
    'q5 count distinct per customer',
    'SELECT cust, count(DISTINCT prod) AS n FROM f WHERE cust < 20000 GROUP BY cust ORDER BY n DESC, cust LIMIT 10',
  ],
  [
    'q6 monthly (DATE_FORMAT)',
    "SELECT date_format(d, '%Y-%m') AS m, count(*), sum(price) FROM f GROUP BY date_format(d, '%Y-%m') ORDER BY m",
  ],
  [
    'q7 window over aggregate',
    'SELECT prod, sum(price) AS s, rank() OVER (ORDER BY sum(price) DESC) AS r FROM f GROUP BY prod ORDER BY r, prod LIMIT 10',
  ],
  [
    'q8 selective filter',
    "SELECT count(*), sum(qty) FROM f WHERE status = 'shipped' AND discount BETWEEN 0.05 AND 0.07 AND qty < 10",
  ],
  [
    'q9 CASE + IF buckets',
    "SELECT CASE WHEN qty < 10 THEN 'small' WHEN qty < 40 THEN 'medium' ELSE 'large' END AS b, count(*), sum(if(discount > 0.05, price, 0)) FROM f GROUP BY b ORDER BY b",
  ],
  [
    'q10 last 90 days',
    "SELECT status, count(DISTINCT cust) FROM f WHERE d >= date_sub('2024-12-31', INTERVAL 90 DAY) GROUP BY status ORDER BY status",
  ],
];

interface Internals {
  compileContext(): { ctx: CompileContext };
  db: { engine: { instance: DuckDBInstance } };
}

function log(msg: string): void {
  process.stderr.write(`[overhead] ${msg}\n`);
}

const dir = mkdtempSync(join(tmpdir(), 'rockling-overhead-'));
const db = await open({ dataDir: dir });
let duck: DuckDBConnection | undefined;
try {
  const t0 = performance.now();
  log(`generating ${ROWS.toLocaleString()} rows through Rockling (INSERT … SELECT)…`);
  await db.query('CREATE DATABASE ov');
  await db.query(`CREATE TABLE ov.f (id BIGINT, cust INT, prod INT, d DATE, qty INT, price DECIMAL(12, 2),
    discount DOUBLE, status VARCHAR(16)) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 8`);
  await db.query(`CREATE TABLE ov.p (id INT, category VARCHAR(32), name VARCHAR(64))
    DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1`);
  await db.query(`INSERT INTO ov.p SELECT n, concat('cat_', n % 37), concat('product_', n)
    FROM TABLE(generate_series(0, 999)) AS g(n)`);
  const chunk = 2_000_000;
  for (let start = 0; start < ROWS; start += chunk) {
    const end = Math.min(ROWS, start + chunk) - 1;
    await db.query(`INSERT INTO ov.f SELECT n, (n * 7919) % 100000, (n * 104729) % 1000,
      date_add('2024-01-01', (n * 31) % 366), (n * 13) % 50 + 1, ((n * 17) % 100000) / 100.0,
      ((n * 11) % 100) / 1000.0,
      CASE n % 4 WHEN 0 THEN 'shipped' WHEN 1 THEN 'pending' WHEN 2 THEN 'returned' ELSE 'cancelled' END
      FROM TABLE(generate_series(${start}, ${end})) AS g(n)`);
    log(`  ${(end + 1).toLocaleString()} rows (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  const session = await db.session({ database: 'ov' });
  const internals = session.raw as unknown as Internals;
  duck = await internals.db.engine.instance.connect();

  const results = [];
  for (const [name, sql] of QUERIES) {
    const compileTimes: number[] = [];
    let generated = '';
    for (let i = 0; i < 200; i++) {
      const c0 = performance.now();
      generated = compileQuery(parseQuery(sql), internals.compileContext().ctx).sql;
      if (i >= 20) compileTimes.push(performance.now() - c0);
    }
    const rock: number[] = [];
    const direct: number[] = [];
    let rockRows = 0;
    let duckRows = 0;
    // Warm both once, then alternate so drift on a shared machine hits both sides alike.
    for (let r = 0; r <= RUNS; r++) {
      const a0 = performance.now();
      rockRows = (await session.query(sql)).rows.length;
      const a = performance.now() - a0;
      const b0 = performance.now();
      duckRows = (await duck.runAndReadAll(generated)).getRows().length;
      const b = performance.now() - b0;
      if (r > 0) {
        rock.push(a);
        direct.push(b);
      }
    }
    if (rockRows !== duckRows) throw new Error(`${name}: ${rockRows} rows vs ${duckRows}`);
    const row = {
      name,
      rows: rockRows,
      compileMs: median(compileTimes),
      rocklingMs: median(rock),
      duckdbMs: median(direct),
      ratio: median(rock) / median(direct),
    };
    results.push(row);
    log(
      `${name.padEnd(32)} rockling ${row.rocklingMs.toFixed(1).padStart(8)} ms  duckdb ${row.duckdbMs.toFixed(1).padStart(8)} ms  ×${row.ratio.toFixed(3)}  compile ${(row.compileMs * 1000).toFixed(0)} µs`,
    );
  }
  await session.close();
  const geo = geomean(results.map((r) => r.ratio));
  const compileMedian = median(results.map((r) => r.compileMs));
  const machine = describeMachine();
  const lines = [
    `# Rockling overhead vs DuckDB on the generated SQL, ${new Date().toISOString().slice(0, 10)}`,
    '',
    `${ROWS.toLocaleString()} rows, ${RUNS} timed runs per query (median), alternating sides; ${machineSummary(machine)}.`,
    'Rockling = in-process API (parse, analyze, plan, generate, execute, typed Values); DuckDB = the',
    'same generated SQL on the same DuckDB instance through @duckdb/node-api runAndReadAll + getRows.',
    '',
    '| query | rows | Rockling ms | DuckDB ms | ratio | compile µs |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.rows} | ${r.rocklingMs.toFixed(1)} | ${r.duckdbMs.toFixed(1)} | ${r.ratio.toFixed(3)} | ${(r.compileMs * 1000).toFixed(0)} |`,
    ),
    '',
    `Geomean ratio: **${geo.toFixed(3)}×** (target ≤ 1.10×). Median compile (parse+analyze+generate): **${(compileMedian * 1000).toFixed(0)} µs** (target ≤ 1 ms).`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
  if (!values['no-write']) {
    const base = join(
      import.meta.dirname,
      '..',
      'results',
      `overhead-${new Date().toISOString().slice(0, 10)}`,
    );
    writeFileSync(`${base}.md`, lines.join('\n') + '\n');
    writeFileSync(
      `${base}.json`,
      JSON.stringify({ rows: ROWS, runs: RUNS, machine, geomean: geo, results }, null, 1),
    );
    writeFileSync(
      `${base}.svg`,
      barChartSvg(
        results.map((r) => ({ label: r.name, value: r.ratio })),
        {
          title: 'Rockling / DuckDB time per query',
          unit: '×',
          reference: 1.1,
          referenceLabel: 'target 1.10×',
        },
      ),
    );
    log(`wrote ${base}.{md,json,svg}`);
  }
} finally {
  duck?.closeSync();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
}
