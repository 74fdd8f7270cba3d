/**
 * Wire benchmark: `SELECT 1` queries/s at 1, 4 and 16 connections and a 1M-row × 8-column result
 * streamed to a mysql2 client (MB/s, server peak RSS), for Rockling and for a MariaDB server this
 * script starts itself (Debian mariadb-server, loopback, random port). Client and servers share
 * the machine, as in the research measurements.
 *
 *   node --import tsx bench/wire/select1.ts [--seconds 2] [--rounds 3] [--rows 1000000]
 *        [--rockling auto|serve|wire-double] [--no-write]
 *        [--server-main path/main.js] [--node-args '--cpu-prof'] [--compare-main path/main.js]
 *        [--conns 1,4,16|none] [--no-mariadb]
 *
 * `--rockling serve` runs the built `rockling serve` (dist/, SQL engine included);
 * `wire-double` runs the MySQL server over the scripted test session (test/server/support),
 * which isolates the protocol layer; `auto` (default) takes serve when it answers SELECT 1.
 * `--server-main` runs a private build (one others' rebuilds of dist/ cannot change mid-run),
 * `--compare-main` a second build measured in the same rounds. Besides q/s and MB/s it prints
 * the CPU time the server and the client spent per query / per stream: on a shared machine
 * q/s follows the CPU share a process gets, CPU per query does not.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConnection } from 'mysql2';
import {
  barChartSvg,
  describeMachine,
  machineSummary,
  renderMarkdown,
  renderText,
  startRockling,
  type Table,
} from '../common/index.js';
import { freePort, startMariaDb } from '../../src/testing/index.js';
import { closedLoopQps } from './lean-client.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MB = 1024 * 1024;
/** Connection counts measured (`--conns 1,4,16`). */
const CONNS = (
  process.argv.includes('--conns') ? (process.argv[process.argv.indexOf('--conns') + 1] ?? '') : '1,4,16'
)
  .split(',')
  .map(Number)
  .filter((n) => n > 0);

interface Target {
  readonly name: string;
  readonly detail: string;
  readonly port: number;
  readonly pid: number;
  readonly database?: string;
  readonly streamSql: (rows: number) => string;
  stop(): Promise<void>;
}

interface Figures {
  readonly qps: Record<number, number>;
  /** Server CPU µs per query (median of the rounds), per connection count. */
  readonly cpuPerQuery: Record<number, number>;
  readonly stream: {
    rows: number;
    bytes: number;
    seconds: number;
    mbPerSecond: number;
    rssBaselineMb: number;
    rssPeakMb: number;
    /** CPU seconds (all threads) the server and this client spent on the stream. */
    serverCpu: number;
    clientCpu: number;
  };
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

function rss(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

async function wireDouble(): Promise<Target> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'test', 'server', 'support', 'serve-fake.ts')],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', () => reject(new Error('wire double exited')));
  });
  return {
    name: 'rockling (wire + test session)',
    detail: 'MySQL server of src/server over the scripted test session: protocol cost only',
    port,
    pid: child.pid as number,
    streamSql: (rows) => `SELECT * FROM gen(${rows}, 8)`,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

const ROCKLING_STREAM_SQL = (rows: number): string =>
  `SELECT x, x * 2, x * 3, 'abcdefghijklmnop', x + 4, x + 5, x + 6, 'abcdefghijklmnop' FROM TABLE(generate_series(1, ${rows})) AS t(x)`;

/**
 * `rockling serve` from a given compiled main.js (e.g. a private build outside dist/, which other
 * people's rebuilds cannot change mid-run), with extra node flags such as --cpu-prof.
 */
async function customServe(
  main: string,
  nodeArgs: readonly string[],
  name = 'rockling serve',
): Promise<Target> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rockling-wire-bench-'));
  const [port, httpPort, bePort] = [await freePort(), await freePort(), await freePort()];
  const args = [...nodeArgs, main, 'serve', '--data-dir', dataDir, '--query-port', String(port)];
  args.push('--http-port', String(httpPort), '--be-http-port', String(bePort), '--log-level', 'warn');
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`rockling serve exited with ${child.exitCode}`);
    if (i > 600) throw new Error('rockling serve did not answer');
    const ok = await closedLoopQps(port, 'SELECT 1', 1, 0.05).then(
      () => true,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    name,
    detail: `rockling serve (${main}, SQL engine on DuckDB)`,
    port,
    pid: child.pid as number,
    streamSql: ROCKLING_STREAM_SQL,
    stop: async () => {
      child.kill('SIGTERM');
      if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function rocklingTarget(mode: string): Promise<Target> {
  const main = arg('server-main', '');
  if (main !== '')
    return customServe(
      main,
      arg('node-args', '')
        .split(' ')
        .filter((a) => a !== ''),
    );
  if (mode !== 'wire-double') {
    const started = await startRockling({ repoRoot: ROOT, build: 'dist' });
    if (started.ok) {
      const s = started.server;
      return {
        name: 'rockling serve',
        detail: 'rockling serve (dist build, SQL engine on DuckDB)',
        port: s.port,
        pid: s.pid as number,
        streamSql: ROCKLING_STREAM_SQL,
        stop: () => s.stop(),
      };
    }
    if (mode === 'serve') throw new Error(`rockling serve unavailable: ${started.reason}`);
    process.stderr.write(`bench: rockling serve unavailable (${started.reason}); using the wire double\n`);
  }
  return wireDouble();
}

async function mariadbTarget(): Promise<Target> {
  const m = await startMariaDb({ database: 'bench', extraArgs: ['--max-connections=200'] });
  const version = await new Promise<string>((resolve) => {
    const c = createConnection({ host: '127.0.0.1', port: m.port, user: 'root' });
    c.on('error', () => resolve('?'));
    c.query('SELECT VERSION() AS v', (_e: unknown, r: unknown) => {
      c.end();
      resolve((r as { v: string }[] | undefined)?.[0]?.v ?? '?');
    });
  });
  return {
    name: 'mariadb',
    detail: `MariaDB ${version} (mariadbd, loopback)`,
    port: m.port,
    pid: m.pid,
    database: 'bench',
    streamSql: (rows) =>
      `SELECT seq, seq * 2, seq * 3, 'abcdefghijklmnop', seq + 4, seq + 5, seq + 6, 'abcdefghijklmnop' FROM seq_1_to_${rows}`,
    stop: () => m.stop(),
  };
}

/** Stream one big result into a mysql2 client (row events, rowsAsArray), sampling server RSS. */
function streamToMysql2(t: Target, rows: number): Promise<Figures['stream']> {
  return new Promise((resolve, reject) => {
    const c = createConnection({
      host: '127.0.0.1',
      port: t.port,
      user: 'root',
      supportBigNumbers: true,
      ...(t.database !== undefined ? { database: t.database } : {}),
    });
    let bytes = 0;
    let count = 0;
    (c as unknown as { stream: NodeJS.EventEmitter }).stream?.on('data', (d: Buffer) => (bytes += d.length));
    const baseline = rss(t.pid);
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, rss(t.pid))), 50);
    const [u0, s0] = cpuSeconds(t.pid);
    const c0 = process.cpuUsage();
    const started = process.hrtime.bigint();
    c.query({ sql: t.streamSql(rows), rowsAsArray: true })
      .on('result', () => count++)
      .on('error', (e) => {
        clearInterval(sampler);
        c.destroy();
        reject(e);
      })
      .on('end', () => {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const [u1, s1] = cpuSeconds(t.pid);
        const c1 = process.cpuUsage(c0);
        clearInterval(sampler);
        peak = Math.max(peak, rss(t.pid));
        c.end();
        if (count !== rows) return reject(new Error(`${t.name}: got ${count} rows, expected ${rows}`));
        resolve({
          rows: count,
          bytes,
          seconds,
          mbPerSecond: bytes / MB / seconds,
          rssBaselineMb: baseline / MB,
          rssPeakMb: peak / MB,
          serverCpu: u1 - u0 + s1 - s0,
          clientCpu: (c1.user + c1.system) / 1e6,
        });
      });
  });
}

/** CPU seconds [user, system] (all threads) a process has used so far, from /proc (Linux). */
function cpuSeconds(pid: number): [number, number] {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return [Number(fields[11]) / 100, Number(fields[12]) / 100]; // utime, stime in USER_HZ (100) ticks
  } catch {
    return [0, 0];
  }
}

/** q/s plus the CPU the server and this client spent per query (µs), which load on a shared machine distorts less. */
/** [voluntary, involuntary] context switches of a process's main thread so far (Linux). */
function switches(pid: number): [number, number] {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const get = (k: string): number => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);
    return [get('voluntary_ctxt_switches'), get('nonvoluntary_ctxt_switches')];
  } catch {
    return [0, 0];
  }
}

async function measureQps(
  t: Target,
  n: number,
  seconds: number,
): Promise<{
  q: number;
  server: number;
  serverSys: number;
  client: number;
  voluntary: number;
  preempted: number;
}> {
  const [u0, s0] = cpuSeconds(t.pid);
  const [v0, i0] = switches(t.pid);
  const c0 = process.cpuUsage();
  const q = await closedLoopQps(t.port, 'SELECT 1', n, seconds);
  const c = process.cpuUsage(c0);
  const [u1, s1] = cpuSeconds(t.pid);
  const [v1, i1] = switches(t.pid);
  const queries = q * seconds;
  return {
    q,
    voluntary: (v1 - v0) / queries,
    preempted: (i1 - i0) / queries,
    server: ((u1 - u0 + s1 - s0) * 1e6) / queries,
    serverSys: ((s1 - s0) * 1e6) / queries,
    client: (c.user + c.system) / queries,
  };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : ((s[(s.length - 1) >> 1] as number) + (s[s.length >> 1] as number)) / 2;
}

/**
 * Rounds alternate between the systems (A B A B …) and the median is reported: the machine is
 * shared, and interleaving spreads load bursts from other processes over both systems.
 */
async function measureAll(
  targets: readonly Target[],
  seconds: number,
  rows: number,
  rounds: number,
): Promise<Figures[]> {
  const qps = targets.map(() => new Map<number, number[]>());
  const cpu = targets.map(() => new Map<number, number[]>());
  const streams = targets.map(() => [] as Figures['stream'][]);
  for (const t of targets) {
    await closedLoopQps(t.port, 'SELECT 1', 4, 0.5); // warm-up
    if (rows > 0) await streamToMysql2(t, Math.min(rows, 100_000));
  }
  for (const n of CONNS) {
    for (let r = 0; r < rounds; r++) {
      for (const [i, t] of targets.entries()) {
        const { q, server, serverSys, client, voluntary, preempted } = await measureQps(t, n, seconds);
        qps[i]?.set(n, [...(qps[i]?.get(n) ?? []), q]);
        cpu[i]?.set(n, [...(cpu[i]?.get(n) ?? []), server]);
        process.stderr.write(
          `bench: ${t.name}: SELECT 1, ${n} conn, round ${r + 1}: ${q.toFixed(0)} q/s (CPU per query: server ${server.toFixed(1)} µs of which system ${serverSys.toFixed(1)}, client ${client.toFixed(1)} µs; server main-thread sleeps ${voluntary.toFixed(2)}, preemptions ${preempted.toFixed(3)} per query)\n`,
        );
      }
    }
  }
  for (let r = 0; r < rounds && rows > 0; r++) {
    for (const [i, t] of targets.entries()) {
      const st = await streamToMysql2(t, rows);
      streams[i]?.push(st);
      process.stderr.write(
        `bench: ${t.name}: ${rows} rows x 8 cols, round ${r + 1}: ${st.mbPerSecond.toFixed(1)} MB/s, RSS ${st.rssBaselineMb.toFixed(0)} -> ${st.rssPeakMb.toFixed(0)} MB, CPU server ${st.serverCpu.toFixed(2)} s, client ${st.clientCpu.toFixed(2)} s\n`,
      );
    }
  }
  return targets.map((_, i) => {
    const perConn: Record<number, number> = {};
    for (const [n, xs] of qps[i] ?? []) perConn[n] = median(xs);
    const cpuPerQuery: Record<number, number> = {};
    for (const [n, xs] of cpu[i] ?? []) cpuPerQuery[n] = median(xs);
    const st = streams[i] ?? [];
    if (st.length === 0)
      st.push({
        rows: 0,
        bytes: 0,
        seconds: 0,
        mbPerSecond: 0,
        rssBaselineMb: 0,
        rssPeakMb: 0,
        serverCpu: 0,
        clientCpu: 0,
      });
    const mid = [...st].sort((a, b) => a.mbPerSecond - b.mbPerSecond)[
      (st.length - 1) >> 1
    ] as Figures['stream'];
    const worstGrowth = st.reduce(
      (w, x) => (x.rssPeakMb - x.rssBaselineMb > w.rssPeakMb - w.rssBaselineMb ? x : w),
      mid,
    );
    return {
      qps: perConn,
      cpuPerQuery,
      stream: { ...mid, rssBaselineMb: worstGrowth.rssBaselineMb, rssPeakMb: worstGrowth.rssPeakMb },
    };
  });
}

function report(results: [Target, Figures][]): Table {
  return {
    headers: [
      'system',
      'q/s 1 conn',
      'q/s 4 conns',
      'q/s 16 conns',
      'stream MB/s',
      'stream s',
      'RSS base MB',
      'RSS peak MB',
      'RSS growth MB',
      'server CPU µs/query (16)',
      'stream CPU s server/client',
    ],
    align: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    rows: results.map(([t, f]) => [
      t.name,
      ...[1, 4, 16].map((n) => (f.qps[n] ?? 0).toFixed(0)),
      f.stream.mbPerSecond.toFixed(1),
      f.stream.seconds.toFixed(2),
      f.stream.rssBaselineMb.toFixed(0),
      f.stream.rssPeakMb.toFixed(0),
      (f.stream.rssPeakMb - f.stream.rssBaselineMb).toFixed(1),
      (f.cpuPerQuery[16] ?? 0).toFixed(1),
      `${f.stream.serverCpu.toFixed(2)} / ${f.stream.clientCpu.toFixed(2)}`,
    ]),
  };
}

async function main(): Promise<void> {
  const seconds = Number(arg('seconds', '2'));
  const rows = Number(arg('rows', '1000000'));
  const rounds = Number(arg('rounds', '3'));
  const targets: Target[] = [];
  const results: [Target, Figures][] = [];
  const loadBefore = loadavg();
  try {
    targets.push(await rocklingTarget(arg('rockling', 'auto')));
    // another build measured in the same run (e.g. before a change): --compare-main dist/src/cli/main.js
    const compare = arg('compare-main', '');
    if (compare !== '') targets.push(await customServe(compare, [], 'rockling serve (compare)'));
    if (!process.argv.includes('--no-mariadb')) targets.push(await mariadbTarget());
    const figures = await measureAll(targets, seconds, rows, rounds);
    targets.forEach((t, i) => results.push([t, figures[i] as Figures]));
  } finally {
    for (const t of targets) await t.stop();
  }
  const machine = describeMachine();
  const table = report(results);
  const load = `load average (1/5/15 min) ${loadBefore.map((x) => x.toFixed(2)).join(' ')} at the start, ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} at the end (2 cores, shared)`;
  process.stdout.write(
    `${machineSummary(machine)}\n${load}\n${results.map(([t]) => `${t.name}: ${t.detail}`).join('\n')}\n\n${renderText(table)}\n`,
  );
  if (process.argv.includes('--no-write')) return;
  const out = join(ROOT, 'bench', 'results');
  mkdirSync(out, { recursive: true });
  const kind = targets[0]?.name === 'rockling serve' ? 'serve' : 'wire-double';
  const stamp = `${new Date().toISOString().slice(0, 10)}-${kind}`;
  const json = {
    machine,
    load,
    seconds,
    rows,
    results: results.map(([t, f]) => ({ system: t.name, detail: t.detail, ...f })),
  };
  writeFileSync(join(out, `wire-${stamp}.json`), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(
    join(out, `wire-${stamp}.md`),
    `# Wire benchmark ${stamp}\n\n${machineSummary(machine)}\n\n${load}\n\n${results.map(([t]) => `- ${t.name}: ${t.detail}`).join('\n')}\n\n${renderMarkdown(table)}\n\n![q/s](wire-${stamp}.svg)\n`,
  );
  const bars = results.flatMap(([t, f]) =>
    [1, 4, 16].map((n) => ({ label: `${n} conn`, value: f.qps[n] ?? 0, group: t.name })),
  );
  writeFileSync(
    join(out, `wire-${stamp}.svg`),
    barChartSvg(bars, { title: 'SELECT 1 queries/s (closed loop, loopback)', unit: '' }),
  );
  process.stdout.write(`\nwrote bench/results/wire-${stamp}.{json,md,svg}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
