/**
 * The durable side of Routine Load on DuckDB. Job records (state, properties, progress,
 * statistics) are JSON rows in `__rockling_routine.jobs`. `PipelineCommitter` turns a batch of
 * Kafka messages into rows through the Stream Load pipeline (same format/COLUMNS/WHERE/strict
 * rules) and writes them together with the job record — new offsets included — in ONE DuckDB
 * transaction: that is the exactly-once guarantee across crashes.
 */
import type { Engine, EngineConnection } from '../../engine/index.js';
import type { KafkaMessage } from '../kafka/index.js';
import { writeRows, type HeaderBag, type LoadService } from '../index.js';
import { exceedsFilterRatio, type BatchOutcome } from './accounting.js';
import type { RoutineLoadJob } from './job.js';
import type { BatchCommitter, CommitResult, ConsumedBatch, JobStore } from './ports.js';
import { splitTopLevel } from './spec.js';

const SCHEMA = '__rockling_routine';
/** Where job records live (one JSON record per job). */
export const JOBS_TABLE = { schema: SCHEMA, table: 'jobs' } as const;
const DDL = [
  `CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`,
  `CREATE TABLE IF NOT EXISTS ${SCHEMA}.jobs (id BIGINT PRIMARY KEY, record VARCHAR NOT NULL)`,
];

/** Write one job record on `conn` (inside the caller's transaction when there is one). */
export async function putJobRecord(conn: EngineConnection, job: RoutineLoadJob): Promise<void> {
  await conn.execute(`INSERT OR REPLACE INTO ${SCHEMA}.jobs VALUES ($1, $2)`, [job.id, JSON.stringify(job)]);
}

export class DuckJobStore implements JobStore {
  private lastId = 0;
  private constructor(private readonly engine: Engine) {}

  static async open(engine: Engine): Promise<DuckJobStore> {
    await engine.withConnection(async (c) => {
      for (const sql of DDL) await c.execute(sql);
    });
    const store = new DuckJobStore(engine);
    const { rows } = await engine.queryAll(`SELECT coalesce(max(id), 0) FROM ${SCHEMA}.jobs`);
    store.lastId = Number(rows[0]?.[0] ?? 0);
    return store;
  }

  async loadJobs(): Promise<RoutineLoadJob[]> {
    const { rows } = await this.engine.queryAll(`SELECT record FROM ${SCHEMA}.jobs ORDER BY id`);
    return rows.map((r) => JSON.parse(String(r[0])) as RoutineLoadJob);
  }

  async saveJob(job: RoutineLoadJob): Promise<void> {
    await this.engine.withConnection((c) => putJobRecord(c, job));
  }

  nextJobId(): Promise<number> {
    // Ids leave room below them for StarRocks-looking numbers; monotonic across restarts.
    this.lastId = Math.max(this.lastId + 1, 10_000);
    return Promise.resolve(this.lastId);
  }
}

/** Stream Load headers equivalent to the job's load properties. */
export function jobHeaders(job: Pick<RoutineLoadJob, 'props' | 'loadDesc'>): HeaderBag {
  const p = job.props;
  const d = job.loadDesc;
  const h: Record<string, string> = {
    format: p.format === 'json' ? 'json' : 'csv',
    strict_mode: String(p.strictMode),
    timezone: p.timezone,
    max_filter_ratio: '1',
  };
  if (d.columns !== null) h.columns = d.columns;
  if (d.where !== null) h.where = d.where;
  if (d.partitions !== null)
    h[d.temporaryPartitions ? 'temporary_partitions' : 'partitions'] = d.partitions.join(',');
  if (d.columnSeparator !== null) h.column_separator = d.columnSeparator;
  if (d.rowDelimiter !== null) h.row_delimiter = d.rowDelimiter;
  if (p.jsonpaths !== '') h.jsonpaths = p.jsonpaths;
  if (p.jsonRoot !== '') h.json_root = p.jsonRoot;
  if (p.stripOuterArray) h.strip_outer_array = 'true';
  if (p.partialUpdate) h.partial_update = 'true';
  if (p.mergeCondition !== null) h.merge_condition = p.mergeCondition;
  if (p.trimSpace) h.trim_space = 'true';
  if (p.enclose !== null) h.enclose = p.enclose;
  if (p.escape !== null) h.escape = p.escape;
  if (p.format === 'json' && d.columns !== null) Object.assign(h, messageColumn(d.columns, p.jsonpaths));
  return h;
}

/**
 * Rockling extension for JSON jobs: a COLUMNS expression may name `message`, the whole Kafka
 * message (the seeds write `properties = JSON_EXTRACT(message, '$.properties')`). When `message`
 * is not itself a source column it is added as one, read with the JSON path `$`; the jsonpaths
 * then cover the listed source columns (extra paths are ignored, as StarRocks' scanner does).
 */
function messageColumn(columns: string, jsonpaths: string): Record<string, string> {
  const items = splitTopLevel(columns);
  const sources = items.filter((i) => !/^[^=(]+=/.test(i) || /^[^=(]+==/.test(i));
  const derived = items.filter((i) => !sources.includes(i));
  const isMessage = (i: string) => i.replace(/`/g, '').trim().toLowerCase() === 'message';
  if (sources.some(isMessage) || !derived.some((i) => /\bmessage\b/i.test(i.slice(i.indexOf('=') + 1))))
    return {};
  let paths: string[];
  try {
    paths =
      jsonpaths === ''
        ? sources.map((c) => `$.${c.replace(/`/g, '').trim()}`)
        : (JSON.parse(jsonpaths) as string[]);
  } catch {
    return {}; // the load plan reports the malformed jsonpaths
  }
  return {
    columns: [...sources, 'message', ...derived].join(', '),
    jsonpaths: JSON.stringify([...paths.slice(0, sources.length), '$']),
  };
}

/** A message or row the batch rejected, as the error log lists it. */
interface Rejected {
  readonly record: string;
  readonly reason: string;
}

/** How many rejected records one batch's error log keeps (the counters count them all). */
const ERROR_LOG_LIMIT = 50;

/**
 * The body for a batch. CSV: every message is one or more lines, the row delimiter is appended
 * after each (StarRocks' append_with_row_delimiter). JSON: every message is its own document;
 * a message that is not JSON at all is counted as one error row here, so one bad message cannot
 * fail its neighbours (StarRocks parses per message too); the first few go to the error log.
 */
export function frameMessages(
  job: RoutineLoadJob,
  messages: readonly KafkaMessage[],
): { body: Buffer; malformed: number; rejected: Rejected[] } {
  const parts: Buffer[] = [];
  const rejected: Rejected[] = [];
  let malformed = 0;
  if (job.props.format === 'json') {
    const nl = Buffer.from('\n');
    for (const m of messages) {
      const text = m.value?.toString('utf8') ?? '';
      try {
        JSON.parse(text);
      } catch (e) {
        malformed++;
        if (rejected.length < ERROR_LOG_LIMIT) {
          const why = e instanceof Error ? e.message : String(e);
          rejected.push({ record: text.slice(0, 1000), reason: `parse json failed: ${why}` });
        }
        continue;
      }
      parts.push(Buffer.from(text), nl);
    }
  } else {
    const delim = unescapeDelimiter(job.loadDesc.rowDelimiter ?? '\n');
    for (const m of messages) {
      if (m.value === null || m.value.length === 0) continue;
      parts.push(m.value, delim);
    }
  }
  return { body: Buffer.concat(parts), malformed, rejected };
}

/** The row delimiter's bytes: the characters as stored, or `\\xNN…` hex (as Stream Load reads it). */
function unescapeDelimiter(d: string): Buffer {
  if (/^\\x([0-9a-f]{2})+$/i.test(d)) return Buffer.from(d.slice(2), 'hex');
  return Buffer.from(d.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\r/g, '\r'));
}

class FilterRatioExceeded extends Error {}

async function* once(buffer: Buffer): AsyncIterable<Buffer> {
  if (buffer.length > 0) yield buffer;
}

export class PipelineCommitter implements BatchCommitter {
  /**
   * `errorUrlBase` is where the BE role serves `/api/_load_error_log` (e.g. `http://host:8040`);
   * without it the job's ErrorLogUrls hold the path alone.
   */
  constructor(
    private readonly load: LoadService,
    private readonly errorUrlBase: () => string = () => '',
  ) {}

  async commitBatch(
    job: RoutineLoadJob,
    batch: ConsumedBatch,
    finish: (outcome: BatchOutcome) => RoutineLoadJob,
  ): Promise<CommitResult> {
    const { body, malformed, rejected } = frameMessages(job, batch.messages);
    const txnId = this.load.allocateTxnId();
    const prepared = this.load.resolveTarget(
      { db: job.dbName, table: job.tableName, user: 'root' },
      jobHeaders(job),
    );
    const received = await this.load.receive(prepared, txnId, {
      body: once(body),
      contentLength: body.length,
      errorUrlBase: '',
    });
    try {
      return await this.load.withBody(prepared, received, async (exec, tx) => {
        const ex = await exec((sql) => writeRows(tx, prepared.table, sql));
        const filtered = ex.counts.filtered + malformed;
        if (exceedsFilterRatio(job, ex.counts.loaded, filtered)) {
          throw new FilterRatioExceeded(
            `current error rows is more than max error num or the filter ratio is more than the max ` +
              `(filtered ${filtered}, loaded ${ex.counts.loaded}, max_filter_ratio ${job.props.maxFilterRatio})`,
          );
        }
        // StarRocks keeps an error log per task that filtered rows; SHOW lists the latest three.
        const logged = [...rejected, ...ex.rejected].slice(0, ERROR_LOG_LIMIT);
        const errorLogUrl =
          filtered > 0 && logged.length > 0
            ? this.load.writeErrorLog(txnId, logged, this.errorUrlBase())
            : undefined;
        const next = finish({
          totalRows: ex.counts.total + malformed,
          loadedRows: ex.counts.loaded,
          filteredRows: filtered,
          unselectedRows: ex.counts.unselected,
          receivedBytes: batch.bytes,
          executeTimeMs: Date.now() - batch.startedAt,
          next: batch.next,
          timestamps: batch.timestamps,
          ...(errorLogUrl !== undefined ? { errorLogUrl } : {}),
        });
        await putJobRecord(tx, next);
        const result: CommitResult = { kind: 'committed', txnId, job: next };
        return result;
      });
    } catch (e) {
      if (e instanceof FilterRatioExceeded)
        return { kind: 'aborted', txnId, message: e.message, filterRatio: true };
      throw e;
    } finally {
      this.load.removeSpill(received.spec.spillBase);
    }
  }
}
