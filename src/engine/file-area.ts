/**
 * The one directory DuckDB may read files from although external access is off: Rockling's load
 * spill area. Stream Load writes the request body there and has DuckDB parse it with read_csv in
 * parallel; only the load pipeline names files in it (the code generator never emits file
 * functions, so user SQL still cannot reach any file). The sandbox is applied right after the
 * instance is created: `allowed_directories` must be set while external access is still on, then
 * access is switched off and the configuration locked before any other statement runs.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DuckDBInstance } from '@duckdb/node-api';

/** Where the load spill area of a database lives, and whether it is ours to delete on close. */
export interface FileArea {
  /** Absolute directory path ending in `/`. */
  readonly dir: string;
  /** In-memory databases get a private temporary area removed on close. */
  readonly temporary: boolean;
}

/** `<database file>.load/` next to DuckDB's own `.wal`/`.tmp`, or a temp dir for `:memory:`. */
export function prepareFileArea(path: string | null): FileArea {
  if (path === null) {
    const dir = mkdtempSync(join(tmpdir(), 'rockling-load-'));
    return { dir: `${dir}/`, temporary: true };
  }
  const dir = `${resolve(path)}.load`;
  mkdirSync(dir, { recursive: true });
  return { dir: `${dir}/`, temporary: false };
}

/** A DuckDB string literal for a path we created (no user text). */
function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** Allow the area, then switch external access off and lock the configuration. */
export async function lockDown(instance: DuckDBInstance, area: FileArea): Promise<void> {
  const conn = await instance.connect();
  try {
    await conn.run(`SET allowed_directories = [${literal(area.dir)}]`);
    await conn.run('SET enable_external_access = false');
    await conn.run('SET lock_configuration = true');
  } finally {
    conn.closeSync();
  }
}

/** Remove a temporary area (in-memory databases) when the engine closes. */
export function releaseFileArea(area: FileArea): void {
  if (area.temporary) rmSync(area.dir, { recursive: true, force: true });
}
