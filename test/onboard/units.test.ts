/** Unit parsing, the SQL scanner, and `init` + `check` end to end. */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runOnboard } from '../../src/tools/onboard/cli.js';
import {
  parseCount,
  parseDuration,
  parseRetentionDays,
  parseSize,
} from '../../src/tools/onboard/form/units.js';
import { scanSql } from '../../src/tools/onboard/sql-scan.js';

test('sizes, counts, durations, retention', () => {
  assert.equal(parseSize('5 TB'), 5 * 2 ** 40);
  assert.equal(parseSize('100GB'), 100 * 2 ** 30);
  assert.equal(parseSize('约 1.5 GiB'), 1.5 * 2 ** 30);
  assert.equal(parseSize('lots'), undefined);
  assert.equal(parseCount('约 5 亿'), 5e8);
  assert.equal(parseCount('5亿行'), 5e8);
  assert.equal(parseCount('1000万'), 1e7);
  assert.equal(parseCount('500M rows'), 5e8);
  assert.equal(parseCount('1.2 billion'), 1.2e9);
  assert.equal(parseCount('1,500'), 1500);
  assert.equal(parseCount('many'), undefined);
  assert.equal(parseDuration('< 10 秒'), 10);
  assert.equal(parseDuration('200ms'), 0.2);
  assert.equal(parseDuration('5 min'), 300);
  assert.equal(parseDuration('T+1'), 86400);
  assert.equal(parseDuration('1 小时'), 3600);
  assert.equal(parseDuration('soon'), undefined);
  assert.equal(parseRetentionDays('365 天'), 365);
  assert.equal(parseRetentionDays('2 years'), 730);
  assert.equal(parseRetentionDays('forever'), null);
});

test('the SQL scanner classifies the typical queries', () => {
  assert.equal(scanSql('SELECT * FROM t WHERE id = ?').cls, 'point');
  assert.equal(scanSql('SELECT * FROM t WHERE id = ? AND ts >= ?').cls, 'point');
  assert.equal(scanSql('SELECT tag, count(1) FROM p WHERE city IN (?) GROUP BY tag').cls, 'aggregation');
  assert.equal(scanSql('SELECT a.x, sum(b.y) FROM a JOIN b ON a.k = b.k GROUP BY a.x').cls, 'join');
  assert.equal(scanSql("SELECT * FROM logs WHERE path LIKE '%x%'").cls, 'scan');
  const seed = scanSql('SELECT ... FROM ... WHERE user_id = ?');
  assert.equal(seed.elided, true);
  assert.deepEqual(seed.filters, [{ column: 'user_id', op: 'eq' }]);
  const agg = scanSql(
    'SELECT o.city, count(distinct o.uid), avg(o.v) FROM o WHERE o.dt BETWEEN ? AND ? GROUP BY o.city',
  );
  assert.deepEqual(agg.groupBy, ['city']);
  assert.deepEqual(
    agg.aggregates.map((a) => a.fn),
    ['count_distinct', 'avg'],
  );
  assert.deepEqual(agg.filters, [{ column: 'dt', op: 'range' }]);
});

test('init --example writes a form that check accepts; init refuses to overwrite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rockling-onboard-init-'));
  try {
    const io = { out: '', err: '' };
    const sink = { out: (t: string) => (io.out += t), err: (t: string) => (io.err += t) };
    const form = join(dir, 'form.yaml');
    assert.equal(await runOnboard(['init', '--example', '-o', form], sink), 0);
    assert.match(await readFile(form, 'utf8'), /user_behavior_log/);
    const schema = JSON.parse(await readFile(join(dir, 'onboarding-form.schema.json'), 'utf8')) as {
      title: string;
    };
    assert.match(schema.title, /application form/);
    assert.equal(await runOnboard(['init', '-o', form], sink), 1);
    assert.equal(await runOnboard(['check', form], sink), 0, io.err);
    assert.match(io.out, /retention 365 days; freshness 10 s/);
    assert.match(io.out, /QPS peak 200 \/ daily 50; P99 point 200 ms, complex 5000 ms/);
    assert.equal(await runOnboard(['assess', form], sink), 0);
    assert.match(io.out, /## 2\. Risks[\s\S]*probes all 365 partitions/);
    // The blank template must be filled in before it passes.
    assert.equal(await runOnboard(['init', '-o', join(dir, 'blank.yaml')], sink), 0);
    assert.equal(await runOnboard(['check', join(dir, 'blank.yaml')], sink), 1);
    assert.match(io.err, /owner\.name: must NOT have fewer than 1 characters/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
