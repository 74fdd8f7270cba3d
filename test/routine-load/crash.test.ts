import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCrash } from './crash-support.js';

test('kill -9 at 6 random moments during consumption: exactly N rows, each key once, progress = end offsets', async () => {
  const n = 2000;
  const r = await runCrash({ n, moments: 6, seed: 7 });
  assert.equal(r.produced, n);
  assert.equal(r.rows, n);
  assert.equal(r.distinctKeys, n);
  assert.deepEqual(r.progress, r.endOffsets);
});
