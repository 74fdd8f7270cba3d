/**
 * Try the stage 3–4 tools against a real Rockling server (started from the sources): inspect,
 * a short loadtest, and validate of a small table copied from MariaDB. Prints what works.
 *   node --import tsx bench/tools/rockling-smoke.ts [rows=2000]
 */
import { createConnection } from 'mysql2/promise';
import { startMariaDb, startRockling } from '../../src/testing/index.js';
import { main as inspect } from '../../src/tools/inspect/cli.js';
import { main as loadtest } from '../../src/tools/loadtest/cli.js';
import { main as validate } from '../../src/tools/validate/cli.js';

const rows = Number(process.argv[2] ?? 2000);
const rk = await startRockling();
const db = await startMariaDb();
const step = async (name: string, f: () => Promise<unknown>): Promise<void> => {
  try {
    console.log(`--- ${name}: ${JSON.stringify(await f())}`);
  } catch (error) {
    console.log(`--- ${name}: FAILED ${error instanceof Error ? error.message : String(error)}`);
  }
};
try {
  console.log(`rockling ${rk.url} (http ${rk.httpPort}), mariadb ${db.url}`);
  await step('inspect', () => inspect(['--target', rk.url, '--http-port', String(rk.httpPort)]));
  await step('loadtest', () =>
    loadtest([
      '--target',
      rk.url,
      '--sql',
      'SELECT 1',
      '--rate',
      '100',
      '--duration',
      '5s',
      '--out',
      '/tmp/rockling-smoke-lt',
      '--progress',
      'off',
    ]),
  );
  const m = await createConnection({ host: db.host, port: db.port, user: 'root', multipleStatements: true });
  await m.query(`CREATE DATABASE src; CREATE TABLE src.t (id BIGINT PRIMARY KEY, name VARCHAR(32), amount DECIMAL(12,2), ts DATETIME, note VARCHAR(20));
    INSERT INTO src.t SELECT seq, CONCAT('n', seq), seq / 100, TIMESTAMP'2024-01-01 00:00:00' + INTERVAL seq MINUTE, IF(seq % 7 = 0, NULL, 'x') FROM src.seq_1_to_${rows}`);
  const [data] = await m.query('SELECT * FROM src.t ORDER BY id');
  await m.end();
  const r = await createConnection({ host: rk.host, port: rk.port, user: 'root' });
  await step('rockling DDL', async () => {
    await r.query('CREATE DATABASE IF NOT EXISTS tgt');
    await r.query(`CREATE TABLE tgt.t (id BIGINT, name VARCHAR(32), amount DECIMAL(12,2), ts DATETIME, note VARCHAR(20))
      PRIMARY KEY (id) DISTRIBUTED BY HASH(id) BUCKETS 1 PROPERTIES ("replication_num" = "1")`);
    const list = data as Record<string, unknown>[];
    for (let i = 0; i < list.length; i += 500) {
      const chunk = list.slice(i, i + 500).map((x) => [x['id'], x['name'], x['amount'], x['ts'], x['note']]);
      await r.query('INSERT INTO tgt.t VALUES ?', [chunk]);
    }
    return 'ok';
  });
  await step('field metadata', async () => {
    const [, fields] = await r.query('SELECT * FROM tgt.t LIMIT 0');
    return fields.map((f) => `${f.name}:${String(f.columnType)}/${String(f.decimals)}/${String(f.characterSet)}`);
  });
  await r.end();
  await step('validate equal', () =>
    validate(['--source', `${db.url}/src`, '--target', `${rk.url}/tgt`, '--table', 't', '--key', 'id']),
  );
} finally {
  await db.stop();
  await rk.stop();
}
