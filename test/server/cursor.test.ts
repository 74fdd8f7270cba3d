/**
 * Read-only cursors: COM_STMT_EXECUTE with CURSOR_TYPE_READ_ONLY answers with column
 * definitions only, COM_STMT_FETCH hands out the rows N at a time (binary protocol) with
 * CURSOR_EXISTS until LAST_ROW_SENT; re-execute, close and reset drop the cursor. Raw packets
 * against the real database (in-process server, in-memory DuckDB).
 */
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { after, before, test } from 'node:test';
import { createLogger, startServer, type RunningServer } from '../../src/server/index.js';
import { openDatabase, type Database } from '../../src/session/index.js';
import { frame, rawConnect } from './support/raw-client.js';

let db: Database;
let server: RunningServer;
before(async () => {
  db = await openDatabase({ dataDir: ':memory:' });
  server = await startServer({ host: '127.0.0.1', queryPort: 0, factory: db, logger: createLogger('error') });
});
after(async () => {
  await server.close(2000);
  await db.close();
});

interface Pkt {
  seq: number;
  payload: Buffer;
}

function reader(socket: Socket): () => Promise<Pkt> {
  let buf = Buffer.alloc(0);
  const queue: Pkt[] = [];
  let wake: (() => void) | null = null;
  socket.on('data', (d: Buffer) => {
    buf = Buffer.concat([buf, d]);
    while (buf.length >= 4 && buf.length >= 4 + buf.readUIntLE(0, 3)) {
      const len = buf.readUIntLE(0, 3);
      queue.push({ seq: buf[3] as number, payload: buf.subarray(4, 4 + len) });
      buf = buf.subarray(4 + len);
    }
    wake?.();
  });
  return async () => {
    const deadline = Date.now() + 10_000;
    while (queue.length === 0) {
      if (Date.now() > deadline) throw new Error('no packet');
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, 20);
      });
    }
    return queue.shift() as Pkt;
  };
}

const cmd = (code: number, body: Buffer | string = Buffer.alloc(0)): Buffer =>
  frame(Buffer.concat([Buffer.from([code]), typeof body === 'string' ? Buffer.from(body) : body]));

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

const execute = (id: number, flags: number): Buffer =>
  cmd(0x17, Buffer.concat([u32(id), Buffer.from([flags]), u32(1)]));
const fetch = (id: number, rows: number): Buffer => cmd(0x1c, Buffer.concat([u32(id), u32(rows)]));
const isEof = (p: Pkt): boolean => p.payload[0] === 0xfe && p.payload.length < 9;
const eofStatus = (p: Pkt): number => p.payload.readUInt16LE(3);

async function prepare(s: Socket, next: () => Promise<Pkt>, sql: string): Promise<number> {
  s.write(cmd(0x16, sql));
  const ok = await next();
  assert.equal(ok.payload[0], 0x00, ok.payload.subarray(9).toString());
  const id = ok.payload.readUInt32LE(1);
  const columns = ok.payload.readUInt16LE(5);
  const params = ok.payload.readUInt16LE(7);
  for (let i = 0; i < params + (params > 0 ? 1 : 0) + columns + (columns > 0 ? 1 : 0); i++) await next();
  return id;
}

/** Column count, definitions and EOF after an EXECUTE; returns the EOF status. */
async function header(next: () => Promise<Pkt>): Promise<number> {
  const count = await next();
  assert.notEqual(count.payload[0], 0xff, count.payload.subarray(9).toString());
  for (let i = 0; i < (count.payload[0] as number); i++) await next();
  const eof = await next();
  assert.ok(isEof(eof));
  return eofStatus(eof);
}

/** Rows of one FETCH (first BIGINT column) and the closing EOF status. */
async function fetched(next: () => Promise<Pkt>): Promise<{ values: bigint[]; status: number }> {
  const values: bigint[] = [];
  for (;;) {
    const p = await next();
    assert.notEqual(p.payload[0], 0xff, p.payload.subarray(9).toString());
    if (isEof(p)) return { values, status: eofStatus(p) };
    assert.equal(p.payload[0], 0x00);
    if (p.payload.length !== 10) throw new Error(`row ${p.payload.toString('hex')}`);
    values.push(p.payload.readBigInt64LE(2)); // header byte, 1-byte NULL bitmap (1 column)
  }
}

test('EXECUTE with a cursor sends no rows; FETCH pages through them and ends with LAST_ROW_SENT', async () => {
  const s = await rawConnect(server.queryPort);
  const next = reader(s);
  const id = await prepare(
    s,
    next,
    'SELECT CAST(x AS BIGINT) FROM TABLE(generate_series(1, 5000)) AS t(x) ORDER BY x',
  );
  s.write(execute(id, 1));
  const status = await header(next);
  assert.ok(status & 0x40, 'CURSOR_EXISTS after EXECUTE');
  // nothing else was sent: a COM_PING answers right away
  s.write(cmd(0x0e));
  assert.equal((await next()).payload[0], 0x00);
  const all: bigint[] = [];
  for (let i = 0; i < 3; i++) {
    s.write(fetch(id, 1500));
    const page = await fetched(next);
    assert.equal(page.values.length, 1500);
    assert.ok(page.status & 0x40);
    all.push(...page.values);
  }
  s.write(fetch(id, 1500));
  const last = await fetched(next);
  assert.equal(last.values.length, 500);
  assert.ok(last.status & 0x80, 'LAST_ROW_SENT');
  assert.equal(last.status & 0x40, 0);
  all.push(...last.values);
  assert.deepEqual(
    all,
    Array.from({ length: 5000 }, (_, i) => BigInt(i + 1)),
  );
  s.write(fetch(id, 10)); // the cursor is closed now
  const err = await next();
  assert.equal(err.payload[0], 0xff);
  assert.equal(err.payload.readUInt16LE(1), 1210);
  s.destroy();
});

test('re-execute, COM_STMT_RESET and COM_STMT_CLOSE drop an open cursor; the connection goes on', async () => {
  const s = await rawConnect(server.queryPort);
  const next = reader(s);
  const id = await prepare(
    s,
    next,
    'SELECT CAST(x AS BIGINT) FROM TABLE(generate_series(1, 3000)) AS t(x) ORDER BY x',
  );
  s.write(execute(id, 1));
  await header(next);
  s.write(fetch(id, 2));
  assert.deepEqual((await fetched(next)).values, [1n, 2n]);
  s.write(execute(id, 1)); // starts over
  await header(next);
  s.write(fetch(id, 2));
  assert.deepEqual((await fetched(next)).values, [1n, 2n]);
  s.write(cmd(0x1a, u32(id))); // COM_STMT_RESET
  assert.equal((await next()).payload[0], 0x00);
  s.write(fetch(id, 2));
  assert.equal((await next()).payload[0], 0xff);
  s.write(execute(id, 0)); // without a cursor: all rows, then EOF
  await header(next);
  assert.equal((await fetched(next)).values.length, 3000);
  s.write(execute(id, 1));
  await header(next);
  s.write(cmd(0x19, u32(id))); // COM_STMT_CLOSE: no reply
  s.write(cmd(0x03, 'SELECT 41 + 1'));
  const count = await next();
  assert.equal(count.payload[0], 1);
  s.destroy();
});

test('a cursor over a statement without rows answers OK', async () => {
  const s = await rawConnect(server.queryPort);
  const next = reader(s);
  const id = await prepare(s, next, 'SET @cursor_test = 1');
  s.write(execute(id, 1));
  assert.equal((await next()).payload[0], 0x00);
  s.destroy();
});
