/**
 * Routine Load statements: CREATE / ALTER / PAUSE / RESUME / STOP ROUTINE LOAD (generic parser
 * nodes, text re-read by load/routine/statement.ts), SHOW [ALL] ROUTINE LOAD [FOR job], SHOW
 * ROUTINE LOAD TASK, SHOW CREATE ROUTINE LOAD, and the rows of information_schema.routine_load_jobs
 * and the seeds' information_schema.routine_loads. The runtime (store, scheduler) belongs to the
 * database: `RoutineLoadHolder` opens it at start when jobs are stored, else on first use.
 */
import type { Catalog } from '../catalog/index.js';
import { DEFAULT_CATALOG } from '../catalog/index.js';
import type { Engine, EngineParam } from '../engine/index.js';
import { SqlError } from '../errors/index.js';
import type { LoadService } from '../load/index.js';
import {
  ROUTINE_LOADS_COLUMNS,
  ROUTINE_LOAD_JOBS_COLUMNS,
  SHOW_ROUTINE_LOAD_COLUMNS,
  SHOW_TASK_COLUMNS,
  alterSpecFrom,
  analysisError,
  createSpecFrom,
  hasActiveRoutineJobs,
  jobHeaders,
  userError,
  openRoutineLoad,
  parseRoutineLoadStatement,
  routineLoadJobsRow,
  routineLoadsRow,
  showRoutineLoadRow,
  showTaskRow,
  type Cell,
  type KafkaProperties,
  type RoutineLoadJob,
  type RoutineLoadOptions,
  type RoutineLoadRuntime,
  type TimeFormatter,
} from '../load/routine/index.js';
import { LoadError } from '../load/index.js';
import { clientConfigFrom, KafkaSourceError } from '../load/kafka/index.js';
import type { AstExpr, AstShow } from '../sql/index.js';
import { T, type Value } from '../types/index.js';
import type { RowsResult, StatementResult } from './api.js';
import { col, okResult, rowsResult } from './results.js';
import type { SessionImpl } from './session.js';
import { filterWhere } from './show-filter.js';

/** The database's Routine Load runtime, opened once. */
export class RoutineLoadHolder {
  private opening: Promise<RoutineLoadRuntime> | null = null;
  /** The open runtime (null until opened): information_schema rows read it synchronously. */
  current: RoutineLoadRuntime | null = null;
  options: RoutineLoadOptions = {};

  constructor(
    private readonly engine: Engine,
    private readonly catalog: Catalog,
    private readonly loadService: () => Promise<LoadService>,
  ) {}

  get(): Promise<RoutineLoadRuntime> {
    this.opening ??= this.loadService().then(async (load) => {
      const r = await openRoutineLoad(this.engine, this.catalog, this.options, load);
      this.current = r;
      return r;
    });
    return this.opening;
  }

  /** At database open: resume stored jobs (any stored job, so SHOW and information_schema list them). */
  async startIfJobs(): Promise<void> {
    if (await hasActiveRoutineJobs(this.engine)) await this.get();
  }

  async close(): Promise<void> {
    const opening = this.opening;
    this.opening = null;
    this.current = null;
    if (opening) await (await opening).close();
  }
}

function dbOf(s: SessionImpl, db: string | null | undefined): string {
  const name = db ?? s.currentDb;
  if (name === null || name === undefined) throw new SqlError('no-db-selected');
  if (s.db.catalog.getDatabase(DEFAULT_CATALOG, name) === null)
    throw analysisError(`Database ${name} is not found`);
  return name;
}

/** `[db.]job` of PAUSE/RESUME/STOP ROUTINE LOAD FOR. */
function jobTarget(text: string): { db: string | null; name: string } {
  const m = /\bFOR\s+(?:(`[^`]+`|[\w$]+)\s*\.\s*)?(`[^`]+`|[\w$]+)\s*;?\s*$/i.exec(text);
  if (!m?.[2]) throw analysisError('job name is required');
  const unq = (x: string) => x.replace(/^`|`$/g, '');
  return { db: m[1] ? unq(m[1]) : null, name: unq(m[2]) };
}

/** The generic statements this file answers; null for any other feature. */
export function runRoutineLoad(
  s: SessionImpl,
  feature: string,
  text: string,
): Promise<StatementResult> | null {
  switch (feature) {
    case 'CREATE ROUTINE LOAD':
      return createRoutineLoad(s, text);
    case 'ALTER ROUTINE LOAD':
      return alterRoutineLoad(s, text);
    case 'PAUSE ROUTINE LOAD':
    case 'RESUME ROUTINE LOAD':
    case 'STOP ROUTINE LOAD':
      return controlRoutineLoad(s, feature, text);
    default:
      return null;
  }
}

async function createRoutineLoad(s: SessionImpl, text: string): Promise<StatementResult> {
  const stmt = parseRoutineLoadStatement(text);
  const db = dbOf(s, stmt.db);
  const rt = await s.db.routine.get();
  const spec = createSpecFrom(stmt, db, text, sessionTimezone(s));
  checkPlan(s, rt, db, spec.tableName, spec);
  if (spec.kafka.fixedPartitions !== null) await checkPartitions(rt, spec.kafka);
  await rt.manager.create(spec);
  return okResult();
}

async function alterRoutineLoad(s: SessionImpl, text: string): Promise<StatementResult> {
  const stmt = parseRoutineLoadStatement(text);
  const db = dbOf(s, stmt.db);
  const rt = await s.db.routine.get();
  const job = rt.manager.find(db, stmt.name);
  if (job.state !== 'PAUSED') throw userError('Only supports modification of PAUSED jobs');
  const altered = alterSpecFrom(job, stmt);
  checkPlan(s, rt, db, job.tableName, altered);
  await rt.manager.alter(db, stmt.name, (j) => ({
    ...j,
    props: altered.props,
    kafka: altered.kafka,
    loadDesc: altered.loadDesc,
    progress: { ...j.progress, ...altered.progressPatch },
  }));
  return okResult();
}

async function controlRoutineLoad(s: SessionImpl, feature: string, text: string): Promise<StatementResult> {
  const target = jobTarget(text);
  const db = dbOf(s, target.db);
  const { manager } = await s.db.routine.get();
  if (feature === 'PAUSE ROUTINE LOAD') await manager.pause(db, target.name, s.user);
  else if (feature === 'RESUME ROUTINE LOAD') await manager.resume(db, target.name);
  else await manager.stop(db, target.name);
  return okResult();
}

/** Plan the batch conversion once so unknown columns or bad expressions fail the statement. */
function checkPlan(
  s: SessionImpl,
  rt: RoutineLoadRuntime,
  db: string,
  table: string,
  job: Pick<RoutineLoadJob, 'props' | 'loadDesc'>,
): void {
  try {
    rt.load.resolveTarget({ db, table, user: s.user }, jobHeaders(job));
  } catch (e) {
    if (e instanceof LoadError)
      throw analysisError(e.message.replace(/^Getting analyzing error\. Detail message: /, ''));
    throw e;
  }
}

/** The session's time zone as an IANA name or offset (SYSTEM: the server's zone). */
function sessionTimezone(s: SessionImpl): string {
  const tz = String(s.getVar('time_zone', null) ?? 'SYSTEM');
  return tz === 'SYSTEM' ? Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC' : tz;
}

/** kafka_partitions must exist in the topic (StarRocks asks Kafka at CREATE, so an unreachable broker fails it too). */
async function checkPartitions(rt: RoutineLoadRuntime, kafka: KafkaProperties): Promise<void> {
  let source;
  try {
    source = rt.sourceFactory(clientConfigFrom(kafka.brokerList, kafka.custom));
    const all = new Set(await source.partitions(kafka.topic));
    for (const [p] of kafka.fixedPartitions ?? []) {
      if (!all.has(p))
        throw userError(`there is a custom kafka partition ${p} which is invalid for topic ${kafka.topic}`);
    }
  } catch (e) {
    if (e instanceof KafkaSourceError) throw userError(e.message);
    throw e;
  } finally {
    await source?.close().catch(() => undefined);
  }
}

/** `yyyy-MM-dd HH:mm:ss` in the session's time zone (the system zone for SYSTEM or offsets Intl cannot take). */
function timeFormatter(s: SessionImpl): TimeFormatter {
  const tz = String(s.getVar('time_zone', null) ?? 'SYSTEM');
  let fmt: Intl.DateTimeFormat;
  const opts: Intl.DateTimeFormatOptions = {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  };
  try {
    fmt = new Intl.DateTimeFormat('en-CA', tz === 'SYSTEM' ? opts : { ...opts, timeZone: tz });
  } catch {
    fmt = new Intl.DateTimeFormat('en-CA', opts);
  }
  return (ms) => {
    const p = Object.fromEntries(fmt.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
  };
}

const text = (c: Cell): Value => (c === null ? null : String(c));

/** SHOW statements answered here (null: not a Routine Load SHOW). */
export function routineShow(s: SessionImpl, stmt: AstShow, signal: AbortSignal): Promise<RowsResult> | null {
  switch (stmt.what) {
    case 'routine load':
      return showRoutineLoad(s, stmt, signal);
    case 'routine load task':
      return showRoutineLoadTask(s, stmt);
    case 'create routine load':
      return showCreateRoutineLoad(s, stmt);
    default:
      return null;
  }
}

async function showRoutineLoad(s: SessionImpl, stmt: AstShow, signal: AbortSignal): Promise<RowsResult> {
  const targetParts = stmt.target?.parts;
  const name = targetParts?.[targetParts.length - 1];
  const db = dbOf(s, targetParts && targetParts.length > 1 ? targetParts[0] : stmt.from?.parts[0]);
  const { manager } = await s.db.routine.get();
  const jobs = manager.list({ db, includeHistory: stmt.all, ...(name !== undefined ? { name } : {}) });
  if (name !== undefined && jobs.length === 0)
    throw analysisError(`There is no job named ${name} in db ${db}. Include history? ${stmt.all}`);
  const fmt = timeFormatter(s);
  const columns = SHOW_ROUTINE_LOAD_COLUMNS.map((c) => col(c, T.varchar(1024)));
  let rows: (readonly Value[])[] = jobs.map((j) => showRoutineLoadRow(j, taskNum(manager, j), fmt).map(text));
  rows = await filterWhere(s, columns, rows, stmt.where, signal);
  rows = orderAndLimit(rows, SHOW_ROUTINE_LOAD_COLUMNS, stmt);
  return rowsResult(columns, rows);
}

/** Tasks of a RUNNING job (a paused job's tasks are dropped at once, as in StarRocks). */
function taskNum(manager: RoutineLoadRuntime['manager'], job: RoutineLoadJob): number {
  return job.state === 'RUNNING' ? manager.currentTaskNum(job.id) : 0;
}

function orderAndLimit(
  rows: readonly (readonly Value[])[],
  names: readonly string[],
  stmt: AstShow,
): (readonly Value[])[] {
  const out = [...rows];
  for (const item of [...(stmt.orderBy ?? [])].reverse()) {
    const e = item.expr;
    const idx =
      e.kind === 'column' ? names.findIndex((n) => n.toLowerCase() === e.parts.at(-1)?.toLowerCase()) : -1;
    if (idx < 0) throw analysisError('Title name is not found');
    const dir = item.direction === 'desc' ? -1 : 1;
    out.sort((a, b) => dir * compareCells(a[idx] ?? null, b[idx] ?? null));
  }
  const lim = stmt.limit;
  if (lim === undefined) return out;
  const n = (e: AstExpr | undefined, d: number) => (e && e.kind === 'number' ? Number(e.text) : d);
  const offset = n(lim.offset, 0);
  return out.slice(offset, offset + n(lim.count, out.length));
}

function compareCells(a: Value, b: Value): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  const x = Number(a);
  const y = Number(b);
  if (!Number.isNaN(x) && !Number.isNaN(y)) return x - y;
  return String(a) < String(b) ? -1 : 1;
}

/** `WHERE JobName = 'x'` (StarRocks' only form; `job_name` accepted too, as the seeds write it). */
function taskJobName(where: AstExpr | undefined): string {
  const bad = () =>
    analysisError(
      'show routine load job only support one equal expr which is sames like JobName="ILoveStarRocks"',
    );
  if (where?.kind !== 'binary' || where.op !== '=') throw bad();
  const [l, r] = [where.left, where.right];
  const key = l.kind === 'column' ? (l.parts.at(-1) ?? '').toLowerCase() : '';
  if (key !== 'jobname' && key !== 'job_name') throw bad();
  if (r.kind === 'string') return r.value;
  if (r.kind === 'column' && r.parts.length === 1) return r.parts[0] as string;
  throw bad();
}

async function showRoutineLoadTask(s: SessionImpl, stmt: AstShow): Promise<RowsResult> {
  const name = taskJobName(stmt.where);
  const db = dbOf(s, stmt.from?.parts[0]);
  const { manager } = await s.db.routine.get();
  const job = manager.find(db, name);
  const fmt = timeFormatter(s);
  const rows = manager.tasks(job.id).map((t) => showTaskRow(job, t, fmt).map(text));
  return rowsResult(
    SHOW_TASK_COLUMNS.map((c) => col(c, T.varchar(1024))),
    rows,
  );
}

async function showCreateRoutineLoad(s: SessionImpl, stmt: AstShow): Promise<RowsResult> {
  const parts = stmt.target?.parts ?? [];
  const name = parts[parts.length - 1] ?? '';
  const db = dbOf(s, parts.length > 1 ? parts[0] : null);
  const { manager } = await s.db.routine.get();
  const job = manager.list({ db, name, includeHistory: true }).at(-1);
  if (!job) throw analysisError(`Routine load job [${name}] not found`);
  return rowsResult(
    [col('Job', T.varchar(64)), col('Create Job', T.varchar(65535))],
    [[job.name, job.origStmt]],
  );
}

/** information_schema.routine_load_jobs rows (every job, history included). */
export function routineLoadJobsRows(s: SessionImpl): EngineParam[][] {
  const rt = s.db.routine.current;
  if (rt === null) return [];
  const fmt = timeFormatter(s);
  return rt.manager
    .list({ includeHistory: true })
    .map((j) => routineLoadJobsRow(j, taskNum(rt.manager, j), fmt));
}

/** The seeds' information_schema.routine_loads rows. */
export function routineLoadsRows(s: SessionImpl): EngineParam[][] {
  const rt = s.db.routine.current;
  if (rt === null) return [];
  return rt.manager.list({ includeHistory: true }).map((j) => routineLoadsRow(j));
}

export { ROUTINE_LOADS_COLUMNS, ROUTINE_LOAD_JOBS_COLUMNS };
