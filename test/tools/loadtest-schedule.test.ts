import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeSchedule, parseRate, rateAt } from '../../src/tools/loadtest/schedule.js';
import { parseSla } from '../../src/tools/loadtest/sla.js';

function times(text: string, durationMs: number, arrivals: 'uniform' | 'poisson' = 'uniform'): number[] {
  const s = makeSchedule(parseRate(text), durationMs, arrivals, 7);
  const out: number[] = [];
  for (let t = s.next(); t !== undefined; t = s.next()) out.push(t);
  return out;
}

test('constant rate: evenly spaced intended times, exact count', () => {
  const t = times('200', 10_000);
  assert.equal(t.length, 2000);
  assert.ok(Math.abs((t[1] ?? 0) - (t[0] ?? 0) - 5) < 1e-9);
  assert.ok(t.every((x, i) => i === 0 || x > (t[i - 1] ?? 0)));
});

test('ramp 50→150 over 10 s: 1000 requests, density rising linearly', () => {
  const t = times('50:150', 10_000);
  assert.equal(t.length, 1000);
  const firstSecond = t.filter((x) => x < 1000).length;
  const lastSecond = t.filter((x) => x >= 9000).length;
  assert.ok(Math.abs(firstSecond - 55) <= 1, String(firstSecond));
  assert.ok(Math.abs(lastSecond - 145) <= 1, String(lastSecond));
  assert.equal(rateAt(parseRate('50:150'), 5000, 10_000), 100);
});

test('stages carry their own durations; poisson arrivals keep the mean rate', () => {
  const t = times('10@2s,100@1s', 3000);
  assert.equal(t.length, 120);
  assert.equal(t.filter((x) => x >= 2000).length, 100);
  const p = times('1000', 10_000, 'poisson');
  assert.ok(Math.abs(p.length - 10_000) < 400, String(p.length));
  assert.throws(() => parseRate('fast'), /bad --rate/);
});

test('SLA expressions parse to checks with units', () => {
  assert.deepEqual(parseSla('p99<200ms, point.p99.9<=1s,errors<0.1%,rate>=98%'), [
    { metric: 'p99', op: '<', value: 200, origin: '--sla' },
    { metric: 'p999', op: '<=', value: 1000, statement: 'point', origin: '--sla' },
    { metric: 'errors', op: '<', value: 0.001, origin: '--sla' },
    { metric: 'rate', op: '>=', value: 0.98, origin: '--sla' },
  ]);
  assert.throws(() => parseSla('p98<1s'), /bad SLA/);
});
