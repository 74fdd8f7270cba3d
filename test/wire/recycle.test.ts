/** PacketWriter.recycle: written chunks come back for reuse, never slices of Node's buffer pool. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PacketWriter } from '../../src/wire/index.js';

function fill(w: PacketWriter, packets: number, byte: number): void {
  for (let i = 0; i < packets; i++) w.begin().zeros(100).int1(byte).end();
}

test('a recycled chunk is reused by a later take and the packets stay intact', () => {
  const w = new PacketWriter(64 * 1024);
  fill(w, 700, 1); // ~73 KB: taken as a view of the writer's buffer
  const first = w.take();
  assert.ok(first.length > 4096);
  w.recycle(first);
  fill(w, 700, 2);
  const second = w.take(); // written into the buffer whose successor came from the spare list
  fill(w, 700, 3);
  const third = w.take();
  assert.equal(third.buffer, first.buffer, 'the recycled memory is in use again');
  for (const [chunk, byte] of [
    [second, 2],
    [third, 3],
  ] as const) {
    for (let at = 0; at < chunk.length; at += 105) {
      assert.equal(chunk.readUIntLE(at, 3), 101);
      assert.equal(chunk[at + 104], byte);
    }
  }
});

test('small copies (slices of the shared pool) are never taken back', () => {
  const w = new PacketWriter(64 * 1024);
  fill(w, 3, 7);
  const small = w.take();
  w.recycle(small);
  fill(w, 700, 8);
  const big = w.take();
  fill(w, 700, 9);
  assert.notEqual(w.take().buffer, small.buffer);
  assert.notEqual(big.buffer, small.buffer);
});
