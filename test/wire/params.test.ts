import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProtocolError, decodeCommand, decodeExecuteParams } from '../../src/wire/index.js';
import { hex, le, lstr } from './bytes.js';

const t = (code: number, unsigned = false): Buffer => Buffer.from([code, unsigned ? 0x80 : 0]);

test('every parameter type decodes from its binary form', () => {
  const types = [
    t(0x01),
    t(0x01, true),
    t(0x02),
    t(0x0d),
    t(0x03),
    t(0x03, true),
    t(0x09),
    t(0x08),
    t(0x08),
    t(0x08, true),
    t(0x04),
    t(0x05),
    t(0x0a),
    t(0x0c),
    t(0x07),
    t(0x0b),
    t(0xf6),
    t(0xfd),
    t(0xfe),
    t(0x0f),
    t(0xf5),
    t(0xfc),
    t(0x06),
  ];
  const n = types.length;
  const f = Buffer.alloc(4);
  f.writeFloatLE(2.5);
  const d = Buffer.alloc(8);
  d.writeDoubleLE(-0.125);
  const values = Buffer.concat([
    hex('ff'),
    hex('ff'),
    hex('fe ff'),
    le(2024, 2),
    hex('fd ff ff ff'),
    hex('ff ff ff ff'),
    le(70000, 4),
    hex('01 00 00 00 00 00 20 00'), // 2^53 + 1 → bigint
    hex('fe ff ff ff ff ff ff ff'), // -2 → number
    hex('ff ff ff ff ff ff ff ff'), // unsigned 2^64 - 1
    f,
    d,
    hex('04 cf 07 0c 1f'),
    hex('0b e8 07 01 1f 0c 22 38 40 e2 01 00'),
    hex('07 e8 07 01 1f 00 00 01'),
    hex('0c 01 01 00 00 00 01 02 03 20 a1 07 00'),
    lstr('-0.01'),
    hex('09'),
    Buffer.from('béta ☃', 'utf8'),
    lstr('abc'),
    lstr('v'),
    lstr('{"a":1}'),
    hex('02 00 ff'),
  ]);
  const block = Buffer.concat([Buffer.alloc((n + 7) >> 3), hex('01'), ...types, values]);
  const { values: got, types: gotTypes } = decodeExecuteParams(block, n, null);
  assert.deepEqual(got, [
    -1,
    255,
    -2,
    2024,
    -3,
    4294967295,
    70000,
    9007199254740993n,
    -2,
    18446744073709551615n,
    2.5,
    -0.125,
    '1999-12-31',
    '2024-01-31 12:34:56.123456',
    '2024-01-31 00:00:01',
    '-25:02:03.500000',
    '-0.01',
    'béta ☃',
    'abc',
    'v',
    '{"a":1}',
    new Uint8Array([0, 255]),
    null,
  ]);
  assert.equal(gotTypes[1], 0x8001);
});

test('NULL bitmap marks parameters that carry no bytes', () => {
  const block = Buffer.concat([hex('05'), hex('01'), t(0x03), t(0x03), t(0x03), le(9, 4)]);
  assert.deepEqual(decodeExecuteParams(block, 3, null).values, [null, 9, null]);
});

test('re-execution without new_params_bound_flag reuses the remembered types', () => {
  const first = decodeExecuteParams(
    Buffer.concat([hex('00 01'), t(0x08), t(0xfd), le(5, 8), lstr('a')]),
    2,
    null,
  );
  const again = decodeExecuteParams(Buffer.concat([hex('00 00'), le(6, 8), lstr('b')]), 2, first.types);
  assert.deepEqual(again.values, [6, 'b']);
  assert.throws(
    () => decodeExecuteParams(Buffer.concat([hex('00 00'), le(6, 8), lstr('b')]), 2, null),
    ProtocolError,
  );
});

test('parameters with long data are skipped in the value list', () => {
  const long = new Map([
    [0, Buffer.from('long text ☃', 'utf8')],
    [2, Buffer.from([1, 2, 3])],
  ]);
  const block = Buffer.concat([hex('00 01'), t(0xfe), t(0x03), t(0xfc), le(42, 4)]);
  assert.deepEqual(decodeExecuteParams(block, 3, null, long).values, [
    'long text ☃',
    42,
    new Uint8Array([1, 2, 3]),
  ]);
});

test('truncated parameter blocks and unknown types are protocol errors', () => {
  const block = Buffer.concat([hex('00 01'), t(0x08), t(0xfd), le(5, 8), lstr('abc')]);
  for (let cut = 0; cut < block.length; cut++) {
    assert.throws(() => decodeExecuteParams(block.subarray(0, cut), 2, null), ProtocolError, `cut ${cut}`);
  }
  assert.throws(
    () => decodeExecuteParams(Buffer.concat([hex('00 01'), t(0x33), hex('00')]), 1, null),
    ProtocolError,
  );
  assert.throws(
    () => decodeExecuteParams(Buffer.concat([hex('00 01'), t(0x0a), hex('05 00 00 00 00 00')]), 1, null),
    ProtocolError,
  );
});

test('commands decode to their fields', () => {
  const caps = 0x00a3a20f | 0x8000 | 0x80000;
  const cases: [Buffer, unknown][] = [
    [hex('01'), { kind: 'quit' }],
    [Buffer.concat([hex('02'), Buffer.from('cat.db')]), { kind: 'init-db', database: 'cat.db' }],
    [Buffer.concat([hex('03'), Buffer.from('select "☃"', 'utf8')]), { kind: 'query', sql: 'select "☃"' }],
    [Buffer.concat([hex('04'), Buffer.from('t\0%')]), { kind: 'field-list', table: 't', wildcard: '%' }],
    [hex('09'), { kind: 'statistics' }],
    [hex('0c 2a 00 00 00'), { kind: 'process-kill', connectionId: 42 }],
    [hex('0e'), { kind: 'ping' }],
    [Buffer.concat([hex('16'), Buffer.from('select ?')]), { kind: 'stmt-prepare', sql: 'select ?' }],
    [
      hex('17 01 00 00 00 00 01 00 00 00 aa'),
      { kind: 'stmt-execute', statementId: 1, flags: 0, iterationCount: 1, params: hex('aa') },
    ],
    [
      hex('18 02 00 00 00 01 00 61 62'),
      { kind: 'stmt-send-long-data', statementId: 2, paramId: 1, data: hex('61 62') },
    ],
    [hex('19 03 00 00 00'), { kind: 'stmt-close', statementId: 3 }],
    [hex('1a 04 00 00 00'), { kind: 'stmt-reset', statementId: 4 }],
    [hex('1c 04 00 00 00 0a 00 00 00'), { kind: 'stmt-fetch', statementId: 4, rows: 10 }],
    [hex('1b 01 00'), { kind: 'set-option', option: 1 }],
    [hex('1f'), { kind: 'reset-connection' }],
    [hex('08 00'), { kind: 'unknown', code: 8 }],
    [hex('ee'), { kind: 'unknown', code: 0xee }],
  ];
  for (const [payload, expected] of cases)
    assert.deepEqual(decodeCommand(payload, caps), expected, payload.toString('hex'));
  const change = decodeCommand(
    Buffer.concat([
      hex('11'),
      Buffer.from('bob\0'),
      hex('14'),
      Buffer.alloc(20, 1),
      Buffer.from('db\0'),
      hex('21 00'),
      Buffer.from('mysql_native_password\0'),
    ]),
    caps,
  );
  assert.deepEqual(change, {
    kind: 'change-user',
    request: {
      user: 'bob',
      authResponse: Buffer.alloc(20, 1),
      database: 'db',
      charset: 33,
      authPlugin: 'mysql_native_password',
    },
  });
});

test('short command packets are protocol errors', () => {
  for (const p of ['', '0c 01', '17 01 00', '18 01 00 00 00 01', '19', '1a 00', '1b', '1c 00 00 00 00']) {
    assert.throws(() => decodeCommand(hex(p), 0xffffffff), ProtocolError, p);
  }
});
