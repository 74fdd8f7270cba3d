/**
 * `rockling validate` across two different systems: MariaDB as the old system, a real
 * `rockling serve` as the new one, with the same rows loaded into each through its own SQL
 * dialect. The row hashes are computed server-side on each system, so equal logical rows must
 * hash equally on both — and a planted difference must be found by key.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection, type Connection } from 'mysql2/promise';
import {
  startMariaDb,
  startRockling,
  type MariaDbServer,
  type RocklingServer,
} from '../../src/testing/index.js';
import { main } from '../../src/tools/validate/cli.js';

const ROWS = 2_000;

function rowsSql(from: number, to: number): string {
  const rows: string[] = [];
  for (let i = from; i < to; i++) {
    const note = i % 7 === 0 ? 'NULL' : i % 11 === 0 ? "''" : `'note ${i} é'`;
    rows.push(
      `(${i}, ${(i * 37) % 1000}.${String(i % 100).padStart(2, '0')}, '2024-0${1 + (i % 9)}-1${i % 10} 12:0${i % 10}:00', ${note})`,
    );
  }
  return rows.join(',');
}

describe('validate: MariaDB (old) against rockling serve (new)', () => {
  let maria: MariaDbServer;
  let rock: RocklingServer;
  let m: Connection;
  let r: Connection;
  let dir: string;

  before(async () => {
    [maria, rock] = await Promise.all([startMariaDb(), startRockling()]);
    m = await createConnection({ host: maria.host, port: maria.port, user: 'root' });
    r = await createConnection({ host: rock.host, port: rock.port, user: 'root' });
    dir = mkdtempSync(join(tmpdir(), 'rockling-validate-x-'));
    await m.query('CREATE DATABASE shop');
    await m.query(
      'CREATE TABLE shop.orders (id INT PRIMARY KEY, amount DECIMAL(10,2), created DATETIME, note VARCHAR(64))',
    );
    await r.query('CREATE DATABASE shop');
    await r.query(
      'CREATE TABLE shop.orders (id INT NOT NULL, amount DECIMAL(10,2), created DATETIME, note VARCHAR(64)) ' +
        'DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 4 PROPERTIES ("replication_num" = "1")',
    );
    for (let i = 0; i < ROWS; i += 500) {
      const values = rowsSql(i, Math.min(ROWS, i + 500));
      await m.query(`INSERT INTO shop.orders VALUES ${values}`);
      await r.query(`INSERT INTO shop.orders VALUES ${values}`);
    }
  });
  after(async () => {
    await m?.end();
    await r?.end();
    await Promise.all([maria?.stop(), rock?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (
    name: string,
  ): Promise<{ code: number; result: { equal: boolean; rowDiffs: { kind: string; key: string }[] } }> => {
    const json = join(dir, `${name}.json`);
    const code = await main([
      ...[
        '--source',
        `${maria.url}/shop`,
        '--target',
        `${rock.url}/shop`,
        '--table',
        'orders',
        '--key',
        'id',
      ],
      ...['--json', json, '--quiet'],
    ]);
    return {
      code,
      result: JSON.parse(readFileSync(json, 'utf8')) as {
        equal: boolean;
        rowDiffs: { kind: string; key: string }[];
      },
    };
  };

  test('the same rows in both systems are declared equal', async () => {
    const { code, result } = await run('equal');
    assert.equal(result.equal, true, JSON.stringify(result.rowDiffs.slice(0, 5)));
    assert.equal(code, 0);
  });

  test('a changed value and a missing row in the new system are found by key', async () => {
    await m.query("UPDATE shop.orders SET note = 'changed' WHERE id = 1234");
    await m.query('INSERT INTO shop.orders VALUES (99999, 1.00, NULL, NULL)');
    const { code, result } = await run('diff');
    assert.equal(code, 1);
    const found = result.rowDiffs.map((d) => `${d.kind}:${d.key}`).sort();
    assert.deepEqual(found, ['changed:1234', 'missing:99999'].sort(), JSON.stringify(result.rowDiffs));
  });
});
