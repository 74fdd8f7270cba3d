import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { assertRoundTrip } from './helpers.js';

function corpus(file: string): string[] {
  return readFileSync(new URL(`./corpus/${file}`, import.meta.url), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith('#'));
}
const lines = corpus('identity.sql');
const statementKinds = corpus('statements.sql');

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

describe('every statement kind of REFERENCE.md §1.1 parses', () => {
  for (const [i, sql] of statementKinds.entries()) {
    test(`${i + 1}: ${sql.slice(0, 70)}`, () => {
      assertRoundTrip(sql);
    });
  }
});
