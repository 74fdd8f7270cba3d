/**
 * Starts and stops a Rockling server for a benchmark: `node dist/src/cli/main.js serve` on a
 * temp data directory with random loopback ports, ready once a MySQL connection succeeds.
 * When the server cannot run (not built yet, the serve command missing, a crash on start) the
 * caller gets the reason instead of an exception, so the DuckDB side can still complete.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

/** A running server. */
export interface RocklingProcess {
  readonly pid: number;
  readonly queryPort: number;
  readonly httpPort: number;
  readonly dataDir: string;
  /** The last lines the server wrote to stderr/stdout. */
  log(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

/** Options for {@link startRockling}. */
export interface StartOptions {
  /** Repository root holding dist/src/cli/main.js. */
  readonly repoRoot: string;
  /** Reuse this data directory (restarts) instead of a fresh temp one. */
  readonly dataDir?: string;
  /** Give up when no connection succeeds within this time (default 30 s). */
  readonly startTimeoutMs?: number;
}

/** Either a server or the reason there is none. */
export type StartResult =
  { readonly ok: true; readonly server: RocklingProcess } | { readonly ok: false; readonly reason: string };

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

function randomPort(): number {
  return 20000 + Math.floor(Math.random() * 40000);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function canConnect(port: number): Promise<boolean> {
  try {
    const conn = await createConnection({ host: '127.0.0.1', port, user: 'root', connectTimeout: 1000 });
    await conn.query('SELECT 1');
    await conn.end();
    return true;
  } catch {
    return false;
  }
}

/** The last lines of output, without stack frames (the first lines of an error say why). */
function tail(lines: string[]): string {
  return lines
    .join('')
    .split('\n')
    .filter((l) => l.trim() !== '' && !/^\s+at /.test(l))
    .slice(-8)
    .join('\n');
}

async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  live.delete(child);
}

async function attempt(
  main: string,
  dataDir: string,
  timeoutMs: number,
): Promise<StartResult & { retry?: boolean }> {
  const queryPort = randomPort();
  const httpPort = randomPort();
  const args = [
    main,
    'serve',
    '--data-dir',
    dataDir,
    '--query-port',
    String(queryPort),
    '--http-port',
    String(httpPort),
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  const output: string[] = [];
  const keep = (b: Buffer): void => {
    output.push(b.toString());
    if (output.length > 200) output.splice(0, 100);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      live.delete(child);
      const log = tail(output);
      const how = child.exitCode !== null ? `exit code ${child.exitCode}` : `signal ${child.signalCode}`;
      return {
        ok: false,
        reason: `'rockling serve' stopped (${how}): ${log || 'no output'}`,
        retry: /EADDRINUSE/.test(log),
      };
    }
    if (await canConnect(queryPort)) {
      const server: RocklingProcess = {
        pid: child.pid ?? -1,
        queryPort,
        httpPort,
        dataDir,
        log: () => tail(output),
        stop: (graceMs = 10_000) => stopChild(child, graceMs),
      };
      return { ok: true, server };
    }
    await sleep(200);
  }
  await stopChild(child, 2000);
  return {
    ok: false,
    reason: `no MySQL connection on port ${queryPort} within ${timeoutMs} ms: ${tail(output)}`,
  };
}

/** Start `rockling serve`; never throws for an unavailable server, returns the reason instead. */
export async function startRockling(options: StartOptions): Promise<StartResult> {
  const main = join(options.repoRoot, 'dist', 'src', 'cli', 'main.js');
  if (!existsSync(main)) return { ok: false, reason: `${main} is missing (run npm run build)` };
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'rockling-ssb-data-'));
  const fresh = options.dataDir === undefined;
  let last: StartResult = { ok: false, reason: 'not started' };
  for (let i = 0; i < 5; i++) {
    const r = await attempt(main, dataDir, options.startTimeoutMs ?? 30_000);
    if (r.ok) return { ok: true, server: r.server };
    last = { ok: false, reason: r.reason };
    if (r.retry !== true) break;
  }
  if (fresh) rmSync(dataDir, { recursive: true, force: true });
  return last;
}
