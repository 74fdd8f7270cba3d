/** A description of the machine a benchmark ran on, recorded next to every result. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, freemem, totalmem, release, platform, arch, loadavg } from 'node:os';

/** What we record about the machine and software. */
export interface MachineDescription {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryBytes: number;
  readonly freeMemoryBytes: number;
  readonly os: string;
  readonly node: string;
  /** 1-minute load average when the run started: a busy shared machine explains noisy numbers. */
  readonly loadAverage1m: number;
  readonly gitCommit: string | undefined;
  /** Versions of the systems under test, e.g. { duckdb: 'v1.5.6' }. */
  readonly versions: Readonly<Record<string, string>>;
}

/**
 * The commit being measured. A benchmark may run from a `git archive` snapshot (so that other
 * people's rebuilds of dist/ cannot change the server mid-run); such a snapshot has no .git and
 * names its commit in a `.git-commit` file instead.
 */
function gitCommit(): string | undefined {
  try {
    const out = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return out.toString().trim() || undefined;
  } catch {
    try {
      return readFileSync('.git-commit', 'utf8').trim() || undefined;
    } catch {
      return undefined;
    }
  }
}

/** Describe this machine; `versions` names the systems under test and their versions. */
export function describeMachine(versions: Readonly<Record<string, string>> = {}): MachineDescription {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryBytes: totalmem(),
    freeMemoryBytes: freemem(),
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
    loadAverage1m: loadavg()[0] ?? 0,
    gitCommit: gitCommit(),
    versions,
  };
}

/** One line for terminal output: `2 cores (AMD EPYC …), 23.4 GiB, linux 6.1 x64, node v20…`. */
export function machineSummary(m: MachineDescription): string {
  const gib = (m.memoryBytes / 2 ** 30).toFixed(1);
  const versions = Object.entries(m.versions)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return `${m.cores} cores (${m.cpuModel}), ${gib} GiB RAM, ${m.os}, node ${m.node}${versions === '' ? '' : `, ${versions}`}`;
}
