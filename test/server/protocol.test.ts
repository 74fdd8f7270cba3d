import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { nativePasswordToken } from '../../src/wire/index.js';
import { startFakeServer, type FakeServer } from './support/harness.js';
import { frame, rawConnect } from './support/raw-client.js';

let srv: FakeServer;
before(async () => {
  srv = await startFakeServer({ handshakeTimeoutMs: 500, maxAllowedPacket: 1024 * 1024 });
});
after(async () => {
  await srv.close();
});

interface Pkt {
  seq: number;
  payload: Buffer;
}

/** Collects packets from a socket; `next()` waits for the following one. */
function packets(socket: Socket): { next(timeoutMs?: number): Promise<Pkt>; closed: Promise<void> } {
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
  const closed = new Promise<void>((r) => socket.once('close', () => r()));
  return {
    closed,
    async next(timeoutMs = 2000) {
      const deadline = Date.now() + timeoutMs;
      while (queue.length === 0) {
        if (Date.now() > deadline) throw new Error('no packet');
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, 20);
        });
      }
      return queue.shift() as Pkt;
    },
  };
}

const cmd = (code: number, body: Buffer | string = Buffer.alloc(0)): Buffer =>
  frame(Buffer.concat([Buffer.from([code]), typeof body === 'string' ? Buffer.from(body) : body]));

function errOf(p: Pkt): { errno: number; state: string; message: string } {
  assert.equal(p.payload[0], 0xff, `expected ERR, got ${p.payload.toString('hex')}`);
  return {
    errno: p.payload.readUInt16LE(1),
    state: p.payload.subarray(4, 9).toString(),
    message: p.payload.subarray(9).toString(),
  };
}

test('replies carry sequence id 1 and every command gets its reply', async () => {
  const s = await rawConnect(srv.port);
  const p = packets(s);
  s.write(cmd(0x0e)); // COM_PING
  const ping = await p.next();
  assert.deepEqual([ping.seq, ping.payload[0]], [1, 0x00]);
  s.write(cmd(0x1b, Buffer.from([0, 0]))); // COM_SET_OPTION → EOF
  const opt = await p.next();
  assert.deepEqual([opt.seq, opt.payload[0], opt.payload.length], [1, 0xfe, 5]);
  for (const code of [0x08, 0x0a, 0x12, 0x1d, 0x20, 0xfe]) {
    s.write(cmd(code));
    const e = errOf(await p.next());
    assert.deepEqual([e.errno, e.state], [1047, '08S01'], `command 0x${code.toString(16)}`);
  }
  s.write(cmd(0x1c, Buffer.from('0100000001000000', 'hex'))); // COM_STMT_FETCH: unknown statement
  assert.equal(errOf(await p.next()).errno, 1243);
  s.write(cmd(0x09)); // COM_STATISTICS: bare text
  assert.match((await p.next()).payload.toString(), /^Uptime: /);
  s.write(cmd(0x19, Buffer.from('07000000', 'hex'))); // COM_STMT_CLOSE: no reply at all
  s.write(cmd(0x0e));
  const after = await p.next();
  assert.deepEqual([after.seq, after.payload[0]], [1, 0x00], 'the ping right after STMT_CLOSE answers first');
  s.destroy();
});

test('malformed commands get ERR 1835 and the connection keeps working', async () => {
  const s = await rawConnect(srv.port);
  const p = packets(s);
  s.write(cmd(0x17, Buffer.from('01', 'hex'))); // truncated COM_STMT_EXECUTE
  assert.deepEqual(errOf(await p.next()).errno, 1835);
  s.write(cmd(0x16, 'SELECT ?')); // prepare then execute with a broken parameter block
  const ok = await p.next();
  assert.equal(ok.payload[0], 0);
  const id = ok.payload.readUInt32LE(1);
  await p.next(); // param definition
  await p.next(); // EOF
  const exec = Buffer.alloc(10);
  exec.writeUInt32LE(id, 0);
  exec.writeUInt32LE(1, 5);
  s.write(cmd(0x17, Buffer.concat([exec, Buffer.from('0001ff00', 'hex')]))); // unknown type 0xff... truncated
  assert.equal(errOf(await p.next()).errno, 1835);
  s.write(cmd(0x17, Buffer.from('ffffff7f00010000000001', 'hex'))); // unknown statement id
  assert.equal(errOf(await p.next()).errno, 1243);
  s.write(cmd(0x03, 'SELECT 1'));
  assert.equal((await p.next()).payload[0], 1, 'column count of the next result');
  s.destroy();
});

test('a packet beyond max_allowed_packet gets ERR 1153 and the connection closes', async () => {
  const s = await rawConnect(srv.port);
  const p = packets(s);
  const header = Buffer.alloc(4);
  header.writeUIntLE(2 * 1024 * 1024 - 1, 0, 3);
  s.write(header); // 2 MiB announced, limit is 1 MiB
  const e = errOf(await p.next());
  assert.deepEqual([e.errno, e.state], [1153, '08S01']);
  await p.closed;
});

test('COM_RESET_CONNECTION resets session state and forgets prepared statements', async () => {
  const s = await rawConnect(srv.port);
  const p = packets(s);
  s.write(cmd(0x03, 'BEGIN'));
  const begin = await p.next();
  assert.equal(begin.payload.readUInt16LE(3) & 1, 1, 'IN_TRANS after BEGIN');
  s.write(cmd(0x16, 'SELECT 1'));
  const prep = await p.next();
  const id = prep.payload.readUInt32LE(1);
  s.write(cmd(0x1f));
  const reset = await p.next();
  assert.equal(reset.payload[0], 0);
  assert.equal(reset.payload.readUInt16LE(3) & 3, 2, 'autocommit, not in a transaction');
  const exec = Buffer.alloc(9);
  exec.writeUInt32LE(id, 0);
  exec.writeUInt32LE(1, 5);
  s.write(cmd(0x17, exec));
  assert.equal(errOf(await p.next()).errno, 1243);
  s.destroy();
});

test('COM_CHANGE_USER re-authenticates with the connection scramble', async () => {
  const s = connect({ host: '127.0.0.1', port: srv.port });
  const p = packets(s);
  const hs = await p.next();
  const versionEnd = hs.payload.indexOf(0, 1);
  const scramble = Buffer.concat([
    hs.payload.subarray(versionEnd + 5, versionEnd + 13),
    hs.payload.subarray(versionEnd + 32, versionEnd + 44),
  ]);
  s.write(frame(handshakeFor('root', Buffer.alloc(0), 'mysql_native_password'), 1));
  assert.equal((await p.next()).payload[0], 0);
  const token = nativePasswordToken('secret', scramble);
  s.write(
    cmd(
      0x11,
      Buffer.concat([
        Buffer.from('alice\0'),
        Buffer.from([token.length]),
        token,
        Buffer.from('test\0'),
        Buffer.from([45, 0]),
        Buffer.from('mysql_native_password\0'),
      ]),
    ),
  );
  assert.equal((await p.next()).payload[0], 0, 'change to alice accepted');
  s.write(
    cmd(
      0x11,
      Buffer.concat([Buffer.from('alice\0'), Buffer.from([20]), Buffer.alloc(20, 1), Buffer.from('\0')]),
    ),
  );
  assert.equal(errOf(await p.next()).errno, 1045);
  s.destroy();
});

/** HandshakeResponse41 with the given plugin (SECURE_CONNECTION auth data). */
function handshakeFor(user: string, token: Buffer, plugin: string): Buffer {
  const head = Buffer.alloc(32);
  head.writeUInt32LE(0x200 | 0x8000 | 0x80000, 0);
  head.writeUInt32LE(1 << 24, 4);
  head[8] = 45;
  return Buffer.concat([
    head,
    Buffer.from(`${user}\0`),
    Buffer.from([token.length]),
    token,
    Buffer.from(`${plugin}\0`),
  ]);
}

test('caching_sha2_password clients are switched to mysql_native_password (AuthSwitchRequest)', async () => {
  const s = connect({ host: '127.0.0.1', port: srv.port });
  const p = packets(s);
  const hs = await p.next();
  const versionEnd = hs.payload.indexOf(0, 1);
  assert.equal(hs.payload.subarray(1, versionEnd).toString(), '8.0.33');
  s.write(frame(handshakeFor('alice', Buffer.alloc(32, 7), 'caching_sha2_password'), 1));
  const sw = await p.next();
  assert.equal(sw.seq, 2);
  assert.equal(sw.payload[0], 0xfe);
  const nameEnd = sw.payload.indexOf(0, 1);
  assert.equal(sw.payload.subarray(1, nameEnd).toString(), 'mysql_native_password');
  const scramble = sw.payload.subarray(nameEnd + 1, nameEnd + 21);
  assert.equal(sw.payload.length, nameEnd + 22, 'scramble + NUL');
  s.write(frame(nativePasswordToken('secret', scramble), 3));
  const ok = await p.next();
  assert.deepEqual([ok.seq, ok.payload[0]], [4, 0x00]);
  s.destroy();
});

test('an SSLRequest is refused (TLS is not offered) and truncated or silent handshakes time out', async () => {
  const s = connect({ host: '127.0.0.1', port: srv.port });
  const p = packets(s);
  await p.next();
  const ssl = Buffer.alloc(32);
  ssl.writeUInt32LE(0x200 | 0x800, 0);
  s.write(frame(ssl, 1));
  assert.equal(errOf(await p.next()).errno, 1835);
  await p.closed;
  const quiet = connect({ host: '127.0.0.1', port: srv.port });
  const q = packets(quiet);
  await q.next();
  quiet.write(Buffer.from('5000', 'hex')); // a header fragment, then nothing
  const started = Date.now();
  await q.closed;
  assert.ok(Date.now() - started < 2000, 'closed by the handshake timeout');
});

test('the packet sequence for a result set: count, definitions, EOF, rows, EOF', async () => {
  const s = await rawConnect(srv.port);
  const p = packets(s);
  s.write(cmd(0x03, 'SELECT 1'));
  const seqs: number[] = [];
  const firsts: number[] = [];
  for (let i = 0; i < 5; i++) {
    const x = await p.next();
    seqs.push(x.seq);
    firsts.push(x.payload[0] as number);
  }
  assert.deepEqual(seqs, [1, 2, 3, 4, 5]);
  assert.deepEqual(firsts, [1, 3, 0xfe, 1, 0xfe]);
  s.destroy();
});

test('shutdown finishes even when a session ignores its abort signal', async () => {
  const own = await startFakeServer();
  const s = await rawConnect(own.port);
  const p = packets(s);
  s.write(cmd(0x03, 'HANG'));
  while (!own.db.log.includes('HANG')) await new Promise((r) => setTimeout(r, 5));
  const started = Date.now();
  await own.server.close(200);
  assert.ok(Date.now() - started < 4000, `close took ${Date.now() - started} ms`);
  await p.closed;
});
