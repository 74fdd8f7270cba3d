import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { SqlError } from '../../src/errors/index.js';
import type { SqlType } from '../../src/types/index.js';
import {
  parseExpression,
  parseStatements,
  printExpr,
  type AstExpr,
  type BinaryOp,
  type IntervalUnit,
} from '../../src/sql/index.js';
import { strip } from './helpers.js';

const ident = fc.oneof(
  fc.stringMatching(/^[a-z_][a-z0-9_]{0,6}$/),
  fc.constantFrom(
    'select',
    'order',
    'interval',
    'date',
    'count',
    'value',
    'key',
    'a b',
    'x`y',
    '列',
    'NULL',
    'map',
  ),
  fc.string({ minLength: 1, maxLength: 6 }),
);
const functionName = fc
  .stringMatching(/^[a-z][a-z0-9_]{0,8}$/)
  .filter((n) => !['position', 'trim', 'substring', 'substr', 'convert', 'cast', 'extract'].includes(n));

const BINARY_OPS: BinaryOp[] = [
  '+',
  '-',
  '*',
  '/',
  '%',
  'div',
  '=',
  '<=>',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'and',
  'or',
  '&',
  '|',
  '^',
  '<<',
  '>>',
  '||',
];
const UNITS: IntervalUnit[] = [
  'microsecond',
  'millisecond',
  'second',
  'minute',
  'hour',
  'day',
  'week',
  'month',
  'quarter',
  'year',
];

const scalarType: fc.Arbitrary<SqlType> = fc.oneof(
  fc.constantFrom<SqlType>(
    { kind: 'boolean' },
    { kind: 'int' },
    { kind: 'bigint' },
    { kind: 'largeint' },
    { kind: 'double' },
    { kind: 'date' },
    { kind: 'datetime' },
    { kind: 'string' },
    { kind: 'json' },
  ),
  fc.record({ kind: fc.constant('varchar' as const), length: fc.integer({ min: 1, max: 65533 }) }),
  fc.record({
    kind: fc.constant('decimal' as const),
    precision: fc.integer({ min: 1, max: 38 }),
    scale: fc.integer({ min: 0, max: 10 }),
  }),
);
const sqlType: fc.Arbitrary<SqlType> = fc.oneof(
  scalarType,
  scalarType.map((element): SqlType => ({ kind: 'array', element })),
  fc.tuple(scalarType, scalarType).map(([key, value]): SqlType => ({ kind: 'map', key, value })),
);

const subquery = fc.constantFrom('SELECT 1', 'SELECT a FROM t WHERE b > 0').map((sql) => {
  const s = parseStatements(sql)[0]?.statement;
  if (s?.kind !== 'query') throw new Error('fixture');
  return strip(s);
});

/** Expression ASTs in the canonical shapes the parser produces. */
const { expr } = fc.letrec<{ expr: AstExpr }>((tie) => {
  const e = tie('expr');
  const list = fc.array(e, { minLength: 1, maxLength: 3 });
  const leaf: fc.Arbitrary<AstExpr> = fc.oneof(
    fc.constant<AstExpr>({ kind: 'null' }),
    fc.boolean().map((value): AstExpr => ({ kind: 'bool', value })),
    fc
      .oneof(fc.nat().map(String), fc.constantFrom('1.5', '.5', '1e3', '0x1F', '3.'))
      .map((text): AstExpr => ({ kind: 'number', text })),
    fc.string({ maxLength: 8 }).map((value): AstExpr => ({ kind: 'string', value })),
    fc.array(ident, { minLength: 1, maxLength: 3 }).map((parts): AstExpr => ({ kind: 'column', parts })),
    ident.map((name): AstExpr => ({ kind: 'user-var', name })),
    fc.record({
      kind: fc.constant('system-var' as const),
      name: fc.stringMatching(/^[a-z_]{1,8}$/),
      scope: fc.constantFrom('global' as const, 'session' as const, null),
    }),
    fc.constantFrom<AstExpr>(
      { kind: 'typed-string', type: 'date', value: '2024-01-01' },
      { kind: 'binary-literal', hex: '4142' },
    ),
  );
  const node: fc.Arbitrary<AstExpr> = fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({
      kind: fc.constant('binary' as const),
      op: fc.constantFrom(...BINARY_OPS),
      left: e,
      right: e,
    }),
    fc.record({
      kind: fc.constant('unary' as const),
      op: fc.constantFrom('-' as const, '+' as const, 'not' as const, '~' as const),
      operand: e,
    }),
    fc.record({
      kind: fc.constant('is' as const),
      not: fc.boolean(),
      operand: e,
      test: fc.constantFrom('null' as const, 'true' as const, 'false' as const, 'unknown' as const),
    }),
    fc.record({
      kind: fc.constant('like' as const),
      op: fc.constantFrom('like' as const, 'regexp' as const),
      not: fc.boolean(),
      operand: e,
      pattern: e,
    }),
    fc.record({ kind: fc.constant('between' as const), not: fc.boolean(), operand: e, low: e, high: e }),
    // A list holding just one subquery prints as `IN ((SELECT …))`, which StarRocks reads as IN (subquery).
    fc
      .record({ kind: fc.constant('in-list' as const), not: fc.boolean(), operand: e, list })
      .filter((x) => !(x.list.length === 1 && x.list[0]?.kind === 'subquery')),
    fc.record({ kind: fc.constant('in-subquery' as const), not: fc.boolean(), operand: e, query: subquery }),
    fc.record({ kind: fc.constant('exists' as const), not: fc.boolean(), query: subquery }),
    fc.record({ kind: fc.constant('subquery' as const), query: subquery }),
    fc
      .record({
        kind: fc.constant('call' as const),
        name: functionName.map((n) => [n]),
        args: fc.array(e, { maxLength: 3 }),
        distinct: fc.boolean(),
        star: fc.constant(false),
      })
      .map((c) => ({ ...c, distinct: false })),
    // DISTINCT is only accepted by the aggregates of rule `aggregationFunction`.
    fc.record({
      kind: fc.constant('call' as const),
      name: fc.constantFrom(['count'], ['sum'], ['avg'], ['MIN'], ['max']),
      args: fc.array(e, { minLength: 1, maxLength: 2 }),
      distinct: fc.boolean(),
      star: fc.constant(false),
    }),
    fc.record({ kind: fc.constant('cast' as const), operand: e, type: sqlType }),
    fc.record({
      kind: fc.constant('case' as const),
      operand: e,
      whens: fc.array(fc.record({ when: e, then: e }), { minLength: 1, maxLength: 2 }),
      else: e,
    }),
    fc.record({ kind: fc.constant('interval' as const), value: e, unit: fc.constantFrom(...UNITS) }),
    fc.record({ kind: fc.constant('extract' as const), unit: fc.constantFrom(...UNITS), operand: e }),
    fc.record({
      kind: fc.constant('lambda' as const),
      params: fc.array(
        fc
          .stringMatching(/^[a-z]{1,3}$/)
          .filter(
            (x) => !['or', 'and', 'not', 'is', 'in', 'div', 'mod', 'as', 'on', 'if', 'by', 'to'].includes(x),
          ),
        { minLength: 1, maxLength: 2 },
      ),
      body: e,
    }),
    fc.record({ kind: fc.constant('array' as const), items: fc.array(e, { maxLength: 3 }) }),
    fc.record({
      kind: fc.constant('map' as const),
      entries: fc.array(fc.record({ key: e, value: e }), { maxLength: 2 }),
    }),
    fc.record({ kind: fc.constant('subscript' as const), operand: e, index: e }),
    fc.record({
      kind: fc.constant('arrow' as const),
      operand: e,
      path: fc.string({ maxLength: 5 }).map((value): AstExpr => ({ kind: 'string', value })),
    }),
    fc.record({ kind: fc.constant('row' as const), items: fc.array(e, { minLength: 2, maxLength: 3 }) }),
  );
  return { expr: node };
});

describe('property: printed expressions parse back to the same AST', () => {
  test('random expression trees', () => {
    fc.assert(
      fc.property(expr, (ast) => {
        const printed = printExpr(ast);
        const back = strip(parseExpression(printed, { pipesAsConcat: true }));
        assert.deepEqual(back, JSON.parse(JSON.stringify(ast)), printed);
      }),
      { numRuns: 1500 },
    );
  });
});

describe('property: arbitrary input fails only with SqlError', () => {
  const tokens = [
    'SELECT',
    'FROM',
    'WHERE',
    '(',
    ')',
    ',',
    'a',
    't',
    '1',
    "'s'",
    '*',
    '+',
    '-',
    'AND',
    'OR',
    'NOT',
    'IN',
    'IS',
    'NULL',
    'JOIN',
    'ON',
    'GROUP',
    'BY',
    'ORDER',
    'LIMIT',
    'UNION',
    'CASE',
    'WHEN',
    'THEN',
    'END',
    'CAST',
    'AS',
    'INT',
    'INTERVAL',
    'DAY',
    'CREATE',
    'TABLE',
    'INSERT',
    'INTO',
    'VALUES',
    'SET',
    'SHOW',
    '=',
    '<',
    '->',
    '[',
    ']',
    '{',
    '}',
    ':',
    '?',
    '@',
    '@@',
    ';',
    'OVER',
    'PARTITION',
    'WITH',
    'EXISTS',
    'BETWEEN',
    'LIKE',
    '.',
    '`x`',
    'DISTINCT',
    'ALTER',
    'ADD',
    'COLUMN',
  ];
  const check = (text: string): void => {
    try {
      parseStatements(text);
    } catch (e) {
      if (!(e instanceof SqlError)) throw e;
      assert.equal(e.errno, 1064);
    }
  };

  test('random strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60, unit: 'binary' }), check), { numRuns: 3000 });
  });

  test('random byte sequences', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => check(Buffer.from(bytes).toString('latin1'))),
      { numRuns: 2000 },
    );
  });

  test('random token soup', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...tokens), { maxLength: 40 }), (ts) => check(ts.join(' '))),
      { numRuns: 5000 },
    );
  });
});
