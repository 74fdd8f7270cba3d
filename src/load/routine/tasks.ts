/**
 * Task division and the task records SHOW ROUTINE LOAD TASK lists. A task = one batch = one
 * transaction over a fixed set of partitions; partitions are dealt round-robin over
 * min(desired_concurrent_number, partitions, max_routine_load_task_concurrent_num) tasks.
 */
import { DEFAULTS } from './properties.js';
import type { RoutineLoadJob } from './job.js';

export type TxnStatus = 'UNKNOWN' | 'PREPARE' | 'COMMITTED' | 'VISIBLE' | 'ABORTED';

export interface TaskInfo {
  readonly taskId: string;
  readonly jobId: number;
  readonly partitions: readonly number[];
  readonly txnId: number;
  readonly txnStatus: TxnStatus;
  readonly createTime: number;
  readonly lastScheduledTime: number | null;
  readonly executeStartTime: number | null;
  readonly timeoutS: number;
  readonly message: string;
}

/** How many tasks the job runs now. */
export function concurrentTaskNum(job: RoutineLoadJob, partitionCount: number): number {
  return Math.max(
    0,
    Math.min(job.props.desiredConcurrentNumber, partitionCount, DEFAULTS.maxConcurrentTasks),
  );
}

/** Deal `partitions` round-robin into `n` groups (partition i → task i mod n). */
export function divide(partitions: readonly number[], n: number): number[][] {
  const groups: number[][] = Array.from({ length: n }, () => []);
  partitions.forEach((p, i) => groups[i % n]?.push(p));
  return groups.filter((g) => g.length > 0);
}

/** SHOW ROUTINE LOAD TASK's DataSourceProperties: `Progress:{"0":6},LatestOffset:null`. */
export function taskSourceText(job: RoutineLoadJob, task: TaskInfo): string {
  const progress: Record<string, number> = {};
  for (const p of task.partitions) progress[String(p)] = job.progress[String(p)] ?? -1;
  const latest: Record<string, number> = {};
  for (const p of task.partitions) {
    const h = job.latest[String(p)];
    if (h !== undefined) latest[String(p)] = h;
  }
  return `Progress:${JSON.stringify(progress)},LatestOffset:${
    Object.keys(latest).length > 0 ? JSON.stringify(latest) : 'null'
  }`;
}
