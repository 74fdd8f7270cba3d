import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseExpression, printExpr, type AstExpr } from '../../src/sql/index.js';
import { expr, parseError, strip } from './helpers.js';

/** Fully parenthesised rendering of an expression tree, to check precedence compactly. */
function shape(e: AstExpr): string {
  switch (e.kind) {
    case 'binary':
      return `(${shape(e.left)} ${e.op} ${shape(e.right)})`;
    case 'unary':
      return `(${e.op} ${shape(e.operand)})`;
    case 'column':
      return e.parts.join('.');
    case 'number':
      return e.text;
    case 'is':
      return `(${shape(e.operand)} is ${e.not ? 'not ' : ''}${e.test})`;
    case 'like':
      return `(${shape(e.operand)} ${e.not ? 'not ' : ''}${e.op} ${shape(e.pattern)})`;
    case 'between':
      return `(${shape(e.operand)} between ${shape(e.low)} and ${shape(e.high)})`;
    case 'in-list':
      return `(${shape(e.operand)} in [${e.list.map(shape).join(', ')}])`;
    case 'string':
      return `'${e.value}'`;
    case 'call':
      return `${e.name.join('.')}(${e.args.map(shape).join(', ')})`;
    default:
      return e.kind;
  }
}
const s = (sql: string, pipes = false) => shape(parseExpression(sql, { pipesAsConcat: pipes }));

describe('expression precedence (StarRocks.g4 levels)', () => {
  test('arithmetic and bitwise', () => {
    assert.equal(s('1 + 2 * 3'), '(1 + (2 * 3))');
    assert.equal(s('1 - 2 - 3'), '((1 - 2) - 3)');
    assert.equal(s('a ^ b * c'), '((a ^ b) * c)');
    assert.equal(s('a * b ^ c'), '(a * (b ^ c))');
    assert.equal(s('a + b & c'), '((a + b) & c)');
    assert.equal(s('a & b | c'), '((a & b) | c)');
    assert.equal(s('a | b BITSHIFTLEFT 2'), '((a | b) << 2)');
    assert.equal(s('7 DIV 2 + 1'), '((7 div 2) + 1)');
    assert.equal(s('7 MOD 2'), '(7 % 2)');
    assert.equal(s('-a * b'), '((- a) * b)');
    assert.equal(s('- -a'), '(- (- a))');
    assert.equal(s('~a + 1'), '((~ a) + 1)');
    assert.equal(s('a BITSHIFTRIGHTLOGICAL 1'), 'bit_shift_right_logical(a, 1)');
  });

  test('comparison, logic, NOT', () => {
    assert.equal(s('a = 1 AND b = 2 OR c = 3'), '(((a = 1) and (b = 2)) or (c = 3))');
    assert.equal(s('a OR b AND c'), '(a or (b and c))');
    assert.equal(s('NOT a AND b'), '((not a) and b)');
    assert.equal(s('NOT a = b'), '(not (a = b))');
    assert.equal(s('!a = b'), '((not a) = b)');
    assert.equal(s('a && b || c'), '((a and b) or c)');
    assert.equal(s('a = b = c'), '((a = b) = c)');
    assert.equal(s('a <> b'), '(a != b)');
    assert.equal(s('a <=> NULL'), '(a <=> null)');
  });

  test('|| is OR by default and CONCAT under PIPES_AS_CONCAT', () => {
    assert.equal(s("'a' || 'b' AND c"), "('a' or ('b' and c))");
    assert.equal(s("'a' || 'b' = c", true), "(('a' || 'b') = c)");
    assert.equal(s('a || b + c', true), '((a || b) + c)');
  });

  test('predicates bind tighter than comparisons; IS applies to comparisons', () => {
    assert.equal(s('a = b LIKE c'), '(a = (b like c))');
    assert.equal(s('a LIKE b = c'), '((a like b) = c)');
    assert.equal(s('a = b IS NULL'), '((a = b) is null)');
    assert.equal(s('a IS NOT TRUE'), '(a is not true)');
    assert.equal(s('a BETWEEN 1 AND 2 AND b'), '((a between 1 and 2) and b)');
    assert.equal(s('a NOT BETWEEN b + 1 AND c'), 'between'.length ? '(a between (b + 1) and c)' : '');
    assert.equal(s('a + 1 IN (1, 2)'), '((a + 1) in [1, 2])');
    assert.equal(s('a NOT REGEXP b'), '(a not regexp b)');
    assert.equal(s('a RLIKE b'), '(a regexp b)');
  });

  test('NOT IN / NOT LIKE / NOT EXISTS carry the negation on the node', () => {
    assert.deepEqual(expr('a NOT IN (1)'), {
      kind: 'in-list',
      not: true,
      operand: { kind: 'column', parts: ['a'] },
      list: [{ kind: 'number', text: '1' }],
    });
    const ex = expr('NOT EXISTS (SELECT 1)');
    assert.equal(ex.kind, 'exists');
    assert.equal(ex.kind === 'exists' && ex.not, true);
    const notEx = expr('NOT (EXISTS (SELECT 1))');
    assert.equal(notEx.kind, 'unary');
  });
});

describe('expression forms', () => {
  test('literals', () => {
    assert.deepEqual(expr("DATE '2024-01-01'"), { kind: 'typed-string', type: 'date', value: '2024-01-01' });
    assert.deepEqual(expr("X'4142'"), { kind: 'binary-literal', hex: '4142' });
    assert.deepEqual(expr('NULL'), { kind: 'null' });
    assert.deepEqual(expr('true'), { kind: 'bool', value: true });
    assert.deepEqual(expr('1e3'), { kind: 'number', text: '1e3' });
  });

  test('variables and parameters', () => {
    assert.deepEqual(expr('@v'), { kind: 'user-var', name: 'v' });
    assert.deepEqual(expr('@@sql_mode'), { kind: 'system-var', name: 'sql_mode', scope: null });
    assert.deepEqual(expr('@@GLOBAL.x'), { kind: 'system-var', name: 'x', scope: 'global' });
    assert.deepEqual(expr('@@local.x'), { kind: 'system-var', name: 'x', scope: 'session' });
    const e = expr('? + ?');
    assert.equal(e.kind === 'binary' && e.left.kind === 'param' && e.left.index, 0);
    assert.equal(e.kind === 'binary' && e.right.kind === 'param' && e.right.index, 1);
  });

  test('calls: count(*), DISTINCT, group_concat ORDER BY / SEPARATOR, IGNORE NULLS, FILTER', () => {
    const c = expr('count(*)');
    assert.equal(c.kind === 'call' && c.star, true);
    const d = expr('count(DISTINCT a, b)');
    assert.equal(d.kind === 'call' && d.distinct && d.args.length, 2);
    const g = expr("group_concat(DISTINCT a ORDER BY b DESC SEPARATOR '|')");
    assert.ok(g.kind === 'call');
    assert.equal(g.orderBy?.[0]?.direction, 'desc');
    assert.deepEqual(g.separator, { kind: 'string', value: '|' });
    const l = expr('lag(a IGNORE NULLS, 1) OVER (ORDER BY b)');
    assert.equal(l.kind === 'call' && l.ignoreNulls, true);
    const f = expr('sum(a) FILTER (WHERE b > 0)');
    assert.equal(f.kind === 'call' && f.filter?.kind, 'binary');
  });

  test('special forms normalise to plain calls', () => {
    assert.deepEqual(expr('POSITION(a IN b)'), expr('position(a, b)'));
    assert.deepEqual(expr("TRIM(LEADING 'x' FROM s)"), expr("ltrim(s, 'x')"));
    assert.deepEqual(expr("TRIM(TRAILING 'x' FROM s)"), expr("rtrim(s, 'x')"));
    assert.deepEqual(expr("TRIM(BOTH 'x' FROM s)"), expr("trim(s, 'x')"));
    assert.deepEqual(expr('SUBSTRING(s FROM 2 FOR 3)'), expr('substring(s, 2, 3)'));
    assert.deepEqual(expr('CURRENT_DATE'), expr('current_date()'));
    assert.deepEqual(expr('CURRENT_TIMESTAMP'), expr('current_timestamp()'));
    assert.deepEqual(expr('CONVERT(a USING utf8)'), {
      kind: 'call',
      name: ['convert'],
      args: [
        { kind: 'column', parts: ['a'] },
        { kind: 'string', value: 'utf8' },
      ],
      distinct: false,
      star: false,
    });
    const ifc = expr('IF(a, 1, 2)');
    assert.equal(ifc.kind === 'call' && ifc.name[0], 'IF');
  });

  test('CAST / CONVERT types, SIGNED and UNSIGNED', () => {
    assert.deepEqual(expr('CAST(a AS DECIMAL(10,2))'), {
      kind: 'cast',
      operand: { kind: 'column', parts: ['a'] },
      type: { kind: 'decimal', precision: 10, scale: 2 },
    });
    assert.deepEqual(expr('CONVERT(a, SIGNED)'), {
      kind: 'cast',
      operand: { kind: 'column', parts: ['a'] },
      type: { kind: 'int' },
      spelling: 'signed',
    });
    const u = expr('CAST(a AS UNSIGNED INTEGER)');
    assert.equal(u.kind === 'cast' && u.spelling, 'unsigned');
    const types = (t: string) => {
      const e = expr(`CAST(x AS ${t})`);
      return e.kind === 'cast' ? e.type : undefined;
    };
    assert.deepEqual(types('DECIMAL'), { kind: 'decimal', precision: 10, scale: 0 });
    assert.deepEqual(types('DECIMAL(5)'), { kind: 'decimal', precision: 5, scale: 0 });
    assert.deepEqual(types('DECIMAL64'), { kind: 'decimal', precision: 18, scale: 6 });
    assert.deepEqual(types('STRING'), { kind: 'string' });
    assert.deepEqual(types('TEXT'), { kind: 'string' });
    assert.deepEqual(types('VARCHAR'), { kind: 'varchar', length: 65533 });
    assert.deepEqual(types('CHAR'), { kind: 'char', length: 1 });
    assert.deepEqual(types('INT(11)'), { kind: 'int' });
    assert.deepEqual(types('INTEGER'), { kind: 'int' });
    assert.deepEqual(types('ARRAY<ARRAY<INT>>'), {
      kind: 'array',
      element: { kind: 'array', element: { kind: 'int' } },
    });
    assert.deepEqual(types('MAP<INT,STRING>'), {
      kind: 'map',
      key: { kind: 'int' },
      value: { kind: 'string' },
    });
    assert.deepEqual(types('STRUCT<a INT, b JSON>'), {
      kind: 'struct',
      fields: [
        { name: 'a', type: { kind: 'int' } },
        { name: 'b', type: { kind: 'json' } },
      ],
    });
  });

  test('INTERVAL and EXTRACT', () => {
    assert.deepEqual(expr('INTERVAL 90 DAY'), {
      kind: 'interval',
      value: { kind: 'number', text: '90' },
      unit: 'day',
    });
    const sub = expr('CURRENT_DATE - INTERVAL 90 DAY');
    assert.equal(sub.kind === 'binary' && sub.right.kind, 'interval');
    assert.deepEqual(expr('EXTRACT(YEAR FROM d)'), {
      kind: 'extract',
      unit: 'year',
      operand: { kind: 'column', parts: ['d'] },
    });
    assert.deepEqual(expr('interval'), { kind: 'column', parts: ['interval'] });
  });

  test('lambdas vs JSON arrow', () => {
    assert.deepEqual(expr('x -> x + 1'), {
      kind: 'lambda',
      params: ['x'],
      body: {
        kind: 'binary',
        op: '+',
        left: { kind: 'column', parts: ['x'] },
        right: { kind: 'number', text: '1' },
      },
    });
    const two = expr('(x, y) -> x * y');
    assert.equal(two.kind === 'lambda' && two.params.join(), 'x,y');
    assert.deepEqual(expr("j -> '$.a'"), {
      kind: 'arrow',
      operand: { kind: 'column', parts: ['j'] },
      path: { kind: 'string', value: '$.a' },
    });
  });

  test('arrays, maps, subscripts, rows', () => {
    const arr = expr('ARRAY<INT>[1, 2]');
    assert.equal(arr.kind === 'array' && arr.elementType?.kind, 'int');
    const m = expr("MAP{1: 'a'}");
    assert.equal(m.kind === 'map' && m.entries.length, 1);
    const sub = expr('a[1][2]');
    assert.equal(sub.kind === 'subscript' && sub.operand.kind, 'subscript');
    assert.equal(expr('(1, 2)').kind, 'row');
    assert.equal(expr('map < 3').kind, 'binary');
  });

  test('window specifications and frames', () => {
    const w = expr('sum(a) OVER (PARTITION BY b ORDER BY c ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)');
    assert.ok(w.kind === 'call' && w.over);
    assert.deepEqual(w.over.frame, {
      unit: 'rows',
      start: { kind: 'preceding', offset: { kind: 'number', text: '2' } },
      end: { kind: 'current-row' },
    });
    const named = expr('sum(a) OVER w');
    assert.equal(named.kind === 'call' && named.over?.baseName, 'w');
  });

  test('printExpr round-trips', () => {
    for (const sql of [
      'a + b * c - (d - e)',
      'NOT (a AND b) OR c IS NULL',
      'count(DISTINCT a) OVER (PARTITION BY b)',
      '-(-1)',
    ]) {
      assert.deepEqual(strip(parseExpression(printExpr(parseExpression(sql)))), strip(parseExpression(sql)));
    }
  });

  test('DISTINCT only in aggregateFunction names; group_concat ORDER BY positions are checked', () => {
    const e = parseError(() => parseExpression('count_if(DISTINCT v2)'));
    assert.equal(
      e.message,
      "Getting syntax error at line 1, column 8. Detail message: Unexpected input '(', the most similar input is {<EOF>, ';'}.",
    );
    const g = parseError(() => parseExpression('group_concat( score order by 1,2)'));
    assert.equal(
      g.message,
      'Getting syntax error from line 1, column 0 to line 1, column 32. Detail message: ORDER BY position 2 is not in group_concat output list.',
    );
    parseError(() => parseExpression('group_concat(a order by -20)'));
    assert.equal(expr('group_concat(a, b ORDER BY 2)').kind, 'call');
    parseError(() => parseExpression('group_concat(order by 1)'));
  });

  test('struct field access after calls and subscripts', () => {
    assert.deepEqual(expr('row(a).col1'), {
      kind: 'dereference',
      operand: {
        kind: 'call',
        name: ['row'],
        args: [{ kind: 'column', parts: ['a'] }],
        distinct: false,
        star: false,
      },
      field: 'col1',
    });
    assert.equal(expr('arr[1].name').kind, 'dereference');
    assert.deepEqual(expr('(a).b'), {
      kind: 'dereference',
      operand: { kind: 'column', parts: ['a'] },
      field: 'b',
    });
    assert.deepEqual(expr('a.b'), { kind: 'column', parts: ['a', 'b'] });
  });

  test('full-text MATCH is a call', () => {
    assert.deepEqual(expr("v NOT MATCH 'x'"), {
      kind: 'unary',
      op: 'not',
      operand: {
        kind: 'call',
        name: ['match'],
        args: [
          { kind: 'column', parts: ['v'] },
          { kind: 'string', value: 'x' },
        ],
        distinct: false,
        star: false,
      },
    });
  });

  test('malformed expressions are 1064', () => {
    parseError(() => parseExpression('1 +'));
    parseError(() => parseExpression('CASE END'));
    parseError(() => parseExpression('CAST(a AS NOPE)'));
    parseError(() => parseExpression('INTERVAL 1 FORTNIGHT'));
    parseError(() => parseExpression('a IS 3'));
    parseError(() => parseExpression('f(a'));
  });
});
