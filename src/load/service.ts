/**
 * The load service: Stream Load from headers to committed rows, label bookkeeping, load state,
 * rejected-row logs and counters. One per database (engine + catalog); the HTTP servers call it.
 *
 * A Stream Load runs as: validate headers, resolve the table, check the label and plan (all
 * before the body is accepted, so errors are answered at once) → receive the body into the spill
 * area → ONE DuckDB transaction: write the rows through the model writer, count, check
 * max_filter_ratio, record the job (VISIBLE) and the label → COMMIT. Any failure rolls the whole
 * transaction back: the table is unchanged and the label stays free (an ABORTED record is kept
 * for get_load_state).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { DEFAULT_CATALOG, type Catalog, type TableEntry } from '../catalog/index.js';
import type { Engine, EngineConnection } from '../engine/index.js';
import { receiveBody, type ReceiveSpec, type ReceivedBody } from './body/receive.js';
import type { RejectedRecord } from './body/rows.js';
import { LabelExistsError, LoadError } from './errors.js';
import { checkFilterRatio, loadFailure, type ExecutedLoad } from './execute.js';
import { pipelined, removeSpill, withBody } from './pipeline.js';
import { jobRecord, streamResult } from './records.js';
import { LoadMetrics } from './metrics.js';
import { checkLabel, parseLoadOptions, type HeaderBag, type LoadOptions } from './options.js';
import { partitionMember } from './partition-check.js';
import { buildPlan, type LoadPlan } from './plan.js';
import { ZERO_TIMES, type StreamLoadResult } from './response.js';
import * as store from './store.js';
import { TxnManager } from './txn.js';
import { writeRows } from './write.js';
import { notifyLoadCommitted } from './commit-hooks.js';

export interface LoadServiceOptions {
  /** label_keep_max_second: finished labels are kept this long (default 3 days). */
  readonly labelKeepSeconds?: number;
  /** Raw segment size for pipelined plain-CSV loads (tests use small ones). */
  readonly segmentBytes?: number;
}

export interface LoadTarget {
  readonly db: string;
  readonly table: string;
  readonly user: string;
}

export interface BodyInput {
  readonly body: AsyncIterable<Buffer>;
  readonly contentLength: number | null;
  /** `http://host:port` of the BE port, for ErrorURL. */
  readonly errorUrlBase: string;
}

/** A Stream Load whose headers were accepted; `run` takes the body. */
export interface AcceptedLoad {
  readonly txnId: number;
  readonly label: string;
  run(input: BodyInput): Promise<StreamLoadResult>;
  /** The client went away before the body: forget the load. */
  cancel(): void;
}

/** What Stream Load and transaction loads share to turn a body into counted rows. */
export interface PreparedTarget {
  readonly dbId: number;
  readonly table: TableEntry;
  readonly options: LoadOptions;
  readonly plan: LoadPlan;
}

const DAY = 24 * 3600;

export class LoadService {
  readonly metrics = new LoadMetrics();
  /** Transaction Stream Load (`/api/transaction/*`). */
  readonly txn: TxnManager = new TxnManager(this);
  /** `<dbId>\0<label>` of loads in flight (not yet durable): Label Already Exists → RUNNING. */
  private readonly running = new Map<string, number>();
  private nextTxnId: number;
  private nextView = 1;
  private readonly errorDir: string;
  private sweeper: NodeJS.Timeout | null = null;

  private constructor(
    readonly engine: Engine,
    readonly catalog: Catalog,
    firstTxnId: number,
    readonly labelKeepSeconds: number,
    private readonly segmentBytes: number | undefined,
  ) {
    this.nextTxnId = firstTxnId;
    this.errorDir = `${engine.fileArea}errors/`;
    mkdirSync(this.errorDir, { recursive: true });
  }

  /** Bootstrap the store, clean the spill area, expire old labels. */
  static async open(
    engine: Engine,
    catalog: Catalog,
    options: LoadServiceOptions = {},
  ): Promise<LoadService> {
    await store.bootstrapLoadStore(engine);
    const max = await engine.withConnection((c) => store.maxTxnId(c));
    const service = new LoadService(
      engine,
      catalog,
      Math.max(max + 1, Date.now() % 1_000_000),
      options.labelKeepSeconds ?? 3 * DAY,
      options.segmentBytes,
    );
    service.cleanSpillArea();
    await service.expire();
    await service.txn.open();
    service.sweeper = setInterval(() => void service.expire().catch(() => undefined), 3600_000);
    service.sweeper.unref();
    return service;
  }

  async close(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    this.txn.close();
  }

  allocateTxnId(): number {
    return this.nextTxnId++;
  }

  viewName(): string {
    return `__rockling_load_src_${this.nextView++}_${randomBytes(4).toString('hex')}`;
  }

  /** Spill files left by a crash are garbage (their loads never committed). */
  private cleanSpillArea(): void {
    for (const name of readdirSync(this.engine.fileArea)) {
      if (/^load_\d+_/.test(name)) rmSync(`${this.engine.fileArea}${name}`, { force: true });
    }
  }

  /** Drop labels (and error logs) older than label_keep_max_second. */
  async expire(): Promise<void> {
    await this.engine.transaction((tx) => store.expireJobs(tx, this.labelKeepSeconds));
    const cutoff = Date.now() - this.labelKeepSeconds * 1000;
    for (const name of readdirSync(this.errorDir)) {
      const p = `${this.errorDir}${name}`;
      if (statSync(p).mtimeMs < cutoff) rmSync(p, { force: true });
    }
  }

  /**
   * Resolve db and table, parse the headers and plan the conversion (no I/O on the body).
   * `streamLoad`: a Stream Load (plain or transaction) — only these read `__op` from JSON objects
   * by themselves (StarRocks' Load.initColumns `isStreamLoadJson`); Routine Load does not.
   */
  resolveTarget(target: LoadTarget, headers: HeaderBag, streamLoad = false): PreparedTarget {
    const db = this.catalog.getDatabase(DEFAULT_CATALOG, target.db);
    if (db === null) throw new LoadError(`unknown database, database=${target.db}`);
    const table = this.catalog.getEntry(DEFAULT_CATALOG, target.db, target.table);
    if (table === null) throw new LoadError(`unknown table, table=${target.table}`);
    if (table.kind !== 'table' || table.storage === undefined)
      throw new LoadError(`load table type is not OlapTable, type=${table.kind}`);
    const options = parseLoadOptions(headers);
    if (options.label !== null) checkLabel(options.label);
    const plan = buildPlan({
      table,
      dbName: target.db,
      options,
      catalog: this.catalog,
      user: target.user,
      viewName: this.viewName(),
      streamLoad,
    });
    return { dbId: db.id, table, options, plan };
  }

  /** Label Already Exists check against the durable store (claimLabel covers in-flight loads). */
  async checkLabelFree(dbId: number, label: string): Promise<void> {
    const used = await this.engine.withConnection((c) => store.labelInUse(c, dbId, label));
    if (used !== null) throw new LabelExistsError(label, used);
  }

  claimLabel(dbId: number, label: string, txnId: number): () => void {
    const key = `${dbId}\0${label}`;
    if (this.running.has(key)) throw new LabelExistsError(label, 'RUNNING');
    this.running.set(key, txnId);
    return () => {
      if (this.running.get(key) === txnId) this.running.delete(key);
    };
  }

  /** Headers arrived: everything that can fail before the body is checked here. */
  async acceptStreamLoad(target: LoadTarget, headers: HeaderBag): Promise<AcceptedLoad> {
    const began = Date.now();
    const txnId = this.allocateTxnId();
    const prepared = this.resolveTarget(target, headers, true);
    const label = prepared.options.label ?? randomUUID();
    // StarRocks plans before the body: unknown `partitions` are answered at once.
    await this.engine.withConnection((c) =>
      partitionMember(c, prepared.table, prepared.options, prepared.plan.write.columns),
    );
    const release = this.claimLabel(prepared.dbId, label, txnId);
    try {
      await this.checkLabelFree(prepared.dbId, label);
    } catch (e) {
      release();
      throw e;
    }
    const planMs = Date.now() - began;
    this.metrics.current++;
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      release();
      this.metrics.current--;
    };
    return {
      txnId,
      label,
      cancel: finish,
      run: async (input) => {
        try {
          return await this.runStreamLoad(target, prepared, label, txnId, input, began, planMs);
        } finally {
          finish();
        }
      },
    };
  }

  /** Receive a body for a prepared target into the spill area. */
  async receive(
    prepared: PreparedTarget,
    txnId: number,
    input: BodyInput,
  ): Promise<{ body: ReceivedBody; spec: ReceiveSpec }> {
    const spec = this.spec(prepared, txnId, input);
    try {
      return { body: await receiveBody(input.body, spec), spec };
    } catch (e) {
      removeSpill(spec.spillBase);
      throw e;
    }
  }

  /** Remove a load's spill files (used by Routine Load too). */
  removeSpill(base: string): void {
    removeSpill(base);
  }

  /**
   * Run `fn` in one transaction with a received body's rows, with the exactness fallbacks of
   * pipeline.ts (used by transaction loads and Routine Load). `intoTable`: `fn` writes the table
   * itself (Routine Load), so its listeners hear of the commit; a transaction load's staging
   * write passes false (the table changes only at COMMIT).
   */
  async withBody<T>(
    prepared: PreparedTarget,
    received: { body: ReceivedBody; spec: ReceiveSpec },
    fn: (
      exec: (write: (rowsSql: string) => Promise<number>) => Promise<ExecutedLoad>,
      tx: EngineConnection,
    ) => Promise<T>,
    intoTable = true,
  ): Promise<T> {
    const result = await withBody(this.engine, prepared, received, fn);
    if (intoTable) notifyLoadCommitted(this.engine, prepared.table.db, prepared.table.name);
    return result;
  }

  private spec(prepared: PreparedTarget, txnId: number, input: BodyInput): ReceiveSpec {
    return {
      options: prepared.options,
      columns: prepared.plan.slots.map((s) => s.name),
      spillBase: `${this.engine.fileArea}load_${txnId}_${randomBytes(4).toString('hex')}`,
      contentLength: input.contentLength,
      ...(this.segmentBytes !== undefined ? { segmentBytes: this.segmentBytes } : {}),
    };
  }

  private async runStreamLoad(
    target: LoadTarget,
    prepared: PreparedTarget,
    label: string,
    txnId: number,
    input: BodyInput,
    began: number,
    planMs: number,
  ): Promise<StreamLoadResult> {
    this.metrics.requests++;
    const { table, options } = prepared;
    let executed: ExecutedLoad | null = null;
    let bytes = 0;
    let readMs = 0;
    let writeMs = 0;
    const spec = this.spec(prepared, txnId, input);
    try {
      const writeStart = Date.now();
      const current = this.catalog.getEntry(DEFAULT_CATALOG, target.db, target.table);
      if (current === null || current.id !== table.id)
        throw new LoadError(`unknown table, table=${target.table}`);
      let commitStart = 0;
      const finish = async (tx: EngineConnection, ex: ExecutedLoad, body: ReceivedBody): Promise<void> => {
        executed = ex;
        bytes = body.bytes;
        readMs = body.receiveMs;
        checkFilterRatio(ex.counts, options.maxFilterRatio);
        writeMs = Date.now() - writeStart;
        await store.putJob(tx, jobRecord(prepared, target, label, txnId, 'VISIBLE', ex, bytes, null, null));
        commitStart = Date.now();
      };
      await pipelined(
        this.engine,
        prepared,
        spec,
        input,
        (tx, sql) => writeRows(tx, table, sql, prepared.plan.write),
        finish,
      );
      this.metrics.bytes += bytes;
      const commitMs = Date.now() - commitStart;
      notifyLoadCommitted(this.engine, table.db, table.name);
      const ex = executed as ExecutedLoad | null;
      const errorUrl =
        ex && ex.rejected.length > 0 ? this.writeErrorLog(txnId, ex.rejected, input.errorUrlBase) : null;
      this.count(ex, true);
      return streamResult(txnId, label, 'Success', 'OK', ex, bytes, errorUrl, {
        loadMs: Date.now() - began,
        beginTxnMs: 0,
        planMs,
        readDataMs: readMs,
        writeDataMs: writeMs,
        commitMs,
      });
    } catch (e) {
      const failure = loadFailure(e);
      const ex = executed as ExecutedLoad | null;
      const errorUrl =
        ex && ex.rejected.length > 0 ? this.writeErrorLog(txnId, ex.rejected, input.errorUrlBase) : null;
      this.count(ex, false);
      await this.recordAbort(prepared, target, label, txnId, ex, bytes, failure.message, errorUrl);
      return streamResult(txnId, label, 'Fail', failure.message, ex, bytes, errorUrl, {
        ...ZERO_TIMES,
        loadMs: Date.now() - began,
        planMs,
        readDataMs: readMs,
        writeDataMs: writeMs,
      });
    } finally {
      this.removeSpill(spec.spillBase);
    }
  }

  private count(ex: ExecutedLoad | null, ok: boolean): void {
    if (ok) this.metrics.success++;
    else this.metrics.failed++;
    if (ex === null) return;
    if (ok) this.metrics.loadedRows += ex.counts.loaded;
    this.metrics.filteredRows += ex.counts.filtered;
    this.metrics.unselectedRows += ex.counts.unselected;
  }

  /** An ABORTED record so get_load_state/SHOW LOAD tell what happened (best effort). */
  async recordAbort(
    prepared: PreparedTarget,
    target: LoadTarget,
    label: string,
    txnId: number,
    ex: ExecutedLoad | null,
    bytes: number,
    message: string,
    errorUrl: string | null,
  ): Promise<void> {
    const job = jobRecord(prepared, target, label, txnId, 'ABORTED', ex, bytes, message, errorUrl);
    await this.engine.transaction((tx) => store.putJob(tx, job)).catch(() => undefined);
  }

  /** The rejected-row log behind ErrorURL: `Error: <reason>. Row: <record>` per line. */
  writeErrorLog(txnId: number, rejected: readonly RejectedRecord[], base: string): string {
    const name = `error_log_${txnId}_${randomBytes(8).toString('hex')}`;
    writeFileSync(
      `${this.errorDir}${name}`,
      rejected.map((r) => `Error: ${r.reason}. Row: ${r.record}\n`).join(''),
    );
    return `${base}/api/_load_error_log?file=${name}`;
  }

  /** Text of an error log, or null (unknown or malformed name). */
  readErrorLog(name: string): string | null {
    if (!/^error_log_[\w-]+$/.test(name)) return null;
    try {
      return readFileSync(`${this.errorDir}${name}`, 'utf8');
    } catch {
      return null;
    }
  }

  /**
   * Load jobs of a database (or all), newest first — what SHOW STREAM LOAD / SHOW LOAD /
   * information_schema.loads need (the SQL side is the session's to add).
   */
  async jobs(dbName: string | null, limit = 10000): Promise<store.JobRecord[]> {
    const db = dbName === null ? null : this.catalog.getDatabase(DEFAULT_CATALOG, dbName);
    if (dbName !== null && db === null) return [];
    return this.engine.withConnection((c) => store.listJobs(c, db?.id ?? null, limit));
  }

  /** `get_load_state`: UNKNOWN for never-seen labels. */
  async loadState(dbName: string, label: string): Promise<string> {
    const db = this.catalog.getDatabase(DEFAULT_CATALOG, dbName);
    if (db === null) throw new LoadError(`unknown database, database=${dbName}`);
    const job = await this.engine.withConnection((c) => store.latestJob(c, db.id, label));
    if (job !== null && job.state !== 'ABORTED') return job.state;
    if (this.running.has(`${db.id}\0${label}`)) return 'PREPARE';
    return job?.state ?? 'UNKNOWN';
  }
}
