import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDays, formatMicros, formatTime } from '../../src/engine/index.js';
import { renderDate, renderDatetime, renderTime } from '../../src/types/index.js';

// The engine's fast paths must agree with the one set of rendering rules in src/types.
test('engine temporal fast paths agree with the src/types renderers', () => {
  let seed = 12345;
  const rnd = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  // StarRocks' range: 0000-01-01 … 9999-12-31 23:59:59.999999.
  const minMicros = -62167219200000000;
  const span = 253402300800000000 - minMicros;
  for (let i = 0; i < 20000; i++) {
    const days = Math.floor(rnd() * 3652424) - 719528;
    assert.equal(formatDays(days), renderDate(days));
    const whole = i % 3 === 0;
    let micros = BigInt(Math.floor(minMicros + rnd() * span));
    if (whole) micros -= micros % 1_000_000n;
    assert.equal(formatMicros(micros), renderDatetime(micros), String(micros));
    const tod = BigInt(Math.floor(rnd() * 86_400_000_000));
    assert.equal(formatTime(tod), renderTime(tod));
  }
});
