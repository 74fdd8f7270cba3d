/** MANIFEST.tsv of the conformance corpus: area, runnable flag and internals flags per case. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export interface ManifestRow {
  readonly rFile: string;
  readonly area: string;
  readonly caseName: string;
  readonly runnable: boolean;
  readonly flags: readonly string[];
}

/** Flags that mark dependence on StarRocks internals (plans, config, backends, profiles…). */
export const HARD_FLAGS: readonly string[] = [
  'explain_plan',
  'admin_config',
  'backends_info',
  'profile',
  'statistics',
  'failpoint',
];

export interface Manifest {
  /** The directory MANIFEST.tsv lives in (paths in it are relative to this). */
  readonly root: string;
  lookup(file: string, caseName: string): ManifestRow | undefined;
}

/** Find MANIFEST.tsv in `start` or one of its parents. */
export function findManifest(start: string): Manifest | null {
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, 'MANIFEST.tsv');
    if (existsSync(candidate)) return loadManifest(candidate);
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

export function loadManifest(path: string): Manifest {
  const root = dirname(resolve(path));
  const rows = new Map<string, ManifestRow>();
  const lines = readFileSync(path, 'utf8').split('\n').slice(1);
  for (const line of lines) {
    const [rFile, , area, caseName, , runnable, , flags] = line.split('\t');
    if (rFile === undefined || caseName === undefined || rFile === '') continue;
    rows.set(`${rFile}::${caseName}`, {
      rFile,
      area: area ?? '-',
      caseName,
      runnable: runnable === 'yes',
      flags: flags === undefined || flags === '-' ? [] : flags.split(','),
    });
  }
  return { root, lookup: (file, caseName) => rows.get(`${relative(root, resolve(file))}::${caseName}`) };
}
