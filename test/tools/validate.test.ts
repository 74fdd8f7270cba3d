import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection, type Connection } from 'mysql2/promise';
import { startMariaDb, type MariaDbServer } from '../../src/testing/index.js';
import { parseTarget } from '../../src/tools/common/index.js';
import { validate, type ValidateOptions, type ValidateResult } from '../../src/tools/validate/validate.js';
import { main } from '../../src/tools/validate/cli.js';
import { readEvents } from '../../src/tools/onboard/bookkeeping.js';
import { summarise } from '../../src/tools/onboard/apply/status.js';
import { createOrders, plantDifferences, type Planted } from './fixtures/orders.js';

const ROWS = 1_000_000;

describe('validate against MariaDB (1M rows, old system vs new system)', () => {
  let db: MariaDbServer;
  let conn: Connection;
  let dir: string;
  const opts = (extra: Partial<ValidateOptions> = {}): ValidateOptions => ({
    source: parseTarget(`${db.url}/src`),
    target: parseTarget(`${db.url}/tgt`),
    table: 'orders',
    key: 'id',
    ignoreColumns: [],
    fanout: 32,
    threshold: 16384,
    floatTolerance: 0,
    maxReport: 1000,
    aggregates: true,
    pair: {},
    onProgress: () => undefined,
    ...extra,
  });

  before(async () => {
    db = await startMariaDb({ bufferPool: '512M' });
    conn = await createConnection({ host: db.host, port: db.port, user: 'root' });
    dir = mkdtempSync(join(tmpdir(), 'rockling-validate-'));
    await createOrders(conn, ROWS);
  });
  after(async () => {
    await conn?.end();
    await db?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('equal tables with different but equivalent types are declared equal (exit 0)', async () => {
    const jsonPath = join(dir, 'equal.json');
    const code = await main([
      ...['--source', `${db.url}/src`, '--target', `${db.url}/tgt`, '--table', 'orders', '--key', 'id'],
      ...['--json', jsonPath, '--quiet'],
    ]);
    const result = JSON.parse(readFileSync(jsonPath, 'utf8')) as ValidateResult;
    assert.equal(result.source.count, String(ROWS));
    assert.deepEqual(result.rowDiffs, []);
    assert.deepEqual(result.aggregateDiffs, []);
    assert.equal(result.equal, true);
    assert.equal(code, 0);
    const kinds = Object.fromEntries(result.columns.map((c) => [c.name, c.norm]));
    assert.deepEqual(kinds['amount'], { kind: 'decimal', scale: 4 });
    assert.deepEqual(kinds['created'], { kind: 'datetime', fsp: 3 });
    assert.deepEqual(kinds['status'], { kind: 'string', rtrim: true });
  });

  test('every planted difference is found and reported by key, nothing else (exit 1)', async () => {
    const planted: Planted[] = await plantDifferences(conn, ROWS);
    const jsonPath = join(dir, 'result.json');
    const code = await main([
      ...['--source', `${db.url}/src`, '--target', `${db.url}/tgt`, '--table', 'orders', '--key', 'id'],
      ...['--json', jsonPath, '--quiet'],
    ]);
    assert.equal(code, 1);
    const result = JSON.parse(readFileSync(jsonPath, 'utf8')) as {
      rowDiffs: {
        kind: string;
        key: string;
        columns?: { column: string; source: string | null; target: string | null }[];
      }[];
      bisect: { leaves: number; rowsFetched: number };
    };
    const found = result.rowDiffs
      .map((d) => `${d.kind}:${d.key}:${(d.columns ?? []).map((c) => c.column).join(',')}`)
      .sort();
    const expected = planted.map((p) => `${p.kind}:${p.key}:${p.column ?? ''}`).sort();
    assert.deepEqual(found, expected);
    const nullVsEmpty = result.rowDiffs.find((d) => d.key === '30');
    assert.deepEqual(nullVsEmpty?.columns, [{ column: 'note', source: null, target: '' }]);
    const scale = result.rowDiffs.find((d) => d.key === '5000');
    assert.match(String(scale?.columns?.[0]?.target), /1$/); // differs only in the 4th decimal
    // Bisection fetched a few segments, never the table.
    assert.ok(result.bisect.rowsFetched < ROWS / 20, `fetched ${result.bisect.rowsFetched} rows`);
  });

  test('a watermark excludes rows still in flight', async () => {
    // Everything planted above id 2000 is after this watermark on `created` except 1000 and 30.
    const result = await validate(opts({ watermarkColumn: 'id', watermark: '1500' }));
    assert.deepEqual(result.rowDiffs.map((d) => d.key).sort(), ['1000', '30']);
  });
});

describe('validate: hashing details', () => {
  let db: MariaDbServer;
  let conn: Connection;
  before(async () => {
    db = await startMariaDb();
    conn = await createConnection({ host: db.host, port: db.port, user: 'root', multipleStatements: true });
    await conn.query(`CREATE DATABASE a; CREATE DATABASE b;
      CREATE TABLE a.t (k VARCHAR(20) PRIMARY KEY, x VARCHAR(10), y VARCHAR(10), f FLOAT);
      CREATE TABLE b.t LIKE a.t;
      INSERT INTO a.t SELECT CONCAT('key-', seq), CONCAT('x', seq % 97), CONCAT('y', seq % 89), seq / 3 FROM a.seq_1_to_50000;
      INSERT INTO b.t SELECT * FROM a.t;`);
  });
  after(async () => {
    await conn?.end();
    await db?.stop();
  });
  const base = (): ValidateOptions => ({
    source: parseTarget(`${db.url}/a`),
    target: parseTarget(`${db.url}/b`),
    table: 't',
    key: 'k',
    ignoreColumns: [],
    fanout: 32,
    threshold: 1000,
    floatTolerance: 0,
    maxReport: 100,
    aggregates: true,
    pair: {},
    onProgress: () => undefined,
  });

  test('string keys bisect by key hash; a swap XOR-of-CRC32 cannot see is found', async () => {
    // Swap equal-length values between two rows: the XOR-of-CRC32 checksum (pt-table-checksum,
    // sync-diff-inspector) is unchanged, the SUM of 60-bit row hashes is not.
    const crcXor = async (schema: string): Promise<string> => {
      const [r] = await conn.query(`SELECT BIT_XOR(CRC32(CONCAT_WS('#', k, x, y))) AS c FROM ${schema}.t`);
      return String((r as { c: unknown }[])[0]?.c);
    };
    await conn.query(`UPDATE b.t SET x = 'x11' WHERE k = 'key-10'`); // was x10
    await conn.query(`UPDATE b.t SET x = 'x10' WHERE k = 'key-11'`); // was x11
    // CRC32 is affine over GF(2): for equal-length rows the XOR of the two rows' CRCs is unchanged.
    assert.equal(await crcXor('b'), await crcXor('a'));
    const result = await validate(base());
    assert.deepEqual(result.rowDiffs.map((d) => d.key).sort(), ['key-10', 'key-11']);
    assert.equal(result.equal, false);
    assert.ok(result.bisect !== undefined && result.bisect.maxDepth >= 1);
  });

  test('floats compare to significant digits; a change beyond them is found', async () => {
    await conn.query(`UPDATE b.t SET x = 'x10' WHERE k = 'key-10'`);
    await conn.query(`UPDATE b.t SET x = 'x11' WHERE k = 'key-11'`);
    assert.equal((await validate(base())).equal, true);
    await conn.query(`UPDATE b.t SET f = f * 1.0001 WHERE k = 'key-500'`);
    const r = await validate(base());
    assert.deepEqual(
      r.rowDiffs.map((d) => d.key),
      ['key-500'],
    );
    await conn.query(`UPDATE b.t SET f = f / 1.0001 WHERE k = 'key-500'`);
  });

  test('a schema difference makes tables different; --ignore-columns leaves it out', async () => {
    await conn.query('ALTER TABLE b.t ADD COLUMN extra INT DEFAULT 1');
    const r = await validate(base());
    assert.deepEqual(r.schema.onlyTarget, ['extra']);
    assert.equal(r.equal, false);
    assert.equal((await validate({ ...base(), ignoreColumns: ['extra'] })).equal, true);
  });

  test('--record stores the outcome in the onboarding bookkeeping table on the target', async () => {
    const args = [
      '--source',
      `${db.url}/a`,
      '--target',
      `${db.url}/b`,
      '--table',
      't',
      '--key',
      'k',
      '--quiet',
    ];
    assert.equal(await main([...args, '--ignore-columns', 'extra', '--record', 'shop']), 0);
    const [rows] = await conn.query('SELECT business, stage, item, status FROM rockling_onboarding.events');
    assert.deepEqual(rows, [{ business: 'shop', stage: 4, item: 'validate:b.t', status: 'ok' }]);
    // `rockling onboard status` (stage 1–2 toolkit) ticks the go-live validation item from it.
    const [status] = summarise(await readEvents(conn, 'shop'));
    const item = status?.stages[3]?.items.find((i) => i.id === 'validate');
    assert.equal(item?.state, 'done');
  });

  test('--query compares query results (here: a GROUP BY result keyed by group) on both sides', async () => {
    const q = (where: string): string =>
      `SELECT x AS grp, COUNT(*) AS n, SUM(f) AS total FROM t ${where} GROUP BY x`;
    const opts = { ...base(), key: 'grp', query: q('') } as ValidateOptions;
    delete (opts as { table?: string }).table;
    assert.equal((await validate(opts)).equal, true);
    const differing = await validate({ ...opts, targetQuery: q("WHERE k <> 'key-97'") });
    assert.deepEqual(
      differing.rowDiffs.map((d) =>
        d.kind === 'changed' ? `${d.key}:${d.columns.map((c) => c.column).join(',')}` : d.key,
      ),
      ['x0:n,total'],
    );
  });
});
