/**
 * Keeps the point benchmark working: the open-loop driver counts queueing delay (no coordinated
 * omission), and a tiny run loads DuckDB, drives lookups and the mixed load, and writes reports.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import { percentile, runOpenLoop } from '../../bench/common/index.js';
import { writePointReport } from '../../bench/point/report.js';
import { runPoint } from '../../bench/point/run.js';

const work = mkdtempSync(join(tmpdir(), 'rockling-point-test-'));
after(() => rmSync(work, { recursive: true, force: true }));

describe('open-loop driver', () => {
  test('measures from the intended send time, so a slow system shows its queue', async () => {
    // 100 requests/s for 0.5 s against a system that serves one request per 30 ms:
    // arrivals outpace service, so later requests wait and their latency keeps growing.
    const r = await runOpenLoop({
      ratePerSec: 100,
      durationMs: 500,
      maxInFlight: 1,
      send: () => new Promise((res) => setTimeout(res, 30)),
    });
    assert.equal(r.intended, 50);
    assert.equal(r.completed, 50);
    assert.equal(r.errors, 0);
    assert.ok(r.p50Ms >= 30 * 10, `queueing shows in the median: ${r.p50Ms}`);
    assert.ok(r.maxMs >= 50 * 30 - 500 - 50, `the last request waited for the whole queue: ${r.maxMs}`);
    assert.ok(r.achievedPerSec < 40, `served about 33/s, not 100/s: ${r.achievedPerSec}`);
  });

  test('reports errors and fast systems at the offered rate', async () => {
    let n = 0;
    const r = await runOpenLoop({
      ratePerSec: 200,
      durationMs: 300,
      maxInFlight: 4,
      send: async () => {
        if (++n % 10 === 0) throw new Error('boom');
      },
    });
    assert.equal(r.intended, 60);
    assert.equal(r.errors, 6);
    assert.equal(r.firstError, 'boom');
    assert.ok(r.p99Ms < 100, `an idle fast system answers promptly: ${r.p99Ms}`);
    assert.equal(percentile([1, 2, 3, 4], 0.5), 2);
    assert.equal(percentile([1, 2, 3, 4], 0.99), 4);
  });
});

describe('point benchmark', () => {
  test('a tiny run loads, answers and reports', async () => {
    const report = await runPoint({
      rows: 5000,
      seed: 3,
      rates: [50],
      durationMs: 1000,
      connections: 4,
      mixedQps: 40,
      complexShare: 0.25,
      dataDir: join(work, 'data'),
      rockling: true,
      build: 'source',
      repoRoot: resolve(import.meta.dirname, '..', '..'),
      quiet: true,
    });
    const duck = report.scenarios.filter((s) => s.system === 'duckdb');
    assert.deepEqual(
      duck.map((s) => `${s.scenario}/${s.kind}`),
      ['serial/point', 'point@50/point', 'mixed@40/point', 'mixed@40/complex'],
    );
    for (const s of duck) {
      assert.equal(s.result.errors, 0, `${s.scenario} ${s.kind}: ${s.result.firstError ?? ''}`);
      assert.ok(s.result.completed > 0 && s.result.p99Ms > 0);
    }
    assert.equal(report.failures.filter((f) => f.startsWith('duckdb')).length, 0);
    if (!report.rockling.available) assert.match(report.rockling.reason ?? '', /\S/);
    const paths = writePointReport(report, join(work, 'results'));
    assert.match(readFileSync(paths.svg, 'utf8'), /^<svg /);
    assert.match(readFileSync(paths.md, 'utf8'), /P99/);
  });
});
