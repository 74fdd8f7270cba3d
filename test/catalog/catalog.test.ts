import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Catalog, DEFAULT_CATALOG, type NewTable } from '../../src/catalog/index.js';
import { createSchemaSql, createTableSql } from '../../src/codegen/index.js';
import { Engine } from '../../src/engine/index.js';
import { T } from '../../src/types/index.js';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function table(name: string): NewTable {
  return {
    kind: 'table',
    name,
    columns: [
      {
        name: 'id',
        type: T.int,
        nullable: false,
        isKey: true,
        defaultValue: null,
        autoIncrement: false,
        comment: 'row id',
      },
      {
        name: 'Price',
        type: T.decimal(10, 2),
        nullable: true,
        isKey: false,
        defaultValue: '0',
        autoIncrement: false,
        comment: '',
      },
    ],
    keysType: 'duplicate',
    comment: '',
    definition: {
      engine: 'OLAP',
      keys: { type: 'duplicate', columns: ['id'] },
      properties: [],
      indexes: [],
      rollups: [],
    },
  };
}

test('catalog changes are durable, atomic with storage, and case-sensitive by name', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rockling-catalog-'));
  dirs.push(dir);
  const path = join(dir, 'db.duckdb');
  let engine = await Engine.open({ path });
  let catalog = await Catalog.open(engine);
  await catalog.change(async (tx) => {
    const db = await tx.createDatabase(DEFAULT_CATALOG, 'Sales', []);
    await tx.conn.execute(createSchemaSql(db.storageSchema));
    const t = await tx.createTable(DEFAULT_CATALOG, 'Sales', table('Orders'));
    assert.ok(t.storage);
    await tx.conn.execute(createTableSql(t.storage, t.columns));
    await tx.conn.execute(`INSERT INTO "${t.storage.schema}"."${t.storage.table}" VALUES (1, 2.5)`);
  });
  // A failing change leaves neither metadata nor storage behind.
  await assert.rejects(
    catalog.change(async (tx) => {
      const t = await tx.createTable(DEFAULT_CATALOG, 'Sales', table('Broken'));
      assert.ok(t.storage);
      await tx.conn.execute(createTableSql(t.storage, t.columns));
      assert.ok(tx.getTable(DEFAULT_CATALOG, 'Sales', 'Broken'));
      throw new Error('validation failed late');
    }),
  );
  assert.equal(catalog.getTable(DEFAULT_CATALOG, 'Sales', 'Broken'), null);
  assert.equal(
    catalog.getTable(DEFAULT_CATALOG, 'sales', 'Orders'),
    null,
    'database names are case-sensitive',
  );
  await engine.close();

  engine = await Engine.open({ path });
  catalog = await Catalog.open(engine);
  try {
    assert.deepEqual(catalog.listDatabases(DEFAULT_CATALOG), ['Sales', 'information_schema']);
    const t = catalog.getTable(DEFAULT_CATALOG, 'Sales', 'Orders');
    assert.ok(t?.storage);
    assert.equal(t.columns[0]?.comment, 'row id');
    assert.deepEqual(t.columns[1]?.type, T.decimal(10, 2));
    const { rows } = await engine.queryAll(`SELECT count(*) FROM "${t.storage.schema}"."${t.storage.table}"`);
    assert.equal(rows[0]?.[0], 1n);
    const leftovers = await engine.queryAll(
      'SELECT count(*) FROM duckdb_tables() WHERE schema_name = $1 AND table_name <> $2',
      [t.storage.schema, t.storage.table],
    );
    assert.equal(leftovers.rows[0]?.[0], 0n, 'the rolled-back table left no storage');
    const cols = await engine.queryAll(
      `SELECT COLUMN_NAME, ORDINAL_POSITION, COLUMN_TYPE, IS_NULLABLE, COLUMN_KEY, DATA_TYPE
       FROM __rockling_is.columns WHERE TABLE_SCHEMA = 'Sales' ORDER BY ORDINAL_POSITION`,
    );
    assert.deepEqual(cols.rows, [
      ['id', 1n, 'int(11)', 'NO', 'DUP', 'int'],
      ['Price', 2n, 'decimal(10,2)', 'YES', '', 'decimal'],
    ]);
    assert.ok(
      catalog.getTable(DEFAULT_CATALOG, 'INFORMATION_SCHEMA', 'TABLES'),
      'information_schema is case-insensitive',
    );
  } finally {
    await engine.close();
  }
});
