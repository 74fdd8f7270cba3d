import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeServer, type FakeServer } from './support/harness.js';
import { runProcess } from './support/run.js';

let srv: FakeServer;
before(async () => {
  srv = await startFakeServer();
});
after(async () => {
  await srv.close();
});

function cliArgs(...extra: string[]): string[] {
  return [
    '--protocol=TCP',
    '-h',
    '127.0.0.1',
    '-P',
    String(srv.port),
    '-u',
    'root',
    '--default-character-set=utf8mb4',
    '--skip-ssl',
    ...extra,
  ];
}

function cli(
  sql: string,
  ...extra: string[]
): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return runProcess('mariadb', cliArgs('-B', '-N', ...extra, '-e', sql));
}

test('mariadb CLI batch mode: typed rows as text, NULLs, UTF-8', async () => {
  const r = await cli('SELECT * FROM types');
  assert.equal(r.code, 0, r.stderr);
  const rows = r.stdout
    .trimEnd()
    .split('\n')
    .map((l) => l.split('\t').slice(0, 8));
  assert.deepEqual(rows, [
    ['1', '9007199254740993', '12.34', '0.5', '2024-01-31', '2024-01-31 12:34:56', 'alpha', 'NULL'],
    ['2', '-42', '-0.01', '0.125', '1999-12-31', '1999-12-31 23:59:59.123456', 'béta ☃😀', 'x'],
    ['3', 'NULL', 'NULL', 'NULL', 'NULL', 'NULL', '', 'NULL'],
  ]);
});

test('mariadb CLI: version comment, connect with database, USE, errors with SQLSTATE', async () => {
  assert.equal((await cli('select @@version_comment limit 1')).stdout, 'StarRocks version 3.3.5-rockling\n');
  assert.equal((await cli('SELECT DATABASE()', 'test')).stdout, 'test\n');
  assert.equal((await cli('USE test; SELECT DATABASE()')).stdout, 'test\n');
  const missing = await cli('SELECT * FROM missing');
  assert.notEqual(missing.code, 0);
  assert.match(missing.stderr, /ERROR 1146 \(42S02\)/);
  const denied = await cli('SELECT 1', '-u', 'alice', '-pwrong');
  assert.match(
    denied.stderr,
    /ERROR 1045 \(28000\): Access denied for user 'alice'@'127.0.0.1' \(using password: YES\)/,
  );
  assert.equal((await cli('SELECT 1', '-u', 'alice', '-psecret')).stdout, '1\n');
});

test('mariadb CLI: an error mid-script leaves the connection usable (--force)', async () => {
  const r = await runProcess(
    'mariadb',
    cliArgs('-B', '-N', '--force'),
    'SELECT * FROM missing;\nSELECT 7 AS seven;\n',
  );
  assert.match(r.stderr, /ERROR 1146/);
  assert.equal(r.stdout, '7\n');
});

test('mariadb CLI interactive start-up: SHOW DATABASES/TABLES, COM_FIELD_LIST, status (COM_STATISTICS)', async () => {
  srv.db.log.length = 0;
  const args = ['mariadb', ...cliArgs('test')].map((a) => `'${a}'`).join(' ');
  const r = await runProcess(
    'script',
    ['-qfec', args, '/dev/null'],
    'SELECT 40000+2345 AS probe_marker;\nstatus\nquit\n',
  );
  const out = r.stdout.replace(/\r/g, '');
  assert.match(out, /Server version:\s+8\.0\.33 StarRocks version 3\.3\.5-rockling/);
  assert.match(out, /You have an error in your SQL syntax/, 'the unsupported SELECT comes back as ERR 1064');
  assert.match(out, /Uptime:\s+1 sec/, 'COM_STATISTICS text is shown by status');
  assert.ok(
    srv.db.log.some((l) => /^show tables$/i.test(l)),
    srv.db.log.join('\n'),
  );
  assert.ok(srv.db.log.includes('FIELD_LIST types'), 'auto-rehash sent COM_FIELD_LIST');
});

test('mariadb-admin ping and status use COM_PING and COM_STATISTICS', async () => {
  const base = ['--protocol=TCP', '-h', '127.0.0.1', '-P', String(srv.port), '-u', 'root'];
  assert.match((await runProcess('mariadb-admin', [...base, 'ping'])).stdout, /mysqld is alive/);
  assert.match(
    (await runProcess('mariadb-admin', [...base, 'status'])).stdout,
    /^Uptime: 1 {2}Threads: \d+ {2}Questions: \d+/,
  );
});

const PY = String.raw`
import sys, pymysql
port = int(sys.argv[1])
def conn(**kw):
    args = dict(host='127.0.0.1', port=port, user='root', charset='utf8mb4', autocommit=True)
    args.update(kw)
    return pymysql.connect(**args)
c = conn()
cur = c.cursor()
cur.execute('SELECT * FROM types')
rows = cur.fetchall()
print('row0', [str(v) for v in rows[0][:8]])
print('row1', [str(v) for v in rows[1][:8]])
print('desc', [d[1] for d in cur.description[:8]])
c.select_db('test')
cur.execute('SELECT DATABASE()'); print('db', cur.fetchone()[0])
try:
    cur.execute('SELECT * FROM missing')
except pymysql.err.ProgrammingError as e:
    print('err', e.args[0])
cur.execute('SELECT 1; INSERT INTO t VALUES (1); SELECT 2 AS two')
print('multi1', cur.fetchall())
cur.nextset(); print('multi2', cur.rowcount, cur.lastrowid)
cur.nextset(); print('multi3', cur.fetchall())
print('nomore', cur.nextset())
c.ping(reconnect=False); print('ping ok')
cur.execute("SELECT %s AS v", ('x',)) if False else None
try:
    conn(user='alice', password='wrong')
except pymysql.err.OperationalError as e:
    print('denied', e.args[0])
conn(user='alice', password='secret').close(); print('alice ok')
c.close()
`;

test('PyMySQL: typed rows, select_db, errors, multi-statement result sets, ping, auth', async () => {
  const r = await runProcess('/usr/bin/python3', ['-c', PY, String(srv.port)], '', 30_000);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.deepEqual(lines, [
    "row0 ['1', '9007199254740993', '12.34', '0.5', '2024-01-31', '2024-01-31 12:34:56', 'alpha', 'None']",
    "row1 ['2', '-42', '-0.01', '0.125', '1999-12-31', '1999-12-31 23:59:59.123456', 'béta ☃😀', 'x']",
    'desc [3, 8, 246, 5, 10, 12, 253, 253]',
    'db test',
    'err 1146',
    'multi1 ((1,),)',
    'multi2 3 7',
    'multi3 ((2,),)',
    'nomore None',
    'ping ok',
    'denied 1045',
    'alice ok',
  ]);
});
