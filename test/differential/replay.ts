/**
 * Replay queries of a seed and print each one's SQL, reference, verdict and compiled DuckDB SQL.
 *   node --import tsx test/differential/replay.ts <seed> <index>[-<end>] [--failures]
 */
import { DifferentialRunner } from './runner.js';

const [seedArg = '1', range = '0', flag] = process.argv.slice(2);
const [from, to] = range.split('-').map(Number) as [number, number | undefined];
const runner = await DifferentialRunner.create(Number(seedArg));
try {
  for (let i = from; i <= (to ?? from); i++) {
    const o = await runner.run(i);
    if (flag === '--failures' && (o.verdict === 'match' || o.verdict === 'explained')) continue;
    console.log(`#${i} [${o.query.category}] ${o.verdict}${o.path ? ` (${o.path})` : ''}`);
    console.log(`  sql:  ${o.query.sql}`);
    if (o.query.duckSql) console.log(`  ref:  ${o.query.duckSql}`);
    if (o.detail) console.log(`  why:  ${o.detail}`);
    if (o.verdict === 'explained') console.log(`  diff: ${await runner.rawDiff(i)}`);
    if (o.verdict === 'mismatch')
      console.log(`  duck: ${await runner.compiledSql(o.query.sql).catch((e: unknown) => String(e))}`);
  }
} finally {
  await runner.close();
}
