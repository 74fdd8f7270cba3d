/**
 * The running side of one job: resolve partitions and logical offsets (NEED_SCHEDULE → RUNNING),
 * then run one loop per task over its partitions. A task long-polls its partitions from the
 * stored offsets, ends its batch on task_consume_second / max_batch_rows / max_batch_size, or as
 * soon as every partition is caught up after new records arrived (freshness: StarRocks would wait
 * for the next schedule), and commits rows + offsets atomically through the BatchCommitter.
 * Broker failures while RUNNING are retried with backoff (the job stays RUNNING, OtherMsg says
 * why); failing to fetch partitions while NEED_SCHEDULE pauses the job, as StarRocks does.
 */
import { KafkaSourceError, type KafkaMessage, type KafkaSource } from '../kafka/index.js';
import { applyAbort, applyCommit } from './accounting.js';
import {
  addPartitions,
  jobPartitions,
  markRunning,
  pauseJob,
  REASON,
  setLatest,
  setProgress,
  type ErrorReason,
  type RoutineLoadJob,
} from './job.js';
import type { BatchCommitter, Clock, ConsumedBatch } from './ports.js';
import { concurrentTaskNum, divide, type TaskInfo } from './tasks.js';

/** Serialized access to one job's record (the manager owns the map and the persistence). */
export interface JobHandle {
  get(): RoutineLoadJob;
  /** Apply `fn` under the job's lock; persist when asked. Returns the new record. */
  update(fn: (job: RoutineLoadJob) => RoutineLoadJob, persist: boolean): Promise<RoutineLoadJob>;
  /** Run `fn` under the job's lock (commits); `fn` returns the record to keep. */
  locked(fn: (job: RoutineLoadJob) => Promise<RoutineLoadJob>): Promise<RoutineLoadJob>;
  setTasks(tasks: TaskInfo[]): void;
  patchTask(taskId: string, patch: Partial<TaskInfo>): void;
}

export interface RunnerOptions {
  /** Longest single long-poll while idle (ms); bounds PAUSE/STOP reaction time. */
  readonly pollMs: number;
  /** Rockling's own cap on buffered bytes per batch (max_batch_size defaults to 4 GB). */
  readonly maxBatchBytes: number;
  /** First retry delay after a broker failure; doubles up to max_batch_interval. */
  readonly retryMinMs: number;
  /** How often a RUNNING job without fixed partitions looks for new partitions. */
  readonly partitionRefreshMs: number;
}

export const DEFAULT_RUNNER_OPTIONS: RunnerOptions = {
  pollMs: 500,
  maxBatchBytes: 64 * 1024 * 1024,
  retryMinMs: 500,
  partitionRefreshMs: 10_000,
};

export interface RunnerDeps {
  readonly source: KafkaSource;
  readonly committer: BatchCommitter;
  readonly clock: Clock;
  readonly options: RunnerOptions;
  readonly newTaskId: () => string;
  readonly log: (message: string) => void;
}

/** A batch whose commit fails this many times in a row pauses the job (errCode 104). */
const MAX_COMMIT_FAILURES = 3;

function partitionsError(e: unknown): ErrorReason {
  const msg = e instanceof Error ? e.message : String(e);
  return { code: REASON.PARTITIONS, msg: `Job failed to fetch all current partition with error [${msg}]` };
}

export class JobRunner {
  constructor(
    private readonly h: JobHandle,
    private readonly deps: RunnerDeps,
  ) {}

  /** Run until the job leaves NEED_SCHEDULE/RUNNING or `signal` aborts. */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const job = this.h.get();
      if (job.state === 'NEED_SCHEDULE' && !(await this.schedule())) return;
      if (this.h.get().state !== 'RUNNING') return;
      await this.runEpoch(signal);
    }
  }

  /** NEED_SCHEDULE → RUNNING: partitions, offsets resolved and persisted (OFFSET_END must not move on restart). */
  private async schedule(): Promise<boolean> {
    const { source } = this.deps;
    const job = this.h.get();
    try {
      const fixed = job.kafka.fixedPartitions;
      const partitions = fixed ? fixed.map(([p]) => p) : await source.partitions(job.kafka.topic);
      let next = addPartitions(job, partitions);
      const offsets = new Map(jobPartitions(next).map((p) => [p, next.progress[String(p)] ?? -1]));
      const resolved = await source.resolve(job.kafka.topic, offsets);
      const marks = await source.watermarks(job.kafka.topic, [...offsets.keys()]);
      next = setLatest(setProgress(next, resolved), new Map([...marks].map(([p, w]) => [p, w.high])));
      const settled = next;
      await this.h.update(
        (j) => (j.state === 'NEED_SCHEDULE' ? markRunning({ ...settled, state: j.state }) : j),
        true,
      );
      return true;
    } catch (e) {
      this.deps.log(`routine load ${job.name}: ${String(e)}`);
      await this.h.update(
        (j) => (j.state === 'NEED_SCHEDULE' ? pauseJob(j, partitionsError(e), this.deps.clock.now()) : j),
        true,
      );
      return false;
    }
  }

  /** One division of partitions into tasks; ends when the job stops running or partitions change. */
  private async runEpoch(signal: AbortSignal): Promise<void> {
    const epoch = new AbortController();
    const stop = () => epoch.abort();
    signal.addEventListener('abort', stop, { once: true });
    const job = this.h.get();
    const partitions = jobPartitions(job);
    const groups = divide(partitions, concurrentTaskNum(job, partitions.length));
    const now = this.deps.clock.now();
    const tasks: TaskInfo[] = groups.map((g) => ({
      taskId: this.deps.newTaskId(),
      jobId: job.id,
      partitions: g,
      txnId: -1,
      txnStatus: 'UNKNOWN',
      createTime: now,
      lastScheduledTime: now,
      executeStartTime: null,
      timeoutS: job.props.taskTimeoutSecond,
      message: '',
    }));
    this.taskIds = tasks.map((t) => t.taskId);
    this.h.setTasks(tasks);
    try {
      await Promise.all([
        ...groups.map((g, i) => this.taskLoop(i, g, epoch.signal)),
        job.kafka.fixedPartitions ? Promise.resolve() : this.watchPartitions(epoch),
      ]);
    } finally {
      signal.removeEventListener('abort', stop);
      this.taskIds = [];
      this.h.setTasks([]);
    }
  }

  /** Pick up new partitions of the topic; a change ends the epoch so tasks are re-divided. */
  private async watchPartitions(epoch: AbortController): Promise<void> {
    const { clock, source, options } = this.deps;
    while (!epoch.signal.aborted) {
      await clock.sleep(options.partitionRefreshMs, epoch.signal);
      if (epoch.signal.aborted || this.h.get().state !== 'RUNNING') break;
      const job = this.h.get();
      let partitions: number[];
      try {
        partitions = await source.partitions(job.kafka.topic);
      } catch {
        continue; // a RUNNING job keeps its tasks through a broker hiccup
      }
      const known = new Set(jobPartitions(job));
      const added = partitions.filter((p) => !known.has(p));
      if (added.length === 0) continue;
      try {
        const resolved = await source.resolve(
          job.kafka.topic,
          new Map(added.map((p) => [p, job.kafka.defaultOffset])),
        );
        await this.h.update((j) => setProgress(addPartitions(j, added), resolved), true);
        epoch.abort();
      } catch {
        continue;
      }
    }
  }

  private async taskLoop(index: number, partitions: readonly number[], signal: AbortSignal): Promise<void> {
    const { clock, options } = this.deps;
    let retryMs = options.retryMinMs;
    while (!signal.aborted && this.h.get().state === 'RUNNING') {
      const job = this.h.get();
      let batch: ConsumedBatch | null;
      try {
        batch = await this.consume(job, partitions, signal);
        retryMs = options.retryMinMs;
      } catch (e) {
        if (e instanceof KafkaSourceError && e.retryable) {
          await this.h.update((j) => ({ ...j, otherMsg: `${e.message}; retrying` }), false);
          await clock.sleep(retryMs, signal);
          retryMs = Math.min(retryMs * 2, job.props.maxBatchIntervalS * 1000);
          continue;
        }
        const msg = e instanceof Error ? e.message : String(e);
        await this.h.update((j) => pauseIfActive(j, { code: REASON.TASKS_ABORT, msg }, clock.now()), true);
        return;
      }
      if (batch === null) {
        const id = this.currentTaskId(index);
        const msg = `there is no new data in kafka, wait for ${job.props.maxBatchIntervalS} seconds to schedule again`;
        if (id) this.h.patchTask(id, { message: msg, lastScheduledTime: clock.now() });
        continue;
      }
      const failures = this.commitFailures;
      await this.commit(index, batch);
      if (this.commitFailures > failures) await clock.sleep(options.retryMinMs, signal);
    }
  }

  private async commit(index: number, batch: ConsumedBatch): Promise<void> {
    const { clock, committer } = this.deps;
    const taskId = this.currentTaskId(index);
    await this.h.locked(async (job) => {
      if (job.state !== 'RUNNING') return job; // paused/stopped meanwhile: drop the batch, offsets stay
      if (taskId) this.h.patchTask(taskId, { txnStatus: 'PREPARE', executeStartTime: batch.startedAt });
      try {
        const result = await committer.commitBatch(job, batch, (outcome) =>
          applyCommit(job, outcome, clock.now()),
        );
        if (result.kind === 'committed') {
          this.commitFailures = 0;
          if (taskId) this.h.patchTask(taskId, { txnId: result.txnId, txnStatus: 'VISIBLE', message: '' });
          return result.job;
        }
        if (taskId)
          this.h.patchTask(taskId, { txnId: result.txnId, txnStatus: 'ABORTED', message: result.message });
        const aborted = applyAbort(job, result.message);
        return result.filterRatio
          ? pauseJob(aborted, { code: REASON.TOO_MANY_FAILURE_ROWS, msg: result.message }, clock.now())
          : aborted;
      } catch (e) {
        // StarRocks renews an aborted task; only a failure that repeats pauses the job.
        const msg = e instanceof Error ? e.message : String(e);
        this.deps.log(`routine load ${job.name}: batch commit failed: ${msg}`);
        if (taskId) this.h.patchTask(taskId, { txnStatus: 'ABORTED', message: msg });
        this.commitFailures++;
        const aborted = applyAbort(job, msg);
        if (this.commitFailures < MAX_COMMIT_FAILURES) return aborted;
        return pauseJob(aborted, { code: REASON.TASKS_ABORT, msg }, clock.now());
      }
    });
  }

  /** Consecutive failed commits (reset by a successful one). */
  private commitFailures = 0;

  private taskIds: string[] = [];
  private currentTaskId(index: number): string | undefined {
    return this.taskIds[index];
  }

  /** Read one batch; null when nothing arrived and no offset moved. */
  private async consume(
    job: RoutineLoadJob,
    partitions: readonly number[],
    signal: AbortSignal,
  ): Promise<ConsumedBatch | null> {
    const { clock, source, options } = this.deps;
    const startedAt = clock.now();
    const deadline = startedAt + job.props.taskConsumeSecond * 1000;
    const maxBytes = Math.min(job.props.maxBatchSize, options.maxBatchBytes);
    const start = new Map(partitions.map((p) => [p, job.progress[String(p)] ?? 0]));
    const positions = new Map(start);
    const highs = new Map<number, number>();
    const timestamps = new Map<number, number>();
    const messages: KafkaMessage[] = [];
    let bytes = 0;
    for (;;) {
      const waitMs = messages.length > 0 ? 0 : Math.max(0, Math.min(options.pollMs, deadline - clock.now()));
      const r = await source.fetch(job.kafka.topic, positions, {
        maxWaitMs: waitMs,
        maxBytes: maxBytes - bytes,
      });
      for (const m of r.messages) {
        messages.push(m);
        timestamps.set(m.partition, m.timestamp);
      }
      bytes += r.bytes;
      for (const [p, o] of r.next) positions.set(p, o);
      for (const [p, h] of r.highWatermarks) highs.set(p, h);
      const moved = [...positions].some(([p, o]) => o !== start.get(p));
      if (messages.length >= job.props.maxBatchRows || bytes >= maxBytes) break;
      const caughtUp = partitions.every((p) => (positions.get(p) ?? 0) >= (highs.get(p) ?? Infinity));
      if (caughtUp && moved) break;
      if (clock.now() >= deadline || signal.aborted || this.h.get().state !== 'RUNNING') break;
    }
    await this.h.update((j) => setLatest(j, highs), false);
    const moved = [...positions].some(([p, o]) => o !== start.get(p));
    if (!moved) return null;
    return { messages, bytes, next: positions, timestamps, startedAt };
  }
}

function pauseIfActive(job: RoutineLoadJob, reason: ErrorReason, now: number): RoutineLoadJob {
  return job.state === 'RUNNING' || job.state === 'NEED_SCHEDULE' ? pauseJob(job, reason, now) : job;
}
