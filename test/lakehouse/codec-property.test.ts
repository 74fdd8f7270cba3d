/**
 * Property: any value tree the Apache Thrift runtime (npm `thrift`, TBinaryProtocol) writes is
 * decoded by Rockling's own reader (src/lakehouse/thrift/binary.ts) into the same values, split
 * into arbitrary chunks — structs with any field ids, lists, maps, every scalar type.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import thrift from 'thrift';
import { readMessage, type ThriftValue } from '../../src/lakehouse/thrift/binary.js';

const T = thrift.Thrift.Type;
type Typed = { readonly type: thrift.Thrift.Type; readonly value: unknown };

const scalar: fc.Arbitrary<Typed> = fc.oneof(
  fc.boolean().map((value) => ({ type: T.BOOL, value })),
  fc.integer({ min: -128, max: 127 }).map((value) => ({ type: T.BYTE, value })),
  fc.integer({ min: -32768, max: 32767 }).map((value) => ({ type: T.I16, value })),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).map((value) => ({ type: T.I32, value })),
  fc.maxSafeInteger().map((value) => ({ type: T.I64, value })),
  // -0 excluded: the Apache runtime's writeDouble drops its sign (writes +0), not our reader.
  fc
    .double({ noNaN: true })
    .filter((x) => !Object.is(x, -0))
    .map((value) => ({ type: T.DOUBLE, value })),
  fc.string({ unit: 'binary' }).map((value) => ({ type: T.STRING, value })),
);

/** Values of one given type (list elements and map values must share theirs). */
function ofType(sample: Typed, n: number): fc.Arbitrary<Typed[]> {
  const arb = scalar.filter((x) => x.type === sample.type);
  return fc.array(arb, { maxLength: n });
}

const tree: fc.Arbitrary<Typed> = fc.letrec<{ node: Typed }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc
      .uniqueArray(fc.tuple(fc.integer({ min: -32768, max: 32767 }), tie('node')), {
        selector: (f) => f[0],
        maxLength: 5,
      })
      .map((fields) => ({ type: T.STRUCT, value: fields })),
    scalar.chain((s) => ofType(s, 6).map((items) => ({ type: T.LIST, value: { elem: s.type, items } }))),
    scalar.chain((s) =>
      fc
        .uniqueArray(fc.string(), { maxLength: 4 })
        .chain((keys) => ofType(s, keys.length).map((vals) => ({ keys: keys.slice(0, vals.length), vals })))
        .map(({ keys, vals }) => ({ type: T.MAP, value: { vtype: s.type, keys, vals } })),
    ),
  ),
})).node;

function write(p: thrift.TProtocol, v: Typed): void {
  switch (v.type) {
    case T.BOOL:
      return p.writeBool(v.value as boolean);
    case T.BYTE:
      return p.writeByte(v.value as number);
    case T.I16:
      return p.writeI16(v.value as number);
    case T.I32:
      return p.writeI32(v.value as number);
    case T.I64:
      return p.writeI64(v.value as number);
    case T.DOUBLE:
      return p.writeDouble(v.value as number);
    case T.STRING:
      return p.writeString(v.value as string);
    case T.STRUCT: {
      p.writeStructBegin('s');
      for (const [id, f] of v.value as [number, Typed][]) {
        p.writeFieldBegin('f', f.type, id);
        write(p, f);
        p.writeFieldEnd();
      }
      p.writeFieldStop();
      return p.writeStructEnd();
    }
    case T.LIST: {
      const { elem, items } = v.value as { elem: thrift.Thrift.Type; items: Typed[] };
      p.writeListBegin(elem, items.length);
      for (const x of items) write(p, x);
      return p.writeListEnd();
    }
    case T.MAP: {
      const { vtype, keys, vals } = v.value as { vtype: thrift.Thrift.Type; keys: string[]; vals: Typed[] };
      p.writeMapBegin(T.STRING, vtype, keys.length);
      keys.forEach((k, i) => {
        p.writeString(k);
        write(p, vals[i] as Typed);
      });
      return p.writeMapEnd();
    }
    default:
      throw new Error(`type ${v.type}`);
  }
}

function expected(v: Typed): ThriftValue {
  switch (v.type) {
    case T.I64:
      return BigInt(v.value as number);
    case T.STRING:
      return Buffer.from(v.value as string, 'utf8').toString('utf8');
    case T.STRUCT:
      return {
        kind: 'struct',
        fields: new Map((v.value as [number, Typed][]).map(([id, f]) => [id, expected(f)])),
      };
    case T.LIST:
      return (v.value as { items: Typed[] }).items.map(expected);
    case T.MAP: {
      const { keys, vals } = v.value as { keys: string[]; vals: Typed[] };
      return new Map(keys.map((k, i) => [k, expected(vals[i] as Typed)]));
    }
    default:
      return v.value as ThriftValue;
  }
}

test('Apache TBinaryProtocol output decodes to the same values, whatever the chunking', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 32767 }), tree), { maxLength: 4 }),
      fc.nat(),
      (fields, cut) => {
        const unique = [...new Map(fields).entries()];
        let bytes = Buffer.alloc(0);
        const out = new thrift.TBufferedTransport(undefined, (buf) => {
          bytes = Buffer.concat([bytes, buf as Buffer]);
        });
        const p = new thrift.TBinaryProtocol(out);
        p.writeMessageBegin('get_table', thrift.Thrift.MessageType.REPLY, 9);
        write(p, { type: T.STRUCT, value: unique });
        p.writeMessageEnd();
        p.flush();
        const at = bytes.length === 0 ? 0 : cut % bytes.length;
        assert.equal(readMessage(bytes.subarray(0, at)), null);
        const m = readMessage(bytes);
        assert.ok(m !== null);
        assert.equal(m.name, 'get_table');
        assert.equal(m.seqId, 9);
        assert.equal(m.length, bytes.length);
        assert.deepEqual(m.body, expected({ type: T.STRUCT, value: unique }));
      },
    ),
    { numRuns: 300 },
  );
});
