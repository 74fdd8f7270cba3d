import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DuckDBConnection } from '@duckdb/node-api';
import { T } from '../../src/types/index.js';
import { arr, evalCall, f, i, bi, nul, openDuck, raw, s, type Arg } from './harness.js';

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

const doc = s('{"a": {"b": [1, 2, {"c": "x"}]}, "n": 1.5, "i": 7, "s": "str", "t": true, "z": null}');
const json = (text: string): Arg => raw(`CAST('${text}' AS JSON)`, T.json);

describe('JSON functions', () => {
  test('PARSE_JSON and the StarRocks text form (": " and ", ")', () =>
    check([
      ['parse_json', [s('{"a":1,"b":[1,2]}')], '{"a": 1, "b": [1, 2]}'],
      ['parse_json', [s('not json')], null],
      ['json_object', [s('name'), s('x'), s('n'), i(1)], '{"n": 1, "name": "x"}'],
      ['json_array', [i(1), s('a'), nul(T.int)], '[1, "a", null]'],
    ]));

  test('JSON_QUERY / JSON_EXTRACT / -> return JSON; missing paths are NULL', () =>
    check([
      ['json_query', [json('{"a": {"b": 1}}'), s('$.a')], '{"b": 1}'],
      ['json_extract', [doc, s('$.a.b[1]')], '2'],
      ['json_query', [doc, s('$.missing')], null],
      ['json_exists', [doc, s('$.a.b')], '1'],
      ['json_exists', [doc, s('$.q')], '0'],
    ]));

  test('GET_JSON_* on VARCHAR and JSON documents', () =>
    check([
      ['get_json_string', [doc, s('$.s')], 'str'],
      ['get_json_string', [doc, s('$.a.b[2].c')], 'x'],
      ['get_json_string', [doc, s('$.a.b')], '[1,2,{"c":"x"}]'],
      ['get_json_string', [doc, s('$.nope')], null],
      ['get_json_int', [doc, s('$.i')], '7'],
      ['get_json_int', [doc, s('$.s')], null],
      ['get_json_double', [doc, s('$.n')], '1.5'],
      ['get_json_double', [doc, s('$.i')], '7'],
      ['get_json_int', [json('{"k": 5}'), s('$.k')], '5'],
      ['get_json_string', [json('{"k": "v"}'), s('$.k')], 'v'],
      ['get_json_bool', [json('{"k": true}'), s('$.k')], '1'],
    ]));

  test('JSON_LENGTH, JSON_KEYS, JSON_CONTAINS, IS_JSON_SCALAR', () =>
    check([
      ['json_length', [json('{"a": 1, "b": 2}')], '2'],
      ['json_length', [json('[1, 2, 3]')], '3'],
      ['json_length', [json('1')], '1'],
      ['json_length', [json('{"a": [1, 2]}'), s('$.a')], '2'],
      ['json_keys', [json('{"a": 1, "b": 2}')], '["a", "b"]'],
      ['json_keys', [json('[1]')], null],
      ['json_contains', [json('{"a": 1, "b": 2}'), json('{"b": 2}')], '1'],
      ['is_json_scalar', [json('1')], '1'],
      ['is_json_scalar', [json('[1]')], '0'],
    ]));
});

const ints = (...xs: (number | null)[]): Arg =>
  arr(
    xs.map((x) => (x === null ? nul(T.int) : i(x))),
    T.int,
  );

describe('ARRAY and MAP functions', () => {
  test('length, contains/position (NULL is searchable), append/remove', () =>
    check([
      ['array_length', [ints(1, 2, 3)], '3'],
      ['cardinality', [ints()], '0'],
      ['array_contains', [ints(1, 2, 3), i(2)], '1'],
      ['array_contains', [ints(1, 2, 3), i(5)], '0'],
      ['array_contains', [ints(1, null), nul(T.int)], '1'],
      ['array_contains', [nul(T.array(T.int)), i(1)], null],
      ['array_position', [ints(3, 2, 1), i(1)], '3'],
      ['array_position', [ints(3, 2, 1), i(9)], '0'],
      ['array_append', [ints(1, 2), i(3)], '[1,2,3]'],
      ['array_remove', [ints(1, 2, 1, null), i(1)], '[2,null]'],
    ]));

  test('aggregates over arrays, distinct/sort/join/slice/concat', () =>
    check([
      ['array_sum', [ints(1, 2, 3)], '6'],
      ['array_avg', [ints(1, 2)], '1.5'],
      ['array_min', [ints(3, 1, 2)], '1'],
      ['array_max', [ints(3, 1, 2)], '3'],
      ['array_distinct', [ints(2, 1, 2, null, 1, null)], '[2,1,null]'],
      ['array_sort', [ints(3, null, 1, 2)], '[null,1,2,3]'],
      ['reverse', [ints(1, 2, 3)], '[3,2,1]'],
      ['array_join', [arr([s('a'), nul(T.varchar()), s('b')], T.varchar()), s(',')], 'a,b'],
      ['array_join', [arr([s('a'), nul(T.varchar()), s('b')], T.varchar()), s(','), s('_')], 'a,_,b'],
      ['array_slice', [ints(1, 2, 3, 4, 5), bi(2), bi(2)], '[2,3]'],
      ['array_slice', [ints(1, 2, 3, 4, 5), bi(-2), bi(2)], '[4,5]'],
      ['array_concat', [ints(1), ints(2, 3)], '[1,2,3]'],
      ['arrays_overlap', [ints(1, 2), ints(2, 5)], '1'],
      ['array_contains_all', [ints(1, 2, 3), ints(3, 1)], '1'],
      ['array_difference', [ints(1, 4, 9)], '[0,3,5]'],
      ['array_cum_sum', [arr([bi(1), bi(2), bi(3)], T.bigint)], '[1,3,6]'],
      ['array_generate', [bi(1), bi(3)], '[1,2,3]'],
      ['array_generate', [bi(5), bi(1), bi(-2)], '[5,3,1]'],
      ['array_repeat', [ints(1, 2), i(3)], '[[1,2],[1,2],[1,2]]'],
      ['array_flatten', [arr([ints(1, 2), ints(1, 4)], T.array(T.int))], '[1,2,1,4]'],
      ['element_at', [ints(10, 20), bi(2)], '20'],
      ['element_at', [ints(10, 20), bi(5)], null],
      [
        'array_filter',
        [
          ints(1, 2, 3),
          arr([raw('true', T.boolean), raw('false', T.boolean), raw('true', T.boolean)], T.boolean),
        ],
        '[1,3]',
      ],
      ['array_sortby', [arr([s('a'), s('b'), s('c')], T.varchar()), ints(3, 1, 2)], '["b","c","a"]'],
      ['null_or_empty', [ints()], '1'],
      ['array_top_n', [ints(5, 1, 9, 3), i(2)], '[9,5]'],
    ]));

  test('lambda forms over one array', async () => {
    const lambda = (text: string, body: typeof T.int | typeof T.boolean): Arg => raw(text, body);
    assert.equal(
      await evalCall(conn, 'array_map', [lambda('lambda x: x + 1', T.int), ints(1, 2)], { lambdaIndex: 0 }),
      '[2,3]',
    );
    assert.equal(
      await evalCall(conn, 'array_filter', [lambda('lambda x: x > 1', T.boolean), ints(1, 2, 3)], {
        lambdaIndex: 0,
      }),
      '[2,3]',
    );
    assert.equal(
      await evalCall(conn, 'any_match', [lambda('lambda x: x > 2', T.boolean), ints(1, 2, 3)], {
        lambdaIndex: 0,
      }),
      '1',
    );
    assert.equal(
      await evalCall(conn, 'array_sortby', [lambda('lambda x: -x', T.int), ints(1, 3, 2)], {
        lambdaIndex: 0,
      }),
      '[3,2,1]',
    );
  });

  test('maps, structs and their text form', async () => {
    const m = raw(`MAP([1, 2], ['a', 'b'])`, { kind: 'map', key: T.int, value: T.varchar() });
    await check([
      ['map_keys', [m], '[1,2]'],
      ['map_values', [m], '["a","b"]'],
      ['map_size', [m], '2'],
      ['element_at', [m, i(2)], 'b'],
      ['map_from_arrays', [ints(1, 2), arr([s('x'), s('y')], T.varchar())], '{1:"x",2:"y"}'],
      ['row', [i(1), s('a'), nul(T.int)], '{"col1":1,"col2":"a","col3":null}'],
      ['named_struct', [s('a'), i(1), s('b'), f(2.5)], '{"a":1,"b":2.5}'],
    ]);
  });
});

describe('JSON text form inside SQL', () => {
  test('json_string and json_object padding', () =>
    check([
      ['json_string', [json('{"a":1,"b":[1,2],"c":"x:y, z"}')], '{"a": 1, "b": [1, 2], "c": "x:y, z"}'],
      ['json_string', [json('"q\\"uote:,"')], '"q\\"uote:,"'],
      ['json_object', [s('2:3')], '{"2:3": null}'],
    ]));
});
