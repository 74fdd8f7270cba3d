import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseStatements, printStatement } from '../../src/sql/index.js';
import { strip } from './helpers.js';

const SEEDS_DIR = new URL('../../../shared/seeds/', import.meta.url);
const FILES = ['ecosystem-integration.zh.md', 'business-onboarding.zh.md'];

/** Every ```sql block of the seed documents, read at test time. */
function sqlBlocks(): { file: string; index: number; sql: string }[] {
  const out: { file: string; index: number; sql: string }[] = [];
  for (const file of FILES) {
    const url = new URL(file, SEEDS_DIR);
    assert.ok(existsSync(url), `seed document missing: ${url.pathname}`);
    const md = readFileSync(url, 'utf8');
    let index = 0;
    for (const m of md.matchAll(/```sql\s*\n([\s\S]*?)```/g))
      out.push({ file, index: index++, sql: m[1] ?? '' });
  }
  return out;
}

describe('seed documents: every SQL block parses', () => {
  const blocks = sqlBlocks();
  test('there are SQL blocks to check', () => {
    assert.ok(blocks.length >= 14, `found ${blocks.length}`);
  });
  for (const b of blocks) {
    test(`${b.file} block ${b.index + 1}`, () => {
      const statements = parseStatements(b.sql);
      assert.ok(statements.length > 0);
      for (const s of statements) {
        // Printable and stable: parse(print(x)) equals x for the modelled statements.
        if (s.statement.kind === 'generic') continue;
        const printed = printStatement(s.statement);
        assert.deepEqual(strip(parseStatements(printed)[0]?.statement), strip(s.statement), printed);
      }
    });
  }

  test('the seed statements land in the expected nodes', () => {
    const kinds = blocks.flatMap((b) =>
      parseStatements(b.sql).map((s) =>
        s.statement.kind === 'generic' ? `generic:${s.statement.feature}` : s.statement.kind,
      ),
    );
    for (const k of [
      'generic:CREATE RESOURCE',
      'generic:CREATE EXTERNAL CATALOG',
      'generic:CREATE ROUTINE LOAD',
      'generic:PAUSE ROUTINE LOAD',
      'generic:RESUME ROUTINE LOAD',
      'generic:BACKUP',
      'generic:RESTORE',
      'create-user',
      'grant-privileges',
      'create-table',
      'create-view',
      'insert',
      'show',
      'query',
    ]) {
      assert.ok(kinds.includes(k), `no ${k} among ${kinds.join(', ')}`);
    }
  });
});
