/**
 * Server-side cost of streaming a wide result, without sockets or a client: DuckDB chunks →
 * engine Values → text-protocol row packets in a PacketWriter (taken and dropped every 64 KiB,
 * as the server hands them to the socket). Prints wall time, process CPU and MB/s of encoded
 * packets for each phase, so changes to conversion and encoding can be judged on a busy machine.
 *
 *   node --import tsx bench/wire/encode.ts [--rows 1000000] [--rounds 3]
 */
import { Engine } from '../../src/engine/index.js';
import { PacketWriter, textCellWriter, writeTextRows } from '../../src/wire/index.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const rows = Number(arg('rows', '1000000'));
const rounds = Number(arg('rounds', '3'));
const SQL = `SELECT x, x * 2, x * 3, 'abcdefghijklmnop', x + 4, x + 5, x + 6, 'abcdefghijklmnop' FROM generate_series(1, ${rows}) AS t(x)`;

async function round(engine: Engine, encode: boolean): Promise<{ wall: number; cpu: number; bytes: number }> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const result = await engine.stream(SQL);
  const cells = result.columns.map((c) => textCellWriter(c.type));
  const w = new PacketWriter(128 * 1024);
  let bytes = 0;
  for await (const batch of result.batches) {
    if (!encode) continue;
    for (let from = 0; from < batch.length; from += 256) {
      writeTextRows(w, batch, cells, from, Math.min(batch.length, from + 256));
      if (w.pending >= 64 * 1024) {
        const b = w.take();
        bytes += b.length;
        w.recycle(b); // as the server does once the socket has written it
      }
    }
  }
  bytes += w.take().length;
  const c = process.cpuUsage(c0);
  return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000, bytes };
}

async function main(): Promise<void> {
  const engine = await Engine.open({ path: null });
  try {
    for (const encode of [false, true]) {
      for (let r = 0; r < rounds; r++) {
        const x = await round(engine, encode);
        const mb = x.bytes / 1024 / 1024;
        process.stdout.write(
          `${encode ? 'convert+encode' : 'convert only  '}: ${rows} rows, ${x.wall.toFixed(0)} ms wall, ${x.cpu.toFixed(0)} ms CPU` +
            (encode ? `, ${mb.toFixed(1)} MB, ${((mb * 1000) / x.wall).toFixed(0)} MB/s wall` : '') +
            '\n',
        );
      }
    }
  } finally {
    await engine.close();
  }
}

void main();
