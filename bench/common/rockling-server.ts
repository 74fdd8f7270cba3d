/**
 * Starts and stops a Rockling server for a benchmark through the shared harness
 * (`src/testing`, meant for tests and benchmarks): `rockling serve` as a child process on free
 * loopback ports with its own data directory, run from the compiled `dist/` by default. Ready
 * once a MySQL connection succeeds. When the server cannot run (not built, serve missing, a
 * crash on start) the caller gets the reason instead of an exception, so the DuckDB side of the
 * benchmark still completes.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { startRockling as startServer, type RocklingServer } from '../../src/testing/index.js';

export type { RocklingServer };

/** Where the server code comes from: the compiled build (default) or the TypeScript sources via tsx. */
export type ServerBuild = 'dist' | 'source';

/** Options for {@link startRockling}. */
export interface StartOptions {
  readonly repoRoot: string;
  readonly build: ServerBuild;
  /** Reuse this data directory (restarts); the caller then owns and removes it. */
  readonly dataDir?: string;
  /** Give up when the server is not ready within this time (default 30 s). */
  readonly startTimeoutMs?: number;
}

/** Either a server or the reason there is none. */
export type StartResult =
  { readonly ok: true; readonly server: RocklingServer } | { readonly ok: false; readonly reason: string };

/** The first lines of an error, without stack frames: they say why. */
export function shortReason(text: string): string {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '' && !/^\s+at /.test(l))
    .slice(0, 6)
    .join(' | ');
}

async function mysqlReady(port: number, deadline: number): Promise<string | undefined> {
  let last = 'no attempt';
  while (Date.now() < deadline) {
    try {
      const conn = await createConnection({ host: '127.0.0.1', port, user: 'root', connectTimeout: 2000 });
      await conn.query('SELECT 1');
      await conn.end();
      return undefined;
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return last;
}

/** A description of the build being run, e.g. 'dist built 2026-11-21T16:40Z'. */
export function buildDescription(options: Pick<StartOptions, 'repoRoot' | 'build'>): string {
  if (options.build === 'source') return 'TypeScript sources via tsx';
  const main = join(options.repoRoot, 'dist', 'src', 'cli', 'main.js');
  return existsSync(main) ? `dist built ${statSync(main).mtime.toISOString().slice(0, 16)}Z` : 'dist missing';
}

/** Start `rockling serve`; never throws for an unavailable server, returns the reason instead. */
export async function startRockling(options: StartOptions): Promise<StartResult> {
  const main = join(options.repoRoot, 'dist', 'src', 'cli', 'main.js');
  if (options.build === 'dist' && !existsSync(main)) {
    return { ok: false, reason: `${main} is missing (run npm run build)` };
  }
  const timeout = options.startTimeoutMs ?? 30_000;
  const deadline = Date.now() + timeout;
  let server: RocklingServer;
  try {
    server = await startServer({
      compiled: options.build === 'dist',
      startTimeoutMs: timeout,
      ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
    });
  } catch (e) {
    return { ok: false, reason: shortReason(e instanceof Error ? e.message : String(e)) };
  }
  const notReady = await mysqlReady(server.port, deadline);
  if (notReady !== undefined) {
    const log = shortReason(server.log());
    await server.stop();
    return {
      ok: false,
      reason: `no MySQL session on port ${server.port}: ${notReady}${log === '' ? '' : ` | ${log}`}`,
    };
  }
  return { ok: true, server };
}
