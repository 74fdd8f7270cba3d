import { test } from 'node:test';
import assert from 'node:assert/strict';
import { T } from '../../src/types/index.js';
import {
  PacketWriter,
  writeColumnDefinition,
  writeEof,
  writeErr,
  writeFieldList,
  writeOk,
  writePrepareOk,
  writeResultSetHeader,
  writeStatistics,
  wireColumnOf,
} from '../../src/wire/index.js';
import { ascii, hex, lstr, packet } from './bytes.js';

function bytes(fn: (w: PacketWriter) => void, seq = 1): Buffer {
  const w = new PacketWriter();
  w.seq = seq;
  fn(w);
  return w.take();
}

test('OK packet: header, lenenc counts, status, warnings, info', () => {
  assert.deepEqual(
    bytes((w) => writeOk(w, { status: 0x0002 })),
    packet(1, hex('00 00 00 02 00 00 00')),
  );
  assert.deepEqual(
    bytes((w) =>
      writeOk(w, {
        affectedRows: 300,
        lastInsertId: 5,
        status: 0x0003,
        warnings: 2,
        info: 'Rows matched: 1',
      }),
    ),
    packet(1, hex('00 fc 2c 01 05 03 00 02 00 0f'), ascii('Rows matched: 1')),
  );
});

test('ERR packet carries errno, SQLSTATE marker and message', () => {
  assert.deepEqual(
    bytes((w) => writeErr(w, { errno: 1146, sqlState: '42S02', message: "Table 'd.t' doesn't exist" })),
    packet(1, hex('ff 7a 04'), ascii('#42S02'), ascii("Table 'd.t' doesn't exist")),
  );
});

test('EOF packet: 0xFE, warnings, status', () => {
  assert.deepEqual(
    bytes((w) => writeEof(w, 0x000a, 1), 4),
    packet(4, hex('fe 01 00 0a 00')),
  );
});

function colDef(
  db: string,
  table: string,
  name: string,
  charset: number,
  length: number,
  type: number,
  flags: number,
  decimals: number,
): Buffer {
  const fixed = Buffer.alloc(13);
  fixed[0] = 0x0c;
  fixed.writeUInt16LE(charset, 1);
  fixed.writeUInt32LE(length, 3);
  fixed[7] = type;
  fixed.writeUInt16LE(flags, 8);
  fixed[10] = decimals;
  return Buffer.concat([lstr('def'), lstr(db), lstr(table), lstr(table), lstr(name), lstr(name), fixed]);
}

test('column definitions follow StarRocks type codes, lengths and charsets', () => {
  const cases = [
    { type: T.int, nullable: false, pk: true, expect: [63, 11, 0x03, 0x8003, 0] },
    { type: T.bigint, nullable: true, expect: [63, 20, 0x08, 0x8000, 0] },
    { type: T.decimal(10, 2), nullable: true, expect: [63, 14, 0xf6, 0x8000, 2] },
    { type: T.double, nullable: true, expect: [63, 22, 0x05, 0x8000, 31] },
    { type: T.date, nullable: true, expect: [63, 10, 0x0a, 0, 0] },
    { type: T.datetime, nullable: true, expect: [63, 19, 0x0c, 0, 0] },
    { type: T.varchar(64), nullable: true, expect: [33, 192, 0xfd, 0, 0] },
    { type: T.char(4), nullable: false, expect: [33, 12, 0xfe, 0x0001, 0] },
    { type: T.boolean, nullable: true, expect: [63, 1, 0x01, 0x8000, 0] },
    { type: T.largeint, nullable: true, expect: [33, 40, 0xfe, 0, 0] },
    { type: T.json, nullable: true, expect: [33, 60, 0xfe, 0, 0] },
    { type: { kind: 'varbinary', length: 10 } as const, nullable: true, expect: [63, 10, 0xfc, 0x0090, 0] },
  ] as const;
  for (const c of cases) {
    const [charset, length, type, flags, decimals] = c.expect;
    const got = bytes((w) =>
      writeColumnDefinition(w, {
        name: 'c',
        type: c.type,
        nullable: c.nullable,
        table: 't',
        db: 'd',
        primaryKey: 'pk' in c,
      }),
    );
    assert.deepEqual(
      got,
      packet(1, colDef('d', 't', 'c', charset, length, type, flags, decimals)),
      JSON.stringify(c.type),
    );
  }
});

test('result set header: count, definitions, EOF with status', () => {
  const cols = [{ name: '1', type: T.bigint, nullable: false }];
  assert.deepEqual(
    bytes((w) => writeResultSetHeader(w, cols, 0x0002)),
    Buffer.concat([
      packet(1, [1]),
      packet(2, colDef('', '', '1', 63, 20, 0x08, 0x8001, 0)),
      packet(3, hex('fe 00 00 02 00')),
    ]),
  );
});

test('COM_FIELD_LIST reply appends a NULL default to each definition and ends with EOF', () => {
  const cols = [{ name: 'id', type: T.int, nullable: true, table: 't' }];
  assert.deepEqual(
    bytes((w) => writeFieldList(w, cols, 2)),
    Buffer.concat([
      packet(1, colDef('', 't', 'id', 63, 11, 3, 0x8000, 0), [0xfb]),
      packet(2, hex('fe 00 00 02 00')),
    ]),
  );
});

test('COM_STMT_PREPARE_OK with parameters and columns', () => {
  const got = bytes((w) =>
    writePrepareOk(w, {
      statementId: 7,
      paramCount: 2,
      columns: [{ name: 'x', type: T.int, nullable: true }],
      warnings: 0,
      status: 2,
    }),
  );
  const param = Buffer.concat([
    lstr('def'),
    lstr(''),
    lstr(''),
    lstr(''),
    lstr('?'),
    lstr(''),
    hex('0c 3f 00 00 00 00 00 fd 00 00 00 00 00'),
  ]);
  assert.deepEqual(
    got,
    Buffer.concat([
      packet(1, hex('00 07 00 00 00 01 00 02 00 00 00 00')),
      packet(2, param),
      packet(3, param),
      packet(4, hex('fe 00 00 02 00')),
      packet(5, colDef('', '', 'x', 63, 11, 3, 0x8000, 0)),
      packet(6, hex('fe 00 00 02 00')),
    ]),
  );
  const none = bytes((w) =>
    writePrepareOk(w, { statementId: 1, paramCount: 0, columns: [], warnings: 0, status: 2 }),
  );
  assert.deepEqual(none, packet(1, hex('00 01 00 00 00 00 00 00 00 00 00 00')));
});

test('COM_STATISTICS reply is bare text', () => {
  assert.deepEqual(
    bytes((w) => writeStatistics(w, 'Uptime: 1')),
    packet(1, ascii('Uptime: 1')),
  );
});

test('every StarRocks type has a wire column', () => {
  const all = [
    T.null,
    T.boolean,
    T.tinyint,
    T.smallint,
    T.int,
    T.bigint,
    T.largeint,
    T.float,
    T.double,
    T.date,
    T.datetime,
    T.time,
    T.string,
    T.json,
    T.hll,
    T.bitmap,
    T.percentile,
    T.array(T.int),
  ];
  for (const t of all) assert.ok(wireColumnOf(t).type >= 0, t.kind);
  assert.equal(wireColumnOf(T.string).length, 65533 * 3);
});
