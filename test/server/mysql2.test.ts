import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createConnection, type Connection, type FieldPacket, type RowDataPacket } from 'mysql2/promise';
import { startFakeServer, type FakeServer } from './support/harness.js';

let srv: FakeServer;
before(async () => {
  srv = await startFakeServer();
});
after(async () => {
  await srv.close();
});

function connect(extra: Record<string, unknown> = {}): Promise<Connection> {
  return createConnection({
    host: '127.0.0.1',
    port: srv.port,
    user: 'root',
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
    ...extra,
  });
}

const EXPECTED_TEXT = [
  [
    '1',
    '9007199254740993',
    '12.34',
    0.5,
    '2024-01-31',
    '2024-01-31 12:34:56',
    'alpha',
    null,
    1,
    -128,
    -32768,
    1.5,
    '170141183460469231731687303715884105727',
    '{"a": [1, 2]}',
    Buffer.from([0, 1, 255]),
    '12:34:56',
  ],
  [
    '2',
    '-42',
    '-0.01',
    0.125,
    '1999-12-31',
    '1999-12-31 23:59:59.123456',
    'béta ☃😀',
    'x',
    0,
    127,
    32767,
    -0.25,
    '-1',
    '[]',
    Buffer.alloc(0),
    '-838:59:59',
  ],
  ['3', null, null, null, null, null, '', null, null, null, null, null, null, null, null, null],
];

test('handshake advertises the MySQL 8 version string and connection id', async () => {
  const c = await connect();
  const hs = (
    c as unknown as { connection: { _handshakePacket: { serverVersion: string; connectionId: number } } }
  ).connection._handshakePacket;
  assert.equal(hs.serverVersion, '8.0.33');
  const [r] = await c.query<RowDataPacket[]>('SELECT CONNECTION_ID()');
  assert.equal(String(r[0]?.['CONNECTION_ID()']), String(hs.connectionId));
  await c.end();
});

test('text protocol: every type decodes to the right value and column metadata', async () => {
  const c = await connect();
  const [rows, fields] = (await c.query({ sql: 'SELECT * FROM types', rowsAsArray: true })) as [
    unknown[][],
    FieldPacket[],
  ];
  const norm = rows.map((r) => r.map((v) => (typeof v === 'number' ? v : v)));
  // mysql2 returns ints as numbers when safe, BIGINT as strings with bigNumberStrings
  assert.deepEqual(
    norm.map((r) => r.map((v, i) => ([0].includes(i) && v !== null ? String(v) : v))),
    EXPECTED_TEXT,
  );
  assert.deepEqual(
    fields.map((f) => [f.name, f.columnType, f.characterSet, f.decimals]),
    [
      ['id', 3, 63, 0],
      ['big', 8, 63, 0],
      ['price', 246, 63, 2],
      ['ratio', 5, 63, 31],
      ['d', 10, 63, 0],
      ['ts', 12, 63, 0],
      ['name', 253, 224, 0],
      ['note', 253, 224, 0],
      ['flag', 1, 63, 0],
      ['tiny', 1, 63, 0],
      ['small', 2, 63, 0],
      ['f', 4, 63, 31],
      ['large', 254, 224, 0],
      ['j', 254, 224, 0],
      ['bin', 252, 63, 0],
      ['t', 11, 63, 0],
    ],
  );
  assert.equal((fields[0]?.flags as number) & 3, 3, 'id is NOT NULL PRI_KEY');
  assert.equal(fields[0]?.table, 'types');
  await c.end();
});

test('binary protocol (execute): same values as the text protocol', async () => {
  const c = await connect();
  const [rows] = (await c.execute({ sql: 'SELECT * FROM types WHERE id >= ?', rowsAsArray: true }, [1])) as [
    unknown[][],
    FieldPacket[],
  ];
  const expected = EXPECTED_TEXT.map((r) => r.map((v, i) => (i === 0 && v !== null ? Number(v) : v)));
  // binary FLOAT is float32; DOUBLE exact; mysql2 formats binary DATETIME with its own fraction rules
  expected[1]![5] = '1999-12-31 23:59:59.123456';
  assert.deepEqual(rows, expected);
  await c.end();
});

test('binary protocol: parameters of every mysql2 type round-trip, re-execution reuses types', async () => {
  const c = await connect();
  const params = [42, -1.5, 'béta ☃😀', null, 9007199254740993n, Buffer.from([1, 2, 3]), true];
  const [r1] = (await c.execute({ sql: 'SELECT ?, ?, ?, ?, ?, ?, ?', rowsAsArray: true }, params)) as [
    unknown[][],
    FieldPacket[],
  ];
  assert.deepEqual(r1[0], ['42', -1.5, 'béta ☃😀', null, '9007199254740993', Buffer.from([1, 2, 3]), '1']);
  const [r2] = (await c.execute({ sql: 'SELECT ?, ?, ?, ?, ?, ?, ?', rowsAsArray: true }, [
    7,
    2.5,
    'x',
    null,
    1n,
    Buffer.from([9]),
    false,
  ])) as [unknown[][], FieldPacket[]];
  assert.deepEqual(r2[0], ['7', 2.5, 'x', null, '1', Buffer.from([9]), '0']);
  const executes = srv.db.log.filter((l) => l.startsWith('EXECUTE SELECT ?, ?'));
  assert.deepEqual(executes.slice(-2), [
    'EXECUTE SELECT ?, ?, ?, ?, ?, ?, ? [42,-1.5,"béta ☃😀",null,"9007199254740993","bytes:010203",1]',
    'EXECUTE SELECT ?, ?, ?, ?, ?, ?, ? [7,2.5,"x",null,"1","bytes:09",0]',
  ]);
  await c.end();
});

test('errors carry errno and SQLSTATE and leave the connection usable', async () => {
  const c = await connect();
  await assert.rejects(
    c.query('SELECT * FROM missing'),
    (e: { errno: number; sqlState: string; message: string }) => {
      assert.equal(e.errno, 1146);
      assert.equal(e.sqlState, '42S02');
      assert.match(e.message, /doesn't exist/);
      return true;
    },
  );
  await assert.rejects(c.query('gibberish'), { errno: 1064, sqlState: '42000' });
  const [r] = await c.query<RowDataPacket[]>('SELECT 7 AS seven');
  assert.equal(String(r[0]?.['seven']), '7');
  await c.end();
});

test('an exception inside the session becomes ERR 1105 and the connection survives', async () => {
  const c = await connect();
  await assert.rejects(c.query('CRASH'), { errno: 1105, sqlState: 'HY000' });
  await assert.rejects(c.query('CRASH ROWS'), { errno: 1105 });
  await assert.rejects(c.execute('BAD DATE'), { errno: 1105 });
  const [r] = await c.query<RowDataPacket[]>('SELECT 1');
  assert.equal(String(r[0]?.['1']), '1');
  await c.end();
});

test('multi-statements return several result sets with MORE_RESULTS between them', async () => {
  const c = await connect({ multipleStatements: true });
  const [results] = (await c.query('SELECT 1; INSERT INTO t VALUES (1); SELECT 2 AS two')) as unknown as [
    unknown[],
  ];
  assert.equal(results.length, 3);
  assert.equal(String((results[0] as RowDataPacket[])[0]?.['1']), '1');
  assert.equal((results[1] as { affectedRows: number; insertId: number }).affectedRows, 3);
  assert.equal((results[1] as { affectedRows: number; insertId: number }).insertId, 7);
  assert.equal(String((results[2] as RowDataPacket[])[0]?.['two']), '2');
  // an error in the middle: earlier results arrive, then the error; later statements do not run
  srv.db.log.length = 0;
  await assert.rejects(c.query('SELECT 1; SELECT * FROM missing; SELECT 3 AS three'), { errno: 1146 });
  assert.ok(!srv.db.log.includes('SELECT 3 AS three'));
  const [again] = await c.query<RowDataPacket[]>('SELECT 5 AS five');
  assert.equal(String(again[0]?.['five']), '5');
  await c.end();
});

test('COM_PING, COM_INIT_DB (incl. catalog.db), unknown database error', async () => {
  const c = await connect();
  await c.ping();
  await c.changeUser({ database: 'default_catalog.test' }).catch(() => undefined);
  await c.query('USE test');
  const [r] = await c.query<RowDataPacket[]>('SELECT DATABASE()');
  assert.equal(r[0]?.['DATABASE()'], 'test');
  await assert.rejects(c.query('USE nope'), { errno: 1049, sqlState: '42000' });
  await c.end();
});

test('connect with database, including catalog.db; unknown database is refused with 1049', async () => {
  const c = await connect({ database: 'default_catalog.test' });
  const [r] = await c.query<RowDataPacket[]>('SELECT DATABASE()');
  assert.equal(r[0]?.['DATABASE()'], 'test');
  await c.end();
  await assert.rejects(connect({ database: 'nope' }), { errno: 1049 });
});

test('password users: right password connects, wrong password gets 1045 / 28000', async () => {
  const c = await connect({ user: 'alice', password: 'secret' });
  await c.ping();
  await c.end();
  await assert.rejects(
    connect({ user: 'alice', password: 'wrong' }),
    (e: { errno: number; sqlState: string; message: string }) => {
      assert.equal(e.errno, 1045);
      assert.equal(e.sqlState, '28000');
      assert.match(e.message, /^Access denied for user 'alice'@'127\.0\.0\.1' \(using password: YES\)$/);
      return true;
    },
  );
  await assert.rejects(connect({ user: 'alice' }), /using password: NO/);
  await assert.rejects(connect({ user: 'mallory', password: 'x' }), { errno: 1045 });
});

test('status flags: autocommit and in-transaction are reported truthfully', async () => {
  const c = await connect();
  const [ok1] = (await c.query('BEGIN')) as unknown as [{ serverStatus: number }];
  assert.equal(ok1.serverStatus & 3, 3);
  const [ok2] = (await c.query('COMMIT')) as unknown as [{ serverStatus: number }];
  assert.equal(ok2.serverStatus & 3, 2);
  const [ok3] = (await c.query('SET autocommit=0')) as unknown as [{ serverStatus: number }];
  assert.equal(ok3.serverStatus & 2, 0);
  const [ok4] = (await c.query('WARN')) as unknown as [{ warningStatus: number }];
  assert.equal(ok4.warningStatus, 2);
  await c.end();
});

test('KILL QUERY interrupts a running statement from another connection; KILL CONNECTION closes it', async () => {
  const victim = await connect();
  const killer = await connect();
  const [idRow] = await victim.query<RowDataPacket[]>('SELECT CONNECTION_ID()');
  const id = Number(idRow[0]?.['CONNECTION_ID()']);
  const running = victim.query('SLEEP 20000').then(
    () => null,
    (e: unknown) => e,
  );
  await new Promise((r) => setTimeout(r, 100));
  await killer.query(`KILL QUERY ${id}`);
  assert.deepEqual(
    await running.then((e) => [(e as { errno: number }).errno, (e as { sqlState: string }).sqlState]),
    [1317, '70100'],
  );
  await victim.ping();
  await killer.query(`KILL ${id}`);
  await assert.rejects(victim.query('SELECT 1'));
  await assert.rejects(killer.query('KILL 999999'), { errno: 1094 });
  await killer.end();
});
