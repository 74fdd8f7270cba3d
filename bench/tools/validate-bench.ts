/**
 * Validate at scale against a throwaway MariaDB: N-row orders tables (default 10 M), first equal
 * (with logically-equal type differences), then with every planted difference kind. Prints time,
 * peak RSS of this process, and whether exactly the planted keys were reported.
 *   node --import tsx bench/tools/validate-bench.ts [rows=10000000]
 */
import { createConnection } from 'mysql2/promise';
import { startMariaDb } from '../../src/testing/index.js';
import { parseTarget } from '../../src/tools/common/index.js';
import { validate, type ValidateOptions } from '../../src/tools/validate/validate.js';
import { createOrders, plantDifferences } from '../../test/tools/fixtures/orders.js';

const rows = Number(process.argv[2] ?? 10_000_000);
const db = await startMariaDb({ bufferPool: rows > 2_000_000 ? '3G' : '512M' });
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
try {
  const conn = await createConnection({ host: db.host, port: db.port, user: 'root' });
  let t = Date.now();
  await createOrders(conn, rows);
  console.log(`load ${rows} rows ×2: ${((Date.now() - t) / 1000).toFixed(1)}s`);
  const opts: ValidateOptions = {
    source: parseTarget(`${db.url}/src`),
    target: parseTarget(`${db.url}/tgt`),
    table: 'orders',
    key: 'id',
    ignoreColumns: [],
    fanout: 32,
    threshold: 16384,
    floatTolerance: 0,
    maxReport: 1000,
    aggregates: true,
    pair: {},
    onProgress: (m) => console.log(`  … ${m}`),
  };
  t = Date.now();
  const equal = await validate(opts);
  console.log(`equal tables: equal=${equal.equal} in ${((Date.now() - t) / 1000).toFixed(1)}s`);
  const planted = await plantDifferences(conn, rows);
  await conn.end();
  peakRss = 0;
  t = Date.now();
  const diff = await validate(opts);
  const secs = (Date.now() - t) / 1000;
  const found = diff.rowDiffs.map((d) => `${d.kind}:${d.key}`).sort();
  const want = planted.map((p) => `${p.kind}:${p.key}`).sort();
  console.log(
    `planted differences: equal=${diff.equal} in ${secs.toFixed(1)}s, found ${found.length}, expected ${want.length}`,
  );
  console.log(`  exact match: ${JSON.stringify(found) === JSON.stringify(want)}`);
  console.log(`  found: ${found.join(' ')}`);
  console.log(`  bisection: ${JSON.stringify(diff.bisect)}`);
  console.log(
    `  aggregates differing: ${diff.aggregateDiffs.map((a) => `${a.column}.${a.aggregate}`).join(', ')}`,
  );
  console.log(`peak RSS of the validating process: ${(peakRss / 2 ** 20).toFixed(0)} MiB`);
} finally {
  clearInterval(sampler);
  await db.stop();
}
