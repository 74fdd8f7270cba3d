/**
 * The differential test (CI sample): 2,000 generated queries through the compiler and the
 * in-process API, compared with the TypeScript oracle or DuckDB. A failure prints the seed and
 * query index; replay one with `node --import tsx test/differential/replay.ts <seed> <index>`.
 * DIFF_SEED / DIFF_QUERIES override the seed (default: a fixed one) and the sample size.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cellOf, TY } from './model.js';
import { diffRows, DifferentialRunner, emptyTally, record } from './runner.js';

const SEED = Number(process.env.DIFF_SEED ?? '20261121');
const QUERIES = Number(process.env.DIFF_QUERIES ?? '2000');

test(`differential: ${QUERIES} queries, seed ${SEED}`, { timeout: 120_000 }, async () => {
  const runner = await DifferentialRunner.create(SEED);
  const tally = emptyTally();
  try {
    for (let i = 0; i < QUERIES; i++) record(tally, await runner.run(i));
  } finally {
    await runner.close();
  }
  const report = tally.failures
    .slice(0, 10)
    .map(
      (f) => `seed ${f.seed} #${f.index} [${f.query.category}] ${f.verdict}: ${f.detail}\n  ${f.query.sql}`,
    )
    .join('\n');
  assert.equal(tally.generated, QUERIES);
  // Every shape family is exercised in the sample.
  for (const cat of [
    'expr',
    'agg-group',
    'order-limit',
    'distinct',
    'join-left',
    'semi-not-in',
    'window',
    'setop-except',
  ]) {
    assert.ok((tally.byCategory[cat]?.match ?? 0) > 0, `no matching ${cat} query in the sample`);
  }
  assert.equal(
    tally.failures.length,
    0,
    `replay with: node --import tsx test/differential/replay.ts ${SEED} <index>\n${report}`,
  );
});

test('the comparison can fail: a wrong value, a missing row and a wrong order are reported', () => {
  const row = (a: bigint, s: string) => [cellOf(a, TY.int), cellOf(s, TY.str)];
  const expected = [row(1n, 'a'), row(2n, 'b')];
  assert.equal(diffRows([row(2n, 'b'), row(1n, 'a')], expected, false), null);
  assert.match(diffRows([row(1n, 'a'), row(2n, 'c')], expected, false) ?? '', /row 1/);
  assert.match(diffRows([row(1n, 'a')], expected, false) ?? '', /row count 1/);
  assert.match(diffRows([row(2n, 'b'), row(1n, 'a')], expected, true) ?? '', /row 0/);
  assert.notEqual(diffRows([[cellOf(0.5, TY.dbl)]], [[cellOf(0.5000001, TY.dbl)]], false), null);
});
