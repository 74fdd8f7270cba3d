/** Text-protocol integers are written digit by digit (PacketWriter.lenencInteger): same bytes as String(). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PacketWriter, textCellWriter } from '../../src/wire/index.js';
import { T, type SqlType } from '../../src/types/index.js';

function cell(v: number | bigint, type: SqlType = T.bigint): string {
  const w = new PacketWriter(64);
  w.begin();
  textCellWriter(type)(w, v);
  w.end();
  const b = w.take();
  const len = b[4] as number;
  assert.equal(b.length, 5 + len);
  return b.subarray(5).toString('latin1');
}

test('integers in the text protocol match their decimal form', () => {
  const samples: (number | bigint)[] = [0, -0, 1, -1, 9, 10, -10, 99, 100, 2147483647, -2147483648, 1e15 + 7];
  samples.push(Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 9007199254740993n, -9223372036854775808n);
  samples.push(9223372036854775807n, 170141183460469231731687303715884105727n, 0n, -5n, 12345678901234n);
  for (let k = 0; k <= 15; k++) samples.push(10 ** k, 10 ** k - 1, 10 ** k + 1, -(10 ** k), -(10 ** k - 1));
  for (let k = 0; k <= 53; k++) samples.push(2 ** k, 2 ** k - 1, BigInt(2 ** k), -BigInt(2 ** k) - 1n);
  samples.push(2 ** 31, 2 ** 31 - 1, 2 ** 31 + 1, 9007199254740992n, -9007199254740992n, 9007199254740991n);
  for (let i = 0; i < 2000; i++) samples.push(Math.floor((Math.random() - 0.5) * 2 ** (1 + (i % 53))));
  for (const v of samples)
    assert.equal(cell(v, typeof v === 'bigint' ? T.bigint : T.int), String(v), String(v));
  assert.equal(cell(1e21, T.bigint), String(1e21));
  assert.equal(cell(0.5, T.double), '0.5');
});
