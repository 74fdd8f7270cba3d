/**
 * Rockling's Hive Metastore client (src/lakehouse/hms, own Thrift binary codec) against the
 * metastore TEST DOUBLE in support/hms-double.ts, which encodes its replies with the official
 * Apache Thrift runtime (npm `thrift`) — no real HMS can run here (no Hive/Hadoop/Maven).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createServer, type AddressInfo } from 'node:net';
import { HmsClient, MetastoreError, withMetastore } from '../../src/lakehouse/index.js';
import { startHmsDouble, PARQUET_INPUT, type HmsDouble } from './support/hms-double.js';

let hms: HmsDouble;

const manyPartitions = Array.from({ length: 3000 }, (_, i) => ({
  values: [`2024-01-${String((i % 28) + 1).padStart(2, '0')}`, `c${i}/x=y`],
  location: `file:///data/events/p${i}`,
}));

before(async () => {
  hms = await startHmsDouble(
    [
      {
        db: 'ods',
        name: 'user_profile',
        columns: [
          { name: 'user_id', type: 'bigint', comment: '用户 id' },
          { name: 'city', type: 'string' },
          { name: 'amount', type: 'decimal(12,2)' },
        ],
        location: 'file:///data/user_profile',
      },
      {
        db: 'ods',
        name: 'events',
        columns: [{ name: 'id', type: 'int' }],
        partitionKeys: [
          { name: 'dt', type: 'date' },
          { name: 'city', type: 'string' },
        ],
        location: 'file:///data/events',
        partitions: manyPartitions,
      },
    ],
    ['default', 'ods'],
  );
});

after(async () => {
  await hms?.stop();
});

test('databases, tables and one table’s schema, location and formats', async () => {
  await withMetastore(hms.uri, async (c) => {
    assert.deepEqual(await c.getAllDatabases(), ['default', 'ods']);
    const db = await c.getDatabase('ods');
    assert.equal(db.name, 'ods');
    assert.equal(db.locationUri, 'file:///warehouse/ods.db');
    assert.deepEqual(await c.getAllTables('ods'), ['user_profile', 'events']);
    assert.deepEqual(await c.getAllTables('default'), []);
    const t = await c.getTable('ods', 'user_profile');
    assert.equal(t.db, 'ods');
    assert.equal(t.name, 'user_profile');
    assert.equal(t.tableType, 'EXTERNAL_TABLE');
    assert.equal(t.storage.location, 'file:///data/user_profile');
    assert.equal(t.storage.inputFormat, PARQUET_INPUT);
    assert.match(t.storage.serde, /ParquetHiveSerDe$/);
    assert.deepEqual(t.storage.columns, [
      { name: 'user_id', type: 'bigint', comment: '用户 id' },
      { name: 'city', type: 'string', comment: '' },
      { name: 'amount', type: 'decimal(12,2)', comment: '' },
    ]);
    assert.deepEqual(t.partitionKeys, []);
    assert.equal(t.parameters['EXTERNAL'], 'TRUE');
  });
});

test('partitions: names escaped the Hive way, values and locations of 3000 partitions in one reply', async () => {
  await withMetastore(hms.uri, async (c) => {
    const names = await c.getPartitionNames('ods', 'events');
    assert.equal(names.length, 3000);
    assert.equal(names[0], 'dt=2024-01-01/city=c0%2Fx%3Dy');
    const parts = await c.getPartitions('ods', 'events');
    assert.equal(parts.length, 3000);
    assert.deepEqual(parts[2999]?.values, ['2024-01-04', 'c2999/x=y']);
    assert.equal(parts[2999]?.storage.location, 'file:///data/events/p2999');
    assert.equal(parts[5]?.storage.columns[0]?.name, 'id');
  });
});

test('metastore exceptions and transport failures become MetastoreError with their kind', async () => {
  const c = await HmsClient.connect(hms.uri);
  try {
    await assert.rejects(c.getTable('ods', 'nope'), (e: unknown) => {
      assert.ok(e instanceof MetastoreError);
      assert.equal(e.kind, 'no-such-object');
      assert.equal(e.message, 'ods.nope table not found');
      return true;
    });
    await assert.rejects(c.getDatabase('missing'), {
      kind: 'no-such-object',
      message: 'Database missing not found',
    });
    // The connection stays usable after an exception reply.
    assert.equal((await c.getTable('ods', 'events')).partitionKeys.length, 2);
  } finally {
    c.close();
  }
  // A port nobody listens on; then a list whose second metastore answers.
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const dead = (probe.address() as AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  await assert.rejects(HmsClient.connect(`thrift://127.0.0.1:${dead}`), { kind: 'transport' });
  await withMetastore(`thrift://127.0.0.1:${dead},${hms.uri}`, async (x) => {
    assert.deepEqual(await x.getAllDatabases(), ['default', 'ods']);
  });
  assert.ok(hms.calls.includes('get_table ods.nope'), hms.calls.slice(-5).join(', '));
});
