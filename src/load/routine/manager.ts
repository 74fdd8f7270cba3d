/**
 * The Routine Load registry: creates jobs, applies PAUSE/RESUME/STOP/ALTER with StarRocks'
 * transitions, runs a JobRunner per active job, and answers SHOW. Job records are kept in memory
 * and persisted through the JobStore on every state change (and, by the committer, with every
 * batch), so jobs and their progress survive a restart: `open` reloads them and restarts every
 * NEED_SCHEDULE/RUNNING job from its stored offsets.
 */
import { randomUUID } from 'node:crypto';
import {
  KafkaSourceError,
  clientConfigFrom,
  type KafkaSource,
  type KafkaClientConfig,
} from '../kafka/index.js';
import {
  createJob,
  isFinal,
  pauseJob,
  REASON,
  resumeJob,
  stopJob,
  type NewJob,
  type RoutineLoadJob,
} from './job.js';
import { analysisError, userError } from './properties.js';
import { systemClock, type BatchCommitter, type Clock, type JobStore } from './ports.js';
import { DEFAULT_RUNNER_OPTIONS, JobRunner, type JobHandle, type RunnerOptions } from './runner.js';
import type { TaskInfo } from './tasks.js';
import { jobMetrics, type JobMetrics } from './show.js';

export interface ManagerOptions {
  readonly store: JobStore;
  readonly committer: BatchCommitter;
  readonly sourceFactory: (config: KafkaClientConfig) => KafkaSource;
  readonly clock?: Clock;
  readonly runner?: Partial<RunnerOptions>;
  readonly log?: (message: string) => void;
}

/** CREATE ROUTINE LOAD's input once the statement is analyzed. */
export type CreateSpec = Omit<NewJob, 'id' | 'now' | 'uuid'>;

class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

interface Entry {
  job: RoutineLoadJob;
  readonly lock: Mutex;
  tasks: TaskInfo[];
  run?: { controller: AbortController; done: Promise<void>; source: KafkaSource } | undefined;
}

export class RoutineLoadManager {
  private readonly entries = new Map<number, Entry>();
  private readonly clock: Clock;
  private readonly runnerOptions: RunnerOptions;
  private closed = false;

  private constructor(private readonly opts: ManagerOptions) {
    this.clock = opts.clock ?? systemClock;
    this.runnerOptions = { ...DEFAULT_RUNNER_OPTIONS, ...opts.runner };
  }

  /** Load every stored job and start the active ones. */
  static async open(opts: ManagerOptions): Promise<RoutineLoadManager> {
    const manager = new RoutineLoadManager(opts);
    for (const job of await opts.store.loadJobs())
      manager.entries.set(job.id, { job, lock: new Mutex(), tasks: [] });
    for (const entry of manager.entries.values()) manager.ensureRunning(entry);
    return manager;
  }

  /** Every job (SHOW ALL), or only non-final ones; optionally one database / one name. */
  list(filter: { db?: string; name?: string; includeHistory?: boolean } = {}): RoutineLoadJob[] {
    return [...this.entries.values()]
      .map((e) => e.job)
      .filter((j) => filter.db === undefined || j.dbName === filter.db)
      .filter((j) => filter.name === undefined || j.name === filter.name)
      .filter((j) => filter.includeHistory === true || !isFinal(j.state))
      .sort((a, b) => a.id - b.id);
  }

  /** The running tasks of a job (SHOW ROUTINE LOAD TASK). */
  tasks(jobId: number): TaskInfo[] {
    return [...(this.entries.get(jobId)?.tasks ?? [])];
  }

  currentTaskNum(jobId: number): number {
    return this.entries.get(jobId)?.tasks.length ?? 0;
  }

  metrics(): JobMetrics[] {
    return this.list({ includeHistory: true }).map(jobMetrics);
  }

  /** The non-final job named `name` in `db` (PAUSE/RESUME/STOP/ALTER target). */
  find(db: string, name: string): RoutineLoadJob {
    const job = this.list({ db, name })[0];
    if (!job) throw analysisError(`There is no job named ${name} in db ${db}. Include history? false`);
    return job;
  }

  async create(spec: CreateSpec): Promise<RoutineLoadJob> {
    if (this.list({ db: spec.dbName, name: spec.name }).length > 0) {
      throw userError(`Name ${spec.name} already used in db ${spec.dbName}`);
    }
    try {
      clientConfigFrom(spec.kafka.brokerList, spec.kafka.custom);
    } catch (e) {
      if (e instanceof KafkaSourceError) throw analysisError(e.message);
      throw e;
    }
    const job = createJob({
      ...spec,
      id: await this.opts.store.nextJobId(),
      now: this.clock.now(),
      uuid: randomUUID(),
    });
    await this.opts.store.saveJob(job);
    const entry: Entry = { job, lock: new Mutex(), tasks: [] };
    this.entries.set(job.id, entry);
    this.ensureRunning(entry);
    return job;
  }

  async pause(db: string, name: string, user: string): Promise<void> {
    const reason = { code: REASON.MANUAL_PAUSE, msg: `User ${user} pauses routine load job` };
    await this.transition(this.find(db, name).id, (j) => pauseJob(j, reason, this.clock.now()));
  }

  async resume(db: string, name: string): Promise<void> {
    const entry = await this.transition(this.find(db, name).id, (j) => resumeJob(j));
    this.ensureRunning(entry);
  }

  async stop(db: string, name: string): Promise<void> {
    await this.transition(this.find(db, name).id, (j) => stopJob(j, this.clock.now()));
  }

  /** ALTER ROUTINE LOAD: `change` gets the PAUSED job and returns the altered one. */
  async alter(db: string, name: string, change: (job: RoutineLoadJob) => RoutineLoadJob): Promise<void> {
    await this.transition(this.find(db, name).id, (j) => {
      if (j.state !== 'PAUSED') throw userError('Only supports modification of PAUSED jobs');
      return change(j);
    });
  }

  /** Pause or cancel jobs of a dropped table/database (the caller decides which). */
  async update(jobId: number, fn: (job: RoutineLoadJob) => RoutineLoadJob): Promise<void> {
    await this.transition(jobId, fn);
  }

  /** Stop every runner (jobs keep their stored state: a restart continues them). */
  async close(): Promise<void> {
    this.closed = true;
    const runs = [...this.entries.values()].flatMap((e) => (e.run ? [e.run] : []));
    for (const r of runs) r.controller.abort();
    await Promise.all(runs.map((r) => r.done));
  }

  private async transition(jobId: number, fn: (job: RoutineLoadJob) => RoutineLoadJob): Promise<Entry> {
    const entry = this.entries.get(jobId);
    if (!entry) throw analysisError(`There is no job with id ${jobId}`);
    await entry.lock.run(async () => {
      const next = fn(entry.job);
      await this.opts.store.saveJob(next);
      entry.job = next;
    });
    if (entry.job.state !== 'RUNNING' && entry.job.state !== 'NEED_SCHEDULE') entry.run?.controller.abort();
    return entry;
  }

  private handle(entry: Entry): JobHandle {
    return {
      get: () => entry.job,
      update: (fn, persist) =>
        entry.lock.run(async () => {
          const next = fn(entry.job);
          if (persist && next !== entry.job) await this.opts.store.saveJob(next);
          entry.job = next;
          return next;
        }),
      locked: (fn) =>
        entry.lock.run(async () => {
          entry.job = await fn(entry.job);
          return entry.job;
        }),
      setTasks: (tasks) => (entry.tasks = tasks),
      patchTask: (taskId, patch) => {
        entry.tasks = entry.tasks.map((t) => (t.taskId === taskId ? { ...t, ...patch } : t));
      },
    };
  }

  /** Start a runner for an active job unless one is running. */
  private ensureRunning(entry: Entry): void {
    if (this.closed || entry.run) return;
    if (entry.job.state !== 'NEED_SCHEDULE' && entry.job.state !== 'RUNNING') return;
    const controller = new AbortController();
    const source = this.opts.sourceFactory(
      clientConfigFrom(entry.job.kafka.brokerList, entry.job.kafka.custom),
    );
    const runner = new JobRunner(this.handle(entry), {
      source,
      committer: this.opts.committer,
      clock: this.clock,
      options: this.runnerOptions,
      newTaskId: () => randomUUID(),
      log: this.opts.log ?? (() => {}),
    });
    const done = runner
      .run(controller.signal)
      .catch(async (e: unknown) => {
        // A bug, not a Kafka or load failure: pause with the reason rather than spin.
        this.opts.log?.(`routine load ${entry.job.name} stopped: ${String(e)}`);
        const msg = e instanceof Error ? e.message : String(e);
        const reason = { code: REASON.INTERNAL, msg };
        await this.transition(entry.job.id, (j) =>
          isFinal(j.state) || j.state === 'PAUSED' ? j : pauseJob(j, reason, this.clock.now()),
        ).catch(() => undefined);
      })
      .finally(async () => {
        entry.run = undefined;
        await source.close().catch(() => undefined);
        // RESUME may have arrived while the previous run was winding down.
        if (entry.job.state === 'NEED_SCHEDULE') this.ensureRunning(entry);
      });
    entry.run = { controller, done, source };
  }
}
