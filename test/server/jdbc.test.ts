import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeServer, type FakeServer } from './support/harness.js';
import { runProcess } from './support/run.js';

const JAR = '/usr/share/java/mariadb-java-client.jar';
let srv: FakeServer;
let classes: string;

before(async () => {
  srv = await startFakeServer();
  classes = mkdtempSync(join(tmpdir(), 'rockling-jdbc-'));
  const javac = await runProcess(
    'javac',
    ['-encoding', 'UTF-8', '-d', classes, join(import.meta.dirname, 'support', 'JdbcClient.java')],
    '',
    60_000,
  );
  assert.equal(javac.code, 0, javac.stderr);
});
after(async () => {
  await srv.close();
  rmSync(classes, { recursive: true, force: true });
});

test('MariaDB Connector/J with useServerPrepStmts=true: connect, text and binary results, params incl. long data, errors, ping, setCatalog', async () => {
  srv.db.log.length = 0;
  const r = await runProcess(
    'java',
    ['-Dfile.encoding=UTF-8', '-cp', `${JAR}:${classes}`, 'JdbcClient', String(srv.port)],
    '',
    60_000,
  );
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.deepEqual(lines, [
    'catalog test',
    'autocommit true',
    'meta INTEGER,DECIMAL,2,0,1',
    'text.row1 1|9007199254740993|12.34|0.5|2024-01-31|2024-01-31 12:34:56.0|alpha|null',
    'text.row2 béta ☃😀|false|127|-0.25',
    'binary.exec1 1|9007199254740993|12.34|0.5|2024-01-31|2024-01-31 12:34:56.0|alpha|true|-32768|1.5|170141183460469231731687303715884105727|12:34:56',
    'binary.nulls1 null|null|true',
    'binary.exec2 1|9007199254740993|12.34|0.5|2024-01-31|2024-01-31 12:34:56.0|alpha|true|-32768|1.5|170141183460469231731687303715884105727|12:34:56',
    'binary.nulls2 null|null|true',
    'params 9007199254740993|-12.345|1999-12-31|béta ☃😀|null|2024-01-31 12:34:56.500000|4:255',
    'error 1146 42S02',
    'after-error 7',
    'valid true',
    'catalog2 information_schema',
    'update 3',
    'denied 1045 28000',
  ]);
  // the second execution reused the statement; its parameters were decoded with remembered types
  const execs = srv.db.log.filter((l) => l.startsWith('EXECUTE SELECT * FROM types WHERE id >= ?'));
  assert.deepEqual(execs, [
    'EXECUTE SELECT * FROM types WHERE id >= ? [1]',
    'EXECUTE SELECT * FROM types WHERE id >= ? [2]',
  ]);
  assert.ok(
    srv.db.log.some((l) => l.includes('"bytes:010203ff"')),
    'long data arrived as bytes',
  );
  assert.ok(
    srv.logs.some((l) => /long data .*param=6 bytes=4/.test(l)),
    'setBinaryStream used COM_STMT_SEND_LONG_DATA',
  );
});
