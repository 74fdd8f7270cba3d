import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startChildServer } from './support/child-server.js';
import { frame, packetReader, rawConnect } from './support/raw-client.js';

const ROWS = 10_000_000;
const MB = 1024 * 1024;

/** Run a query on a raw socket; counts row packets until the final EOF. */
async function streamQuery(
  port: number,
  sql: string,
  pauseMs: number,
  sample: () => void,
): Promise<{ rows: number; bytes: number }> {
  const socket = await rawConnect(port);
  let packets = 0;
  let bytes = 0;
  let eofs = 0;
  const done = new Promise<void>((resolve, reject) => {
    packetReader(socket, (first, length) => {
      packets++;
      bytes += length + 4;
      if (first === 0xff) reject(new Error('server sent ERR'));
      if (first === 0xfe && length < 9) {
        eofs++;
        if (eofs === 2) resolve();
      }
      if ((packets & 0xffff) === 0) sample();
    });
    socket.once('close', () => reject(new Error('closed early')));
  });
  socket.write(frame(Buffer.concat([Buffer.from([0x03]), Buffer.from(sql)])));
  if (pauseMs > 0) {
    socket.pause(); // a slow client: the server must stop producing, not buffer
    const until = Date.now() + pauseMs;
    while (Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      sample();
    }
    socket.resume();
  }
  await done;
  socket.destroy();
  // column count + 1 definition + EOF precede the rows, EOF follows them
  return { rows: packets - 4, bytes };
}

test('a 10M-row result streams with bounded server RSS, also through a stalled client', async () => {
  const server = await startChildServer();
  try {
    await streamQuery(server.port, 'SELECT * FROM gen(200000)', 0, () => undefined); // warm up JIT and pools
    const baseline = server.rss();
    let peak = baseline;
    const sample = (): void => {
      peak = Math.max(peak, server.rss());
    };
    const started = Date.now();
    const { rows, bytes } = await streamQuery(server.port, `SELECT * FROM gen(${ROWS})`, 2000, sample);
    const seconds = (Date.now() - started) / 1000;
    sample();
    const growth = peak - baseline;
    process.stdout.write(
      `# 10M rows: ${(bytes / MB).toFixed(0)} MB in ${seconds.toFixed(1)} s (incl. 2 s stall); server RSS baseline ${(baseline / MB).toFixed(0)} MB, peak ${(peak / MB).toFixed(0)} MB, growth ${(growth / MB).toFixed(1)} MB\n`,
    );
    assert.equal(rows, ROWS);
    assert.ok(growth < 100 * MB, `server RSS grew by ${(growth / MB).toFixed(1)} MB`);
  } finally {
    await server.stop();
  }
});
