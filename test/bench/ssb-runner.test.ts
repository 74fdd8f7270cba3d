/**
 * The SSB runner's scheduling: systems take turns query by query and run by run, so a busy,
 * shared machine slows both alike; hot medians, cold runs and errors land on the right system.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SsbData } from '../../bench/ssb/generate.js';
import type { SsbQuery } from '../../bench/ssb/queries.js';
import { runSides } from '../../bench/ssb/runner.js';
import type { RawResult, SystemUnderTest, TableLoad } from '../../bench/ssb/system.js';

/** A system that records what it was asked, answers with the query's id, and can fail. */
class FakeSide implements SystemUnderTest {
  constructor(
    readonly name: string,
    private readonly log: string[],
    private readonly failOn?: string,
    private readonly failLoad = false,
  ) {}
  async load(): Promise<TableLoad[]> {
    this.log.push(`${this.name} load`);
    if (this.failLoad) throw new Error('disk full');
    return [{ table: 'dates', rows: 1, ms: 1, method: 'fake' }];
  }
  async makeCold(): Promise<void> {
    this.log.push(`${this.name} cold`);
  }
  async query(sql: string): Promise<RawResult> {
    this.log.push(`${this.name} ${sql}`);
    if (sql === this.failOn) throw new Error(`no ${sql}`);
    return { columns: 1, rows: [[sql]] };
  }
  async close(): Promise<void> {}
}

const data = {} as SsbData;
const queries: SsbQuery[] = [
  { id: 'Q1.1', schema: 'multi', sql: 'a' },
  { id: 'Q1.2', schema: 'multi', sql: 'b' },
];

describe('runSides', () => {
  test('alternates the systems on every cold and hot run', async () => {
    const log: string[] = [];
    const [d, r] = await runSides(
      [new FakeSide('d', log), new FakeSide('r', log, 'b')],
      data,
      ['dates'],
      queries,
      { hotRuns: 2, coldEachQuery: true, quiet: true },
    );
    assert.deepEqual(log, [
      'd load',
      'r load',
      ...['d cold', 'd a', 'r cold', 'r a', 'd a', 'r a', 'd a', 'r a'],
      ...['d cold', 'd b', 'r cold', 'r b', 'd b', 'd b'],
    ]);
    const da = d?.queries.get('multi:Q1.1');
    assert.equal(da?.hotRunsMs.length, 2);
    assert.ok(da?.hotMs !== undefined && da.coldMs !== undefined);
    assert.deepEqual(da?.result?.rows, [['a']]);
    assert.equal(r?.queries.get('multi:Q1.2')?.error, 'no b');
    assert.equal(d?.queries.get('multi:Q1.2')?.error, undefined);
  });

  test('a system whose load fails gets no queries, the other still runs', async () => {
    const log: string[] = [];
    const [d, r] = await runSides(
      [new FakeSide('d', log), new FakeSide('r', log, undefined, true)],
      data,
      ['dates'],
      queries.slice(0, 1),
      { hotRuns: 1, coldEachQuery: false, quiet: true },
    );
    assert.equal(r?.loadError, 'disk full');
    assert.equal(r?.queries.size, 0);
    assert.deepEqual(log, ['d load', 'r load', 'd cold', 'd a', 'd a']);
    assert.equal(d?.queries.get('multi:Q1.1')?.hotRunsMs.length, 1);
  });
});
