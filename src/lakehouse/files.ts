/**
 * Data files of external tables: metastore locations → local paths, directory listing the Hive
 * way, and staging into the engine's file area so DuckDB can read them with its sandbox on.
 *
 * DuckDB runs with external access off and reads only under `allowed_directories` (the engine's
 * file area, see src/engine/file-area.ts); it resolves symlinks, so a file is staged as a HARD
 * link in `<area>lake/` (no copy, same inode) or, across file systems, copied once. Entries are
 * keyed by (real path, size, mtime): the 52 stock loads of a plan stage each file once, and a file
 * rewritten in place gets a fresh entry. The same directory is where object-store downloads
 * (s3://) would be cached.
 */
import { createHash, randomBytes } from 'node:crypto';
import { copyFile, link, mkdir, readdir, realpath, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { notSupported, SqlError } from '../errors/index.js';

/** A metastore location as a local directory path, or a clear refusal for remote schemes. */
export function localPath(location: string): string {
  if (location.startsWith('/')) return location;
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(location);
  const scheme = m?.[1]?.toLowerCase();
  if (scheme === 'file') {
    // Hive writes both file:/path and file:///path.
    const url = location.replace(/^file:(?!\/\/)/i, 'file://');
    try {
      return fileURLToPath(url);
    } catch {
      throw notSupported(`reading location '${location}' (not a local file URL)`);
    }
  }
  throw notSupported(
    `reading files from ${scheme ?? 'relative'} location '${location}'; Rockling reads Hive data from local paths and file:// locations only`,
  );
}

/** Hive skips hidden and bookkeeping files (`.x`, `_SUCCESS`, `_temporary/`). */
function hidden(name: string): boolean {
  return name.startsWith('.') || name.startsWith('_');
}

/** Data files under a directory (recursively, sorted); a missing directory has none. */
export async function listDataFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const out: string[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (hidden(e.name)) continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listDataFiles(path)));
    else if (e.isFile() || e.isSymbolicLink()) out.push(path);
  }
  return out;
}

/** Per cache directory: emptied and recreated once per process (concurrent first uses wait). */
const prepared = new Map<string, Promise<void>>();

/** The cache directory inside the engine's file area; emptied the first time a process uses it. */
async function lakeDir(fileArea: string): Promise<string> {
  const dir = `${fileArea}lake/`;
  let ready = prepared.get(dir);
  if (ready === undefined) {
    ready = (async () => {
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
    })();
    prepared.set(dir, ready);
  }
  await ready;
  return dir;
}

/** A file the metastore named cannot be read (vanished, no permission). */
function unreadable(file: string, error: unknown): SqlError {
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new SqlError('runtime-error', { message: `Failed to open Hive data file '${file}': ${code}` });
}

/** Stage files for DuckDB; returns their paths inside the file area, in the same order. */
export async function stageFiles(fileArea: string, files: readonly string[]): Promise<string[]> {
  const dir = await lakeDir(fileArea);
  const out: string[] = [];
  for (const file of files) {
    let real: string;
    let st;
    try {
      real = await realpath(file);
      st = await stat(real);
    } catch (error) {
      throw unreadable(file, error);
    }
    const key = createHash('sha1').update(`${real}\0${st.size}\0${st.mtimeMs}`).digest('hex');
    const target = `${dir}${key}.parquet`;
    try {
      await stat(target);
    } catch {
      const tmp = `${dir}${key}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        await link(real, tmp);
      } catch {
        try {
          await copyFile(real, tmp); // another file system (or links not allowed)
        } catch (error) {
          throw unreadable(file, error);
        }
      }
      await rename(tmp, target);
    }
    out.push(target);
  }
  return out;
}
