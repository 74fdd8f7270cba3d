/**
 * The differential run of issue #3: ≥ 10,000 generated queries (expressions, joins, aggregates,
 * windows, set operations, subqueries over random data with NULLs) through Rockling — the
 * compiler directly and the in-process API end to end — against the TypeScript oracle or DuckDB.
 *
 *   node --import tsx bench/differential/main.ts [--seeds 1,2,3,4,5] [--queries 2000] [--json out.json]
 *
 * Prints counts (generated, compiled, matched, mismatched by category, explained differences)
 * and every failure with its seed and index (replay: test/differential/replay.ts <seed> <index>).
 * Exits non-zero when a query mismatches or errors.
 */
import { writeFileSync } from 'node:fs';
import { DifferentialRunner, emptyTally, record, type Tally } from '../../test/differential/runner.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const seeds = arg('seeds', '1,2,3,4,5').split(',').map(Number);
const perSeed = Number(arg('queries', '2000'));
const jsonOut = arg('json', '');
const tally: Tally = emptyTally();
const started = performance.now();

for (const seed of seeds) {
  const runner = await DifferentialRunner.create(seed);
  try {
    for (let i = 0; i < perSeed; i++) {
      record(tally, await runner.run(i));
      if ((i + 1) % 500 === 0) {
        const s = ((performance.now() - started) / 1000).toFixed(1);
        process.stderr.write(
          `seed ${seed}: ${i + 1}/${perSeed} (${tally.generated} total, ${tally.mismatched + tally.errors} failing, ${s} s)\n`,
        );
      }
    }
  } finally {
    await runner.close();
  }
}

const secs = (performance.now() - started) / 1000;
const pad = (s: string | number, n: number): string => String(s).padStart(n);
console.log(`differential: seeds ${seeds.join(',')} × ${perSeed} queries in ${secs.toFixed(1)} s`);
console.log(
  `generated ${tally.generated}  compiled ${tally.compiled}  matched ${tally.matched}  explained ${tally.explained}  mismatched ${tally.mismatched}  errors ${tally.errors}`,
);
console.log('');
console.log(
  `${'category'.padEnd(22)}${pad('match', 8)}${pad('explained', 11)}${pad('mismatch', 10)}${pad('compile-err', 13)}${pad('run-err', 9)}`,
);
for (const [cat, c] of Object.entries(tally.byCategory).sort()) {
  console.log(
    `${cat.padEnd(22)}${pad(c.match, 8)}${pad(c.explained, 11)}${pad(c.mismatch, 10)}${pad(c['compile-error'], 13)}${pad(c['run-error'], 9)}`,
  );
}
if (Object.keys(tally.explanations).length > 0) {
  console.log('\nexplained differences (docs/differences.md):');
  for (const [title, n] of Object.entries(tally.explanations).sort((a, b) => b[1] - a[1]))
    console.log(`${pad(n, 7)}  ${title}`);
}
if (tally.failures.length > 0) {
  console.log('\nfailures:');
  for (const f of tally.failures.slice(0, 50)) {
    console.log(
      `  seed ${f.seed} #${f.index} [${f.query.category}] ${f.verdict} (${f.path ?? ''}): ${f.detail}\n    ${f.query.sql}`,
    );
  }
}
if (jsonOut !== '') {
  const { failures, ...counts } = tally;
  writeFileSync(
    jsonOut,
    JSON.stringify(
      {
        seeds,
        perSeed,
        seconds: secs,
        ...counts,
        failures: failures.map((f) => ({
          seed: f.seed,
          index: f.index,
          category: f.query.category,
          verdict: f.verdict,
          detail: f.detail,
          sql: f.query.sql,
        })),
      },
      null,
      2,
    ),
  );
}
process.exitCode = tally.mismatched + tally.errors > 0 ? 1 : 0;
