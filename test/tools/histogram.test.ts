import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Histogram } from '../../src/tools/loadtest/histogram.js';

test('bucket ranges tile the value axis without gaps and contain their values', () => {
  const h = new Histogram({ subBits: 5, maxValue: 2 ** 20 });
  let expectLo = 0;
  for (let i = 0; i <= h.indexOf(2 ** 20); i++) {
    const [lo, hi] = h.bucketRange(i);
    assert.equal(lo, expectLo, `bucket ${i}`);
    assert.ok(hi >= lo);
    assert.equal(h.indexOf(lo), i);
    assert.equal(h.indexOf(hi), i);
    expectLo = hi + 1;
  }
});

test('percentiles stay within the configured relative precision of the exact ones', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 50_000_000 }), { minLength: 1, maxLength: 400 }),
      fc.constantFrom(50, 90, 99, 99.9, 100),
      (values, p) => {
        const h = new Histogram();
        for (const v of values) h.record(v);
        const sorted = [...values].sort((a, b) => a - b);
        const exact = sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1] ?? 0;
        const got = h.percentile(p);
        assert.ok(got >= exact, `p${p}: ${got} < exact ${exact}`);
        assert.ok(got <= exact * (1 + 2 ** -10) + 1, `p${p}: ${got} vs exact ${exact}`);
        assert.equal(h.max, sorted[sorted.length - 1]);
        assert.equal(h.min, sorted[0]);
      },
    ),
    { numRuns: 300 },
  );
});

test('a stall shows in P99 but not in P50; add() merges; clamping is counted', () => {
  const h = new Histogram();
  for (let i = 0; i < 980; i++) h.record(1000); // 1 ms
  const stall = new Histogram();
  for (let i = 0; i < 20; i++) stall.record(50_000 + i * 1000); // 50–69 ms
  h.add(stall);
  assert.equal(h.count, 1000);
  assert.ok(Math.abs(h.percentile(50) - 1000) <= 1);
  assert.ok(h.percentile(99) >= 59_000 && h.percentile(99) <= 60_100, String(h.percentile(99)));
  assert.equal(h.percentile(100), 69_000);
  const small = new Histogram({ maxValue: 1000 });
  small.record(5000);
  assert.equal(small.clamped, 1);
  assert.equal(small.max, 1000);
  assert.ok(Number.isNaN(new Histogram().percentile(99)));
});
