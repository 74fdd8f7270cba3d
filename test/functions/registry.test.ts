import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  STARROCKS_FUNCTION_NAMES,
  functionDef,
  implementedFunctionNames,
  lambdaBinding,
  registryEmitterIds,
  resolveFunction,
  type CallShape,
} from '../../src/analyzer/functions/index.js';
import type { Param } from '../../src/analyzer/functions/signature.js';
import { FUNCTION_EMITTERS } from '../../src/codegen/functions/index.js';
import { quoteString } from '../../src/codegen/index.js';
import { SqlError } from '../../src/errors/index.js';
import { T, formatType, type SqlType } from '../../src/types/index.js';
import { d, dt, evalCall, openDuck, s } from './harness.js';

const plain: CallShape = { distinct: false, star: false, hasOrderBy: false, isWindow: false };

let conn: DuckDBConnection;
before(async () => {
  conn = await openDuck();
});
after(() => conn.closeSync());

describe('resolution outcomes', () => {
  test('unknown to StarRocks vs StarRocks-only vs wrong signature', () => {
    assert.equal(resolveFunction('no_such_fn', [], plain).kind, 'unknown-function');
    assert.equal(resolveFunction('sub_bitmap', [T.bitmap, T.bigint, T.bigint], plain).kind, 'not-supported');
    assert.equal(
      resolveFunction('json_set', [T.json, T.varchar(), T.varchar()], plain).kind,
      'not-supported',
    );
    assert.equal(resolveFunction('date_format', [T.int], plain).kind, 'no-matching-signature');
    assert.equal(resolveFunction('group_concat', [T.array(T.tinyint)], plain).kind, 'no-matching-signature');
    assert.equal(resolveFunction('row_number', [], plain).kind, 'no-matching-signature');
    assert.equal(
      resolveFunction('upper', [T.varchar()], { ...plain, distinct: true }).kind,
      'no-matching-signature',
    );
  });

  test('names are case-insensitive; aliases share emitters; implicit casts are reported', () => {
    const r = resolveFunction('DATE_FORMAT', [T.date, T.varchar(10)], plain);
    assert.equal(r.kind, 'found');
    if (r.kind !== 'found') return;
    assert.equal(r.resolution.id, 'date_format');
    assert.deepEqual(r.resolution.argTypes, [T.date, T.varchar(10)]);
    const y = resolveFunction('year', [T.varchar()], plain);
    assert.ok(y.kind === 'found' && y.resolution.argTypes[0]?.kind === 'datetime');
    const sub = resolveFunction('substring', [T.int, T.tinyint], plain);
    assert.ok(sub.kind === 'found' && sub.resolution.id === 'substr');
    assert.deepEqual(sub.kind === 'found' ? sub.resolution.argTypes : [], [T.varchar(), T.int]);
    const ifn = resolveFunction('ifnull', [T.int, T.decimal(10, 2)], plain);
    assert.ok(ifn.kind === 'found');
    assert.equal(ifn.kind === 'found' ? formatType(ifn.resolution.returnType) : '', 'decimal(12,2)');
    const co = resolveFunction('coalesce', [T.null, T.varchar(5), T.int], plain);
    assert.ok(
      co.kind === 'found' && co.resolution.returnType.kind === 'varchar' && !co.resolution.nullOnNullInput,
    );
  });

  test('aggregates used with OVER become window calls; DISTINCT accepted on aggregates', () => {
    const w = resolveFunction('sum', [T.int], { ...plain, isWindow: true });
    assert.ok(w.kind === 'found' && w.resolution.kind === 'window');
    const c = resolveFunction('count', [T.int, T.varchar()], { ...plain, distinct: true });
    assert.ok(c.kind === 'found' && c.resolution.returnType.kind === 'bigint');
    const star = resolveFunction('count', [], { ...plain, star: true });
    assert.ok(star.kind === 'found');
  });

  test('STR_TO_DATE returns DATE when the constant format has no time fields', () => {
    const withTime = resolveFunction('str_to_date', [T.varchar(), T.varchar()], {
      ...plain,
      constArgs: [undefined, '%Y-%m-%d %H:%i'],
    });
    const dateOnly = resolveFunction('str_to_date', [T.varchar(), T.varchar()], {
      ...plain,
      constArgs: [undefined, '%Y%m%d'],
    });
    assert.ok(withTime.kind === 'found' && withTime.resolution.returnType.kind === 'datetime');
    assert.ok(dateOnly.kind === 'found' && dateOnly.resolution.returnType.kind === 'date');
  });

  test('lambda binding: lambda first, parameters bound to the following arrays', () => {
    assert.deepEqual(lambdaBinding('array_map', 3), { lambdaIndex: 0, sources: [1, 2], sourceKind: 'array' });
    assert.equal(lambdaBinding('upper', 1), null);
    const r = resolveFunction('array_map', [T.bigint, T.array(T.int)], { ...plain, lambdaIndex: 0 });
    assert.ok(r.kind === 'found' && r.resolution.id === 'array_map_lambda');
    assert.equal(r.kind === 'found' ? formatType(r.resolution.returnType) : '', 'array<bigint>');
  });
});

describe('registry and emitter table agree', () => {
  test('every id the registry answers has an emitter, and every emitter is reachable', () => {
    const ids = registryEmitterIds();
    assert.deepEqual(
      ids.filter((id) => FUNCTION_EMITTERS[id] === undefined),
      [],
    );
    assert.deepEqual(
      Object.keys(FUNCTION_EMITTERS).filter((id) => !ids.includes(id)),
      [],
    );
  });

  test('every implemented name is a StarRocks name (or an internal rewrite target)', () => {
    const internal = new Set(['quarters_diff', 'microseconds_diff', 'millisecond', 'microsecond']);
    const extra = implementedFunctionNames().filter(
      (n) => !STARROCKS_FUNCTION_NAMES.has(n) && !internal.has(n),
    );
    assert.deepEqual(extra, []);
  });
});

/** A plausible argument type for a parameter pattern. */
function sample(p: Param): SqlType {
  if (typeof p === 'object') return p;
  const table: Record<string, SqlType> = {
    any: T.int,
    same: T.int,
    string: T.varchar(),
    array: T.array(T.int),
    arrays: T.array(T.int),
    map: { kind: 'map', key: T.int, value: T.varchar() },
    struct: {
      kind: 'struct',
      fields: [
        { name: 'k', type: T.int },
        { name: 'v', type: T.int },
      ],
    },
    json: T.json,
    numeric: T.double,
    integer: T.bigint,
    elem: T.int,
    temporal: T.datetime,
  };
  return table[p] ?? T.int;
}

/** DuckDB functions user SQL must never reach. */
const FORBIDDEN =
  /\b(read_\w+|glob|copy|attach|detach|install|load|pragma|set|reset|current_setting|duckdb_\w+|getenv|query|query_table|parquet_\w+|sniff_csv|http\w*|export|import|checkpoint|force_checkpoint|enable_\w+|disable_\w+|which_secret|create_secret|system)\s*\(/i;

describe('whitelist: emitted SQL only calls safe DuckDB functions and keeps user text escaped', () => {
  test('every overload of every function, with placeholder arguments', () => {
    let emitted = 0;
    for (const name of implementedFunctionNames()) {
      for (const lambda of [false, true]) {
        const def = functionDef(name, lambda);
        if (def === undefined) continue;
        for (const o of def.overloads) {
          const n = Math.max(o.params.length, o.min ?? 0, o.rest === undefined ? 0 : o.params.length + 1);
          const types = Array.from({ length: n }, (_, k) => sample(o.params[k] ?? o.rest ?? 'any'));
          const shape: CallShape = {
            distinct: false,
            star: false,
            hasOrderBy: false,
            isWindow: def.kind === 'window',
            ...(lambda ? { lambdaIndex: 0 } : {}),
          };
          const r = resolveFunction(name, types, shape);
          if (r.kind !== 'found') continue;
          const emitter = FUNCTION_EMITTERS[r.resolution.id];
          assert.ok(emitter, name);
          let sql: string;
          try {
            sql = emitter({
              args: types.map((_, k) => `"__arg${k}"`),
              argTypes: r.resolution.argTypes,
              returnType: r.resolution.returnType,
              distinct: false,
              orderBy: null,
              separator: null,
              literal: quoteString,
              over: def.kind === 'window' ? 'OVER ()' : null,
            });
          } catch (e) {
            // Shapes that need constant arguments refuse with StarRocks' not-supported error.
            assert.ok(e instanceof SqlError && e.errno === 1235, `${name}: ${String(e)}`);
            continue;
          }
          emitted++;
          assert.doesNotMatch(sql, FORBIDDEN, `${name} emitted ${sql}`);
          assert.doesNotMatch(sql, /;/, `${name} emitted a statement separator`);
        }
      }
    }
    assert.ok(emitted > 250, `only ${emitted} overloads emitted`);
  });

  test('hostile constant text in formats and units stays a literal', async () => {
    const evil = "%Y'); SELECT * FROM read_csv('/etc/passwd'); --";
    assert.equal(await evalCall(conn, 'date_format', [d('2024-01-02'), s(evil)]), evil.replace('%Y', '2024'));
    await assert.rejects(
      evalCall(conn, 'date_trunc', [s("month') --"), dt('2024-01-02 00:00:00')]),
      /not supported/,
    );
    assert.equal(await evalCall(conn, 'url_extract_parameter', [s("http://x/?a'b=1"), s("a'b")]), '1');
    const session = { database: "x'); DROP TABLE t; --", timeZone: "Asia/Shanghai'" };
    assert.equal(await evalCall(conn, 'database', [], { session }), "x'); DROP TABLE t; --");
    await assert.rejects(evalCall(conn, 'now', [], { session }), /Unknown TimeZone|time zone/i);
  });
});
