/**
 * The refresh scheduler of asynchronous MVs with `EVERY (INTERVAL …)`: a poll loop on an
 * injectable clock. Each due MV is refreshed once per period (missed periods collapse into one
 * run, as StarRocks' task scheduler does); a run still in progress is never started twice.
 */

/** Time source and timer: real by default, manual in tests. */
export interface MvClock {
  now(): number;
  /** Call `fn` every `ms`; returns a cancel function. The loop must not keep the process alive. */
  every(ms: number, fn: () => void): () => void;
}

export const realClock: MvClock = {
  now: () => Date.now(),
  every(ms, fn) {
    const timer = setInterval(fn, ms);
    timer.unref();
    return () => clearInterval(timer);
  },
};

/** What the scheduler needs to know about one MV. */
export interface ScheduledMv {
  readonly tableId: number;
  /** Next due time after `afterMs`, or null when the MV has no schedule (or is inactive). */
  nextRun(afterMs: number): number | null;
}

export class MvScheduler {
  /** tableId → next due time. */
  private readonly due = new Map<number, number>();
  private readonly running = new Set<number>();
  private readonly inFlight = new Set<Promise<void>>();
  private cancel: (() => void) | null = null;
  private stopped = false;

  constructor(
    private readonly clock: MvClock,
    private readonly list: () => readonly ScheduledMv[],
    private readonly refresh: (tableId: number) => Promise<void>,
    private readonly pollMs = 1000,
  ) {}

  start(): void {
    this.cancel ??= this.clock.every(this.pollMs, () => void this.tick());
  }

  /** Stop polling; resolves when refreshes already running have finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancel?.();
    this.cancel = null;
    await this.idle();
  }

  private readonly pending = new Set<number>();

  /**
   * Refresh one MV now, in the background (a base table changed). A trigger while that MV is
   * refreshing runs it once more afterwards, so the last write is always reflected.
   */
  trigger(tableId: number): void {
    if (this.stopped) return;
    if (this.running.has(tableId)) {
      this.pending.add(tableId);
      return;
    }
    void this.start1(tableId);
  }

  /**
   * The MV's refresh in progress, as its latest task run reads: 'PENDING' when another run is
   * queued behind the running one, 'RUNNING' while one runs, null when none does.
   */
  activity(tableId: number): 'RUNNING' | 'PENDING' | null {
    if (this.pending.has(tableId)) return 'PENDING';
    return this.running.has(tableId) ? 'RUNNING' : null;
  }

  /** Resolves when no refresh is running (tests). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private start1(tableId: number): Promise<void> {
    this.running.add(tableId);
    const run: Promise<void> = this.refresh(tableId)
      .catch(() => undefined) // the outcome is recorded in the MV's state
      .finally(() => {
        this.running.delete(tableId);
        this.inFlight.delete(run);
        if (this.pending.delete(tableId) && !this.stopped) void this.start1(tableId);
      });
    this.inFlight.add(run);
    return run;
  }

  /** Forget an MV's slot (after ALTER … REFRESH, DROP, or a manual refresh). */
  reschedule(tableId: number): void {
    this.due.delete(tableId);
  }

  /** Refresh every MV that is due now; resolves when those refreshes finished. */
  async tick(): Promise<number> {
    if (this.stopped) return 0;
    const now = this.clock.now();
    const runs: Promise<void>[] = [];
    const seen = new Set<number>();
    for (const mv of this.list()) {
      seen.add(mv.tableId);
      let at = this.due.get(mv.tableId);
      if (at === undefined) {
        const next = mv.nextRun(now);
        if (next === null) continue;
        // First sight (creation, restart): the first slot after now.
        this.due.set(mv.tableId, next);
        at = next;
      }
      if (at > now || this.running.has(mv.tableId)) continue;
      const next = mv.nextRun(now);
      if (next === null) this.due.delete(mv.tableId);
      else this.due.set(mv.tableId, next);
      runs.push(this.start1(mv.tableId));
    }
    for (const id of [...this.due.keys()]) if (!seen.has(id)) this.due.delete(id);
    await Promise.all(runs);
    return runs.length;
  }
}
