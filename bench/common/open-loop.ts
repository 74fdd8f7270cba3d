/**
 * An open-loop load driver: requests are due at a fixed arrival rate whatever the system does,
 * and each latency is measured from the request's *intended* send time. When the system falls
 * behind, requests wait in a queue (bounded in-flight concurrency, like a client's connection
 * pool) and the wait counts, so a stall shows up in P99 instead of silently lowering the load
 * (no coordinated omission).
 */
import { percentile } from './stats.js';

/** Options for {@link runOpenLoop}. */
export interface OpenLoopOptions {
  /** Requests per second. */
  readonly ratePerSec: number;
  /** How long requests keep arriving. */
  readonly durationMs: number;
  /** At most this many requests in flight; the rest queue. */
  readonly maxInFlight: number;
  /** Issue request `i`; resolve when its answer is complete. */
  readonly send: (i: number) => Promise<void>;
  /** Stop waiting for stragglers this long after the last arrival (default 30 s). */
  readonly drainMs?: number;
}

/** Latency summary of one open-loop run (milliseconds). */
export interface OpenLoopResult {
  readonly ratePerSec: number;
  readonly durationMs: number;
  readonly intended: number;
  readonly completed: number;
  readonly errors: number;
  readonly firstError?: string;
  /** Completed requests per second of wall time. */
  readonly achievedPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly p999Ms: number;
  readonly maxMs: number;
  readonly meanMs: number;
}

/** Summarise latencies (any order) into an {@link OpenLoopResult}. */
export function summarizeLatencies(
  latencies: readonly number[],
  base: Pick<OpenLoopResult, 'ratePerSec' | 'durationMs' | 'intended' | 'errors'> & {
    firstError?: string;
    wallMs: number;
  },
): OpenLoopResult {
  const sorted = Float64Array.from(latencies).sort();
  const mean = sorted.length === 0 ? 0 : sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return {
    ratePerSec: base.ratePerSec,
    durationMs: base.durationMs,
    intended: base.intended,
    completed: sorted.length,
    errors: base.errors,
    ...(base.firstError !== undefined ? { firstError: base.firstError } : {}),
    achievedPerSec: base.wallMs > 0 ? (sorted.length * 1000) / base.wallMs : 0,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    p999Ms: percentile(sorted, 0.999),
    maxMs: sorted.length === 0 ? 0 : (sorted[sorted.length - 1] as number),
    meanMs: mean,
  };
}

/** Drive `send` at a fixed rate for the duration and report latencies from intended send times. */
export async function runOpenLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const interval = 1000 / options.ratePerSec;
  const total = Math.floor((options.durationMs * options.ratePerSec) / 1000);
  const latencies: number[] = [];
  const queue: number[] = [];
  let inFlight = 0;
  let errors = 0;
  let firstError: string | undefined;
  let issued = 0;
  let finished = 0;
  const t0 = performance.now();
  let wake: (() => void) | undefined;

  const dispatch = (i: number): void => {
    inFlight++;
    const intendedAt = t0 + i * interval;
    options
      .send(i)
      .then(
        () => latencies.push(performance.now() - intendedAt),
        (e: unknown) => {
          errors++;
          firstError ??= e instanceof Error ? e.message : String(e);
        },
      )
      .finally(() => {
        inFlight--;
        finished++;
        const next = queue.shift();
        if (next !== undefined) dispatch(next);
        wake?.();
      });
  };

  while (issued < total) {
    const due = Math.min(total, Math.floor((performance.now() - t0) / interval) + 1);
    for (; issued < due; issued++) {
      if (inFlight < options.maxInFlight) dispatch(issued);
      else queue.push(issued);
    }
    const nextAt = t0 + issued * interval;
    await new Promise<void>((r) => setTimeout(r, Math.max(0, nextAt - performance.now())));
  }
  const drainUntil = performance.now() + (options.drainMs ?? 30_000);
  while (finished < total && performance.now() < drainUntil) {
    await new Promise<void>((r) => {
      wake = r;
      setTimeout(r, 50);
    });
  }
  wake = undefined;
  const unfinished = total - finished;
  return summarizeLatencies(latencies, {
    ratePerSec: options.ratePerSec,
    durationMs: options.durationMs,
    intended: total,
    errors: errors + unfinished,
    ...(firstError !== undefined
      ? { firstError }
      : unfinished > 0
        ? { firstError: `${unfinished} requests unfinished after drain` }
        : {}),
    wallMs: performance.now() - t0,
  });
}
