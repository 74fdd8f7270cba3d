import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseQuery, parseStatements, type AstRelation, type AstSelect } from '../../src/sql/index.js';
import { parseError, query, strip } from './helpers.js';

function select(sql: string): AstSelect {
  const q = query(sql);
  assert.equal(q.body.kind, 'select');
  return q.body as AstSelect;
}

function joinShape(r: AstRelation): string {
  switch (r.kind) {
    case 'table':
      return r.alias ?? r.name.parts.join('.');
    case 'join':
      return `(${joinShape(r.left)} ${r.natural ? 'natural ' : ''}${r.joinType} ${joinShape(r.right)})`;
    case 'derived':
      return `${r.lateral ? 'lateral ' : ''}derived:${r.alias ?? ''}`;
    case 'table-function':
      return `fn:${r.call.name.join('.')}:${r.alias ?? ''}`;
    case 'values-relation':
      return `values:${r.alias ?? ''}`;
  }
}

describe('SELECT structure', () => {
  test('clauses land in their fields', () => {
    const q = query(
      'SELECT DISTINCT a, b AS x FROM t WHERE a > 1 GROUP BY a HAVING count(*) > 1 ORDER BY a DESC NULLS LAST LIMIT 10 OFFSET 5',
    );
    const s = q.body as AstSelect;
    assert.equal(s.distinct, true);
    assert.deepEqual(
      s.items.map((i) => i.alias),
      [undefined, 'x'],
    );
    assert.ok(s.where && s.having);
    assert.equal(s.groupBy.length, 1);
    assert.deepEqual(q.orderBy[0]?.direction, 'desc');
    assert.deepEqual(q.orderBy[0]?.nulls, 'last');
    assert.deepEqual(q.limit, {
      count: { kind: 'number', text: '10' },
      offset: { kind: 'number', text: '5' },
    });
  });

  test('MySQL LIMIT offset, count', () => {
    assert.deepEqual(query('SELECT 1 LIMIT 5, 10').limit, {
      count: { kind: 'number', text: '10' },
      offset: { kind: 'number', text: '5' },
    });
  });

  test('aliases: implicit, string, and clause words are not aliases', () => {
    const s = select("SELECT a b, c 'str', d AS `e` FROM t x WHERE 1");
    assert.deepEqual(
      s.items.map((i) => i.alias),
      ['b', 'str', 'e'],
    );
    assert.equal((s.from[0] as { alias?: string }).alias, 'x');
    const q = query('SELECT a FROM t EXCEPT SELECT a FROM u');
    assert.equal(q.body.kind, 'set-op');
    const qq = select('SELECT a FROM t QUALIFY a = 1');
    assert.ok(qq.qualify);
  });

  test('SELECT without FROM and FROM DUAL', () => {
    assert.deepEqual(select('SELECT 1').from, []);
    assert.deepEqual(select('SELECT 1 FROM DUAL').from, []);
  });

  test('star forms', () => {
    const s = select('SELECT *, t.*, db.t.* FROM t');
    assert.deepEqual(
      s.items.map((i) => (i.expr.kind === 'star' ? i.expr.qualifier.join('.') : '?')),
      ['', 't', 'db.t'],
    );
  });

  test('set operations: INTERSECT binds tighter, left-associative, MINUS is EXCEPT', () => {
    const q = query('SELECT 1 UNION SELECT 2 INTERSECT SELECT 3 MINUS SELECT 4');
    assert.ok(q.body.kind === 'set-op');
    assert.equal(q.body.op, 'except');
    assert.ok(q.body.left.kind === 'set-op');
    assert.equal(q.body.left.op, 'union');
    assert.ok(q.body.left.right.kind === 'set-op');
    assert.equal(q.body.left.right.op, 'intersect');
    const all = query('SELECT 1 UNION ALL SELECT 2');
    assert.equal(all.body.kind === 'set-op' && all.body.all, true);
    const dist = query('SELECT 1 UNION DISTINCT SELECT 2');
    assert.equal(dist.body.kind === 'set-op' && dist.body.all, false);
  });

  test('parenthesised operands keep their own ORDER BY / LIMIT', () => {
    const q = query('(SELECT a FROM t ORDER BY a LIMIT 1) UNION ALL (SELECT b FROM u) ORDER BY 1 LIMIT 2');
    assert.ok(q.body.kind === 'set-op');
    assert.ok(q.body.left.kind === 'query');
    assert.equal(q.body.left.orderBy.length, 1);
    assert.equal(q.orderBy.length, 1);
  });

  test('WITH and WITH RECURSIVE', () => {
    const q = query('WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT * FROM r');
    assert.equal(q.with?.recursive, true);
    assert.deepEqual(q.with?.ctes[0]?.columns, ['n']);
  });

  test('GROUP BY ROLLUP / CUBE / GROUPING SETS / WITH ROLLUP', () => {
    assert.deepEqual(
      select('SELECT 1 FROM t GROUP BY ROLLUP(a, b)').groupBy.map((g) => g.kind),
      ['rollup'],
    );
    assert.deepEqual(
      select('SELECT 1 FROM t GROUP BY CUBE(a)').groupBy.map((g) => g.kind),
      ['cube'],
    );
    const gs = select('SELECT 1 FROM t GROUP BY GROUPING SETS ((a, b), (a), ())').groupBy[0];
    assert.ok(gs?.kind === 'grouping-sets');
    assert.deepEqual(
      gs.sets.map((x) => x.length),
      [2, 1, 0],
    );
    const wr = select('SELECT 1 FROM t GROUP BY a, b WITH ROLLUP').groupBy;
    assert.ok(wr[0]?.kind === 'rollup' && wr[0].exprs.length === 2);
  });

  test('join kinds and nesting', () => {
    const from = (sql: string) => joinShape(select(sql).from[0] as AstRelation);
    assert.equal(from('SELECT * FROM a JOIN b ON 1 LEFT JOIN c ON 1'), '((a inner b) left c)');
    assert.equal(from('SELECT * FROM a LEFT OUTER JOIN b USING (x)'), '(a left b)');
    assert.equal(from('SELECT * FROM a RIGHT SEMI JOIN b ON 1'), '(a right-semi b)');
    assert.equal(from('SELECT * FROM a LEFT ANTI JOIN b ON 1'), '(a left-anti b)');
    assert.equal(from('SELECT * FROM a FULL OUTER JOIN b ON 1'), '(a full b)');
    assert.equal(from('SELECT * FROM a CROSS b'), '(a cross b)');
    assert.equal(from('SELECT * FROM a NATURAL JOIN b'), '(a natural inner b)');
    assert.equal(from('SELECT * FROM a JOIN (b JOIN c ON 1) ON 1'), '(a inner (b inner c))');
    const hinted = select('SELECT * FROM a JOIN [broadcast] b ON 1').from[0];
    assert.equal(hinted?.kind === 'join' && hinted.hint, 'broadcast');
    assert.equal(select('SELECT * FROM a, b, c').from.length, 3);
    parseError(() => parseStatements('SELECT * FROM a LEFT JOIN b'));
  });

  test('derived tables, VALUES, table functions, LATERAL, FILES', () => {
    const f = (sql: string) => select(sql).from.map(joinShape).join(' | ');
    assert.equal(f('SELECT * FROM (SELECT 1) AS t (x)'), 'derived:t');
    assert.equal(f('SELECT * FROM (VALUES (1), (2)) v (x)'), 'values:v');
    assert.equal(f('SELECT * FROM t, LATERAL (SELECT 1) s'), 't | lateral derived:s');
    assert.equal(f('SELECT * FROM unnest([1]) AS u (x)'), 'fn:unnest:u');
    assert.equal(f('SELECT * FROM TABLE(generate_series(1, 3)) g'), 'fn:generate_series:g');
    assert.equal(f('SELECT * FROM FILES("path" = "p", "format" = "csv")'), 'fn:files:');
  });

  test('time travel, partitions', () => {
    const t = select("SELECT * FROM c.d.t FOR SYSTEM_TIME AS OF '2023-01-01 00:00:00'").from[0];
    assert.ok(t?.kind === 'table');
    assert.equal(t.temporal?.kind, 'timestamp');
    const v = select('SELECT * FROM c.d.t FOR SYSTEM_VERSION AS OF 12345').from[0];
    assert.ok(v?.kind === 'table');
    assert.deepEqual(strip(v.temporal), { kind: 'version', expr: { kind: 'number', text: '12345' } });
    const p = select('SELECT * FROM t TEMPORARY PARTITION (p1, p2) x').from[0];
    assert.ok(p?.kind === 'table');
    assert.deepEqual(p.partitions, ['p1', 'p2']);
    assert.equal(p.temporalPartitions, true);
    assert.equal(p.alias, 'x');
  });

  test('parseQuery accepts only queries', () => {
    assert.equal(parseQuery('SELECT 1;').kind, 'query');
    parseError(() => parseQuery('SHOW TABLES'));
    parseError(() => parseQuery('SELECT 1; SELECT 2'));
  });
});
