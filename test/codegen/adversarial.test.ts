/**
 * Adversarial corpus: user SQL must never make DuckDB read or write files, reach the network,
 * install/load extensions, ATTACH, COPY, PRAGMA, change settings or call DuckDB-only table
 * functions. Every case either fails to parse/bind with a clean SqlError, or compiles to one
 * SELECT that contains no forbidden call outside string literals and quoted identifiers — and
 * then runs on a DuckDB opened with enable_external_access=false without a permission error.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileQuery } from '../../src/codegen/index.js';
import { SqlError } from '../../src/errors/index.js';
import { parseQuery } from '../../src/sql/index.js';
import { context, duck } from '../analyzer/kit.js';

const DUCKDB_ONLY = [
  'read_csv',
  'read_csv_auto',
  'read_parquet',
  'parquet_scan',
  'read_json',
  'read_json_auto',
  'read_ndjson',
  'read_text',
  'read_blob',
  'glob',
  'duckdb_settings',
  'duckdb_extensions',
  'duckdb_functions',
  'duckdb_tables',
  'duckdb_databases',
  'duckdb_secrets',
  'pragma_database_list',
  'pragma_table_info',
  'pragma_version',
  'sqlite_scan',
  'postgres_scan',
  'mysql_scan',
  'iceberg_scan',
  'delta_scan',
  'query',
  'query_table',
  'sniff_csv',
  'st_read',
  'parquet_metadata',
  'parquet_schema',
  'json_execute_serialized_sql',
  'test_all_types',
  'read_xlsx',
  'getenv',
  'current_setting',
  'load_aws_credentials',
  'which_secret',
  'httpfs',
  'http_get',
  'install_extension',
];

const PATHS = ["'/etc/passwd'", "'http://127.0.0.1:1/x'", "'s3://bucket/x.parquet'", "'*'"];

const STATEMENTS = [
  "ATTACH '/tmp/x.db' AS x",
  "ATTACH ':memory:'",
  'DETACH x',
  "COPY t TO '/tmp/out.csv'",
  "COPY t FROM '/etc/passwd'",
  "COPY (SELECT 1) TO '/tmp/x.parquet' (FORMAT parquet)",
  'PRAGMA database_list',
  "PRAGMA enable_profiling='json'",
  'SET threads = 1',
  'SET GLOBAL enable_external_access = true',
  "SET enable_external_access = 'true'",
  'RESET enable_external_access',
  'INSTALL httpfs',
  'LOAD httpfs',
  "LOAD '/tmp/evil.duckdb_extension'",
  "EXPORT DATABASE '/tmp/dump'",
  "IMPORT DATABASE '/tmp/dump'",
  'CALL pragma_version()',
  'CHECKPOINT',
  "CREATE SECRET s (TYPE s3, KEY_ID 'x', SECRET 'y')",
  "select 1; ATTACH '/tmp/x.db'",
  "select 1; COPY t TO '/tmp/x'",
  "FROM read_csv('/etc/passwd')",
  "SUMMARIZE SELECT * FROM read_csv('/etc/passwd')",
  'DESCRIBE SELECT 1',
];

const NASTY = [
  `x"; ATTACH '/tmp/x.db' AS y; --`,
  `x'); COPY t TO '/tmp/o'; --`,
  `a""b`,
  `*/ SELECT * FROM read_csv('/etc/passwd') /*`,
  `a\nb; INSTALL httpfs`,
  `'; PRAGMA database_list; '`,
  `read_csv('/etc/passwd')`,
  `c1`,
  `t1.c5`,
  `w1`,
];

/** Backtick identifier (StarRocks quoting; `` doubled). */
const bt = (s: string): string => `\`${s.replace(/`/g, '``')}\``;
/** StarRocks single-quoted string (quotes doubled, backslashes escaped). */
const sq = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

function corpus(): string[] {
  const cases: string[] = [];
  for (const fn of DUCKDB_ONLY) {
    cases.push(`select * from ${fn}('/etc/passwd')`);
    cases.push(`select ${fn}(${PATHS[cases.length % PATHS.length]})`);
    cases.push(`select * from t, ${fn}(${PATHS[(cases.length + 1) % PATHS.length]}) as f`);
  }
  for (const fn of ['read_csv', 'glob', 'duckdb_settings', 'query']) {
    cases.push(`select * from main.${fn}('/etc/passwd')`);
    cases.push(`select * from ${bt(fn)}('/etc/passwd')`);
    cases.push(`select * from db1.${fn}`);
    cases.push(`select * from ${bt(`${fn}('/etc/passwd')`)}`);
  }
  cases.push(...STATEMENTS);
  for (const n of NASTY) {
    cases.push(`select 1 as ${bt(n)}`);
    cases.push(`select ${bt(n)} from t`);
    cases.push(`select id from t as ${bt(n)}`);
    cases.push(`select * from ${bt(n)}`);
    cases.push(`select * from ${bt(n)}.t`);
    cases.push(`with ${bt(n)} as (select 1 as a) select * from ${bt(n)}`);
    cases.push(`select ${sq(n)}`);
    cases.push(`select id from t where k = ${sq(n)}`);
    cases.push(`select id from t where k like ${sq(n)}`);
    cases.push(`select concat(k, ${sq(n)}) from t`);
    cases.push(`select date_format(d, ${sq(n)}) from t`);
    cases.push(`select cast(${sq(n)} as date), cast(${sq(n)} as int), cast(${sq(n)} as json)`);
    cases.push(`select @${bt(n)}`);
    cases.push(`select k as ${sq(n)} from t`);
  }
  cases.push(
    "select 'a\\'; ATTACH ''/tmp/x'' AS y; --'",
    "select 'a\\0b', 'c\\\\', 'd\\x27'",
    "select '\\\\'' ; copy t to ''/tmp/x'''",
    'select $$ ATTACH $$',
    "select e'\\x27; ATTACH'",
    "select x'27', 0x27, 0x3B41545441434820",
    'select 1e999',
    'select 99999999999999999999999999999999999999999',
    'select 1 /*+ SET_VAR(enable_external_access=true) */',
    "select /* ATTACH '/tmp/x' */ 1",
    "select 1 -- ; ATTACH '/tmp/x'",
    "select 1 # ; COPY t TO '/tmp/x'",
    "select DATE '2024-01-01''; ATTACH'",
    "select TIMESTAMP '2024-01-01 00:00:00'' ATTACH'",
    "select json_query(parse_json('{}'), '$.a''); ATTACH ''x')",
    "select get_json_string('{\"a\":1}', '$.a'' || read_text(''/etc/passwd'')')",
    "select str_to_date('2024', '%Y''); ATTACH ''/tmp/x')",
    "select regexp_extract('abc', '(a)''); COPY t TO ''/tmp/x''; --', 1)",
    "select split_part('a,b', ''','' || getenv(''HOME'')', 1)",
    "select id from t where k in ('a''); ATTACH ''x', 'b')",
    "select interval '1; ATTACH' day",
    "select date_add('2024-01-01', interval '1''; ATTACH' day)",
    'select @@global.enable_external_access',
    "select @@`threads'; SET threads=1`",
    "select * from t where d = '2024-01-01\\'; ATTACH'",
    "select group_concat(k separator '''); ATTACH ''x') from t",
    "select array_map(x -> concat(x, '''); COPY t TO ''/tmp/x'), ['a'])",
    "select named_struct('a''; ATTACH', 1)",
    "select map{'k''); ATTACH ''x': 1}",
    "select * from (values ('a''); ATTACH ''x')) as v(c)",
    "select current_setting('enable_external_access')",
    "select getenv('HOME')",
    "select * from t for system_time as of '2024-01-01''; ATTACH'",
    'select * from t partition (p1)',
    "select * from unnest(['a''); COPY t TO ''/tmp/x']) as u(x)",
    "select * from generate_series(1, 2) union all select * from read_csv('/etc/passwd')",
    "select (select * from read_parquet('/etc/passwd'))",
    "select id from t where exists (select * from glob('*'))",
    'select id from t where id in (select * from duckdb_settings())',
    "with x as (select * from read_text('/etc/passwd')) select * from x",
  );
  return cases;
}

const FORBIDDEN =
  /\b(read_\w+|parquet_\w+|glob|duckdb_\w+|pragma\w*|attach|detach|copy|install|load|export|import|checkpoint|secret|getenv|current_setting|set_config|set|reset|call|httpfs|http_\w+|sqlite_\w+|postgres_\w+|mysql_\w+|iceberg_\w+|delta_scan|query|query_table|sniff_csv|st_read|json_execute_serialized_sql|enable_external_access|summarize|describe)\b/i;

/** SQL with string literals and quoted identifiers blanked out. */
function codeOnly(sql: string): string {
  return sql.replace(/'(?:[^']|'')*'/g, "''").replace(/"(?:[^"]|"")*"/g, '""');
}

type Outcome = { kind: 'rejected'; error: SqlError } | { kind: 'compiled'; sql: string };

function attempt(text: string): Outcome {
  try {
    const compiled = compileQuery(parseQuery(text), context());
    return { kind: 'compiled', sql: compiled.sql };
  } catch (e) {
    if (e instanceof SqlError) return { kind: 'rejected', error: e };
    throw new Error(`not a clean SqlError for ${JSON.stringify(text)}: ${String(e)}`, { cause: e });
  }
}

const CASES = corpus();

test('the adversarial corpus has at least 200 cases', () => {
  assert.ok(CASES.length >= 200, `only ${CASES.length} cases`);
});

let compiledCount = 0;
for (const [i, text] of CASES.entries()) {
  test(`adversarial #${i}: ${text.replace(/\s+/g, ' ').slice(0, 90)}`, async () => {
    const outcome = attempt(text);
    if (outcome.kind === 'rejected') {
      assert.ok(outcome.error.errno > 0 && outcome.error.message.length > 0);
      return;
    }
    compiledCount++;
    const code = codeOnly(outcome.sql);
    assert.match(outcome.sql, /^(SELECT|WITH) /, outcome.sql);
    assert.doesNotMatch(code, FORBIDDEN, outcome.sql);
    assert.doesNotMatch(code, /;|--|\/\*/, outcome.sql);
    const c = await duck();
    try {
      await c.runAndReadAll(outcome.sql);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      assert.doesNotMatch(
        message,
        /Permission|extension|IO Error|HTTP|Catalog Error: Table Function/i,
        `${outcome.sql}\n${message}`,
      );
    }
  });
}

test('some adversarial cases compile (the corpus exercises code generation too)', () => {
  assert.ok(compiledCount >= 50, `only ${compiledCount} compiled`);
});
