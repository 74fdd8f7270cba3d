import { test } from 'node:test';
import assert from 'node:assert/strict';
import { T, type SqlType, type Value } from '../../src/types/index.js';
import {
  CellEncodingError,
  PacketWriter,
  binaryCellWriter,
  textCellWriter,
  writeBinaryRows,
  writeTextRows,
} from '../../src/wire/index.js';
import { ascii, hex, le, lstr, packet } from './bytes.js';

function textRow(types: SqlType[], row: Value[]): Buffer {
  const w = new PacketWriter();
  writeTextRows(w, [row], types.map(textCellWriter));
  return w.take();
}

function binaryRow(types: SqlType[], row: Value[]): Buffer {
  const w = new PacketWriter();
  writeBinaryRows(w, [row], types.map(binaryCellWriter));
  return w.take();
}

test('text rows: NULL marker, numbers, big integers, doubles, booleans, UTF-8 and bytes', () => {
  const types = [
    T.int,
    T.bigint,
    T.bigint,
    T.double,
    T.double,
    T.boolean,
    T.varchar(),
    T.varchar(),
    T.string,
    { kind: 'varbinary', length: 4 } as SqlType,
  ];
  const row: Value[] = [
    1,
    9007199254740993n,
    null,
    0.1 + 0.2,
    1e21,
    true,
    'béta ☃😀',
    '',
    'x',
    new Uint8Array([0, 255]),
  ];
  const utf = Buffer.from('béta ☃😀', 'utf8');
  assert.deepEqual(
    textRow(types, row),
    packet(
      0,
      lstr('1'),
      lstr('9007199254740993'),
      [0xfb],
      lstr('0.30000000000000004'),
      lstr('1e+21'),
      lstr('1'),
      [utf.length],
      utf,
      [0],
      lstr('x'),
      hex('02 00 ff'),
    ),
  );
});

test('text rows: decimals and temporals pass through as StarRocks text', () => {
  assert.deepEqual(
    textRow([T.decimal(10, 2), T.date, T.datetime], ['-0.01', '2024-01-31', '2024-01-31 12:34:56']),
    packet(0, lstr('-0.01'), lstr('2024-01-31'), lstr('2024-01-31 12:34:56')),
  );
});

test('text rows: a value longer than 250 bytes gets a 3-byte length', () => {
  const long = 'y'.repeat(70000);
  assert.deepEqual(textRow([T.string], [long]), packet(0, hex('fd 70 11 01'), ascii(long)));
});

test('binary rows: fixed-width integers and floats, little-endian, two-complement', () => {
  const types = [T.boolean, T.tinyint, T.smallint, T.int, T.bigint, T.bigint, T.float, T.double];
  const row: Value[] = [true, -1, -2, -3, -4n, 9007199254740993n, 1.5, 0.1];
  const f = Buffer.alloc(4);
  f.writeFloatLE(1.5);
  const d = Buffer.alloc(8);
  d.writeDoubleLE(0.1);
  assert.deepEqual(
    binaryRow(types, row),
    packet(
      0,
      [0x00, 0x00, 0x00], // header, NULL bitmap of (8 + 2 + 7) / 8 = 2 bytes
      [0x01],
      [0xff],
      hex('fe ff'),
      hex('fd ff ff ff'),
      hex('fc ff ff ff ff ff ff ff'),
      hex('01 00 00 00 00 00 20 00'),
      f,
      d,
    ),
  );
});

test('binary rows: NULL bitmap starts at bit 2', () => {
  const types = [T.int, T.int, T.int, T.int, T.int, T.int, T.int];
  const row: Value[] = [null, 1, null, null, null, null, null];
  // bits 2, 4, 5, 6, 7 in byte 0 = 0xf4; column 6 → bit 8 = byte 1 bit 0
  assert.deepEqual(binaryRow(types, row), packet(0, [0x00, 0xf4, 0x01], le(1, 4)));
});

test('binary rows: DATE, DATETIME and TIME structs use the shortest form', () => {
  const types = [T.date, T.datetime, T.datetime, T.datetime, T.time, T.time, T.time, T.date];
  const row: Value[] = [
    '2024-01-31',
    '1999-12-31 23:59:59',
    '2024-01-31 00:00:00',
    '2024-01-31 12:34:56.000123',
    '-25:02:03',
    '00:00:00',
    '01:02:03.5',
    '0000-00-00',
  ];
  assert.deepEqual(
    binaryRow(types, row),
    packet(
      0,
      [0x00, 0x00, 0x00],
      hex('04 e8 07 01 1f'),
      hex('07 cf 07 0c 1f 17 3b 3b'),
      hex('04 e8 07 01 1f'),
      hex('0b e8 07 01 1f 0c 22 38 7b 00 00 00'),
      hex('08 01 01 00 00 00 01 02 03'),
      hex('00'),
      hex('0c 00 00 00 00 00 01 02 03 20 a1 07 00'),
      hex('00'),
    ),
  );
});

test('binary rows: decimals, strings, JSON, LARGEINT and bytes are length-encoded', () => {
  const types = [
    T.decimal(10, 2),
    T.varchar(10),
    T.json,
    T.largeint,
    { kind: 'binary', length: 2 } as SqlType,
    T.array(T.int),
  ];
  const row: Value[] = [
    '12.34',
    'é',
    '{"a":1}',
    170141183460469231731687303715884105727n,
    new Uint8Array([1, 2]),
    '[1,2]',
  ];
  assert.deepEqual(
    binaryRow(types, row),
    packet(
      0,
      [0x00, 0x00],
      lstr('12.34'),
      hex('02 c3 a9'),
      lstr('{"a":1}'),
      lstr('170141183460469231731687303715884105727'),
      hex('02 01 02'),
      lstr('[1,2]'),
    ),
  );
});

test('binary rows: numbers given as text or other JS types are coerced', () => {
  assert.deepEqual(
    binaryRow([T.int, T.bigint, T.double], ['7', 8, '2.5']),
    packet(0, [0, 0], le(7, 4), le(8, 8), hex('00 00 00 00 00 00 04 40')),
  );
});

test('binary rows: unencodable values raise CellEncodingError, not a crash', () => {
  assert.throws(() => binaryRow([T.date], ['not a date']), CellEncodingError);
  assert.throws(() => binaryRow([T.bigint], ['12x']), CellEncodingError);
  assert.throws(() => binaryRow([T.int], ['abc']), CellEncodingError);
});
