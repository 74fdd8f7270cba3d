import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createConnection, type RowDataPacket } from 'mysql2/promise';
import { startRockling } from '../../src/testing/index.js';

test(
  'rockling serve over the real engine: version facts, a table round trip, clean SIGTERM',
  { timeout: 120_000 },
  async () => {
    const server = await startRockling();
    try {
      const c = await createConnection({
        host: '127.0.0.1',
        port: server.port,
        user: 'root',
        dateStrings: true,
        supportBigNumbers: true,
        bigNumberStrings: true,
      });
      const hs = (c as unknown as { connection: { _handshakePacket: { serverVersion: string } } }).connection
        ._handshakePacket;
      assert.equal(hs.serverVersion, '8.0.33');
      const [v] = await c.query<RowDataPacket[]>('SELECT current_version() AS cv, @@version_comment AS vc');
      assert.equal(v[0]?.['cv'], '3.3.5 rockling');
      assert.equal(v[0]?.['vc'], 'StarRocks version 3.3.5-rockling');
      await c.query('CREATE DATABASE IF NOT EXISTS e2e');
      await c.query(
        'CREATE TABLE e2e.t (id INT NOT NULL, big BIGINT, s VARCHAR(20)) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1',
      );
      await c.query("INSERT INTO e2e.t VALUES (1, 9007199254740993, 'béta ☃😀'), (2, NULL, '')");
      const [rows] = await c.query({ sql: 'SELECT id, big, s FROM e2e.t ORDER BY id', rowsAsArray: true });
      assert.deepEqual(rows, [
        [1, '9007199254740993', 'béta ☃😀'],
        [2, null, ''],
      ]);
      const [bin] = await c.execute(
        { sql: 'SELECT id, big, s FROM e2e.t WHERE id = ?', rowsAsArray: true },
        [1],
      );
      assert.deepEqual(bin, [[1, '9007199254740993', 'béta ☃😀']]);
      await c.end();
    } finally {
      await server.stop();
    }
    assert.match(server.log(), /rockling ready in \d+ ms/);
    assert.match(server.log(), /SIGTERM: shutting down/);
    assert.match(server.log(), /INFO {2}stopped/);
  },
);
