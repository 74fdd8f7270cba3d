/**
 * A real Rockling server process for end-to-end tests and benchmarks: `rockling serve` as a child
 * process on free loopback ports with its own data directory. `kill9()` and `restart()` make
 * crash tests honest: the process really dies and a new one recovers from the same directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RocklingOptions {
  /** Reuse a data directory (default: a fresh temp directory, removed by stop()). */
  readonly dataDir?: string;
  /** Extra `rockling serve` arguments. */
  readonly extraArgs?: readonly string[];
  readonly startTimeoutMs?: number;
  /** Run the compiled dist/ build instead of the TypeScript sources (benchmarks). */
  readonly compiled?: boolean;
}

export interface RocklingServer {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly httpPort: number;
  readonly dataDir: string;
  /** `mysql://root@127.0.0.1:PORT`. */
  readonly url: string;
  readonly pid: number | undefined;
  /** SIGKILL the process (no shutdown hooks run) and wait for it to be gone. */
  kill9(): Promise<void>;
  /** Start a new process on the same ports and data directory. */
  restart(): Promise<void>;
  /** SIGTERM, wait, and remove the data directory if this harness created it. */
  stop(): Promise<void>;
  /** Everything the process wrote to stderr so far (its log). */
  log(): string;
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A free TCP port on loopback (bind to 0, read, release). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startRockling(options: RocklingOptions = {}): Promise<RocklingServer> {
  const ownsDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'rockling-test-'));
  const port = await freePort();
  const httpPort = await freePort();
  let stderr = '';
  let child: ChildProcess | undefined;

  const launch = async (): Promise<void> => {
    const entry =
      options.compiled === true
        ? [join(ROOT, 'dist', 'src', 'cli', 'main.js')]
        : ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts')];
    const args = [
      ...entry,
      'serve',
      '--data-dir',
      dataDir,
      '--query-port',
      String(port),
      '--http-port',
      String(httpPort),
      ...(options.extraArgs ?? []),
    ];
    const proc = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    proc.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
    while (!(await canConnect(port))) {
      if (proc.exitCode !== null) throw new Error(`rockling serve exited with ${proc.exitCode}:\n${stderr}`);
      if (Date.now() > deadline) {
        proc.kill('SIGKILL');
        throw new Error(`rockling serve did not listen on ${port} in time:\n${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  await launch();
  return {
    host: '127.0.0.1',
    port,
    httpPort,
    dataDir,
    url: `mysql://root@127.0.0.1:${port}`,
    get pid() {
      return child?.pid;
    },
    async kill9() {
      if (child === undefined) return;
      child.kill('SIGKILL');
      await exited(child);
    },
    async restart() {
      if (child !== undefined) await exited(child);
      await launch();
    },
    async stop() {
      if (child !== undefined && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child?.kill('SIGKILL'), 10_000);
        await exited(child);
        clearTimeout(timer);
      }
      if (ownsDir) rmSync(dataDir, { recursive: true, force: true });
    },
    log: () => stderr,
  };
}
