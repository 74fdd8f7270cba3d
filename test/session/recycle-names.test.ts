/**
 * The recycle bin's hidden names carry the drop time; the start-up sweep drops entries older than
 * catalog_trash_expire_second (one day) and nothing else.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isHiddenName, isRecycledBefore, RECYCLE_PREFIX } from '../../src/session/temp-tables.js';

test('recycled names older than the cutoff are swept; newer ones, temp and user tables are kept', () => {
  const at = (ms: number, name: string) => `${RECYCLE_PREFIX}${String(ms).padStart(15, '0')}_${name}`;
  const cutoff = 1_700_000_000_000;
  assert.equal(isRecycledBefore(at(cutoff - 1, 'orders'), cutoff), true);
  assert.equal(isRecycledBefore(at(cutoff, 'orders'), cutoff), false);
  assert.equal(isRecycledBefore(at(cutoff + 5, '123_digits_first'), cutoff), false);
  assert.equal(isRecycledBefore('orders', cutoff), false);
  assert.equal(isRecycledBefore('__rockling_temp_7_orders', cutoff), false);
  assert.equal(isHiddenName(at(1, 'orders')), true);
  assert.equal(isHiddenName('orders'), false);
});
