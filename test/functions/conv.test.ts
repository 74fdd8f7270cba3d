import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open } from '../../src/index.js';

test('CONV reads the longest valid prefix and saturates at 2^64-1 (MySQL/StarRocks semantics)', async () => {
  const db = await open(':memory:');
  try {
    const cases: [string, string | null][] = [
      ["conv('ff', 16, 10)", '255'],
      ["conv('FFFFFFFFFFFFFFFFFF', 16, 10)", '18446744073709551615'],
      ["conv('12zz', 16, 10)", '18'],
      ["conv('zz', 16, 10)", '0'],
      ['conv(255, 10, 16)', 'FF'],
      ["conv('7', 10, 2)", '111'],
      ['conv(NULL, 10, 16)', null],
      ["conv(substring(md5('abc'), 1, 15), 16, 10)", '648541476951500027'],
    ];
    for (const [expr, want] of cases) {
      const { rows } = await db.query(`SELECT ${expr}`);
      assert.deepEqual(rows, [[want]], expr);
    }
  } finally {
    await db.close();
  }
});
