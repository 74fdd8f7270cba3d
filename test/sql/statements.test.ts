import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  parseStatement,
  parseStatements,
  type AstGrantPrivileges,
  type AstStatement,
} from '../../src/sql/index.js';
import { parseError, stmt } from './helpers.js';

type Of<K extends AstStatement['kind']> = K extends 'grant-privileges' | 'revoke-privileges'
  ? AstGrantPrivileges
  : Extract<AstStatement, { kind: K }>;

function as<K extends AstStatement['kind']>(s: AstStatement, kind: K): Of<K> {
  assert.equal(s.kind, kind);
  return s as Of<K>;
}

describe('statement splitting', () => {
  test('text, position and parameter count per statement; empty statements skipped', () => {
    const all = parseStatements('SELECT ?;; \n  INSERT INTO t VALUES (?, ?) ;\n;SHOW TABLES');
    assert.deepEqual(
      all.map((s) => [s.statement.kind, s.text, s.pos.line, s.pos.column, s.paramCount]),
      [
        ['query', 'SELECT ?', 1, 1, 1],
        ['insert', 'INSERT INTO t VALUES (?, ?)', 2, 3, 2],
        ['show', 'SHOW TABLES', 3, 2, 0],
      ],
    );
    assert.deepEqual(parseStatements(' ; ;'), []);
    assert.deepEqual(parseStatements('-- only a comment'), []);
  });

  test('parseStatement wants exactly one statement', () => {
    assert.equal(parseStatement('SELECT 1;').kind, 'query');
    parseError(() => parseStatement('SELECT 1; SELECT 2'));
    parseError(() => parseStatement(''));
  });
});

describe('DDL', () => {
  test('CREATE TABLE with every clause', () => {
    const t = as(
      stmt(`CREATE TABLE IF NOT EXISTS db.t (
        k DATE NOT NULL COMMENT 'key', v DECIMAL(15,2) SUM DEFAULT "0", s VARCHAR(10) NULL,
        INDEX i (s) USING BITMAP COMMENT 'c')
      ENGINE=OLAP AGGREGATE KEY(k) COMMENT 'tbl'
      PARTITION BY RANGE(k) (PARTITION p1 VALUES LESS THAN ("2024-01-01"), PARTITION p2 VALUES LESS THAN MAXVALUE)
      DISTRIBUTED BY HASH(k) BUCKETS 16 ORDER BY (k) PROPERTIES ("replication_num" = "1")`),
      'create-table',
    );
    assert.equal(t.ifNotExists, true);
    assert.deepEqual(t.name.parts, ['db', 't']);
    assert.deepEqual(
      t.columns.map((c) => [c.name, c.type.kind, c.nullable, c.aggType ?? null]),
      [
        ['k', 'date', false, null],
        ['v', 'decimal', null, 'sum'],
        ['s', 'varchar', true, null],
      ],
    );
    assert.equal(t.columns[0]?.comment, 'key');
    assert.deepEqual(t.columns[1]?.default, { kind: 'value', value: { kind: 'string', value: '0' } });
    assert.deepEqual(t.indexes[0], {
      name: 'i',
      columns: ['s'],
      using: 'BITMAP',
      comment: 'c',
      properties: [],
    });
    assert.equal(t.engine, 'OLAP');
    assert.deepEqual(t.keys, { type: 'aggregate', columns: ['k'] });
    assert.equal(t.comment, 'tbl');
    assert.ok(t.partition?.kind === 'range');
    assert.deepEqual(
      t.partition.partitions.map((p) => p.kind === 'less-than' && p.values.map((v) => v.kind)),
      [['string'], ['maxvalue']],
    );
    assert.deepEqual(t.distribution, { kind: 'hash', columns: ['k'], buckets: 16 });
    assert.deepEqual(t.orderBy, ['k']);
    assert.deepEqual(t.properties, [{ key: 'replication_num', value: '1' }]);
  });

  test('seed DDL: PARTITION BY RANGE(date) with an empty, commented list', () => {
    const t = as(
      stmt(`CREATE TABLE x (d DATE, r VARCHAR(100)) ENGINE=OLAP DUPLICATE KEY(d, r)
        PARTITION BY RANGE(d) (
          -- 分区配置
        ) DISTRIBUTED BY HASH(r) BUCKETS 16 ORDER BY (d, r)`),
      'create-table',
    );
    assert.deepEqual(t.partition, {
      kind: 'range',
      exprs: [{ kind: 'column', parts: ['d'] }],
      partitions: [],
    });
  });

  test('partition forms: fixed range, batch, list, expression', () => {
    const p = (sql: string) => as(stmt(`CREATE TABLE t (a INT) ${sql}`), 'create-table').partition;
    const fixed = p("PARTITION BY RANGE(a) (PARTITION p VALUES [('1'), ('5')))");
    assert.equal(fixed?.kind === 'range' && fixed.partitions[0]?.kind, 'fixed-range');
    const batch = p("PARTITION BY RANGE(a) (START ('2024-01-01') END ('2024-02-01') EVERY (INTERVAL 1 DAY))");
    assert.equal(batch?.kind === 'range' && batch.partitions[0]?.kind, 'batch');
    const list = p("PARTITION BY LIST(a) (PARTITION p VALUES IN (('a', 1), ('b', 2)))");
    assert.ok(list?.kind === 'list' && list.partitions[0]?.kind === 'list');
    assert.equal(list.partitions[0].values.length, 2);
    assert.equal(p("PARTITION BY date_trunc('day', a)")?.kind, 'expr');
    assert.equal(p('PARTITION BY a, b')?.kind, 'expr');
  });

  test('temporary tables follow the FE config (off by default, as in StarRocks)', () => {
    const e = parseError(() => parseStatement('CREATE TEMPORARY TABLE tmp (a INT)'));
    assert.equal(
      e.message,
      "Getting syntax error. Detail message: FE config 'enable_experimental_temporary_table' is disabled.",
    );
    const t = as(
      parseStatement('CREATE TEMPORARY TABLE tmp (a INT)', { temporaryTables: true }),
      'create-table',
    );
    assert.equal(t.temporary, true);
  });

  test('CTAS, LIKE, DROP, TRUNCATE', () => {
    const ctas = as(stmt('CREATE TABLE t2 (x, y) PRIMARY KEY(x) AS SELECT 1, 2'), 'create-table');
    assert.deepEqual(ctas.columnNames, ['x', 'y']);
    assert.equal(ctas.asQuery?.kind, 'query');
    assert.deepEqual(as(stmt('CREATE TABLE t2 LIKE db.t1'), 'create-table').like, { parts: ['db', 't1'] });
    assert.deepEqual(stmt('DROP TABLE IF EXISTS t FORCE'), {
      kind: 'drop-table',
      ifExists: true,
      name: { parts: ['t'] },
      force: true,
    });
    assert.deepEqual(stmt('TRUNCATE TABLE t PARTITION (p1)'), {
      kind: 'truncate-table',
      name: { parts: ['t'] },
      partitions: ['p1'],
    });
  });

  test('views keep the query text as written', () => {
    const sql = 'CREATE OR REPLACE VIEW v (a COMMENT "x") AS SELECT  a  FROM t -- trailing';
    const v = as(parseStatement(sql), 'create-view');
    assert.equal(v.orReplace, true);
    assert.equal(v.queryText, 'SELECT  a  FROM t');
    assert.deepEqual(v.columns, [{ name: 'a', comment: 'x' }]);
    const av = as(parseStatement('ALTER VIEW v AS SELECT 2'), 'alter-view');
    assert.equal(av.queryText, 'SELECT 2');
  });

  test('materialized views: sync and async refresh schemes', () => {
    const sync = as(
      stmt('CREATE MATERIALIZED VIEW mv AS SELECT a, sum(b) FROM t GROUP BY a'),
      'create-materialized-view',
    );
    assert.equal(sync.refresh, undefined);
    const mv = as(
      stmt(
        "CREATE MATERIALIZED VIEW mv DISTRIBUTED BY HASH(a) REFRESH DEFERRED ASYNC START ('2024-01-01') EVERY (INTERVAL 1 HOUR) AS SELECT a FROM t",
      ),
      'create-materialized-view',
    );
    assert.equal(mv.refresh?.mode, 'async');
    assert.equal(mv.refresh?.deferred, true);
    assert.equal(mv.refresh?.every?.kind, 'interval');
    assert.equal(mv.queryText, undefined);
  });

  test('ALTER TABLE actions', () => {
    const a = as(
      stmt('ALTER TABLE t ADD COLUMN c INT AFTER b, DROP COLUMN d, RENAME COLUMN e TO f'),
      'alter-table',
    );
    assert.deepEqual(
      a.actions.map((x) => x.kind),
      ['add-column', 'drop-column', 'rename-column'],
    );
    const p = as(stmt('ALTER TABLE t DROP PARTITION IF EXISTS p1 FORCE'), 'alter-table');
    assert.deepEqual(p.actions[0], {
      kind: 'drop-partition',
      temporary: false,
      ifExists: true,
      names: ['p1'],
      force: true,
    });
    const g = stmt("ALTER TABLE t MODIFY COLUMN c COMMENT 'x'");
    assert.deepEqual(g, {
      kind: 'generic',
      feature: 'ALTER TABLE MODIFY COLUMN',
      text: "ALTER TABLE t MODIFY COLUMN c COMMENT 'x'",
    });
  });
});

describe('DML', () => {
  test('INSERT forms', () => {
    const i = as(
      stmt('INSERT INTO db.t PARTITION (p1) WITH LABEL lbl (a, b) VALUES (1, DEFAULT), (2, 3)'),
      'insert',
    );
    assert.equal(i.overwrite, false);
    assert.deepEqual(i.target, { kind: 'table', name: { parts: ['db', 't'] } });
    assert.deepEqual(i.partitions, ['p1']);
    assert.equal(i.label, 'lbl');
    assert.deepEqual(i.columns, ['a', 'b']);
    assert.ok(i.source.body.kind === 'values');
    assert.equal(i.source.body.rows[0]?.[1]?.kind, 'default');
    const o = as(stmt('INSERT OVERWRITE t SELECT * FROM u'), 'insert');
    assert.equal(o.overwrite, true);
    assert.equal(o.source.body.kind, 'select');
    const f = as(stmt('INSERT INTO FILES("path" = "s3://x") SELECT 1'), 'insert');
    assert.deepEqual(f.target, {
      kind: 'function',
      name: 'files',
      properties: [{ key: 'path', value: 's3://x' }],
    });
  });

  test('UPDATE and DELETE, with and without WITH', () => {
    const u = as(
      stmt('WITH c AS (SELECT 1 AS id) UPDATE t SET a = 1, b = DEFAULT FROM c WHERE t.id = c.id'),
      'update',
    );
    assert.equal(u.with?.ctes.length, 1);
    assert.deepEqual(
      u.assignments.map((x) => [x.column, x.value.kind]),
      [
        ['a', 'number'],
        ['b', 'default'],
      ],
    );
    assert.equal(u.from.length, 1);
    const d = as(stmt('DELETE FROM t PARTITION (p) USING u WHERE t.a = u.a'), 'delete');
    assert.deepEqual(d.partitions, ['p']);
    assert.equal(d.using.length, 1);
  });

  test('EXPLAIN and DESC', () => {
    assert.deepEqual(
      (['EXPLAIN COSTS SELECT 1', 'DESC SELECT 1', 'EXPLAIN VERBOSE INSERT INTO t SELECT 1'] as const).map(
        (q) => {
          const e = as(stmt(q), 'explain');
          return [e.level, e.statement.kind];
        },
      ),
      [
        ['costs', 'query'],
        ['normal', 'query'],
        ['verbose', 'insert'],
      ],
    );
    assert.deepEqual(stmt('DESC db.t ALL'), { kind: 'describe', table: { parts: ['db', 't'] }, all: true });
  });
});

describe('session statements', () => {
  test('USE forms', () => {
    assert.deepEqual(stmt('USE d'), { kind: 'use', db: 'd' });
    assert.deepEqual(stmt('USE c.d'), { kind: 'use', catalog: 'c', db: 'd' });
    assert.deepEqual(stmt("USE 'catalog hive_catalog'"), { kind: 'use', catalog: 'hive_catalog' });
    assert.deepEqual(stmt('SET CATALOG c'), { kind: 'set-catalog', catalog: 'c' });
  });

  test('SET forms', () => {
    const s = as(stmt("set autocommit=1, sql_mode = concat(@@sql_mode,',STRICT_TRANS_TABLES')"), 'set');
    assert.equal(s.assignments.length, 2);
    assert.deepEqual(s.assignments[0], {
      kind: 'system',
      scope: 'session',
      name: 'autocommit',
      value: { kind: 'number', text: '1' },
    });
    assert.equal(s.assignments[1]?.kind === 'system' && s.assignments[1].value?.kind, 'call');
    const a = (sql: string) => as(stmt(sql), 'set').assignments[0];
    assert.deepEqual(a('SET GLOBAL x = DEFAULT'), {
      kind: 'system',
      scope: 'global',
      name: 'x',
      value: null,
    });
    assert.deepEqual(a('SET @@global.x = 1'), {
      kind: 'system',
      scope: 'global',
      name: 'x',
      value: { kind: 'number', text: '1' },
    });
    assert.deepEqual(a('SET @u = 2'), { kind: 'user', name: 'u', value: { kind: 'number', text: '2' } });
    assert.deepEqual(a('SET NAMES utf8mb4 COLLATE utf8mb4_bin'), {
      kind: 'names',
      charset: 'utf8mb4',
      collation: 'utf8mb4_bin',
    });
    assert.deepEqual(a('SET CHARACTER SET DEFAULT'), { kind: 'charset', charset: null });
    assert.deepEqual(a("SET PASSWORD FOR 'u'@'%' = PASSWORD('p')"), {
      kind: 'password',
      user: { name: 'u', host: '%' },
      password: 'p',
      hashed: false,
    });
    assert.deepEqual(a('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED'), {
      kind: 'transaction',
      scope: 'session',
      isolation: 'READ-COMMITTED',
    });
    assert.deepEqual(a('SET time_zone = SYSTEM'), {
      kind: 'system',
      scope: 'session',
      name: 'time_zone',
      value: { kind: 'string', value: 'SYSTEM' },
    });
    assert.deepEqual(a('SET enable_x = ON'), {
      kind: 'system',
      scope: 'session',
      name: 'enable_x',
      value: { kind: 'string', value: 'ON' },
    });
    assert.equal(stmt('SET ROLE ALL').kind, 'generic');
  });

  test('KILL, transactions, prepared statements', () => {
    assert.deepEqual(stmt('KILL QUERY 5'), {
      kind: 'kill',
      queryOnly: true,
      id: { kind: 'number', text: '5' },
    });
    assert.deepEqual(stmt('KILL CONNECTION 5'), {
      kind: 'kill',
      queryOnly: false,
      id: { kind: 'number', text: '5' },
    });
    assert.deepEqual(stmt('START TRANSACTION WITH CONSISTENT SNAPSHOT'), {
      kind: 'transaction',
      action: 'begin',
    });
    assert.deepEqual(stmt('BEGIN WITH LABEL x'), { kind: 'transaction', action: 'begin', label: 'x' });
    assert.deepEqual(stmt('COMMIT WORK'), { kind: 'transaction', action: 'commit' });
    assert.deepEqual(stmt('ROLLBACK'), { kind: 'transaction', action: 'rollback' });
    assert.deepEqual(stmt("PREPARE s FROM 'SELECT ?'"), {
      kind: 'prepare',
      name: 's',
      source: { kind: 'text', text: 'SELECT ?' },
    });
    assert.deepEqual(stmt('PREPARE s FROM SELECT ?'), {
      kind: 'prepare',
      name: 's',
      source: { kind: 'text', text: 'SELECT ?' },
    });
    assert.deepEqual(stmt('EXECUTE s USING @a, @b'), { kind: 'execute', name: 's', using: ['a', 'b'] });
    assert.deepEqual(stmt('DROP PREPARE s'), { kind: 'deallocate', name: 's' });
  });

  test('SHOW forms map to what/target/from', () => {
    const show = (sql: string) => as(stmt(sql), 'show');
    const full = show("SHOW FULL COLUMNS FROM t FROM d LIKE 'a%'");
    assert.deepEqual(
      [full.what, full.full, full.target?.parts, full.from?.parts, full.like],
      ['columns', true, ['t'], ['d'], 'a%'],
    );
    assert.equal(show('SHOW SCHEMAS').what, 'databases');
    assert.equal(show('SHOW KEYS FROM t').what, 'index');
    assert.deepEqual(show('SHOW CREATE TABLE db.t').target?.parts, ['db', 't']);
    assert.equal(show('SHOW GLOBAL VARIABLES').scope, 'global');
    assert.equal(show("SHOW PROC '/backends'").path, '/backends');
    assert.deepEqual(show('SHOW GRANTS FOR ROLE r').role, 'r');
    assert.deepEqual(show("SHOW GRANTS FOR 'u'@'h'").user, { name: 'u', host: 'h' });
    const task = show("SHOW ROUTINE LOAD TASK WHERE job_name = 'x'");
    assert.equal(task.what, 'routine load task');
    assert.equal(task.where?.kind, 'binary');
    assert.equal(show('SHOW ALL ROUTINE LOAD').all, true);
    const parts = show('SHOW PARTITIONS FROM t ORDER BY a LIMIT 1');
    assert.deepEqual(
      [parts.what, parts.orderBy?.length, parts.limit?.count],
      ['partitions', 1, { kind: 'number', text: '1' }],
    );
    parseError(() => parseStatement('SHOW NONSENSE'));
  });
});

describe('accounts', () => {
  test('users and roles', () => {
    assert.deepEqual(stmt("CREATE USER tableau_user IDENTIFIED BY 'pw'"), {
      kind: 'create-user',
      ifNotExists: false,
      user: { name: 'tableau_user', host: '%' },
      password: { value: 'pw', hashed: false },
      defaultRoles: [],
      properties: [],
    });
    assert.deepEqual(stmt("DROP USER IF EXISTS 'u'@'h'"), {
      kind: 'drop-user',
      ifExists: true,
      user: { name: 'u', host: 'h' },
    });
    assert.deepEqual(stmt('CREATE ROLE r1, r2'), {
      kind: 'create-role',
      ifExistsOrNot: false,
      roles: ['r1', 'r2'],
    });
  });

  test('GRANT / REVOKE privileges and roles', () => {
    assert.deepEqual(stmt('GRANT SELECT_PRIV ON warehouse.* TO tableau_user'), {
      kind: 'grant-privileges',
      privileges: ['SELECT_PRIV'],
      object: { kind: 'name', names: [{ parts: ['warehouse', '*'] }] },
      grantee: { kind: 'user', user: { name: 'tableau_user', host: '%' } },
      withGrantOption: false,
    });
    const all = as(
      stmt('GRANT ALL PRIVILEGES ON ALL TABLES IN DATABASE d TO ROLE r WITH GRANT OPTION'),
      'grant-privileges',
    );
    assert.deepEqual(
      [all.privileges, all.object, all.grantee, all.withGrantOption],
      [['ALL'], { kind: 'all', objectType: 'TABLES', inDatabase: 'd' }, { kind: 'role', role: 'r' }, true],
    );
    const typed = as(stmt('GRANT CREATE TABLE, SELECT ON DATABASE d TO u'), 'grant-privileges');
    assert.deepEqual(typed.privileges, ['CREATE TABLE', 'SELECT']);
    assert.deepEqual(typed.object, { kind: 'name', objectType: 'DATABASE', names: [{ parts: ['d'] }] });
    assert.deepEqual(stmt('REVOKE r1 FROM ROLE r2'), {
      kind: 'revoke-role',
      roles: ['r1'],
      grantee: { kind: 'role', role: 'r2' },
    });
  });
});

describe('generic statements', () => {
  test('recognised statements carry StarRocks feature names', () => {
    const feature = (sql: string) => {
      const s = as(parseStatement(sql), 'generic');
      assert.equal(s.text, sql.replace(/;\s*$/, ''));
      return s.feature;
    };
    assert.equal(feature('SYNC'), 'SYNC');
    assert.equal(feature('PAUSE ROUTINE LOAD FOR db.job'), 'PAUSE ROUTINE LOAD');
    assert.equal(
      feature(
        'CREATE ROUTINE LOAD db.j ON t COLUMNS TERMINATED BY ",", COLUMNS (a, b = a + 1), WHERE a > 0 PROPERTIES ("format" = "csv") FROM KAFKA ("kafka_topic" = "x")',
      ),
      'CREATE ROUTINE LOAD',
    );
    assert.equal(
      feature('CREATE EXTERNAL CATALOG c COMMENT "x" PROPERTIES ("type" = "hive")'),
      'CREATE EXTERNAL CATALOG',
    );
    assert.equal(
      feature('BACKUP SNAPSHOT d.s TO `s3://b/` ON (TABLE t) PROPERTIES ("type" = "s3")'),
      'BACKUP',
    );
    assert.equal(feature('RESTORE SNAPSHOT d.s FROM repo PROPERTIES ("backup_timestamp" = "x")'), 'RESTORE');
    assert.equal(
      feature("CREATE REPOSITORY r WITH BROKER ON LOCATION 's3://x' PROPERTIES ('k' = 'v')"),
      'CREATE REPOSITORY',
    );
    assert.equal(feature('ADMIN SET FRONTEND CONFIG ("a" = "b")'), 'ADMIN SET CONFIG');
    assert.equal(feature('ADMIN SHOW REPLICA STATUS FROM t'), 'ADMIN SHOW REPLICA STATUS');
    assert.equal(feature('DROP MATERIALIZED VIEW IF EXISTS mv'), 'DROP MATERIALIZED VIEW');
    assert.equal(feature('REFRESH MATERIALIZED VIEW mv WITH SYNC MODE'), 'REFRESH MATERIALIZED VIEW');
    assert.equal(feature('ALTER MATERIALIZED VIEW mv ACTIVE'), 'ALTER MATERIALIZED VIEW');
    assert.equal(feature('ANALYZE TABLE t'), 'ANALYZE TABLE');
    assert.equal(feature('CREATE INDEX i ON t (a) USING BITMAP'), 'CREATE INDEX');
    assert.equal(feature('CANCEL LOAD FROM d WHERE LABEL = "x"'), 'CANCEL LOAD');
    assert.equal(feature('LOCK TABLES t READ'), 'LOCK TABLES');
  });

  test('structure is still checked', () => {
    parseError(() => parseStatement('PAUSE ROUTINE LOAD job'));
    parseError(() => parseStatement('CREATE ROUTINE LOAD j ON t PROPERTIES ("a" = "b")'));
    parseError(() => parseStatement('CREATE EXTERNAL CATALOG c'));
    parseError(() => parseStatement('BACKUP SNAPSHOT d.s'));
    parseError(() => parseStatement('SYNC NOW'));
    parseError(() => parseStatement('FROBNICATE everything'));
  });
});
