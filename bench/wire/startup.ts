/**
 * Start-up of `rockling serve` on an empty data directory: time from spawn to the first answered
 * `SELECT 1` over the MySQL protocol, the process CPU spent until then (all threads, from /proc),
 * and the resident size after idling 1.5 s with one open session. Several builds are started in
 * turn (A B A B …) so that load bursts on a shared machine hit all of them.
 *
 *   node --import tsx bench/wire/startup.ts [--starts 5] [--main dist/src/cli/main.js[,other/main.js]]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConnection } from 'mysql2/promise';
import { freePort } from '../../src/testing/index.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

function proc(pid: number): { cpuMs: number; rssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return {
    cpuMs: (Number(stat[11]) + Number(stat[12])) * 10, // USER_HZ 100
    rssMb: Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024,
  };
}

async function startOnce(main: string): Promise<{ ms: number; cpuMs: number; rssMb: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'rockling-startup-'));
  const [port, http, be] = [await freePort(), await freePort(), await freePort()];
  const args = [main, 'serve', '--data-dir', dir, '--query-port', String(port)];
  args.push('--http-port', String(http), '--be-http-port', String(be), '--log-level', 'warn');
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`rockling serve exited with ${child.exitCode}`);
      try {
        const c = await createConnection({ host: '127.0.0.1', port, user: 'root' });
        await c.query('SELECT 1');
        const ms = performance.now() - t0;
        const { cpuMs } = proc(child.pid as number);
        await new Promise((r) => setTimeout(r, 1500));
        const { rssMb } = proc(child.pid as number);
        await c.end();
        return { ms, cpuMs, rssMb };
      } catch (e) {
        if (performance.now() - t0 > 60_000) throw e;
        await new Promise((r) => setTimeout(r, 5));
      }
    }
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return ((s[(s.length - 1) >> 1] as number) + (s[s.length >> 1] as number)) / 2;
}

async function main(): Promise<void> {
  const starts = Number(arg('starts', '5'));
  const mains = arg('main', join(ROOT, 'dist', 'src', 'cli', 'main.js')).split(',');
  const figures = mains.map(() => [] as { ms: number; cpuMs: number; rssMb: number }[]);
  const load0 = loadavg();
  for (let i = 0; i < starts; i++) {
    for (const [k, m] of mains.entries()) {
      const f = await startOnce(m);
      figures[k]?.push(f);
      process.stdout.write(
        `${m}: start ${i + 1}: ${f.ms.toFixed(0)} ms to SELECT 1 (process CPU ${f.cpuMs} ms), idle RSS ${f.rssMb.toFixed(0)} MB\n`,
      );
    }
  }
  process.stdout.write(
    `\nload average ${load0.map((x) => x.toFixed(2)).join(' ')} → ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}\n`,
  );
  for (const [k, m] of mains.entries()) {
    const fs = figures[k] ?? [];
    process.stdout.write(
      `${m}: median ${median(fs.map((f) => f.ms)).toFixed(0)} ms (min ${Math.min(...fs.map((f) => f.ms)).toFixed(0)}), CPU median ${median(fs.map((f) => f.cpuMs)).toFixed(0)} ms, idle RSS ${median(fs.map((f) => f.rssMb)).toFixed(0)} MB\n`,
    );
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`startup bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
