import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeNorms, pairColumns, type SideColumn } from '../../src/tools/validate/columns.js';
import { normExpr, type Side } from '../../src/tools/validate/sql.js';

test('type pairs merge to one rule both sides can render', () => {
  assert.deepEqual(mergeNorms({ kind: 'decimal', scale: 2 }, { kind: 'decimal', scale: 4 }, {}), {
    kind: 'decimal',
    scale: 4,
  });
  assert.deepEqual(mergeNorms({ kind: 'int', bool: false }, { kind: 'decimal', scale: 0 }, {}), {
    kind: 'decimal',
    scale: 0,
  });
  assert.deepEqual(mergeNorms({ kind: 'datetime', fsp: 6 }, { kind: 'datetime', fsp: 3 }, {}), {
    kind: 'datetime',
    fsp: 3,
  });
  assert.deepEqual(
    mergeNorms({ kind: 'datetime', fsp: 6 }, { kind: 'datetime', fsp: 0 }, { datetimePrecision: 6 }),
    {
      kind: 'datetime',
      fsp: 6,
    },
  );
  assert.deepEqual(mergeNorms({ kind: 'float', digits: 6 }, { kind: 'float', digits: 15 }, {}), {
    kind: 'float',
    digits: 6,
  });
  assert.deepEqual(mergeNorms({ kind: 'string', rtrim: true }, { kind: 'string', rtrim: false }, {}), {
    kind: 'string',
    rtrim: true,
  });
  assert.equal(mergeNorms({ kind: 'date' }, { kind: 'int', bool: false }, {}), undefined);
});

test('columns pair by case-insensitive name; one-sided and incompatible columns are reported', () => {
  const s: SideColumn[] = [
    { name: 'ID', norm: { kind: 'int', bool: false }, typeText: 'BIGINT' },
    { name: 'd', norm: { kind: 'date' }, typeText: 'DATE' },
    { name: 'old', norm: { kind: 'string', rtrim: false }, typeText: 'VARCHAR' },
  ];
  const t: SideColumn[] = [
    { name: 'id', norm: { kind: 'int', bool: false }, typeText: 'BIGINT' },
    { name: 'd', norm: { kind: 'int', bool: false }, typeText: 'INT' },
    { name: 'new', norm: { kind: 'string', rtrim: false }, typeText: 'VARCHAR' },
  ];
  const p = pairColumns(s, t, new Set(), {});
  assert.deepEqual(
    p.columns.map((c) => [c.sourceName, c.targetName]),
    [['ID', 'id']],
  );
  assert.deepEqual(p.onlySource, ['old']);
  assert.deepEqual(p.onlyTarget, ['new']);
  assert.deepEqual(p.incompatible, ['d (DATE vs INT)']);
});

test('normalised expressions differ by dialect only where the servers differ', () => {
  const side = (dialect: 'mysql' | 'starrocks'): Side => ({
    dialect,
    from: 't',
    filter: '',
    names: new Map(),
    bits: new Set(),
  });
  const amount = { name: 'amount', norm: { kind: 'decimal', scale: 4 } as const };
  assert.equal(normExpr(side('mysql'), amount), 'CAST(`amount` * 10000 AS DECIMAL(65, 0))');
  assert.equal(normExpr(side('starrocks'), amount), 'CAST(`amount` * 10000 AS DECIMAL(38, 0))');
  const name = { name: 'name', norm: { kind: 'string', rtrim: false } as const };
  assert.equal(normExpr(side('mysql'), name), 'CONVERT(`name` USING utf8mb4)');
  assert.equal(normExpr(side('starrocks'), name), '`name`');
});
