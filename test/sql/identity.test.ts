import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { assertRoundTrip } from './helpers.js';

const lines = readFileSync(new URL('./corpus/identity.sql', import.meta.url), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l.length > 0 && !l.startsWith('#'));

describe('identity corpus: parse → print → parse is equal, print is stable', () => {
  test('the corpus is large enough to mean something', () => {
    assert.ok(lines.length >= 300, `only ${lines.length} statements`);
  });
  for (const [i, sql] of lines.entries()) {
    test(`${i + 1}: ${sql.slice(0, 70)}`, () => {
      assertRoundTrip(sql);
    });
  }
});
