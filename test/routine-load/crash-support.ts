/** kill -9 during Routine Load consumption, shared by the test (few moments) and bench/routine-load/crash.ts (many). */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KafkajsSource, clientConfigFrom } from '../../src/load/kafka/index.js';
import { startKafkaMock } from '../../src/testing/index.js';
import { openDatabase } from '../../src/session/database.js';
import { DuckJobStore } from '../../src/load/routine/index.js';

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'crash-child.ts');
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface CrashReport {
  readonly moments: number;
  readonly produced: number;
  readonly rows: number;
  readonly distinctKeys: number;
  readonly progress: Record<string, number>;
  readonly endOffsets: Record<string, number>;
  readonly killDelaysMs: number[];
}

/** Where children's stderr goes (the bench prints it; the test keeps it for failures). */
let stderrSink: ((text: string) => void) | null = null;

function startChild(
  dir: string,
  bootstrap: string,
  topic: string,
): { proc: ChildProcess; ready: Promise<void> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, bootstrap, topic], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  proc.stderr?.on('data', (c: Buffer) => {
    err += c.toString();
    stderrSink?.(c.toString());
  });
  const ready = new Promise<void>((resolve, reject) => {
    proc.stdout?.on('data', (c: Buffer) => {
      if (c.toString().includes('ready')) resolve();
    });
    proc.once('exit', (code, sig) => reject(new Error(`child exited ${code ?? sig} before ready: ${err}`)));
  });
  ready.catch(() => undefined);
  return { proc, ready };
}

function killed(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  const gone = new Promise<void>((r) => proc.once('exit', () => r()));
  proc.kill('SIGKILL');
  return gone;
}

/** Produce `n` keyed JSON messages while killing the consumer `moments` times at random points. */
export async function runCrash(opts: {
  n: number;
  moments: number;
  seed?: number;
  log?: (s: string) => void;
}): Promise<CrashReport> {
  stderrSink = opts.log ?? null;
  let seed = opts.seed ?? 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const mock = await startKafkaMock();
  const dir = mkdtempSync(join(tmpdir(), 'rockling-rl-crash-'));
  const topic = 'crash_topic';
  const delays: number[] = [];
  try {
    const producer = mock.openProducer(topic);
    let sent = 0;
    const produce = (async () => {
      while (sent < opts.n) {
        const batch = Math.min(opts.n - sent, Math.ceil(opts.n / (opts.moments * 40))); // spread over the whole run (~2 s per moment)
        for (let i = 0; i < batch; i++, sent++) producer.write(`{"k": ${sent}, "v": "v${sent}"}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      await producer.end();
    })();
    for (let m = 0; m < opts.moments; m++) {
      const child = startChild(dir, mock.bootstrap, topic);
      await child.ready;
      const delay = Math.floor(rand() * 1200);
      delays.push(delay);
      await new Promise((r) => setTimeout(r, delay));
      await killed(child.proc);
      opts.log?.(`moment ${m + 1}/${opts.moments}: killed after ${delay} ms (produced ${sent})`);
    }
    await produce;
    const source = new KafkajsSource(clientConfigFrom(mock.bootstrap, {}));
    const parts = await source.partitions(topic);
    const marks = await source.watermarks(topic, parts);
    await source.close();
    const endOffsets = Object.fromEntries([...marks].map(([p, w]) => [String(p), w.high]));
    const total = Object.values(endOffsets).reduce((a, b) => a + b, 0);
    // final run: let it catch up to the end offsets, then stop cleanly
    const last = startChild(dir, mock.bootstrap, topic);
    await last.ready;
    const deadline = Date.now() + 60_000;
    let progress: Record<string, number> = {};
    while (Date.now() < deadline) {
      const line = await new Promise<string>((r) =>
        last.proc.stdout?.once('data', (c: Buffer) => r(c.toString())),
      );
      const m = /progress (\{[^}]*\})/.exec(line);
      if (m?.[1]) progress = JSON.parse(m[1]) as Record<string, number>;
      if (Object.keys(endOffsets).every((p) => progress[p] === endOffsets[p])) break;
    }
    await killed(last.proc);
    const db = await openDatabase({ dataDir: dir, threads: 1 });
    const session = await db.openInternalSession();
    let rows = 0;
    let distinct = 0;
    for await (const r of session.query('SELECT count(*), count(DISTINCT k) FROM crash.events')) {
      if (r.kind !== 'rows') continue;
      for await (const b of r.batches)
        for (const row of b) [rows, distinct] = [Number(row[0]), Number(row[1])];
    }
    const stored = (await (await DuckJobStore.open(db.engine)).loadJobs())[0];
    await session.close();
    await db.close();
    return {
      moments: opts.moments,
      produced: total,
      rows,
      distinctKeys: distinct,
      progress: stored ? { ...stored.progress } : progress,
      endOffsets,
      killDelaysMs: delays,
    };
  } finally {
    await mock.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
