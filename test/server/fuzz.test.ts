import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import fc from 'fast-check';
import { createConnection, type RowDataPacket } from 'mysql2/promise';
import { startChildServer } from './support/child-server.js';
import { frame, handshakeResponse, rawConnect } from './support/raw-client.js';

const TARGET_PACKETS = 100_000;
const PACKETS_PER_CONNECTION = 1000;
const PARALLEL = 8;

/** Valid command payloads to mutate (never QUIT or PROCESS_KILL: they would end the run's own connections). */
const SEEDS: Buffer[] = [
  Buffer.concat([Buffer.from([0x03]), Buffer.from('SELECT * FROM types')]),
  Buffer.concat([Buffer.from([0x16]), Buffer.from('SELECT ?, ?, ?')]),
  Buffer.from('17010000000001000000000108fd0005000000000000000161', 'hex'),
  Buffer.from('1801000000010061626364', 'hex'),
  Buffer.from('1a01000000', 'hex'),
  Buffer.from('1901000000', 'hex'),
  Buffer.concat([Buffer.from([0x04]), Buffer.from('types\0%')]),
  Buffer.from('0e', 'hex'),
  Buffer.from('09', 'hex'),
  Buffer.from('1b0100', 'hex'),
  Buffer.concat([
    Buffer.from([0x11]),
    Buffer.from('root\0'),
    Buffer.from([0]),
    Buffer.from('test\0'),
    Buffer.from('2d00', 'hex'),
  ]),
  Buffer.from('1f', 'hex'),
  Buffer.concat([Buffer.from([0x02]), Buffer.from('test')]),
];

const payloadArb: fc.Arbitrary<Buffer> = fc
  .oneof(
    // random command byte + random bytes
    fc
      .tuple(fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 64 }))
      .map(([c, b]) => Buffer.concat([Buffer.from([c]), Buffer.from(b)])),
    // mutated seeds: flips, truncation, junk tail
    fc
      .tuple(
        fc.constantFrom(...SEEDS),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
        fc.nat(),
        fc.uint8Array({ maxLength: 6 }),
      )
      .map(([seed, flips, cut, tail]) => {
        const b = Buffer.from(seed);
        for (const [i, v] of flips) if (i % b.length !== 0) b[i % b.length] = v; // keep the command byte
        return Buffer.concat([b.subarray(0, 1 + (cut % b.length)), Buffer.from(tail)]);
      }),
  )
  .filter((p) => p[0] !== 0x01 && p[0] !== 0x0c);

/** Well-framed random commands on an authenticated connection, then a marker query that must answer. */
async function fuzzAuthenticated(port: number, seed: number): Promise<number> {
  const socket = await rawConnect(port);
  const payloads = fc.sample(payloadArb, { numRuns: PACKETS_PER_CONNECTION, seed });
  const marker = `${100000 + (seed % 800000)}`;
  const answered = waitFor(socket, Buffer.from(marker), 20_000);
  const chunks = payloads.map((p) => frame(p));
  chunks.push(frame(Buffer.concat([Buffer.from([0x03]), Buffer.from(`SELECT ${marker} AS marker`)])));
  socket.write(Buffer.concat(chunks));
  await answered;
  socket.destroy();
  return payloads.length + 1;
}

/** Broken framing and pre-auth garbage: truncated handshakes, absurd lengths, random bytes. */
async function fuzzUnauthenticated(port: number, seed: number): Promise<number> {
  const [kind, junk, cut] = fc.sample(
    fc.tuple(fc.integer({ min: 0, max: 3 }), fc.uint8Array({ maxLength: 200 }), fc.nat()),
    { numRuns: 1, seed },
  )[0] as [number, Uint8Array, number];
  const socket = connect({ host: '127.0.0.1', port });
  await new Promise((r) => socket.once('data', r)); // the server's handshake
  const full = frame(handshakeResponse(), 1);
  const bytes = [
    full.subarray(0, cut % full.length), // truncated handshake response
    Buffer.concat([Buffer.from('ffffff01', 'hex'), Buffer.from(junk)]), // 16 MiB announced, little sent
    Buffer.from(junk), // random bytes
    Buffer.concat([
      full,
      frame(Buffer.from('ffffff', 'hex')),
      Buffer.from('ffffff00', 'hex'),
      Buffer.from(junk),
    ]), // oversized after auth
  ][kind] as Buffer;
  socket.on('error', () => undefined);
  socket.write(bytes);
  await new Promise((r) => setTimeout(r, 2));
  socket.destroy();
  return 1;
}

function waitFor(socket: Socket, needle: Buffer, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let tail = Buffer.alloc(0);
    const timer = setTimeout(
      () => reject(new Error(`no answer to the marker query within ${timeoutMs} ms (wedged)`)),
      timeoutMs,
    );
    socket.on('data', (d: Buffer) => {
      tail = Buffer.concat([tail, d]).subarray(-4096);
      if (tail.includes(needle)) {
        clearTimeout(timer);
        resolve();
      }
    });
    socket.once('close', () => {
      clearTimeout(timer);
      reject(new Error('server closed a well-framed connection'));
    });
  });
}

test(
  '≥ 100k random and mutated packets neither crash nor wedge the server',
  { timeout: 120_000 },
  async () => {
    const server = await startChildServer({ FAKE_HANDSHAKE_TIMEOUT_MS: '2000' });
    try {
      const started = Date.now();
      let sent = 0;
      let seed = 1;
      while (sent < TARGET_PACKETS) {
        const batch: Promise<number>[] = [];
        for (let i = 0; i < PARALLEL; i++) batch.push(fuzzAuthenticated(server.port, seed++));
        for (let i = 0; i < 50; i++) batch.push(fuzzUnauthenticated(server.port, seed++));
        for (const n of await Promise.all(batch)) sent += n;
        assert.equal(server.child.exitCode, null, `server died: ${server.stderr()}`);
      }
      const seconds = (Date.now() - started) / 1000;
      process.stdout.write(`# fuzz: ${sent} packets in ${seconds.toFixed(1)} s\n`);
      // still healthy for a fresh client
      const c = await createConnection({ host: '127.0.0.1', port: server.port, user: 'root' });
      const [r] = await c.query<RowDataPacket[]>('SELECT 1');
      assert.equal(String(r[0]?.['1']), '1');
      await c.end();
      assert.ok(sent >= TARGET_PACKETS);
      assert.ok(seconds < 60, `fuzzing took ${seconds} s`);
      // no internal errors, no failed connections: every bad packet was a clean protocol error
      assert.doesNotMatch(server.stderr(), / (ERROR|WARN) /);
    } finally {
      await server.stop();
    }
  },
);
