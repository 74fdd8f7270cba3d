/**
 * A partial update of a PRIMARY KEY table whose sort key (ORDER BY) differs from its key: row mode
 * must provide every sort key column, column mode may not write a sort key column outside the key;
 * StarRocks' message. Tables sorted by their key, and delete-only (`__op`) loads, are not checked.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEFAULT_CATALOG, type TableEntry } from '../../src/catalog/index.js';
import { checkPartialSortKey } from '../../src/load/write.js';
import { openDatabase, type DatabaseImpl } from '../../src/session/database.js';
import type { Session } from '../../src/session/index.js';

let db: DatabaseImpl;
let session: Session;

async function sql(text: string): Promise<void> {
  for await (const r of session.query(text)) if (r.kind === 'rows') for await (const b of r.batches) void b;
}

function table(name: string): TableEntry {
  const t = db.catalog.getEntry(DEFAULT_CATALOG, 'psk', name);
  assert.ok(t !== null);
  return t;
}

before(async () => {
  db = await openDatabase({ dataDir: ':memory:' });
  session = await db.openInternalSession(null);
  await sql('CREATE DATABASE psk');
  await sql('USE psk');
  const cols = '(k1 INT NOT NULL, k2 INT NOT NULL, k3 INT, v1 INT)';
  await sql(`CREATE TABLE sorted ${cols} PRIMARY KEY(k1, k2) DISTRIBUTED BY HASH(k1) ORDER BY(k3, k2)`);
  await sql(`CREATE TABLE bykey ${cols} PRIMARY KEY(k1, k2) DISTRIBUTED BY HASH(k1) ORDER BY(k1, k2)`);
});
after(async () => {
  await session.close();
  await db.close();
});

const MESSAGE = /partial update on table with sort key must provide all sort key columns/;

test('row mode needs every sort key column', () => {
  assert.throws(() => checkPartialSortKey(table('sorted'), ['k1', 'k2', 'v1'], 'row', false), MESSAGE);
  assert.throws(() => checkPartialSortKey(table('sorted'), ['k1', 'k2', 'v1'], null, false), MESSAGE);
  checkPartialSortKey(table('sorted'), ['k1', 'k2', 'k3'], 'row', false);
});

test('column mode may not write a sort key column outside the key', () => {
  assert.throws(
    () => checkPartialSortKey(table('sorted'), ['k1', 'k2', 'k3', 'v1'], 'column', false),
    MESSAGE,
  );
  assert.throws(() => checkPartialSortKey(table('sorted'), ['k1', 'k2', 'v1'], 'column', false), MESSAGE);
});

test('a table sorted by its key, or a delete-only load, is not checked', () => {
  checkPartialSortKey(table('bykey'), ['k1', 'k2', 'v1'], 'column', false);
  checkPartialSortKey(table('bykey'), ['k1', 'k2', 'v1'], 'row', false);
  checkPartialSortKey(table('sorted'), ['k1', 'k2'], 'row', true);
});
