import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createConnection } from 'mysql2/promise';
import { startMariaDb } from '../../src/testing/index.js';

test('startMariaDb: serves on loopback with a password and database, stop() removes everything', async () => {
  const db = await startMariaDb({ database: 'harness_db', password: 'p@ss word' });
  try {
    assert.match(db.url, /^mysql:\/\/root:p%40ss%20word@127\.0\.0\.1:\d+\/harness_db$/);
    const conn = await createConnection({
      host: db.host,
      port: db.port,
      user: db.user,
      password: db.password,
      database: 'harness_db',
    });
    const [rows] = await conn.query('SELECT DATABASE() AS d, 1 + 1 AS two');
    await conn.end();
    assert.deepEqual(rows, [{ d: 'harness_db', two: 2 }]);
    await assert.rejects(
      createConnection({ host: db.host, port: db.port, user: 'root', password: 'wrong' }),
      /Access denied/,
    );
  } finally {
    await db.stop();
  }
  assert.equal(existsSync(db.dir), false);
  assert.throws(() => process.kill(db.pid, 0), /ESRCH/);
  await db.stop(); // idempotent
});
