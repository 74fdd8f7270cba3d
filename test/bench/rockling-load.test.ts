/**
 * The benchmark's Rockling loaders against stand-ins: Stream Load's HTTP client against a small
 * local HTTP server that answers like StarRocks, and the INSERT fallback against a recording
 * connection. (The real server is exercised by the SSB smoke run once it starts.)
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Connection } from 'mysql2/promise';
import { insertLoad, streamLoad, StreamLoadUnavailable } from '../../bench/common/index.js';

const dir = mkdtempSync(join(tmpdir(), 'rockling-load-test-'));
const file = join(dir, 'supplier.tbl');
const ROWS =
  "1|Supplier#000000001|it's|JORDAN   9|JORDAN|MIDDLE EAST|23-747-753-5602\n2|Supplier#000000002|x\\y|KENYA    2|KENYA|AFRICA|24-916-795-1177\n";

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}
const seen: Seen[] = [];
let server: Server;
let port = 0;

before(async () => {
  writeFileSync(file, ROWS);
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      if (req.url === '/api/ssb/supplier/_stream_load') {
        res.writeHead(307, { location: `http://127.0.0.1:${port}/be/supplier` }).end();
      } else if (req.url === '/be/supplier') {
        res.end(JSON.stringify({ Status: 'Success', Message: 'OK', NumberLoadedRows: 2 }));
      } else if (req.url === '/api/ssb/part/_stream_load') {
        res.end(JSON.stringify({ Status: 'Fail', Message: 'too many filtered rows' }));
      } else {
        res.writeHead(404).end('not found');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});

after(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

describe('stream load client', () => {
  test('PUTs the file with StarRocks headers and follows the redirect', async () => {
    seen.length = 0;
    const rows = await streamLoad({ port, database: 'ssb', table: 'supplier', file, separator: '|' });
    assert.equal(rows, 2);
    assert.deepEqual(
      seen.map((s) => s.url),
      ['/api/ssb/supplier/_stream_load', '/be/supplier'],
    );
    const last = seen[1];
    assert.ok(last !== undefined);
    assert.equal(last.method, 'PUT');
    assert.equal(last.body, ROWS);
    assert.equal(last.headers['column_separator'], '|');
    assert.equal(last.headers['expect'], '100-continue');
    assert.equal(last.headers['authorization'], `Basic ${Buffer.from('root:').toString('base64')}`);
    assert.match(String(last.headers['label']), /^ssb_supplier_\d+$/);
  });

  test('reports a failed load and an absent endpoint differently', async () => {
    await assert.rejects(
      streamLoad({ port, database: 'ssb', table: 'part', file, separator: '|' }),
      (e: Error) => {
        assert.ok(!(e instanceof StreamLoadUnavailable));
        assert.match(e.message, /Fail too many filtered rows/);
        return true;
      },
    );
    await assert.rejects(
      streamLoad({ port, database: 'ssb', table: 'customer', file, separator: '|' }),
      StreamLoadUnavailable,
    );
  });
});

describe('INSERT fallback', () => {
  test('sends typed, escaped VALUES in batches', async () => {
    const sql: string[] = [];
    const conn = {
      query: async (text: string) => {
        sql.push(text);
        return [[], []];
      },
    } as unknown as Pick<Connection, 'query'>;
    let counted = 0;
    const rows = await insertLoad({
      conn,
      table: 'supplier',
      types: [
        'int',
        'varchar(26)',
        'varchar(26)',
        'varchar(11)',
        'varchar(16)',
        'varchar(13)',
        'varchar(16)',
      ],
      file,
      separator: '|',
      batchRows: 1,
      onRows: (n) => (counted += n),
    });
    assert.equal(rows, 2);
    assert.equal(counted, 2);
    assert.deepEqual(sql, [
      "INSERT INTO supplier VALUES (1,'Supplier#000000001','it''s','JORDAN   9','JORDAN','MIDDLE EAST','23-747-753-5602')",
      "INSERT INTO supplier VALUES (2,'Supplier#000000002','x\\\\y','KENYA    2','KENYA','AFRICA','24-916-795-1177')",
    ]);
  });
});
