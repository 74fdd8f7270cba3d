import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DuckDBConnection } from '@duckdb/node-api';
import { T } from '../../src/types/index.js';
import { arr, b, dec, evalCall, f, i, nul, openDuck, raw, s, bi, type Arg } from './harness.js';

let conn: DuckDBConnection;
before(async () => {
  conn = await openDuck();
});
after(() => conn.closeSync());

type Case = readonly [name: string, args: readonly Arg[], expected: string | null];

async function check(cases: readonly Case[]): Promise<void> {
  for (const [name, args, expected] of cases) {
    const got = await evalCall(conn, name, args);
    assert.equal(got, expected, `${name}(${args.map((a) => a.sql).join(', ')})`);
  }
}

describe('string functions', () => {
  test('CONCAT propagates NULL, CONCAT_WS skips NULLs', () =>
    check([
      ['concat', [s('a'), s('b'), s('c')], 'abc'],
      ['concat', [s('a'), nul(T.varchar())], null],
      ['concat', [s('n'), i(1), f(1.5)], 'n11.5'],
      ['concat_ws', [s(','), s('a'), nul(T.varchar()), s('c')], 'a,c'],
      ['concat_ws', [nul(T.varchar()), s('a')], null],
      ['concat_ws', [s('-'), arr([s('x'), nul(T.varchar()), s('y')], T.varchar())], 'x-y'],
    ]));

  test('SUBSTR is 1-based with negative starts; LEFT/RIGHT', () =>
    check([
      ['substr', [s('hello'), i(2)], 'ello'],
      ['substr', [s('hello'), i(2), i(3)], 'ell'],
      ['substring', [s('hello'), i(-3), i(2)], 'll'],
      ['substr', [s('hello'), i(0)], ''],
      ['substr', [s('hello'), i(-10)], ''],
      ['substr', [s('hello'), i(2), i(-1)], ''],
      ['substr', [s('héllo'), i(2), i(2)], 'él'],
      ['substr', [nul(T.varchar()), i(0)], null],
      ['left', [s('hello'), i(2)], 'he'],
      ['right', [s('hello'), i(2)], 'lo'],
      ['left', [s('hello'), i(-1)], ''],
    ]));

  test('LENGTH counts bytes, CHAR_LENGTH characters; case, trim, reverse, repeat', () =>
    check([
      ['length', [s('héllo')], '6'],
      ['char_length', [s('héllo')], '5'],
      ['upper', [s('abc')], 'ABC'],
      ['lcase', [s('ABC')], 'abc'],
      ['trim', [s('  a b  ')], 'a b'],
      ['ltrim', [s('  a ')], 'a '],
      ['rtrim', [s(' a  ')], ' a'],
      ['trim', [s('xxaxx'), s('x')], 'a'],
      ['reverse', [s('abc')], 'cba'],
      ['repeat', [s('ab'), i(3)], 'ababab'],
      ['repeat', [s('ab'), i(-1)], ''],
      ['space', [i(3)], '   '],
      ['initcap', [s('hello wORLD-foo')], 'Hello World-Foo'],
      ['ascii', [s('A')], '65'],
      ['char', [i(65)], 'A'],
    ]));

  test('LPAD/RPAD pad and truncate', () =>
    check([
      ['lpad', [s('hi'), i(5), s('ab')], 'abahi'],
      ['rpad', [s('hi'), i(5), s('ab')], 'hiaba'],
      ['lpad', [s('hello'), i(3), s('x')], 'hel'],
      ['rpad', [s('hello'), i(3), s('x')], 'hel'],
      ['lpad', [s('hi'), i(-1), s('x')], null],
      ['lpad', [s('hi'), i(4)], '  hi'],
      ['lpad', [s('hi'), i(5), s('')], 'hi'],
      ['rpad', [s('test'), i(8), s('中文，')], 'test中文，中'],
      ['lpad', [s('test'), i(0)], ''],
    ]));

  test('LOCATE, INSTR, POSITION, STRPOS, FIND_IN_SET, FIELD', () =>
    check([
      ['locate', [s('bar'), s('foobarbar')], '4'],
      ['locate', [s('xbar'), s('foobar')], '0'],
      ['locate', [s('bar'), s('foobarbar'), i(5)], '7'],
      ['locate', [s('bar'), s('foobarbar'), i(0)], '0'],
      ['instr', [s('foobarbar'), s('bar')], '4'],
      ['position', [s('b'), s('abc')], '2'],
      ['strpos', [s('hello world hello'), s('hello'), i(2)], '13'],
      ['strpos', [s('hello world hello'), s('hello'), i(-1)], '13'],
      ['strpos', [s('hello'), s('z')], '0'],
      ['find_in_set', [s('b'), s('a,b,c')], '2'],
      ['find_in_set', [s('d'), s('a,b,c')], '0'],
      ['find_in_set', [nul(T.varchar()), s('a,b,c')], null],
      ['field', [s('b'), s('a'), s('b')], '2'],
      ['field', [s('z'), s('a'), s('b')], '0'],
    ]));

  test('SPLIT_PART (NULL out of range), SPLIT, SUBSTRING_INDEX', () =>
    check([
      ['split_part', [s('hello world'), s(' '), i(2)], 'world'],
      ['split_part', [s('a,b,c'), s(','), i(-1)], 'c'],
      ['split_part', [s('a,b,c'), s(','), i(4)], null],
      ['split', [s('a,b,c'), s(',')], '["a","b","c"]'],
      ['substring_index', [s('www.starrocks.com'), s('.'), i(2)], 'www.starrocks'],
      ['substring_index', [s('www.starrocks.com'), s('.'), i(-2)], 'starrocks.com'],
      ['substring_index', [s('www.starrocks.com'), s('.'), i(0)], ''],
    ]));

  test('REGEXP_EXTRACT / REPLACE / LIKE / COUNT / EXTRACT_ALL', () =>
    check([
      ['regexp_extract', [s('AbCdE'), s('([[:lower:]]+)C([[:lower:]]+)'), i(1)], 'b'],
      ['regexp_extract', [s('AbCdE'), s('([[:lower:]]+)C([[:lower:]]+)'), i(2)], 'd'],
      ['regexp_extract', [s('xyz'), s('(\\d+)'), i(1)], ''],
      ['regexp_replace', [s('a b c'), s(' '), s('-')], 'a-b-c'],
      ['regexp_replace', [s('abc123'), s('(\\d+)'), s('<\\1>')], 'abc<123>'],
      ['regexp', [s('abc'), s('^a')], '1'],
      ['regexp_like', [s('abc'), s('z')], '0'],
      ['regexp_count', [s('a1b22c333'), s('\\d+')], '3'],
      ['regexp_extract_all', [s('AbCdExCeF'), s('([[:lower:]]+)C([[:lower:]]+)'), i(1)], '["b","x"]'],
      ['replace', [s('a.b.c'), s('.'), s('')], 'abc'],
      ['replace', [s('abc'), s(''), s('x')], 'abc'],
      ['starts_with', [s('hello'), s('he')], '1'],
      ['ends_with', [s('hello'), s('lo')], '1'],
      ['null_or_empty', [s('')], '1'],
      ['null_or_empty', [nul(T.varchar())], '1'],
      ['null_or_empty', [s('a')], '0'],
    ]));

  test('hashes and encodings', () =>
    check([
      ['md5', [s('abc')], '900150983cd24fb0d6963f7d28e17f72'],
      ['sha2', [s('abc'), i(256)], 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
      ['to_base64', [s('abc')], 'YWJj'],
      ['from_base64', [s('YWJj')], 'abc'],
      ['hex', [bi(255)], 'FF'],
      ['hex', [s('abc')], '616263'],
      ['unhex', [s('616263')], 'abc'],
      ['money_format', [f(17014116)], '17,014,116.00'],
      ['strcmp', [s('a'), s('b')], '-1'],
      ['strcmp', [s('b'), s('b')], '0'],
      ['url_extract_host', [s('https://starrocks.com/test/api/v1')], 'starrocks.com'],
      ['url_extract_parameter', [s('https://a.com/p?k1=v1&k2=v2'), s('k2')], 'v2'],
      ['url_extract_parameter', [s('https://a.com/p?k1=v1'), s('k3')], null],
      ['parse_url', [s('http://facebook.com/path/p1.php?query=1'), s('QUERY')], 'query=1'],
      ['parse_url', [s('http://facebook.com/path/p1.php?query=1'), s('PATH')], '/path/p1.php'],
      ['translate', [s('abcabc'), s('ab'), s('x')], 'xcxc'],
      ['format_bytes', [bi(1536)], '1.50 KB'],
      ['format_bytes', [bi(100)], '100 B'],
    ]));
});

describe('math functions', () => {
  test('ROUND half away from zero, TRUNCATE, CEIL/FLOOR to BIGINT', () =>
    check([
      ['round', [f(2.5)], '3'],
      ['round', [f(-2.5)], '-3'],
      ['round', [f(3.14159), i(2)], '3.14'],
      ['round', [dec('2.345', 10, 3), i(2)], '2.35'],
      ['round', [dec('-2.345', 10, 3), i(2)], '-2.35'],
      ['truncate', [f(3.789), i(1)], '3.7'],
      ['truncate', [f(-3.789), i(1)], '-3.7'],
      ['ceil', [f(1.2)], '2'],
      ['floor', [f(-1.2)], '-2'],
      ['abs', [i(-5)], '5'],
      ['abs', [dec('-1.50', 5, 2)], '1.50'],
    ]));

  test('MOD keeps the dividend sign and is NULL on zero; PMOD; POW; LOG family NULL on bad input', () =>
    check([
      ['mod', [i(-7), i(3)], '-1'],
      ['mod', [i(7), i(-3)], '1'],
      ['mod', [i(7), i(0)], null],
      ['mod', [f(7.5), f(2)], '1.5'],
      ['pmod', [bi(-7), bi(3)], '2'],
      ['pow', [i(2), i(10)], '1024'],
      ['power', [f(2), f(-1)], '0.5'],
      ['ln', [f(0)], null],
      ['log', [f(-1)], null],
      ['log2', [i(8)], '3'],
      ['log10', [i(1000)], '3'],
      ['log', [i(2), i(8)], '3'],
      ['sqrt', [f(-1)], null],
      ['sqrt', [i(16)], '4'],
      ['exp', [i(0)], '1'],
      ['sign', [f(-3)], '-1'],
      ['pi', [], '3.141592653589793'],
    ]));

  test('GREATEST/LEAST are NULL if any argument is NULL; bit functions', () =>
    check([
      ['greatest', [i(1), i(5), i(3)], '5'],
      ['least', [i(1), f(0.5)], '0.5'],
      ['greatest', [i(1), nul(T.int)], null],
      ['greatest', [s('apple'), s('banana')], 'banana'],
      ['bitand', [i(12), i(10)], '8'],
      ['bitor', [i(12), i(10)], '14'],
      ['bitxor', [i(12), i(10)], '6'],
      ['bitnot', [i(0)], '-1'],
      ['bit_shift_left', [i(1), bi(4)], '16'],
      ['bit_shift_right', [i(-16), bi(2)], '-4'],
      ['bit_shift_right_logical', [{ sql: 'CAST(-1 AS TINYINT)', type: T.tinyint }, bi(4)], '15'],
      ['bin', [bi(5)], '101'],
    ]));
});

describe('conditional functions', () => {
  test('IF / IFNULL / NVL / NULLIF / COALESCE unify types', () =>
    check([
      ['if', [b(true), i(1), i(2)], '1'],
      ['if', [b(false), i(1), s('x')], 'x'],
      ['if', [nul(T.boolean), i(1), i(2)], '2'],
      ['ifnull', [nul(T.int), i(7)], '7'],
      ['nvl', [s('a'), s('b')], 'a'],
      ['nullif', [i(1), i(1)], null],
      ['nullif', [i(1), i(2)], '1'],
      ['coalesce', [nul(T.int), nul(T.int), f(2.5)], '2.5'],
      ['coalesce', [nul(T.int), dec('1.5', 3, 1), i(3)], '1.5'],
      ['if', [b(true), dec('1.5', 3, 1), i(100)], '1.5'],
    ]));
});

describe('session functions take their values from the session', () => {
  test('DATABASE(), USER(), CONNECTION_ID(), VERSION(), CURRENT_VERSION()', async () => {
    const session = {
      database: "it's",
      user: "'alice'@'10.0.0.1'",
      currentUser: "'alice'@'%'",
      connectionId: 42,
      version: '8.0.33',
      currentVersion: '3.3.5 rockling',
    };
    assert.equal(await evalCall(conn, 'database', [], { session }), "it's");
    assert.equal(await evalCall(conn, 'schema', [], { session }), "it's");
    assert.equal(await evalCall(conn, 'database', [], { session: {} }), null);
    assert.equal(await evalCall(conn, 'user', [], { session }), "'alice'@'10.0.0.1'");
    assert.equal(await evalCall(conn, 'current_user', [], { session }), "'alice'@'%'");
    assert.equal(await evalCall(conn, 'connection_id', [], { session }), '42');
    assert.equal(await evalCall(conn, 'version', [], { session }), '8.0.33');
    assert.equal(await evalCall(conn, 'current_version', [], { session }), '3.3.5 rockling');
  });
});

describe('FLOAT results print as the shortest float, like StarRocks', () => {
  test('cosine_similarity and l2_distance over ARRAY<FLOAT>', async () => {
    const fl = (xs: number[]): Arg => ({
      sql: `CAST([${xs.join(', ')}] AS FLOAT[])`,
      type: T.array(T.float),
    });
    assert.equal(
      await evalCall(conn, 'cosine_similarity', [fl([0.1, 0.2, 0.3]), fl([0.1, 0.2, 0.3])]),
      '0.9999999',
    );
    assert.equal(await evalCall(conn, 'l2_distance', [fl([0.1, 0.2, 0.3]), fl([0.1, 0.2, 0.3])]), '0');
    assert.equal(
      await evalCall(conn, 'l2_distance', [fl([0.1, 0.2, 0.3]), fl([0.22, 0.01, 0.39])]),
      '0.058599994',
    );
    assert.equal(
      await evalCall(conn, 'cosine_similarity', [fl([0.22, 0.01, 0.39]), fl([0.12, 0.11, 0.32])]),
      '0.94712645',
    );
  });
});

describe('MURMUR_HASH3_32, TYPEOF, binary conversions', () => {
  test('murmur3 x86_32 with StarRocks seed chaining', () =>
    check([
      ['murmur_hash3_32', [s('hello')], '1321743225'],
      ['murmur_hash3_32', [s('hello'), s('world')], '984713481'],
      ['murmur_hash3_32', [s('hello'), nul(T.varchar())], null],
    ]));
  test('typeof spells StarRocks type names', () =>
    check([
      ['typeof', [nul()], 'null_type'],
      ['typeof', [dec('1', 19, 2)], 'decimal128(19, 2)'],
      ['typeof', [dec('1', 9, 2)], 'decimal32(9, 2)'],
      ['typeof', [arr([i(1)], T.tinyint)], 'array<tinyint>'],
      ['typeof', [s('x')], 'varchar'],
      ['typeof', [bi(1)], 'bigint'],
    ]));
  test('to_binary / from_binary with hex, encode64 and utf8', () => {
    const blob = raw("'abc'::BLOB", { kind: 'varbinary', length: 10 });
    return check([
      ['from_binary', [blob], '616263'],
      ['from_binary', [blob, s('encode64')], 'YWJj'],
      ['from_binary', [blob, s('utf8')], 'abc'],
      // Undecodable input is an empty binary (StarRocks' recorded results), '' in base64 is NULL.
      ['to_binary', [s('zz'), s('hex')], ''],
      ['to_binary', [s(''), s('encode64')], null],
    ]);
  });
});
