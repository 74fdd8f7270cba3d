import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection, type Connection } from 'mysql2/promise';
import { startMariaDb, type MariaDbServer } from '../../src/testing/index.js';
import { main } from '../../src/tools/inspect/cli.js';
import { parseMetrics } from '../../src/tools/inspect/metrics.js';
import { parseSize } from '../../src/tools/inspect/checks-data.js';

interface Item {
  id: string;
  status: string;
  detail: string;
}

const FE_METRICS = `# HELP starrocks_fe_max_tablet_compaction_score max score
# TYPE starrocks_fe_max_tablet_compaction_score gauge
starrocks_fe_max_tablet_compaction_score 150
node_info{type="be_node_num", state="total"} 3
node_info{type="be_node_num", state="alive"} 2
node_info{type="fe_node_num", state="total"} 1
node_info{type="fe_node_num", state="alive"} 1
jvm_heap_size_bytes{type="max"} 8589934592
jvm_heap_size_bytes{type="used"} 4294967296
starrocks_fe_query_latency_ms{quantile="0.99"} 12.5
starrocks_fe_query_err_rate 0.0
starrocks_fe_query_total 1000
starrocks_fe_query_err 2
`;

test('parseMetrics reads names, labels (with spaces and escapes) and values', () => {
  const s = parseMetrics('# c\na_b{x="1", y="q\\"z"} 2.5\nplain 7 1700000000\n');
  assert.deepEqual(s, [
    { name: 'a_b', labels: { x: '1', y: 'q"z' }, value: 2.5 },
    { name: 'plain', labels: {}, value: 7 },
  ]);
});

test('parseSize reads partitions_meta DATA_SIZE texts', () => {
  assert.equal(parseSize('0B'), 0);
  assert.equal(parseSize('1.5KB'), 1536);
  assert.equal(parseSize('2 GB'), 2 * 2 ** 30);
  assert.equal(parseSize(4096), 4096);
});

describe('inspect against MariaDB', () => {
  let db: MariaDbServer;
  let conn: Connection;
  let sleeper: Connection;
  let dir: string;
  let http: Server;
  before(async () => {
    db = await startMariaDb({ database: 'shop' });
    conn = await createConnection({ host: db.host, port: db.port, user: 'root', database: 'shop' });
    await conn.query(`CREATE TABLE events (id INT, d DATE) PARTITION BY RANGE (TO_DAYS(d)) (
      PARTITION p1 VALUES LESS THAN (TO_DAYS('2024-01-02')), PARTITION p2 VALUES LESS THAN (TO_DAYS('2024-01-03')),
      PARTITION p3 VALUES LESS THAN (TO_DAYS('2024-01-04')), PARTITION p4 VALUES LESS THAN (TO_DAYS('2024-01-05')),
      PARTITION p5 VALUES LESS THAN (TO_DAYS('2024-01-06')), PARTITION p6 VALUES LESS THAN (TO_DAYS('2024-01-07')),
      PARTITION p7 VALUES LESS THAN (TO_DAYS('2024-01-08')), PARTITION p8 VALUES LESS THAN MAXVALUE)`);
    await conn.query("INSERT INTO events VALUES (1, '2024-01-01'), (2, '2024-01-01')");
    await conn.query('ANALYZE TABLE events');
    sleeper = await createConnection({ host: db.host, port: db.port, user: 'root' });
    dir = mkdtempSync(join(tmpdir(), 'rockling-inspect-'));
    http = createServer((_req, res) => res.end(FE_METRICS));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  });
  after(async () => {
    await Promise.allSettled([conn?.end(), sleeper?.end()]);
    await db?.stop();
    await new Promise((resolve) => http?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  test('items that do not apply are N/A; applicable ones are checked (exit 0)', async () => {
    const running = sleeper.query('SELECT SLEEP(4)');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const json = join(dir, 'inspect.json');
    const code = await main(['--target', db.url, '--json', json, '--slow', '1s']);
    await running;
    const { items, dialect } = JSON.parse(readFileSync(json, 'utf8')) as { items: Item[]; dialect: string };
    const status = Object.fromEntries(items.map((i) => [i.id, i.status]));
    assert.equal(dialect, 'mysql');
    assert.equal(status['I0'], 'OK');
    for (const id of ['I1', 'I2', 'I3', 'I4', 'I6', 'I8', 'I9', 'I12', 'I13', 'I16', 'I17', 'M1', 'M2']) {
      assert.equal(status[id], 'N/A', `${id}: ${items.find((i) => i.id === id)?.detail}`);
    }
    assert.equal(status['C1'], 'OK');
    assert.equal(status['I14'], 'WARN', items.find((i) => i.id === 'I14')?.detail); // 7 of 8 partitions empty
    assert.equal(status['I15'], 'WARN');
    assert.match(items.find((i) => i.id === 'I15')?.detail ?? '', /SELECT SLEEP\(4\)/);
    assert.ok(!items.some((i) => i.status === 'FAIL'));
    assert.equal(code, 0);
    assert.equal(await main(['--target', db.url, '--strict']), 1);
  });

  test('metric items read a Prometheus endpoint: a dead BE fails, compaction warns', async () => {
    const port = (http.address() as AddressInfo).port;
    const json = join(dir, 'metrics.json');
    const code = await main([
      '--target',
      db.url,
      '--metrics',
      `http://127.0.0.1:${port}/metrics`,
      '--json',
      json,
    ]);
    const { items } = JSON.parse(readFileSync(json, 'utf8')) as { items: Item[] };
    const by = Object.fromEntries(items.map((i) => [i.id, i]));
    assert.equal(by['M2']?.status, 'FAIL');
    assert.match(by['M2']?.detail ?? '', /be_node_num 2\/3 alive/);
    assert.equal(by['I9']?.status, 'WARN');
    assert.equal(by['I17']?.status, 'OK');
    assert.equal(by['M1']?.status, 'OK');
    assert.equal(code, 1);
  });

  test('an unreachable target exits 3 with one line', async () => {
    assert.equal(await main(['--target', 'mysql://root@127.0.0.1:1/x']), 3);
  });
});
