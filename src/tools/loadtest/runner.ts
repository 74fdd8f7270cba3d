/**
 * The open-loop engine. A dispatcher enqueues request i at its intended time from the schedule,
 * whatever the server is doing; a fixed pool of connections drains the queue in order. Latency is
 * completion − intended time, so time spent queued behind a slow response counts (no coordinated
 * omission); service time (completion − actual send) is kept separately to show the difference.
 */
import { performance } from 'node:perf_hooks';
import type { Connection } from 'mysql2/promise';
import { connect, errorMessage, errorNumber, type Target } from '../common/index.js';
import { Histogram } from './histogram.js';
import { mulberry32, type Schedule } from './schedule.js';
import { picker, type Statement } from './mix.js';

/** Everything a run needs. */
export interface RunConfig {
  readonly target: Target;
  readonly statements: readonly Statement[];
  readonly schedule: Schedule;
  readonly connections: number;
  readonly thinkTimeMs: number;
  readonly maxRequests: number;
  /** After the schedule ends, wait this long for queued/in-flight requests. */
  readonly drainMs: number;
  readonly queryTimeoutMs: number;
  readonly seed: number;
  readonly onTick?: (tick: Tick) => void;
}

/** A once-a-second progress snapshot. */
export interface Tick {
  readonly elapsedMs: number;
  readonly durationMs: number;
  readonly scheduled: number;
  readonly completed: number;
  readonly errors: number;
  readonly intervalCompleted: number;
  readonly intervalP50: number;
  readonly intervalP99: number;
  readonly intervalMax: number;
  readonly queued: number;
  readonly inflight: number;
}

/** Per-statement results. */
export interface StatementStats {
  readonly name: string;
  readonly latency: Histogram;
  readonly service: Histogram;
  ok: number;
  errors: number;
}

/** One second of the run, by intended send time. */
export interface Second {
  readonly second: number;
  scheduled: number;
  completed: number;
  errors: number;
  readonly latency: Histogram;
}

/** What a run produced (latencies in microseconds). */
export interface RunResult {
  readonly durationMs: number;
  readonly wallMs: number;
  readonly scheduled: number;
  readonly sent: number;
  readonly sentInWindow: number;
  readonly completedInWindow: number;
  readonly ok: number;
  readonly errors: number;
  readonly unfinished: number;
  readonly latency: Histogram;
  readonly service: Histogram;
  readonly statements: readonly StatementStats[];
  readonly errorsByCode: ReadonlyMap<string, { count: number; message: string }>;
  readonly seconds: readonly Second[];
  /** Up to 20 000 sampled requests: [intended s, latency ms, statement index, error 0/1]. */
  readonly samples: readonly (readonly [number, number, number, number])[];
}

interface Request {
  readonly intended: number;
  readonly statement: number;
  readonly params: unknown[];
}

interface Worker {
  conn: Connection;
  busy: boolean;
}

const SAMPLE_MAX = 20_000;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Run the load; resolves when the schedule is done and the queue drained (or drain timed out). */
export async function runLoad(cfg: RunConfig): Promise<RunResult> {
  const workers: Worker[] = [];
  for (let i = 0; i < cfg.connections; i++) workers.push({ conn: await connect(cfg.target), busy: false });
  const state = new RunState(cfg, workers);
  try {
    return await state.run();
  } finally {
    for (const w of workers) {
      if (w.busy) w.conn.destroy();
      else await w.conn.end().catch(() => undefined);
    }
  }
}

class RunState {
  private readonly queue: Request[] = [];
  private head = 0;
  private readonly idle: Worker[];
  private readonly pick: (rand: () => number) => Statement;
  private readonly rand: () => number;
  private readonly sampleRand: () => number;
  private start = 0;
  private stopped = false;
  private inflight = 0;
  private scheduled = 0;
  private sent = 0;
  private sentInWindow = 0;
  private completedInWindow = 0;
  private ok = 0;
  private errors = 0;
  private seen = 0;
  private readonly latency = new Histogram();
  private readonly service = new Histogram();
  private readonly interval = new Histogram({ subBits: 7 });
  private intervalCompleted = 0;
  private readonly stats: StatementStats[];
  private readonly errorsByCode = new Map<string, { count: number; message: string }>();
  private readonly seconds = new Map<number, Second>();
  private readonly samples: [number, number, number, number][] = [];
  private drained: (() => void) | undefined;

  constructor(
    private readonly cfg: RunConfig,
    workers: readonly Worker[],
  ) {
    this.idle = [...workers];
    this.pick = picker(cfg.statements);
    this.rand = mulberry32(cfg.seed);
    this.sampleRand = mulberry32(cfg.seed ^ 0x9e3779b9);
    this.stats = cfg.statements.map((s) => ({
      name: s.name,
      latency: new Histogram(),
      service: new Histogram(),
      ok: 0,
      errors: 0,
    }));
  }

  private now(): number {
    return performance.now() - this.start;
  }

  async run(): Promise<RunResult> {
    this.start = performance.now();
    const ticker = setInterval(() => this.tick(), 1000);
    try {
      await this.dispatch();
      await this.drain();
    } finally {
      clearInterval(ticker);
      this.stopped = true;
    }
    const wallMs = this.now();
    const pending = this.queue.length - this.head + this.inflight;
    return {
      durationMs: this.cfg.schedule.durationMs,
      wallMs,
      scheduled: this.scheduled,
      sent: this.sent,
      sentInWindow: this.sentInWindow,
      completedInWindow: this.completedInWindow,
      ok: this.ok,
      errors: this.errors,
      unfinished: pending,
      latency: this.latency,
      service: this.service,
      statements: this.stats,
      errorsByCode: this.errorsByCode,
      seconds: [...this.seconds.values()].sort((a, b) => a.second - b.second),
      samples: this.samples,
    };
  }

  /** Enqueue every request at its intended time; never waits for responses. */
  private async dispatch(): Promise<void> {
    let next = this.cfg.schedule.next();
    while (next !== undefined && this.scheduled < this.cfg.maxRequests) {
      const wait = next - this.now();
      if (wait > 0) {
        // Never send early (latency would be understated); timers have ~1 ms granularity.
        await sleep(wait >= 1 ? Math.floor(wait) : 0);
        continue;
      }
      const statement = this.pick(this.rand);
      const index = this.cfg.statements.indexOf(statement);
      this.queue.push({ intended: next, statement: index, params: statement.draw(this.rand) });
      this.scheduled++;
      this.secondOf(next).scheduled++;
      this.pump();
      next = this.cfg.schedule.next();
      // Yield now and then so responses are processed even when far behind schedule.
      if (this.scheduled % 256 === 0) await sleep(0);
    }
  }

  private async drain(): Promise<void> {
    if (this.inflight === 0 && this.head >= this.queue.length) return;
    await Promise.race([new Promise<void>((resolve) => (this.drained = resolve)), sleep(this.cfg.drainMs)]);
  }

  private secondOf(intendedMs: number): Second {
    const s = Math.floor(intendedMs / 1000);
    let sec = this.seconds.get(s);
    if (sec === undefined) {
      sec = { second: s, scheduled: 0, completed: 0, errors: 0, latency: new Histogram({ subBits: 6 }) };
      this.seconds.set(s, sec);
    }
    return sec;
  }

  private pump(): void {
    while (!this.stopped && this.idle.length > 0 && this.head < this.queue.length) {
      const worker = this.idle.pop();
      const req = this.queue[this.head++];
      if (worker === undefined || req === undefined) break;
      if (this.head > 65_536 && this.head * 2 > this.queue.length) {
        this.queue.splice(0, this.head);
        this.head = 0;
      }
      void this.execute(worker, req);
    }
  }

  private async execute(worker: Worker, req: Request): Promise<void> {
    const statement = this.cfg.statements[req.statement];
    if (statement === undefined) return;
    worker.busy = true;
    this.inflight++;
    const sentAt = this.now();
    this.sent++;
    if (sentAt <= this.cfg.schedule.durationMs) this.sentInWindow++;
    let error: unknown;
    try {
      await worker.conn.query({ sql: statement.sql, timeout: this.cfg.queryTimeoutMs }, req.params);
    } catch (e) {
      error = e;
    }
    const done = this.now();
    this.inflight--;
    worker.busy = false;
    if (!this.stopped) this.record(req, sentAt, done, error);
    if (error !== undefined && (error as { fatal?: boolean }).fatal === true && !this.stopped) {
      worker.conn = await connect(this.cfg.target).catch(() => worker.conn);
    }
    if (this.cfg.thinkTimeMs > 0) await sleep(this.cfg.thinkTimeMs);
    if (this.stopped) return;
    this.idle.push(worker);
    this.pump();
    if (this.inflight === 0 && this.head >= this.queue.length && this.drained !== undefined) this.drained();
  }

  private record(req: Request, sentAt: number, done: number, error: unknown): void {
    const latencyUs = (done - req.intended) * 1000;
    const serviceUs = (done - sentAt) * 1000;
    const st = this.stats[req.statement];
    const sec = this.secondOf(req.intended);
    if (done <= this.cfg.schedule.durationMs) this.completedInWindow++;
    if (error === undefined) {
      this.ok++;
      this.latency.record(latencyUs);
      this.service.record(serviceUs);
      st?.latency.record(latencyUs);
      st?.service.record(serviceUs);
      if (st !== undefined) st.ok++;
      sec.completed++;
      sec.latency.record(latencyUs);
      this.interval.record(latencyUs);
    } else {
      this.errors++;
      if (st !== undefined) st.errors++;
      sec.errors++;
      const code = String(errorNumber(error) ?? (error as { code?: unknown }).code ?? 'client');
      const entry = this.errorsByCode.get(code) ?? { count: 0, message: errorMessage(error).slice(0, 200) };
      entry.count++;
      this.errorsByCode.set(code, entry);
    }
    this.intervalCompleted++;
    this.sample(req, latencyUs / 1000, error !== undefined);
  }

  /** Reservoir sampling keeps a uniform sample of requests for the scatter chart. */
  private sample(req: Request, latencyMs: number, isError: boolean): void {
    this.seen++;
    const point: [number, number, number, number] = [
      req.intended / 1000,
      latencyMs,
      req.statement,
      isError ? 1 : 0,
    ];
    if (this.samples.length < SAMPLE_MAX) this.samples.push(point);
    else {
      const j = Math.floor(this.sampleRand() * this.seen);
      if (j < SAMPLE_MAX) this.samples[j] = point;
    }
  }

  private tick(): void {
    this.cfg.onTick?.({
      elapsedMs: this.now(),
      durationMs: this.cfg.schedule.durationMs,
      scheduled: this.scheduled,
      completed: this.ok + this.errors,
      errors: this.errors,
      intervalCompleted: this.intervalCompleted,
      intervalP50: this.interval.percentile(50) / 1000,
      intervalP99: this.interval.percentile(99) / 1000,
      intervalMax: this.interval.count === 0 ? Number.NaN : this.interval.max / 1000,
      queued: this.queue.length - this.head,
      inflight: this.inflight,
    });
    this.interval.reset();
    this.intervalCompleted = 0;
  }
}
