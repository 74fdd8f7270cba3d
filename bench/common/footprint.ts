/**
 * Start-up time and memory footprint of `rockling serve`: the time from spawning the process to
 * the first answered `SELECT 1` over the MySQL protocol (what a user waits for), and the resident
 * set size read from /proc (Linux) while the server sits idle. The process is spawned here rather
 * than through the test harness because that harness polls every 50 ms, too coarse for a
 * start-up goal of one second.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { freePort } from '../../src/testing/index.js';
import { median } from './stats.js';

/** Memory of a process as /proc/<pid>/status reports it. */
export interface ProcMemory {
  /** VmRSS: resident now. */
  readonly rssBytes: number;
  /** VmHWM: the peak resident size since the process started. */
  readonly peakRssBytes: number;
}

/** Memory of `pid`, or undefined where /proc is not available or the process is gone. */
export function procMemory(pid: number | undefined): ProcMemory | undefined {
  if (pid === undefined) return undefined;
  const path = `/proc/${pid}/status`;
  if (!existsSync(path)) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const kib = (name: string): number => {
    const m = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text);
    return m === null ? 0 : Number(m[1]) * 1024;
  };
  return { rssBytes: kib('VmRSS'), peakRssBytes: kib('VmHWM') };
}

/** One measured start. */
export interface StartupSample {
  /** Spawn to first answered `SELECT 1`. */
  readonly startupMs: number;
  /** Resident size after `idleMs` of idling with one open session. */
  readonly idleRssBytes: number;
}

/** The median of several starts on one data directory. */
export interface StartupFigures {
  readonly dataDir: 'empty' | 'loaded';
  readonly starts: number;
  readonly startupMs: number;
  readonly startupMsAll: readonly number[];
  readonly idleRssBytes: number;
}

function tcpOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited(child);
  clearTimeout(timer);
}

/** Start the compiled server once on `dataDir`, time it, idle, read its RSS, stop it. */
export async function measureStart(opts: {
  readonly repoRoot: string;
  readonly dataDir: string;
  readonly idleMs?: number;
  readonly timeoutMs?: number;
}): Promise<StartupSample> {
  const main = join(opts.repoRoot, 'dist', 'src', 'cli', 'main.js');
  const [port, httpPort, bePort] = [await freePort(), await freePort(), await freePort()];
  const args = [main, 'serve', '--data-dir', opts.dataDir, '--query-port', String(port)];
  args.push('--http-port', String(httpPort), '--be-http-port', String(bePort), '--log-level', 'warn');
  let log = '';
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { cwd: opts.repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.on('data', (c: Buffer) => (log += c.toString('utf8')));
  try {
    const deadline = t0 + (opts.timeoutMs ?? 120_000);
    for (;;) {
      if (child.exitCode !== null) throw new Error(`rockling serve exited with ${child.exitCode}: ${log}`);
      if (performance.now() > deadline) throw new Error(`rockling serve did not answer in time: ${log}`);
      if (await tcpOpen(port)) {
        try {
          const conn = await createConnection({ host: '127.0.0.1', port, user: 'root' });
          await conn.query('SELECT 1');
          const startupMs = performance.now() - t0;
          await new Promise((r) => setTimeout(r, opts.idleMs ?? 2000));
          const mem = procMemory(child.pid);
          await conn.end();
          return { startupMs, idleRssBytes: mem?.rssBytes ?? 0 };
        } catch {
          // listening but not serving sessions yet
        }
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    await stopChild(child);
  }
}

/**
 * How long a bare `node -e ''` takes to start and exit here: the floor under any start-up time of
 * a Node server, which on a busy shared machine can be a large part of it.
 */
export async function nodeBaselineMs(runs = 3): Promise<number> {
  return spawnMedianMs(['-e', ''], process.cwd(), runs);
}

/**
 * How long `node` takes to start, import `specifier` (resolved from `cwd`) and exit: e.g. DuckDB's
 * native module, a large part of a server's start-up.
 */
export async function importMs(specifier: string, cwd: string, runs = 3): Promise<number> {
  const code = `await import(${JSON.stringify(specifier)})`;
  return spawnMedianMs(['--input-type=module', '-e', code], cwd, runs);
}

async function spawnMedianMs(args: readonly string[], cwd: string, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd, stdio: 'ignore' });
    await exited(child);
    if (child.exitCode !== 0) throw new Error(`node ${args.join(' ')} exited with ${child.exitCode}`);
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Start `starts` times on `dataDir` (or on fresh empty directories) and take medians. */
export async function measureStartups(opts: {
  readonly repoRoot: string;
  /** A loaded data directory; absent = a new empty directory for every start. */
  readonly dataDir?: string;
  readonly starts?: number;
}): Promise<StartupFigures> {
  const samples: StartupSample[] = [];
  for (let i = 0; i < (opts.starts ?? 3); i++) {
    const dir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'rockling-footprint-'));
    try {
      samples.push(await measureStart({ repoRoot: opts.repoRoot, dataDir: dir }));
    } finally {
      if (opts.dataDir === undefined) rmSync(dir, { recursive: true, force: true });
    }
  }
  return {
    dataDir: opts.dataDir === undefined ? 'empty' : 'loaded',
    starts: samples.length,
    startupMs: median(samples.map((s) => s.startupMs)),
    startupMsAll: samples.map((s) => s.startupMs),
    idleRssBytes: median(samples.map((s) => s.idleRssBytes)),
  };
}

/** Total size of the files under `dir` (what a data directory occupies). */
export function dirBytes(dir: string): number {
  let total = 0;
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) total += statSync(p).size;
    }
  };
  if (existsSync(dir)) walk(dir);
  return total;
}
