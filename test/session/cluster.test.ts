/** SHOW BACKENDS / FRONTENDS on one node: StarRocks' columns, one alive node each (tools count these). */
import assert from 'node:assert/strict';
import { cpus } from 'node:os';
import { after, before, describe, test } from 'node:test';
import { openDatabase, type Database, type Session } from '../../src/session/index.js';

interface Table {
  names: string[];
  rows: Record<string, unknown>[];
}

async function table(session: Session, sql: string): Promise<Table> {
  const out: Table = { names: [], rows: [] };
  for await (const r of session.query(sql)) {
    assert.equal(r.kind, 'rows');
    if (r.kind !== 'rows') continue;
    out.names = r.columns.map((c) => c.name);
    for await (const b of r.batches)
      for (const row of b) out.rows.push(Object.fromEntries(out.names.map((n, i) => [n, row[i]])));
  }
  return out;
}

describe('cluster introspection', () => {
  let db: Database;
  let s: Session;
  before(async () => {
    db = await openDatabase({ dataDir: ':memory:' });
    s = await db.openSession({ user: 'root', host: '127.0.0.1', database: null, connectionId: 21 });
  });
  after(async () => {
    await db.close();
  });

  test('SHOW BACKENDS: one alive backend with StarRocks column names', async () => {
    const t = await table(s, 'SHOW BACKENDS');
    assert.deepEqual(t.names.slice(0, 9), [
      'BackendId', 'IP', 'HeartbeatPort', 'BePort', 'HttpPort', 'BrpcPort', 'LastStartTime', 'LastHeartbeat', 'Alive',
    ]); // prettier-ignore
    for (const n of [
      'TabletNum',
      'AvailCapacity',
      'TotalCapacity',
      'UsedPct',
      'ErrMsg',
      'Version',
      'CpuCores',
    ])
      assert.ok(t.names.includes(n), n);
    assert.equal(t.rows.length, 1);
    const b = t.rows[0] ?? {};
    assert.equal(b['Alive'], 'true');
    assert.equal(b['IP'], '127.0.0.1');
    assert.equal(b['HttpPort'], '8040');
    assert.equal(b['ErrMsg'], '');
    assert.equal(b['CpuCores'], String(cpus().length));
    assert.match(String(b['LastStartTime']), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    assert.match(String(b['UsedPct']), /^\d+\.\d\d %$/);
    assert.equal(b['TabletNum'], '0');
    const proc = await table(s, "SHOW PROC '/backends'");
    assert.deepEqual(proc.names, t.names);
  });

  test('TabletNum counts one tablet per bucket of every partition', async () => {
    for await (const r of s.query(
      'CREATE DATABASE tn; CREATE TABLE tn.t (k INT) DUPLICATE KEY(k) PARTITION BY RANGE(k) ' +
        '(PARTITION p1 VALUES LESS THAN (10), PARTITION p2 VALUES LESS THAN (20)) DISTRIBUTED BY HASH(k) BUCKETS 3',
    ))
      assert.equal(r.kind, 'ok');
    const t = await table(s, 'SHOW BACKENDS');
    assert.equal(t.rows[0]?.['TabletNum'], '6');
  });

  test('SHOW FRONTENDS: one alive LEADER; SHOW COMPUTE NODES: none', async () => {
    const f = await table(s, 'SHOW FRONTENDS');
    assert.equal(f.rows.length, 1);
    assert.equal(f.rows[0]?.['Role'], 'LEADER');
    assert.equal(f.rows[0]?.['Alive'], 'true');
    assert.equal(f.names[0], 'Name');
    const c = await table(s, 'SHOW COMPUTE NODES');
    assert.equal(c.names[0], 'ComputeNodeId');
    assert.equal(c.rows.length, 0);
  });

  test('ADMIN SET FRONTEND CONFIG: unknown keys fail, values are per database', async () => {
    await assert.rejects(
      table(s, 'ADMIN SET FRONTEND CONFIG ("nope" = "1")'),
      /Config 'nope' does not exist/,
    );
    for await (const r of s.query('ADMIN SET FRONTEND CONFIG ("enable_udf" = "TRUE")'))
      assert.equal(r.kind, 'ok');
    const other = await db.openSession({ user: 'root', host: '127.0.0.1', database: null, connectionId: 22 });
    const t = await table(other, "ADMIN SHOW FRONTEND CONFIG LIKE 'enable_udf'");
    assert.equal(t.rows[0]?.['Value'], 'true');
    await other.close();
  });
});
