/**
 * A throwaway MariaDB server for tests and benchmarks: a fresh data directory under the OS temp
 * directory, `mariadbd` listening on 127.0.0.1 at a random free port, stopped by PID and removed
 * afterwards. Never used by the product itself.
 *
 * Usage:
 *   const db = await startMariaDb();
 *   try { … connect to db.url (mysql://root@127.0.0.1:PORT) … } finally { await db.stop(); }
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

/** Options for {@link startMariaDb}. */
export interface MariaDbOptions {
  /** Create this database after start (and make it the database of `url`). */
  readonly database?: string;
  /** A password for the TCP root account `root@127.0.0.1` (default: none). */
  readonly password?: string;
  /** InnoDB buffer pool size, e.g. '256M' (default: '128M'). Raise it for large benchmarks. */
  readonly bufferPool?: string;
  /** Extra `mariadbd` arguments, e.g. ['--max-connections=500']. */
  readonly extraArgs?: readonly string[];
  /** Give up if the server is not ready after this long (default 30 s). */
  readonly startTimeoutMs?: number;
}

/** A running throwaway server. `stop()` is idempotent and always removes the data directory. */
export interface MariaDbServer {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly user: 'root';
  readonly password: string;
  readonly database: string | undefined;
  /** `mysql://root[:password]@127.0.0.1:PORT[/database]`. */
  readonly url: string;
  /** Unix socket path (handy for the `mariadb` CLI). */
  readonly socket: string;
  readonly pid: number;
  /** The temp directory holding datadir, socket and error log. */
  readonly dir: string;
  /** Tail of the server's error log, for diagnostics in failing tests. */
  errorLog(): string;
  stop(): Promise<void>;
}

const live = new Set<{ pid: number; dir: string }>();
let exitHookInstalled = false;

/** Kill every server this process started if it exits without stopping them (crashed tests). */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  const cleanup = (): void => {
    for (const s of live) {
      try {
        process.kill(s.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      rmSync(s.dir, { recursive: true, force: true });
    }
    live.clear();
  };
  process.on('exit', cleanup);
  // A bench interrupted with Ctrl-C or `kill` would otherwise leave mariadbd running: clean up,
  // then die of the same signal (only when nobody else handles it).
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      cleanup();
      if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
    });
  }
}

/** Start a fresh MariaDB server on 127.0.0.1; retries a few ports if one is taken. */
export async function startMariaDb(options: MariaDbOptions = {}): Promise<MariaDbServer> {
  installExitHook();
  const dir = mkdtempSync(join(tmpdir(), 'rockling-mariadb-'));
  try {
    installDataDir(dir);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  let lastError: unknown;
  for (let attempt = 0; attempt < 6; attempt++) {
    // Random high port: we may not open sockets here just to probe, so a taken port is detected
    // from the server's own bind failure and another is tried.
    const port = 20000 + Math.floor(Math.random() * 40000);
    try {
      return await launch(dir, port, options);
    } catch (error) {
      lastError = error;
      if (!(error instanceof PortInUse)) break;
    }
  }
  rmSync(dir, { recursive: true, force: true });
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}

class PortInUse extends Error {}

function installDataDir(dir: string): void {
  const result = spawnSync(
    'mariadb-install-db',
    [
      '--no-defaults',
      '--auth-root-authentication-method=normal',
      `--datadir=${join(dir, 'data')}`,
      '--user=root',
      '--skip-test-db',
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(`mariadb-install-db failed (${String(result.status)}): ${result.stderr}${result.stdout}`);
  }
}

async function launch(dir: string, port: number, options: MariaDbOptions): Promise<MariaDbServer> {
  const logPath = join(dir, `err-${port}.log`);
  const socket = join(dir, 'sock');
  const args = [
    '--no-defaults',
    `--datadir=${join(dir, 'data')}`,
    `--port=${port}`,
    '--bind-address=127.0.0.1',
    `--socket=${socket}`,
    `--pid-file=${join(dir, 'mariadbd.pid')}`,
    `--log-error=${logPath}`,
    '--user=root',
    '--skip-name-resolve',
    '--skip-log-bin',
    // Throwaway data: durability costs only time here.
    '--innodb-flush-log-at-trx-commit=0',
    '--innodb-doublewrite=0',
    `--innodb-buffer-pool-size=${options.bufferPool ?? '128M'}`,
    '--character-set-server=utf8mb4',
    '--collation-server=utf8mb4_bin',
    ...(options.extraArgs ?? []),
  ];
  const child = spawn('mariadbd', args, { stdio: 'ignore', detached: false });
  const pid = child.pid;
  if (pid === undefined) throw new Error('mariadbd did not start');
  const entry = { pid, dir };
  live.add(entry);
  try {
    await waitReady(child, logPath, port, options.startTimeoutMs ?? 30_000);
    await initialise(port, options);
  } catch (error) {
    await killAndWait(child, pid);
    live.delete(entry);
    throw error;
  }
  return makeHandle(child, entry, port, socket, logPath, options);
}

async function waitReady(child: ChildProcess, logPath: string, port: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  while (Date.now() < deadline) {
    const log = existsSync(logPath) ? readFileSync(logPath, 'utf8') : '';
    if (/Address already in use|Can't start server: Bind on TCP\/IP port/.test(log)) {
      throw new PortInUse(`port ${port} in use`);
    }
    if (log.includes('ready for connections')) return;
    if (exited) throw new Error(`mariadbd exited during start:\n${tail(log)}`);
    await sleep(50);
  }
  throw new Error(`mariadbd not ready after ${timeoutMs} ms:\n${tail(readIfExists(logPath))}`);
}

async function initialise(port: number, options: MariaDbOptions): Promise<void> {
  const conn = await createConnection({ host: '127.0.0.1', port, user: 'root' });
  try {
    if (options.password !== undefined && options.password !== '') {
      await conn.query('ALTER USER root@127.0.0.1 IDENTIFIED BY ?', [options.password]);
    }
    if (options.database !== undefined) {
      await conn.query(`CREATE DATABASE IF NOT EXISTS \`${options.database.replace(/`/g, '``')}\``);
    }
  } finally {
    await conn.end();
  }
}

function makeHandle(
  child: ChildProcess,
  entry: { pid: number; dir: string },
  port: number,
  socket: string,
  logPath: string,
  options: MariaDbOptions,
): MariaDbServer {
  const password = options.password ?? '';
  const auth = password === '' ? 'root' : `root:${encodeURIComponent(password)}`;
  const db = options.database;
  let stopping: Promise<void> | undefined;
  return {
    host: '127.0.0.1',
    port,
    user: 'root',
    password,
    database: db,
    url: `mysql://${auth}@127.0.0.1:${port}${db === undefined ? '' : `/${encodeURIComponent(db)}`}`,
    socket,
    pid: entry.pid,
    dir: entry.dir,
    errorLog: () => tail(readIfExists(logPath)),
    stop: () => {
      stopping ??= (async () => {
        await killAndWait(child, entry.pid);
        live.delete(entry);
        rmSync(entry.dir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}

/** SIGTERM by PID, SIGKILL after 15 s; resolves once the process has exited. */
async function killAndWait(child: ChildProcess, pid: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signal(pid, 'SIGTERM');
  const timer = setTimeout(() => signal(pid, 'SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already exited
  }
}

function readIfExists(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

function tail(text: string, lines = 30): string {
  return text.split('\n').slice(-lines).join('\n');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
