/**
 * The pieces under the Hive catalog that need no server: the Thrift binary codec (round trips,
 * truncated and hostile input), Hive type texts → StarRocks types, metastore locations → paths,
 * and the scan SQL (quoting of names and paths, typed partition constants).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import thrift from 'thrift';
import {
  IncompleteInput,
  MessageType,
  ThriftProtocolError,
  ThriftReader,
  ThriftWriter,
  readMessage,
  str,
} from '../../src/lakehouse/thrift/binary.js';
import { externalScanQuery, hiveToStarRocks, localPath } from '../../src/lakehouse/index.js';
import { typeDesc } from '../../src/catalog/index.js';

test('a call written by our codec is read back by the Apache thrift runtime', () => {
  const bytes = new ThriftWriter()
    .messageBegin('get_table', MessageType.CALL, 7)
    .fieldString(1, 'ods')
    .fieldString(2, '用户')
    .fieldI16(3, -1)
    .stop()
    .toBuffer();
  const transport = new thrift.TFramedTransport(bytes);
  const p = new thrift.TBinaryProtocol(transport);
  const m = p.readMessageBegin();
  assert.deepEqual([m.fname, m.mtype, m.rseqid], ['get_table', thrift.Thrift.MessageType.CALL, 7]);
  p.readStructBegin();
  const got: unknown[] = [];
  for (;;) {
    const f = p.readFieldBegin();
    if (f.ftype === thrift.Thrift.Type.STOP) break;
    got.push([f.fid, f.ftype === thrift.Thrift.Type.I16 ? p.readI16() : p.readString()]);
  }
  assert.deepEqual(got, [
    [1, 'ods'],
    [2, '用户'],
    [3, -1],
  ]);
});

test('truncated replies ask for more bytes at every cut; hostile sizes and versions are protocol errors', () => {
  const whole = new ThriftWriter()
    .messageBegin('get_all_databases', MessageType.REPLY, 1)
    .fieldString(0, 'x')
    .stop()
    .toBuffer();
  for (let cut = 0; cut < whole.length; cut++)
    assert.equal(readMessage(whole.subarray(0, cut)), null, `cut ${cut}`);
  const m = readMessage(Buffer.concat([whole, Buffer.from([1, 2, 3])]));
  assert.equal(m?.length, whole.length);
  assert.equal(str(m?.body, 0), 'x');
  const negative = Buffer.from(whole);
  negative.writeInt32BE(-5, 4); // name length
  assert.throws(() => readMessage(negative), ThriftProtocolError);
  const badVersion = Buffer.from(whole);
  badVersion.writeInt32BE(0x7f010002, 0);
  assert.throws(() => readMessage(badVersion), ThriftProtocolError);
  const badType = Buffer.from([0x0e, 0x00, 0x01]); // field of type 14 … with no set header
  assert.throws(
    () => new ThriftReader(Buffer.concat([badType, Buffer.from([0x63])])).struct(0),
    IncompleteInput,
  );
  const unknownType = Buffer.from([0x63, 0x00, 0x01]);
  assert.throws(() => new ThriftReader(unknownType).struct(0), ThriftProtocolError);
  // 100 nested structs: refused, not a stack overflow.
  const deep = Buffer.concat([
    ...Array.from({ length: 100 }, () => Buffer.from([0x0c, 0x00, 0x01])),
    Buffer.alloc(100),
  ]);
  assert.throws(() => new ThriftReader(deep).struct(0), ThriftProtocolError);
});

test('Hive types map to StarRocks types; unsupported ones are null', () => {
  const cases: [string, string | null][] = [
    ['bigint', 'bigint'],
    ['INT', 'int'],
    ['string', 'varchar(1048576)'],
    ['varchar(20)', 'varchar(20)'],
    ['char(3)', 'char(3)'],
    ['decimal', 'decimal(10,0)'],
    ['decimal(12, 2)', 'decimal(12,2)'],
    ['timestamp', 'datetime'],
    ['date', 'date'],
    ['double precision', 'double'],
    ['array<map<string,int>>', 'array<map<varchar(1048576),int>>'],
    ['struct<a:int,b:array<string>>', 'struct<a int,b array<varchar(1048576)>>'],
    ['binary', null],
    ['uniontype<int,string>', null],
    ['array<binary>', null],
    ['int extra', null],
  ];
  for (const [hive, want] of cases) {
    const t = hiveToStarRocks(hive);
    assert.equal(t === null ? null : typeDesc(t), want, hive);
  }
});

test('locations: local and file: forms become paths; remote schemes are refused by name', () => {
  assert.equal(localPath('/data/t'), '/data/t');
  assert.equal(localPath('file:/data/t'), '/data/t');
  assert.equal(localPath('file:///data/a%20b'), '/data/a b');
  for (const remote of ['s3://b/t', 's3a://b/t', 'hdfs://nn:8020/w/t', 'oss://b/t'])
    assert.throws(
      () => localPath(remote),
      (e: Error) => e.message.includes(remote.split(':')[0] as string),
    );
});

test('scan SQL quotes names, paths and partition values; missing columns and NULL partitions are typed NULLs', () => {
  const sql = externalScanQuery(
    [
      { name: 'id', type: { kind: 'int' }, hiveType: 'int', comment: '', partitionKey: false },
      {
        name: 'we"ird',
        type: { kind: 'varchar', length: 9 },
        hiveType: 'varchar(9)',
        comment: '',
        partitionKey: false,
      },
      { name: 'dt', type: { kind: 'date' }, hiveType: 'date', comment: '', partitionKey: true },
    ],
    [
      { files: ["/a/it's.parquet"], values: ["2024-01-01'; DROP"], present: new Set(['id']) },
      { files: [], values: ['2024-01-02'], present: new Set() },
      { files: ['/b.parquet'], values: [null], present: new Set(['id', 'we"ird']) },
    ],
  );
  assert.equal(
    sql,
    `SELECT CAST("id" AS INTEGER) AS "id", CAST(NULL AS VARCHAR) AS "we""ird", CAST('2024-01-01''; DROP' AS DATE) AS "dt" FROM read_parquet(['/a/it''s.parquet'], union_by_name = true)\n` +
      `UNION ALL\n` +
      `SELECT CAST("id" AS INTEGER) AS "id", CAST("we""ird" AS VARCHAR) AS "we""ird", CAST(NULL AS DATE) AS "dt" FROM read_parquet(['/b.parquet'], union_by_name = true)`,
  );
  assert.equal(
    externalScanQuery(
      [{ name: 'id', type: { kind: 'int' }, hiveType: 'int', comment: '', partitionKey: false }],
      [],
    ),
    'SELECT CAST(NULL AS INTEGER) AS "id" WHERE false',
  );
});
