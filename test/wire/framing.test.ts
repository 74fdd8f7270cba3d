import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_PACKET_PAYLOAD,
  PacketDecoder,
  PacketWriter,
  ProtocolError,
  framePayload,
} from '../../src/wire/index.js';
import { hex, le, packet } from './bytes.js';

function decodeAll(d: PacketDecoder): { seq: number; payload: string }[] {
  const out: { seq: number; payload: string }[] = [];
  for (let p = d.next(); p !== null; p = d.next())
    out.push({ seq: p.seq, payload: p.payload.toString('hex') });
  return out;
}

test('framePayload writes length, sequence id and payload', () => {
  assert.deepEqual(framePayload(hex('0e'), 0), hex('01 00 00 00 0e'));
  assert.deepEqual(framePayload(hex(''), 7), hex('00 00 00 07'));
  assert.deepEqual(framePayload(Buffer.alloc(300, 0x61), 1).subarray(0, 4), hex('2c 01 00 01'));
});

test('PacketWriter numbers packets and wraps the sequence id at 256', () => {
  const w = new PacketWriter(8);
  w.seq = 254;
  for (let i = 0; i < 3; i++) w.begin().int1(i).end();
  assert.deepEqual(w.take(), Buffer.concat([packet(254, [0]), packet(255, [1]), packet(0, [2])]));
  assert.equal(w.seq, 1);
});

test('PacketWriter.take never hands out a packet in progress', () => {
  const w = new PacketWriter(16);
  w.begin().int2(0x0102).end();
  w.begin().int1(9);
  assert.deepEqual(w.take(), packet(0, [2, 1]));
  w.int1(8).end();
  assert.deepEqual(w.take(), packet(1, [9, 8]));
  assert.equal(w.pending, 0);
});

test('PacketWriter.take on large output keeps the packet in progress intact', () => {
  const w = new PacketWriter(1024);
  const big = Buffer.alloc(10_000, 0x33);
  w.begin().bytes(big).end();
  w.begin().bytes(hex('aabb'));
  const first = w.take();
  assert.deepEqual(first, packet(0, big));
  w.bytes(hex('cc')).end();
  assert.deepEqual(w.take(), packet(1, hex('aabbcc')));
  // the first buffer must not be overwritten by later writes
  assert.deepEqual(first, packet(0, big));
});

test('PacketWriter.abort drops only the unfinished packet', () => {
  const w = new PacketWriter(16);
  w.begin().int1(1).end();
  w.begin().int1(2);
  w.abort();
  w.begin().int1(3).end();
  assert.deepEqual(w.take(), Buffer.concat([packet(0, [1]), packet(1, [3])]));
});

test('lenenc integers use 1, 3, 4 and 9 bytes at the documented boundaries', () => {
  const cases: [number, string][] = [
    [0, '00'],
    [250, 'fa'],
    [251, 'fc fb 00'],
    [0xffff, 'fc ff ff'],
    [0x10000, 'fd 00 00 01'],
    [0xffffff, 'fd ff ff ff'],
    [0x1000000, 'fe 00 00 00 01 00 00 00 00'],
  ];
  for (const [v, bytes] of cases) {
    const w = new PacketWriter();
    w.begin().lenenc(v).end();
    assert.deepEqual(w.take().subarray(4), hex(bytes), `lenenc(${v})`);
  }
});

test('lenencString counts UTF-8 bytes, not characters, on both paths', () => {
  const w = new PacketWriter();
  w.begin().lenencString('é☃😀').end();
  assert.deepEqual(w.take().subarray(4), Buffer.concat([Buffer.from([9]), Buffer.from('é☃😀', 'utf8')]));
  const long = '😀'.repeat(100); // 400 bytes, 200 UTF-16 units: takes the byteLength path
  w.begin().lenencString(long).end();
  assert.deepEqual(w.take().subarray(4), Buffer.concat([hex('fc 90 01'), Buffer.from(long, 'utf8')]));
  const edge = 'x'.repeat(83) + 'é'.repeat(0); // fast path, 83 bytes
  w.begin().lenencString(edge).end();
  assert.equal(w.take()[4], 83);
});

const STREAM = Buffer.concat([
  packet(0, hex('03'), Buffer.from('select 1')),
  packet(0, hex('0e')),
  packet(3, []),
  packet(1, Buffer.alloc(300, 0x41)),
]);
const EXPECTED = [
  { seq: 0, payload: '03' + Buffer.from('select 1').toString('hex') },
  { seq: 0, payload: '0e' },
  { seq: 3, payload: '' },
  { seq: 1, payload: Buffer.alloc(300, 0x41).toString('hex') },
];

test('PacketDecoder yields the same packets for the stream split at every point', () => {
  for (let a = 0; a <= STREAM.length; a++) {
    const d = new PacketDecoder();
    d.push(STREAM.subarray(0, a));
    const first = decodeAll(d);
    d.push(STREAM.subarray(a));
    assert.deepEqual([...first, ...decodeAll(d)], EXPECTED, `split at ${a}`);
    assert.equal(d.bufferedBytes, 0);
  }
});

test('PacketDecoder yields the same packets for the stream split at every pair of points', () => {
  for (let a = 0; a <= 40; a++) {
    for (let b = a; b <= STREAM.length; b += 7) {
      const d = new PacketDecoder();
      const got = [];
      for (const piece of [STREAM.subarray(0, a), STREAM.subarray(a, b), STREAM.subarray(b)]) {
        d.push(piece);
        got.push(...decodeAll(d));
      }
      assert.deepEqual(got, EXPECTED, `split at ${a}, ${b}`);
    }
  }
});

test('PacketDecoder handles byte-at-a-time delivery', () => {
  const d = new PacketDecoder();
  const got = [];
  for (const byte of STREAM) {
    d.push(Buffer.from([byte]));
    got.push(...decodeAll(d));
  }
  assert.deepEqual(got, EXPECTED);
});

/** Payload with a recognisable pattern so misplaced bytes show. */
function pattern(n: number): Buffer {
  const b = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + (i >> 16)) & 0xff;
  return b;
}

for (const size of [
  MAX_PACKET_PAYLOAD - 1,
  MAX_PACKET_PAYLOAD,
  MAX_PACKET_PAYLOAD + 10,
  2 * MAX_PACKET_PAYLOAD + 1,
]) {
  test(`payload of ${size} bytes is split into 16 MiB packets and joined back`, () => {
    const payload = pattern(size);
    const w = new PacketWriter();
    w.seq = 5;
    w.begin().bytes(payload).end();
    w.begin().int1(0x0e).end();
    const wire = w.take();
    const parts = Math.floor(size / MAX_PACKET_PAYLOAD) + 1;
    assert.equal(wire.length, size + 4 * parts + 5);
    // headers at every boundary: full packets then the remainder (possibly empty)
    let at = 0;
    for (let i = 0; i < parts; i++) {
      const len = i < parts - 1 ? MAX_PACKET_PAYLOAD : size - (parts - 1) * MAX_PACKET_PAYLOAD;
      assert.deepEqual(
        wire.subarray(at, at + 4),
        Buffer.concat([le(len, 3), Buffer.from([5 + i])]),
        `header ${i}`,
      );
      at += 4 + len;
    }
    assert.deepEqual(wire.subarray(at), packet(5 + parts, [0x0e]));
    assert.equal(w.seq, 5 + parts + 1);
    // decode with splits around every header and in the middle of payloads
    const cuts = new Set<number>([0, wire.length]);
    for (let h = 0, i = 0; i < parts + 1; i++) {
      for (let k = -2; k <= 6; k++) cuts.add(Math.min(wire.length, Math.max(0, h + k)));
      h += 4 + (i < parts - 1 ? MAX_PACKET_PAYLOAD : size - (parts - 1) * MAX_PACKET_PAYLOAD);
    }
    cuts.add(Math.floor(wire.length / 3));
    const sorted = [...cuts].sort((x, y) => x - y);
    const d = new PacketDecoder(64 * 1024 * 1024);
    const got: Buffer[] = [];
    for (let i = 1; i < sorted.length; i++) {
      d.push(wire.subarray(sorted[i - 1], sorted[i]));
      for (let p = d.next(); p !== null; p = d.next()) got.push(p.payload);
    }
    assert.equal(got.length, 2);
    assert.ok((got[0] as Buffer).equals(payload), 'joined payload differs');
    assert.deepEqual(got[1], hex('0e'));
  });
}

test('PacketDecoder rejects a packet larger than max_allowed_packet before buffering it', () => {
  const d = new PacketDecoder(1000);
  d.push(hex('e9 03 00 00')); // 1001 bytes announced, none sent
  assert.throws(
    () => d.next(),
    (e: unknown) => e instanceof ProtocolError && e.reason === 'too-large',
  );
  const joined = new PacketDecoder(MAX_PACKET_PAYLOAD + 5);
  joined.push(Buffer.concat([le(MAX_PACKET_PAYLOAD, 3), hex('00'), Buffer.alloc(MAX_PACKET_PAYLOAD)]));
  joined.push(hex('06 00 00 01'));
  assert.throws(() => joined.next(), ProtocolError);
});
