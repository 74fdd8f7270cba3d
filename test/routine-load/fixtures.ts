/**
 * Shared test fixtures: a job builder, a manual clock, an in-memory store, a fake Kafka source and
 * committer, a poll-until helper and an in-process statement runner.
 */
import type { Session } from '../../src/session/index.js';
import type { Value } from '../../src/types/index.js';
import {
  createJob,
  parseJobProperties,
  parseKafkaProperties,
  type BatchCommitter,
  type BatchOutcome,
  type Clock,
  type CommitResult,
  type ConsumedBatch,
  type JobStore,
  type RoutineLoadJob,
} from '../../src/load/routine/index.js';
import {
  KafkaSourceError,
  OFFSET_BEGINNING,
  OFFSET_END,
  type FetchOptions,
  type FetchResult,
  type KafkaMessage,
  type KafkaSource,
  type Watermarks,
} from '../../src/load/kafka/index.js';

export function makeJob(
  props: Record<string, string> = {},
  kafka: Record<string, string> = {},
  id = 1,
): RoutineLoadJob {
  const p = parseJobProperties(props, 'Asia/Shanghai');
  return createJob({
    id,
    name: `job${id}`,
    dbName: 'db',
    tableName: 't',
    props: p,
    kafka: parseKafkaProperties({ kafka_broker_list: 'h:9092', kafka_topic: 'topic', ...kafka }, p.format),
    loadDesc: {
      columnSeparator: null,
      rowDelimiter: null,
      columns: null,
      where: null,
      partitions: null,
      temporaryPartitions: false,
    },
    origStmt: 'CREATE ROUTINE LOAD …',
    now: 0,
    uuid: 'u-1',
  });
}

/** Time moves only when the test says so; sleepers wake in order. */
export class ManualClock implements Clock {
  private t = 1_700_000_000_000;
  private sleepers: Array<{ at: number; wake: () => void }> = [];
  now(): number {
    return this.t;
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const entry = { at: this.t + ms, wake: resolve };
      this.sleepers.push(entry);
      signal?.addEventListener('abort', () => {
        this.sleepers = this.sleepers.filter((s) => s !== entry);
        resolve();
      });
    });
  }
  /** Advance in steps, letting async work run between them. */
  async advance(ms: number, step = 50): Promise<void> {
    const end = this.t + ms;
    while (this.t < end) {
      this.t = Math.min(end, this.t + step);
      const due = this.sleepers.filter((s) => s.at <= this.t);
      this.sleepers = this.sleepers.filter((s) => s.at > this.t);
      for (const s of due) s.wake();
      await settle();
    }
  }
}

export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
}

export class MemoryStore implements JobStore {
  readonly saved = new Map<number, RoutineLoadJob>();
  private id = 100;
  loadJobs(): Promise<RoutineLoadJob[]> {
    return Promise.resolve([...this.saved.values()]);
  }
  saveJob(job: RoutineLoadJob): Promise<void> {
    this.saved.set(job.id, job);
    return Promise.resolve();
  }
  nextJobId(): Promise<number> {
    return Promise.resolve(++this.id);
  }
}

/** An in-memory topic: partitions of string values; `down` makes every call fail retryably. */
export class FakeSource implements KafkaSource {
  readonly logs = new Map<number, string[]>();
  down = false;
  closed = false;
  constructor(
    private readonly clock: Clock,
    partitions = 4,
  ) {
    for (let p = 0; p < partitions; p++) this.logs.set(p, []);
  }
  produce(partition: number, ...values: string[]): void {
    this.logs.get(partition)?.push(...values);
  }
  private check(action: string): void {
    if (this.down)
      throw new KafkaSourceError('broker-unavailable', `${action}: Local: Broker transport failure`);
  }
  partitions(): Promise<number[]> {
    this.check('failed to get partition meta');
    return Promise.resolve([...this.logs.keys()]);
  }
  watermarks(_t: string, partitions: readonly number[]): Promise<Map<number, Watermarks>> {
    this.check('failed to get latest offset');
    return Promise.resolve(
      new Map(partitions.map((p) => [p, { low: 0, high: this.logs.get(p)?.length ?? 0 }])),
    );
  }
  async resolve(t: string, offsets: ReadonlyMap<number, number>): Promise<Map<number, number>> {
    const marks = await this.watermarks(t, [...offsets.keys()]);
    return new Map(
      [...offsets].map(([p, o]) => [
        p,
        o === OFFSET_BEGINNING ? 0 : o === OFFSET_END ? (marks.get(p)?.high ?? 0) : o,
      ]),
    );
  }
  async fetch(
    _t: string,
    positions: ReadonlyMap<number, number>,
    options: FetchOptions,
  ): Promise<FetchResult> {
    this.check('failed to consume');
    const read = (): FetchResult => {
      const messages: KafkaMessage[] = [];
      const next = new Map(positions);
      const highWatermarks = new Map<number, number>();
      let bytes = 0;
      for (const [p, from] of positions) {
        const log = this.logs.get(p) ?? [];
        highWatermarks.set(p, log.length);
        for (let o = from; o < log.length; o++) {
          const value = Buffer.from(log[o] ?? '');
          bytes += value.length;
          messages.push({ partition: p, offset: o, key: null, value, timestamp: this.clock.now() });
        }
        next.set(p, Math.max(from, log.length));
      }
      return { messages, next, highWatermarks, bytes };
    };
    const first = read();
    if (first.messages.length > 0 || options.maxWaitMs === 0) return first;
    await this.clock.sleep(options.maxWaitMs);
    this.check('failed to consume');
    return read();
  }
  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}

/** Rows = message values; values starting with "bad" are filtered; offsets persisted with the rows. */
export class MemoryCommitter implements BatchCommitter {
  readonly rows: string[] = [];
  txn = 0;
  failNext: Error | null = null;
  /** Further commits to fail with `failNext`'s error after it (0: only the next one). */
  failAgain = 0;
  constructor(private readonly store: MemoryStore) {}
  async commitBatch(
    job: RoutineLoadJob,
    batch: ConsumedBatch,
    finish: (outcome: BatchOutcome) => RoutineLoadJob,
  ): Promise<CommitResult> {
    const txnId = ++this.txn;
    if (this.failNext) {
      const e = this.failNext;
      if (this.failAgain > 0) this.failAgain--;
      else this.failNext = null;
      throw e;
    }
    const values = batch.messages.map((m) => m.value?.toString() ?? '');
    const good = values.filter((v) => !v.startsWith('bad'));
    const filtered = values.length - good.length;
    if (
      job.props.maxFilterRatio < 1 &&
      values.length > 0 &&
      filtered / values.length > job.props.maxFilterRatio
    ) {
      return { kind: 'aborted', txnId, message: 'too many filtered rows', filterRatio: true };
    }
    const next = finish({
      totalRows: values.length,
      loadedRows: good.length,
      filteredRows: filtered,
      unselectedRows: 0,
      receivedBytes: batch.bytes,
      executeTimeMs: 10,
      next: batch.next,
      timestamps: batch.timestamps,
    });
    await Promise.resolve();
    this.rows.push(...good);
    await this.store.saveJob(next);
    return { kind: 'committed', txnId, job: next };
  }
}

/** Poll `fn` until it holds; fail after `ms` with `what` (and `detail()` when given). */
export async function until(
  what: string,
  fn: () => Promise<boolean> | boolean,
  ms = 20_000,
  pollMs = 100,
  detail: () => string = () => '',
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > end)
      throw new Error(`timed out waiting for ${what}${detail() === '' ? '' : `: ${detail()}`}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/** Every row a statement returns through an in-process session. */
export function sessionSql(session: Pick<Session, 'query'>): (text: string) => Promise<Value[][]> {
  return async (text) => {
    const out: Value[][] = [];
    for await (const r of session.query(text)) {
      if (r.kind !== 'rows') continue;
      for await (const b of r.batches) for (const row of b) out.push([...row]);
    }
    return out;
  };
}
