/**
 * What a finished batch does to its job: progress moves to the batch's end offsets, statistics
 * add up, and the max_error_number window (StarRocks RoutineLoadJob.updateNumOfData) may pause
 * the job. An aborted batch moves nothing but the abort counter.
 */
import { pauseJob, REASON, type RoutineLoadJob } from './job.js';

/** One committed batch as the committer reports it. */
export interface BatchOutcome {
  /** Rows parsed from the batch's messages (loaded + filtered + unselected). */
  readonly totalRows: number;
  readonly loadedRows: number;
  /** Rows rejected by format/type/strict-mode checks (StarRocks "error rows"). */
  readonly filteredRows: number;
  /** Rows dropped by the WHERE predicate. */
  readonly unselectedRows: number;
  readonly receivedBytes: number;
  readonly executeTimeMs: number;
  /** The next offset per partition after this batch. */
  readonly next: ReadonlyMap<number, number>;
  /** Timestamp of the last consumed record per partition. */
  readonly timestamps: ReadonlyMap<number, number>;
  readonly errorLogUrl?: string;
}

/** StarRocks' text for a job paused by the error window. */
export function tooManyErrorsMessage(errors: number, max: number): string {
  return (
    `Current error rows: ${errors} is more than max error num: ${max}. Check the 'TrackingSQL' field for ` +
    `detailed information. If you are sure that the data has many errors, you can set 'max_error_number' ` +
    `property to a greater value through ALTER ROUTINE LOAD and RESUME the job`
  );
}

/** Does this batch exceed max_filter_ratio (filtered / (loaded + filtered))? Then it must not commit. */
export function exceedsFilterRatio(job: RoutineLoadJob, loadedRows: number, filteredRows: number): boolean {
  const considered = loadedRows + filteredRows;
  if (considered === 0 || job.props.maxFilterRatio >= 1) return false;
  return filteredRows / considered > job.props.maxFilterRatio;
}

/** Apply a committed batch (its rows and offsets are durable already). */
export function applyCommit(job: RoutineLoadJob, outcome: BatchOutcome, now: number): RoutineLoadJob {
  const progress = { ...job.progress };
  for (const [p, next] of outcome.next) progress[String(p)] = next;
  const timestampProgress = { ...job.timestampProgress };
  for (const [p, ts] of outcome.timestamps) timestampProgress[String(p)] = ts;
  const s = job.stats;
  let currentErrorRows = s.currentErrorRows + outcome.filteredRows;
  let currentTotalRows = s.currentTotalRows + outcome.totalRows;
  let pause = false;
  if (currentTotalRows > job.props.maxBatchRows * 10) {
    pause = currentErrorRows > job.props.maxErrorNumber;
    currentErrorRows = 0;
    currentTotalRows = 0;
  } else if (currentErrorRows > job.props.maxErrorNumber) {
    pause = true;
  }
  const errorsSeen = s.currentErrorRows + outcome.filteredRows;
  const updated: RoutineLoadJob = {
    ...job,
    progress,
    timestampProgress,
    errorLogUrls:
      outcome.errorLogUrl !== undefined
        ? [...job.errorLogUrls, outcome.errorLogUrl].slice(-3) // StarRocks: EvictingQueue(3), oldest first
        : job.errorLogUrls,
    stats: {
      totalRows: s.totalRows + outcome.totalRows,
      loadedRows: s.loadedRows + outcome.loadedRows,
      errorRows: s.errorRows + outcome.filteredRows,
      unselectedRows: s.unselectedRows + outcome.unselectedRows,
      receivedBytes: s.receivedBytes + outcome.receivedBytes,
      committedTaskNum: s.committedTaskNum + 1,
      abortedTaskNum: s.abortedTaskNum,
      taskExecuteTimeMs: s.taskExecuteTimeMs + outcome.executeTimeMs,
      currentErrorRows,
      currentTotalRows,
    },
  };
  if (!pause || (updated.state !== 'RUNNING' && updated.state !== 'NEED_SCHEDULE')) return updated;
  return pauseJob(
    updated,
    { code: REASON.TOO_MANY_FAILURE_ROWS, msg: tooManyErrorsMessage(errorsSeen, job.props.maxErrorNumber) },
    now,
  );
}

/** A batch that did not commit: offsets stay, the abort is counted, the message kept. */
export function applyAbort(job: RoutineLoadJob, message: string): RoutineLoadJob {
  return { ...job, otherMsg: message, stats: { ...job.stats, abortedTaskNum: job.stats.abortedTaskNum + 1 } };
}
