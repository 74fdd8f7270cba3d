/**
 * Accounts over the MySQL protocol against a real `rockling serve`: the seed's Tableau user logs
 * in with its password (mysql_native_password against the stored SHA1(SHA1(pw))), reads what
 * `GRANT SELECT_PRIV ON warehouse.*` allows and nothing more; wrong passwords and unknown users
 * are refused; accounts survive a restart.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import mysql from 'mysql2/promise';
import { startRockling, type RocklingServer } from '../../src/testing/index.js';

let server: RocklingServer;

before(async () => {
  server = await startRockling();
});

after(async () => {
  await server?.stop();
});

function connect(user: string, password: string): Promise<mysql.Connection> {
  return mysql.createConnection({ host: server.host, port: server.port, user, password });
}

async function run(conn: mysql.Connection, sql: string): Promise<unknown> {
  const [r] = await conn.query(sql);
  return r;
}

test('CREATE USER … IDENTIFIED BY and GRANT SELECT_PRIV: login, allowed reads, refused writes', async () => {
  const root = await connect('root', '');
  for (const sql of [
    'CREATE DATABASE warehouse',
    'CREATE TABLE warehouse.orders (id BIGINT, amount DECIMAL(10, 2)) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)',
    'INSERT INTO warehouse.orders VALUES (1, 2.50), (2, 4.00)',
    'CREATE VIEW warehouse.totals AS SELECT count(*) AS n, sum(amount) AS total FROM warehouse.orders',
    'CREATE DATABASE private',
    'CREATE TABLE private.secrets (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k)',
    "CREATE USER tableau_user IDENTIFIED BY 'tableau_password'",
    'GRANT SELECT_PRIV ON warehouse.* TO tableau_user',
  ])
    await run(root, sql);
  await root.end();

  const bi = await connect('tableau_user', 'tableau_password');
  assert.deepEqual(await run(bi, 'SELECT n, total FROM warehouse.totals'), [{ n: 2, total: '6.50' }]);
  assert.deepEqual(await run(bi, 'SELECT count(*) AS c FROM warehouse.orders'), [{ c: 2 }]);
  await assert.rejects(
    run(bi, 'SELECT * FROM private.secrets'),
    (e: { errno?: number; message?: string }) => {
      assert.equal(e.errno, 5203);
      assert.match(e.message ?? '', /SELECT privilege\(s\) on TABLE secrets/);
      return true;
    },
  );
  await assert.rejects(run(bi, 'INSERT INTO warehouse.orders VALUES (3, 1)'), /INSERT privilege/);
  await assert.rejects(run(bi, "CREATE USER x IDENTIFIED BY 'y'"), /GRANT privilege\(s\) on SYSTEM/);
  const grants = (await run(bi, 'SHOW GRANTS')) as Record<string, unknown>[];
  assert.equal(grants.length, 3);
  await bi.end();

  for (const [user, password] of [
    ['tableau_user', 'wrong'],
    ['tableau_user', ''],
    ['nobody', 'x'],
  ] as const) {
    await assert.rejects(connect(user, password), (e: { errno?: number }) => {
      assert.equal(e.errno, 1045, `${user}/${password}`);
      return true;
    });
  }
});

test('accounts survive a restart; ALTER USER changes the password; root can get one too', async () => {
  await server.kill9(); // a crash, not a clean shutdown: the accounts are already durable
  await server.restart();
  const bi = await connect('tableau_user', 'tableau_password');
  assert.deepEqual(await run(bi, 'SELECT n FROM warehouse.totals'), [{ n: 2 }]);
  await bi.end();
  const root = await connect('root', '');
  await run(root, "ALTER USER tableau_user IDENTIFIED BY 'rotated'");
  await run(root, "ALTER USER root IDENTIFIED BY 'rootpw'");
  await root.end();
  await assert.rejects(connect('tableau_user', 'tableau_password'), /Access denied/);
  await (await connect('tableau_user', 'rotated')).end();
  await assert.rejects(connect('root', ''), /Access denied/);
  const again = await connect('root', 'rootpw');
  await run(again, "ALTER USER root IDENTIFIED BY ''");
  await again.end();
  await (await connect('root', '')).end();
});
