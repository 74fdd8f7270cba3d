/**
 * Keeps the SSB harness working: the generator is deterministic and follows the SSB rules, the
 * flat table is exactly lineorder joined with its dimensions, DuckDB's answers match answers
 * computed independently from the files, and a whole SF 0.01 run passes and writes its reports.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { cardinalities } from '../../bench/ssb/dimensions.js';
import { generateSsb, type SsbData } from '../../bench/ssb/generate.js';
import { describeMachine, canonicalNumber, canonicalize, compareResults } from '../../bench/common/index.js';
import { DuckDbSide } from '../../bench/ssb/duckdb-side.js';
import { buildReport } from '../../bench/ssb/report.js';
import { runSide } from '../../bench/ssb/runner.js';
import { runSsb } from '../../bench/ssb/ssb.js';
import type { RawResult } from '../../bench/ssb/system.js';
import { writeReport } from '../../bench/ssb/report-format.js';
import { ALL_TABLES, COLUMNS, duckDbDdl, duckDbType, varcharLength } from '../../bench/ssb/schema.js';
import { flatInsertSql } from '../../bench/ssb/flat-insert.js';
import { FLAT_QUERIES, MULTI_QUERIES } from '../../bench/ssb/queries.js';

const SF = 0.01;
const work = mkdtempSync(join(tmpdir(), 'rockling-ssb-test-'));
let data: SsbData;
let conn: DuckDBConnection;
let instance: DuckDBInstance;

/** read_csv's `columns` struct for lineorder_flat. */
function duckColumns(): string {
  return `{${COLUMNS.lineorder_flat.map((c) => `'${c.name.toLowerCase()}': '${duckDbType(c.type)}'`).join(', ')}}`;
}

function md5(path: string): string {
  return createHash('md5').update(readFileSync(path)).digest('hex');
}

async function scalar(sql: string): Promise<string> {
  const r = await conn.runAndReadAll(sql);
  return String(r.getRowsJson()[0]?.[0]);
}

before(async () => {
  data = await generateSsb({ sf: SF, seed: 7, dir: join(work, 'a'), quiet: true });
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
  for (const t of ALL_TABLES) {
    await conn.run(duckDbDdl(t));
    await conn.run(`COPY ${t} FROM '${data.files[t].path}' (DELIMITER '|', HEADER false, QUOTE '')`);
  }
});

after(() => {
  conn?.closeSync();
  instance?.closeSync();
  rmSync(work, { recursive: true, force: true });
});

describe('SSB generator', () => {
  test('is deterministic from the seed and changes with it', async () => {
    const again = await generateSsb({ sf: SF, seed: 7, dir: join(work, 'b'), quiet: true });
    const other = await generateSsb({ sf: SF, seed: 8, dir: join(work, 'c'), quiet: true });
    for (const t of ALL_TABLES) assert.equal(md5(again.files[t].path), md5(data.files[t].path), t);
    assert.notEqual(md5(other.files.lineorder.path), md5(data.files.lineorder.path));
    assert.notEqual(md5(other.files.customer.path), md5(data.files.customer.path));
  });

  test('writes the SSB cardinalities', async () => {
    const card = cardinalities(SF);
    assert.deepEqual(card, { customer: 300, supplier: 20, part: 2000, dates: 2556, orders: 15000 });
    assert.equal(cardinalities(1).part, 200_000);
    assert.equal(cardinalities(10).part, 800_000);
    for (const t of ['customer', 'supplier', 'part', 'dates'] as const) {
      assert.equal(await scalar(`select count(*) from ${t}`), String(card[t]), t);
    }
    assert.equal(await scalar('select count(distinct lo_orderkey) from lineorder'), '15000');
    const lines = Number(await scalar('select count(*) from lineorder'));
    assert.ok(lines > 15000 * 3.5 && lines < 15000 * 4.5, `about 4 lines per order, got ${lines}`);
    assert.equal(data.files.lineorder_flat.rows, lines);
  });

  test('follows the SSB value rules', async () => {
    const violations = await scalar(`select count(*) from lineorder where
      lo_quantity not between 1 and 50 or lo_discount not between 0 and 10 or lo_tax not between 0 and 8
      or lo_linenumber not between 1 and 7 or lo_custkey % 3 = 0 or lo_shippriority <> 0
      or lo_orderdate < 19920101 or lo_orderdate > 19980802
      or lo_revenue <> (lo_extendedprice * (100 - lo_discount)) // 100
      or lo_extendedprice <> lo_quantity * (90000 + (lo_partkey // 10) % 20001 + 100 * (lo_partkey % 1000))
      or lo_supplycost <> (6 * (90000 + (lo_partkey // 10) % 20001 + 100 * (lo_partkey % 1000))) // 10
      or lo_orderkey % 32 >= 8`);
    assert.equal(violations, '0');
    const commit = await scalar(`select count(*) from lineorder_flat
      where lo_commitdate - lo_orderdate not between 30 and 90`);
    assert.equal(commit, '0');
    const totals = await scalar(`select count(*) from (select lo_orderkey, any_value(lo_ordtotalprice) t,
      sum((lo_revenue * (100 + lo_tax)) // 100) s from lineorder group by lo_orderkey) where t <> s`);
    assert.equal(totals, '0');
    assert.equal(await scalar("select count(*) from part where p_brand not like p_category || '%'"), '0');
    assert.equal(
      await scalar("select count(distinct p_category) from part where p_category like 'MFGR#__'"),
      '25',
    );
    assert.equal(await scalar('select d_weeknuminyear from dates where d_datekey = 19940204'), '6');
    assert.equal(await scalar('select d_dayofweek from dates where d_datekey = 19920101'), 'Wednesday');
    assert.equal(
      await scalar("select count(*) from customer where c_city like 'UNITED KI_'"),
      await scalar("select count(*) from customer where c_nation = 'UNITED KINGDOM'"),
    );
  });

  test('keeps every string within the DDL column length', async () => {
    for (const t of ALL_TABLES) {
      for (const c of COLUMNS[t]) {
        const max = varcharLength(c.type);
        if (max === undefined) continue;
        const longest = Number(await scalar(`select max(length(${c.name})) from ${t}`));
        assert.ok(longest <= max, `${t}.${c.name}: ${longest} > ${max}`);
      }
    }
  });

  test('makes lineorder_flat exactly lineorder joined with its dimensions', async () => {
    const joined = `select strptime(lo_orderdate::varchar, '%Y%m%d')::date, lo_orderkey, lo_linenumber, lo_custkey,
      lo_partkey, lo_suppkey, lo_orderpriority, lo_shippriority, lo_quantity, lo_extendedprice, lo_ordtotalprice,
      lo_discount, lo_revenue, lo_supplycost, lo_tax, strptime(lo_commitdate::varchar, '%Y%m%d')::date, lo_shipmode,
      c_name, c_address, c_city, c_nation, c_region, c_phone, c_mktsegment,
      s_name, s_address, s_city, s_nation, s_region, s_phone,
      p_name, p_mfgr, p_category, p_brand, p_color, p_type, p_size, p_container
      from lineorder join customer on lo_custkey = c_custkey join supplier on lo_suppkey = s_suppkey
      join part on lo_partkey = p_partkey`;
    assert.equal(
      await scalar(`select count(*) from ((${joined}) except all (select * from lineorder_flat))`),
      '0',
    );
    assert.equal(
      await scalar(`select count(*) from ((select * from lineorder_flat) except all (${joined}))`),
      '0',
    );
  });

  test("--flat insert writes no flat file and INSERT … SELECT builds the generated file's rows", async () => {
    const star = await generateSsb({ sf: SF, seed: 7, dir: join(work, 'd'), quiet: true, flat: 'insert' });
    assert.equal(star.flat, 'insert');
    assert.equal(existsSync(join(work, 'd', 'lineorder_flat.tbl')), false);
    assert.equal(md5(star.files.lineorder.path), md5(data.files.lineorder.path));
    assert.equal(star.files.lineorder_flat.rows, data.files.lineorder_flat.rows);
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    try {
      for (const t of ALL_TABLES) {
        await c.run(duckDbDdl(t));
        if (t !== 'lineorder_flat')
          await c.run(`COPY ${t} FROM '${star.files[t].path}' (DELIMITER '|', HEADER false, QUOTE '')`);
      }
      const inserted = await c.run(flatInsertSql('duckdb'));
      assert.equal(Number(inserted.rowsChanged), data.files.lineorder_flat.rows);
      await c.run(
        `CREATE TABLE from_file AS SELECT * FROM read_csv('${data.files.lineorder_flat.path}', delim='|', header=false, quote='', columns=${duckColumns()})`,
      );
      const diff = await c.runAndReadAll(
        'select count(*) from ((select * from lineorder_flat) except all (select * from from_file))',
      );
      assert.equal(String(diff.getRowsJson()[0]?.[0]), '0');
    } finally {
      c.closeSync();
      db.closeSync();
    }
  });

  test('DuckDB answers Q1.1 like a sum computed from the file in JS', async () => {
    let expected = 0n;
    for (const line of readFileSync(data.files.lineorder_flat.path, 'latin1').split('\n')) {
      const f = line.split('|');
      const [date, , , , , , , , qty, ext, , disc] = f;
      if (date === undefined || date < '1993-01-01' || date > '1993-12-31') continue;
      if (Number(disc) >= 1 && Number(disc) <= 3 && Number(qty) < 25)
        expected += BigInt(ext ?? 0) * BigInt(disc ?? 0);
    }
    const q = FLAT_QUERIES.find((x) => x.id === 'Q1.1');
    assert.ok(q !== undefined);
    assert.equal(await scalar(q.sql), expected.toString());
  });
});

describe('result comparison', () => {
  test('canonicalises numbers and detects differences', () => {
    assert.equal(canonicalNumber('1.50'), '1.5');
    assert.equal(canonicalNumber('-0.0'), '0');
    assert.equal(canonicalNumber('007'), '7');
    assert.equal(canonicalNumber('1e3'), '1000');
    const a = canonicalize([['1994', 'MFGR#121', '10.0']], 3);
    assert.equal(compareResults(a, canonicalize([[1994n, 'MFGR#121', 10]], 3)).equal, true);
    assert.equal(compareResults(a, canonicalize([[1994, 'MFGR#121', 11]], 3)).equal, false);
    assert.equal(compareResults(a, canonicalize([[1994, 'MFGR#121']], 2)).equal, false);
    assert.equal(compareResults(a, canonicalize([], 3)).equal, false);
    assert.match(compareResults(a, canonicalize([[1994, 'MFGR#121', 11]], 3)).reason ?? '', /not in/);
  });
});

/** DuckDB, but Q2.1's answers are off by one: a system that returns a wrong answer. */
class WrongSide extends DuckDbSide {
  override readonly name = 'rockling';
  override async query(sql: string): Promise<RawResult> {
    const r = await super.query(sql);
    if (!sql.includes("p_category = 'MFGR#12'")) return r;
    return {
      columns: r.columns,
      rows: r.rows.map((row) => [String(BigInt(String(row[0])) + 1n), ...row.slice(1)]),
    };
  }
}

describe('SSB run at SF 0.01', () => {
  test('fails the run when a system returns a wrong answer', async () => {
    const queries = [...MULTI_QUERIES, ...FLAT_QUERIES].filter((q) => q.id === 'Q2.1' || q.id === 'Q1.1');
    const opts = { hotRuns: 1, coldEachQuery: false, quiet: true };
    const tables = [...ALL_TABLES];
    const right = new DuckDbSide(work);
    const wrong = new WrongSide(work);
    try {
      const duckdb = await runSide(right, data, tables, queries, opts);
      const rockling = await runSide(wrong, data, tables, queries, opts);
      const report = buildReport({
        data,
        reused: true,
        hotRuns: 1,
        coldEachQuery: false,
        machine: describeMachine(),
        duckdbThreads: '?',
        queries,
        duckdb,
        rockling,
        rocklingBuild: 'test',
      });
      assert.equal(report.passed, false);
      assert.deepEqual(
        report.failures.map((f) => f.slice(0, f.indexOf(':'))),
        ['multi Q2.1', 'flat Q2.1'],
      );
      assert.ok(
        report.queries
          .filter((q) => q.id === 'Q1.1')
          .every((q) => q.equal === true && q.ratioHot !== undefined),
      );
      assert.equal(report.geomeans.find((g) => g.schema === 'all')?.queries, 4);
    } finally {
      await right.close();
      await wrong.close();
    }
  });

  test('runs every query on both schemas, checks answers and writes reports', async () => {
    const report = await runSsb({
      sf: SF,
      seed: 7,
      hotRuns: 1,
      schemas: ['multi', 'flat'],
      dataDir: join(work, 'a'),
      rockling: true,
      // Stream Load only: the INSERT fallback (tested against MariaDB) would not fit the time budget.
      loadMethod: 'stream',
      build: 'source',
      coldEachQuery: false,
      repoRoot: resolve(import.meta.dirname, '..', '..'),
      quiet: true,
    });
    // Every answer of Rockling (over the wire, loaded by Stream Load) must equal DuckDB's.
    assert.deepEqual(report.failures, []);
    assert.equal(report.passed, true);
    assert.equal(report.data.reused, true);
    assert.equal(report.queries.length, MULTI_QUERIES.length + FLAT_QUERIES.length);
    for (const q of report.queries) {
      assert.equal(q.duckdb.error, undefined, `${q.schema} ${q.id}`);
      assert.ok((q.duckdb.hotMs ?? -1) >= 0 && (q.duckdb.coldMs ?? -1) >= 0);
      assert.equal(q.equal, true, `${q.schema} ${q.id}`);
      assert.ok((q.ratioHot ?? -1) > 0, `${q.schema} ${q.id} has a ratio`);
    }
    assert.equal(report.crossSchema.length, 9);
    assert.ok(report.crossSchema.every((c) => c.equal));
    const rock = report.systems.rockling;
    assert.ok(rock.available, 'rockling serve started');
    assert.deepEqual(
      rock.loads.map((l) => [l.table, l.method]),
      ALL_TABLES.map((t) => [t, 'stream load']),
    );
    // Start-up is timed on the compiled build only; from sources the report says so.
    assert.match(rock.footprint?.error ?? '', /dist build only/);
    assert.ok((rock.footprint?.dataDirBytes ?? 0) > 0);
    const paths = writeReport(report, join(work, 'results'));
    const json = JSON.parse(readFileSync(paths.json, 'utf8')) as { sf: number; machine: { cores: number } };
    assert.equal(json.sf, SF);
    assert.ok(json.machine.cores > 0);
    assert.match(readFileSync(paths.svg, 'utf8'), /^<svg [^>]*>/);
    assert.match(readFileSync(paths.md, 'utf8'), /Geometric means/);
    assert.ok(existsSync(paths.md));
  });
});
