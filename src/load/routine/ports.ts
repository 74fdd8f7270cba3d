/**
 * What the Routine Load runtime needs from the outside, as interfaces: a clock, durable job
 * records, and the batch commit. The commit is the exactly-once point: `commitBatch` converts the
 * batch's messages into rows of the target table and writes those rows AND the job record that
 * `finish` returns (new offsets, statistics) in ONE storage transaction. After a crash either
 * both are there or neither, so a restarted job re-reads exactly the uncommitted messages.
 */
import type { KafkaMessage } from '../kafka/index.js';
import type { BatchOutcome } from './accounting.js';
import type { RoutineLoadJob } from './job.js';

export interface Clock {
  now(): number;
  /** Resolves after `ms` (or early when `signal` aborts). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Real time. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/** Durable job records (state, properties, progress, statistics). */
export interface JobStore {
  /** Every job, including STOPPED/CANCELLED ones (SHOW ALL). */
  loadJobs(): Promise<RoutineLoadJob[]>;
  /** Insert or replace one job record (state changes outside batch commits). */
  saveJob(job: RoutineLoadJob): Promise<void>;
  /** The next job id (monotonic across restarts). */
  nextJobId(): Promise<number>;
}

/** The messages of one task batch, in offset order per partition. */
export interface ConsumedBatch {
  readonly messages: readonly KafkaMessage[];
  readonly bytes: number;
  /** Next offset per partition of the task after this batch. */
  readonly next: ReadonlyMap<number, number>;
  readonly timestamps: ReadonlyMap<number, number>;
  readonly startedAt: number;
}

/** How many rows of a batch go where, before anything is written. */
export interface BatchCounts {
  readonly totalRows: number;
  readonly loadedRows: number;
  readonly filteredRows: number;
  readonly unselectedRows: number;
  readonly errorLogUrl?: string;
}

export type CommitResult =
  | { readonly kind: 'committed'; readonly txnId: number; readonly job: RoutineLoadJob }
  | {
      readonly kind: 'aborted';
      readonly txnId: number;
      readonly message: string;
      readonly filterRatio: boolean;
    };

export interface BatchCommitter {
  /**
   * Convert and write `batch` for `job`. `finish` gets the batch's outcome and returns the job
   * record to persist in the same transaction; a batch over max_filter_ratio is not written
   * (`aborted` with `filterRatio`). A batch whose rows are all filtered still commits (offsets
   * advance, as in StarRocks).
   */
  commitBatch(
    job: RoutineLoadJob,
    batch: ConsumedBatch,
    finish: (outcome: BatchOutcome) => RoutineLoadJob,
  ): Promise<CommitResult>;
}
