/**
 * The server-side write stage alone, against DuckDB on the same engine: the plan's guarded
 * INSERT over a raw spill file (VARCHAR read + StarRocks load conversions + checks) vs
 * `INSERT … SELECT FROM read_csv` with typed columns, same file, same DuckDB instance,
 * alternating, fresh tables each round. Separates the SQL cost from the HTTP upload, which on a
 * 2-core machine competes with DuckDB for the same CPUs. Usage:
 *   node --import tsx bench/load/sql-stage.ts [--mb 200] [--rounds 5]
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from '../common/index.js';
import { bodyRelation } from '../../src/load/execute.js';
import { buildPlan } from '../../src/load/plan.js';
import { parseLoadOptions } from '../../src/load/options.js';
import { RejectLog } from '../../src/load/body/rows.js';
import { writeRows } from '../../src/load/write.js';
import { openDatabase } from '../../src/session/database.js';

const argv = process.argv.slice(2);
const opt = (name: string, fallback: number): number => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const mb = opt('mb', 200);
const rounds = opt('rounds', 5);
const dir = mkdtempSync(join(tmpdir(), 'rockling-bench-sql-'));
const db = await openDatabase({ dataDir: dir });
try {
  const session = await db.openInternalSession();
  const sql = async (t: string): Promise<void> => {
    for await (const r of session.query(t)) void r;
  };
  const file = `${db.engine.fileArea}bench.tsv`;
  const out = createWriteStream(file);
  let bytes = 0;
  for (let i = 0; bytes < mb * 1e6; i++) {
    const d = new Date(Date.UTC(2020, 0, 1) + (i % 1500) * 86400000).toISOString().slice(0, 10);
    const line = `${i}\t${i % 1000}\tname_${i % 9973}_abcdefgh\t${(i * 0.37).toFixed(2)}\t${d}\t${d} 12:00:00\t${i % 7 === 0 ? '\\N' : `city${i % 300}`}\t${(i * 13) % 100000}\n`;
    bytes += line.length;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
  await sql('CREATE DATABASE b');
  const cols =
    'id BIGINT NOT NULL, k INT, name VARCHAR(64), amount DECIMAL(12,2), d DATE, ts DATETIME, city VARCHAR(32), v BIGINT';
  const typed =
    "{'id':'BIGINT','k':'INTEGER','name':'VARCHAR','amount':'DECIMAL(12,2)','d':'DATE','ts':'TIMESTAMP','city':'VARCHAR','v':'BIGINT'}";
  const ours: number[] = [];
  const base: number[] = [];
  for (let r = 0; r < rounds; r++) {
    await sql(`CREATE TABLE b.x${r} (${cols}) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)`);
    await sql(`CREATE TABLE b.y${r} (${cols}) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)`);
    const x = db.catalog.getEntry('default_catalog', 'b', `x${r}`);
    const y = db.catalog.getEntry('default_catalog', 'b', `y${r}`);
    if (x === null || y?.storage === undefined) throw new Error('tables missing');
    const options = parseLoadOptions({});
    const plan = buildPlan({
      table: x,
      dbName: 'b',
      options,
      catalog: db.catalog,
      user: 'root',
      viewName: `v${r}`,
    });
    const body = {
      mode: 'direct' as const,
      path: file,
      total: null,
      skip: 0,
      rejects: new RejectLog(),
      bytes: 0,
      receiveMs: 0,
    };
    let t0 = performance.now();
    await db.engine.transaction(async (c) => {
      await c.execute(plan.createViewSql(bodyRelation(body, plan, options)));
      await writeRows(c, x, plan.guardedRowsSql);
    });
    ours.push(performance.now() - t0);
    const st = y.storage;
    t0 = performance.now();
    await db.engine.transaction((c) =>
      c.execute(
        `INSERT INTO "${st.schema}"."${st.table}" SELECT * FROM read_csv('${file}', delim='\t', header=false, quote='', escape='', nullstr='\\N', auto_detect=false, columns=${typed})`,
      ),
    );
    base.push(performance.now() - t0);
    process.stderr.write(
      `round ${r + 1}: rockling ${ours.at(-1)?.toFixed(0)} ms, duckdb ${base.at(-1)?.toFixed(0)} ms\n`,
    );
  }
  const o = median(ours);
  const b = median(base);
  process.stdout.write(
    `write stage, ${(bytes / 1e6).toFixed(0)} MB: Rockling ${o.toFixed(0)} ms (${(bytes / 1e3 / o).toFixed(1)} MB/s), ` +
      `DuckDB read_csv ${b.toFixed(0)} ms (${(bytes / 1e3 / b).toFixed(1)} MB/s), ratio ${(b / o).toFixed(2)}×\n`,
  );
  await session.close();
} finally {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
}
