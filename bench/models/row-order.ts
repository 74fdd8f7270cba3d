/**
 * Why upserts into a PRIMARY KEY table filled through the writer were ~10x slower (0.07x DuckDB):
 * raw DuckDB SQL, no Rockling writer. Two tables with the same rows and a UNIQUE index on the key,
 * appended in 500k-row chunks — one in key order, one scrambled within each chunk (ORDER BY
 * hash(k)) — then 10k-row `INSERT … ON CONFLICT DO UPDATE` batches (half new keys) after an untimed
 * CHECKPOINT, alternating between the tables. `--index after` builds the index in bulk after the
 * load (separates the ART's construction order from the rows' physical order).
 *   nice -n 10 node --import tsx bench/models/row-order.ts [--rows 10000000] [--index with|after]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../src/session/database.js';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '10000000' }, index: { type: 'string', default: 'after' } },
});
const ROWS = Number(values.rows);
const SPACE = 2 * ROWS;
const CHUNK = 500_000;
const dir = mkdtempSync(join(tmpdir(), 'rockling-row-order-'));
const db = await openDatabase({ dataDir: dir });
const run = (sql: string): Promise<number> => db.engine.execute(sql);
const src = (from: number, to: number): string =>
  `SELECT i::BIGINT AS k, i AS v1, 'name-' || (i % 977) AS v2, i * 0.5 AS v3 FROM range(${from}, ${to}) t(i)`;
try {
  await run('CREATE SCHEMA ro');
  for (const t of ['ordered', 'scrambled']) {
    await run(`CREATE TABLE ro.${t} (k BIGINT NOT NULL, v1 BIGINT, v2 VARCHAR, v3 DOUBLE)`);
    if (values.index === 'with') await run(`CREATE UNIQUE INDEX ${t}_k ON ro.${t} (k)`);
  }
  for (let f = 0; f < ROWS; f += CHUNK) {
    await run(`INSERT INTO ro.ordered ${src(f, f + CHUNK)}`);
    await run(`INSERT INTO ro.scrambled SELECT * FROM (${src(f, f + CHUNK)}) ORDER BY hash(k)`);
    process.stderr.write(`\rpreload ${Math.min(ROWS, f + CHUNK)}/${ROWS}`);
  }
  process.stderr.write('\n');
  if (values.index === 'after')
    for (const t of ['ordered', 'scrambled']) await run(`CREATE UNIQUE INDEX ${t}_k ON ro.${t} (k)`);
  const ms: Record<string, number[]> = { ordered: [], scrambled: [] };
  for (let b = 1; b <= 6; b++) {
    for (const t of b % 2 === 1 ? ['ordered', 'scrambled'] : ['scrambled', 'ordered']) {
      await run('CHECKPOINT');
      const t0 = performance.now();
      await db.engine.transaction((tx) =>
        tx.execute(
          `INSERT INTO ro.${t} SELECT ((i * 1000003 + ${(b * 7_919_993) % SPACE}) % ${SPACE})::BIGINT, i + ${b}, 'n' || (i % 977), i * 0.5
           FROM range(0, 10000) r(i) ON CONFLICT (k) DO UPDATE SET v1 = excluded.v1, v2 = excluded.v2, v3 = excluded.v3`,
        ),
      );
      ms[t]?.push(performance.now() - t0);
    }
  }
  for (const [t, xs] of Object.entries(ms))
    process.stdout.write(`${t}: 10k-row upserts ${xs.map((x) => x.toFixed(0)).join(', ')} ms\n`);
} finally {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
}
