import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  PacketDecoder,
  PacketWriter,
  PayloadReader,
  ProtocolError,
  SERVER_CAPABILITIES,
  decodeCommand,
  decodeExecuteParams,
  decodeHandshakeResponse,
  textCellWriter,
  writeTextRows,
} from '../../src/wire/index.js';
import { T } from '../../src/types/index.js';
import { hex, le, lstr, nul } from './bytes.js';

/** Run fn; anything thrown other than ProtocolError fails the property. */
function onlyProtocolErrors(fn: () => unknown): boolean {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof ProtocolError)) throw e;
  }
  return true;
}

const SEEDS: Buffer[] = [
  hex('17 01 00 00 00 00 01 00 00 00 00 01 08 00 fd 00 05 00 00 00 00 00 00 00 01 61'),
  Buffer.concat([
    hex('11'),
    nul('bob'),
    hex('14'),
    Buffer.alloc(20, 1),
    nul('db'),
    hex('21 00'),
    nul('mysql_native_password'),
  ]),
  hex('18 02 00 00 00 01 00 61 62'),
  hex('0c 2a 00 00 00'),
  Buffer.concat([hex('04'), nul('t'), Buffer.from('%')]),
];

const HANDSHAKE = Buffer.concat([
  le(0x00bfa285 | 0x200000, 4),
  le(1 << 24, 4),
  Buffer.from([33]),
  Buffer.alloc(23),
  nul('root'),
  hex('14'),
  Buffer.alloc(20, 9),
  nul('db'),
  nul('mysql_native_password'),
  hex('0e'),
  lstr('_client_name'),
  Buffer.from([0]),
]);

/** Bit flips, truncation, byte insertion: mutations of a valid packet. */
const mutated = (base: Buffer): fc.Arbitrary<Buffer> =>
  fc
    .record({
      cut: fc.nat({ max: base.length }),
      flips: fc.array(
        fc.tuple(fc.nat({ max: Math.max(0, base.length - 1) }), fc.integer({ min: 0, max: 255 })),
        { maxLength: 4 },
      ),
      tail: fc.uint8Array({ maxLength: 8 }),
    })
    .map(({ cut, flips, tail }) => {
      const b = Buffer.from(base);
      for (const [i, v] of flips) b[i] = v;
      return Buffer.concat([b.subarray(0, cut), Buffer.from(tail)]);
    });

test('random command payloads decode or raise ProtocolError only', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), fc.nat(), (bytes, caps) =>
      onlyProtocolErrors(() => decodeCommand(Buffer.from(bytes), caps)),
    ),
    { numRuns: 5000 },
  );
});

test('mutated command packets decode or raise ProtocolError only', () => {
  for (const seed of SEEDS) {
    fc.assert(
      fc.property(mutated(seed), (b) => onlyProtocolErrors(() => decodeCommand(b, 0xffffffff))),
      { numRuns: 1000 },
    );
  }
});

test('random and mutated handshake responses raise ProtocolError only', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 120 }), (b) =>
      onlyProtocolErrors(() => decodeHandshakeResponse(Buffer.from(b), SERVER_CAPABILITIES)),
    ),
    { numRuns: 3000 },
  );
  fc.assert(
    fc.property(mutated(HANDSHAKE), (b) =>
      onlyProtocolErrors(() => decodeHandshakeResponse(b, SERVER_CAPABILITIES)),
    ),
    { numRuns: 3000 },
  );
});

test('random execute parameter blocks raise ProtocolError only', () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ maxLength: 80 }),
      fc.integer({ min: 0, max: 12 }),
      fc.option(fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 })),
      (bytes, count, types) =>
        onlyProtocolErrors(() => decodeExecuteParams(Buffer.from(bytes), count, types)),
    ),
    { numRuns: 5000 },
  );
});

test('random byte streams into the packet decoder raise ProtocolError only', () => {
  fc.assert(
    fc.property(
      fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 10 }),
      fc.integer({ min: 0, max: 100 }),
      (chunks, max) =>
        onlyProtocolErrors(() => {
          const d = new PacketDecoder(max);
          for (const c of chunks) {
            d.push(Buffer.from(c));
            while (d.next() !== null);
          }
        }),
    ),
    { numRuns: 3000 },
  );
});

test('any payload sequence survives framing and any re-chunking', () => {
  fc.assert(
    fc.property(
      fc.array(fc.uint8Array({ maxLength: 600 }), { minLength: 1, maxLength: 8 }),
      fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 20 }),
      fc.integer({ min: 0, max: 255 }),
      (payloads, cuts, seq) => {
        const w = new PacketWriter(32);
        w.seq = seq;
        for (const p of payloads) w.begin().bytes(p).end();
        const wire = w.take();
        const d = new PacketDecoder();
        const got: { seq: number; payload: Buffer }[] = [];
        let at = 0;
        let i = 0;
        while (at < wire.length) {
          const n = cuts[i++ % cuts.length] as number;
          d.push(wire.subarray(at, at + n));
          at += n;
          for (let p = d.next(); p !== null; p = d.next()) got.push(p);
        }
        assert.equal(got.length, payloads.length);
        got.forEach((p, k) => {
          assert.equal(p.seq, (seq + k) & 0xff);
          assert.deepEqual(new Uint8Array(p.payload), payloads[k]);
        });
      },
    ),
    { numRuns: 500 },
  );
});

test('text rows of arbitrary strings read back exactly', () => {
  fc.assert(
    fc.property(
      fc.array(fc.option(fc.string({ unit: 'grapheme', maxLength: 120 })), { minLength: 1, maxLength: 6 }),
      (row) => {
        const w = new PacketWriter(16);
        writeTextRows(
          w,
          [row],
          row.map(() => textCellWriter(T.string)),
        );
        const wire = w.take();
        const r = new PayloadReader(wire, 4);
        for (const v of row) {
          if (v === null) assert.equal(r.lenenc(), null);
          else assert.equal(r.lenencString(), v);
        }
        assert.equal(r.remaining, 0);
      },
    ),
    { numRuns: 500 },
  );
});
