/**
 * A body larger than memory should ever hold: one Stream Load of N GB (default 2), generated on
 * the fly and sent chunked (no Content-Length) after 100 Continue, into a `rockling serve` child.
 * The server's RSS is sampled from /proc every 250 ms; the peak (VmHWM) and the samples show
 * whether memory stays flat while the body streams to the spill file and into DuckDB. Usage:
 *   node --import tsx bench/load/big-body.ts [--gb 2] [--format csv|json] [--dist] [--memory-limit 256MB]
 * `--memory-limit` is passed to `rockling serve` (DuckDB's memory_limit): without it DuckDB keeps
 * every block the load wrote in its buffer cache up to 80 % of RAM, so RSS grows with the body.
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { createConnection } from 'mysql2/promise';
import { freePort, startRockling } from '../../src/testing/index.js';
import { waitForHttp } from '../../test/load/crash-support.js';

const argv = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? (argv[i + 1] ?? fallback) : fallback;
};
const gb = Number(opt('gb', '2'));
const format = opt('format', 'csv');
const target = Math.round(gb * 1024 ** 3);

function line(i: number): string {
  const city = `city_${i % 997}_${'x'.repeat(i % 23)}`;
  return format === 'json'
    ? `{"id":${i},"k":${i % 1000},"name":"name_${i % 9973}_abcdefgh","city":"${city}"},\n`
    : `${i}\t${i % 1000}\tname_${i % 9973}_abcdefgh\t${city}\n`;
}

/** The body as a stream: lines in ~1 MB chunks until `target` bytes; counts rows sent. */
function body(): { stream: Readable; rows: () => number } {
  let i = 0;
  let sent = 0;
  let first = true;
  const stream = new Readable({
    read() {
      let chunk = '';
      if (first && format === 'json') chunk = '[';
      first = false;
      while (chunk.length < 1 << 20 && sent + chunk.length < target) chunk += line(i++);
      if (format === 'json' && sent + chunk.length >= target) chunk = `${chunk.replace(/,\n$/, '')}]`;
      sent += chunk.length;
      this.push(chunk);
      if (sent >= target) this.push(null);
    },
  });
  return { stream, rows: () => i };
}

function rssOf(pid: number): { rss: number; hwm: number } {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string): number => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

function load(url: string, headers: Record<string, string>, b: Readable): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'PUT',
      headers: {
        ...headers,
        Authorization: `Basic ${Buffer.from('root:').toString('base64')}`,
        Expect: '100-continue',
        'Transfer-Encoding': 'chunked',
      },
    });
    req.on('continue', () => b.pipe(req));
    req.on('response', (res) => {
      if (res.statusCode === 307 && typeof res.headers.location === 'string') {
        res.resume();
        load(res.headers.location, headers, b).then(resolve, reject);
        return;
      }
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve(JSON.parse(text) as Record<string, unknown>));
    });
    req.on('error', reject);
    req.flushHeaders();
  });
}

const memoryLimit = opt('memory-limit', '');
const server = await startRockling({
  extraArgs: [
    '--be-http-port',
    String(await freePort()),
    ...(memoryLimit !== '' ? ['--memory-limit', memoryLimit] : []),
  ],
  startTimeoutMs: 60_000,
  ...(argv.includes('--dist') ? { compiled: true } : {}),
});
try {
  await waitForHttp(server);
  const mysql = await createConnection({ host: '127.0.0.1', port: server.port, user: 'root' });
  await mysql.query('CREATE DATABASE big');
  await mysql.query(
    'CREATE TABLE big.t (id BIGINT NOT NULL, k INT, name VARCHAR(64), city VARCHAR(64)) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)',
  );
  const pid = server.pid ?? 0;
  const before = rssOf(pid);
  const samples: number[] = [];
  const timer = setInterval(() => {
    samples.push(rssOf(pid).rss);
    const mb = (samples.at(-1) ?? 0) / 2 ** 20;
    process.stderr.write(`\r${(samples.length * 0.25) | 0} s, server RSS ${mb.toFixed(0)} MiB   `);
  }, 250);
  const b = body();
  const t0 = performance.now();
  const headers: Record<string, string> = { label: `big_${Date.now()}`, timeout: '3600' };
  if (format === 'json')
    Object.assign(headers, { format: 'json', strip_outer_array: 'true', ignore_json_size: 'true' });
  const r = await load(`http://127.0.0.1:${server.httpPort}/api/big/t/_stream_load`, headers, b.stream);
  const secs = (performance.now() - t0) / 1000;
  clearInterval(timer);
  const after = rssOf(pid);
  const [rows] = await mysql.query('SELECT count(*) AS n FROM big.t');
  await mysql.end();
  const n = Number((rows as { n: number | string }[])[0]?.n ?? 0);
  const mib = (x: number): string => `${(x / 2 ** 20).toFixed(0)} MiB`;
  const sorted = [...samples].sort((a, c) => a - c);
  process.stdout.write(
    `\n${format} body ${gb} GB, memory limit ${memoryLimit || 'DuckDB default'} (${target} bytes, ${b.rows()} rows) in ${secs.toFixed(1)} s (${(target / 1e6 / secs).toFixed(1)} MB/s): ` +
      `Status ${String(r.Status)}, NumberLoadedRows ${String(r.NumberLoadedRows)}, rows in table ${n}\n` +
      `server RSS before ${mib(before.rss)}, median during ${mib(sorted[sorted.length >> 1] ?? 0)}, ` +
      `max sampled ${mib(sorted.at(-1) ?? 0)}, peak (VmHWM) ${mib(after.hwm)}, after ${mib(after.rss)}\n`,
  );
  process.exitCode = r.Status === 'Success' && n === b.rows() ? 0 : 1;
} finally {
  await server.stop();
}
