/**
 * Routine Load wired to a database: the DuckDB job store, the Stream Load pipeline as the batch
 * committer, kafkajs as the source, and the manager that runs every active job. The database
 * opens it at start when jobs are stored (so they resume), or on the first Routine Load
 * statement, and closes it before the engine.
 */
import type { Catalog } from '../../catalog/index.js';
import type { Engine } from '../../engine/index.js';
import { kafkajsSourceFactory, type KafkaSourceFactory } from '../kafka/index.js';
import { LoadService } from '../index.js';
import { DuckJobStore, JOBS_TABLE, PipelineCommitter } from './duck-store.js';
import { RoutineLoadManager } from './manager.js';
import type { RunnerOptions } from './runner.js';

/** Knobs for tests and benchmarks (production uses the defaults). */
export interface RoutineLoadOptions {
  readonly runner?: Partial<RunnerOptions>;
  readonly sourceFactory?: KafkaSourceFactory;
  readonly log?: (message: string) => void;
  /** Where the BE role serves error logs (`http://host:port`), read when a batch writes one. */
  readonly errorUrlBase?: () => string;
}

export interface RoutineLoadRuntime {
  readonly manager: RoutineLoadManager;
  readonly load: LoadService;
  /** The Kafka source jobs read through (CREATE checks kafka_partitions with it). */
  readonly sourceFactory: KafkaSourceFactory;
  close(): Promise<void>;
}

/** True when the data directory holds Routine Load jobs that must resume at start. */
export async function hasActiveRoutineJobs(engine: Engine): Promise<boolean> {
  const { rows } = await engine.queryAll(
    `SELECT count(*) FROM duckdb_tables() WHERE schema_name = $1 AND table_name = $2`,
    [JOBS_TABLE.schema, JOBS_TABLE.table],
  );
  if (Number(rows[0]?.[0] ?? 0) === 0) return false;
  const jobs = await engine.queryAll(`SELECT record FROM ${JOBS_TABLE.schema}.${JOBS_TABLE.table}`);
  return jobs.rows.some((r) => /"state":"(RUNNING|NEED_SCHEDULE)"/.test(String(r[0])));
}

/**
 * Open the store and the manager; active jobs start consuming right away. Batches commit through
 * `shared`, the database's load service (closed by its owner); without it the runtime opens and
 * closes its own.
 */
export async function openRoutineLoad(
  engine: Engine,
  catalog: Catalog,
  options: RoutineLoadOptions = {},
  shared?: LoadService,
): Promise<RoutineLoadRuntime> {
  const load = shared ?? (await LoadService.open(engine, catalog));
  const closeOwn = async (): Promise<void> => {
    if (shared === undefined) await load.close();
  };
  try {
    const store = await DuckJobStore.open(engine);
    const sourceFactory = options.sourceFactory ?? kafkajsSourceFactory;
    const manager = await RoutineLoadManager.open({
      store,
      committer: new PipelineCommitter(load, options.errorUrlBase),
      sourceFactory,
      ...(options.runner !== undefined ? { runner: options.runner } : {}),
      ...(options.log !== undefined ? { log: options.log } : {}),
    });
    return {
      manager,
      load,
      sourceFactory,
      async close() {
        await manager.close();
        await closeOwn();
      },
    };
  } catch (e) {
    await closeOwn();
    throw e;
  }
}
