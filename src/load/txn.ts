/**
 * Transaction Stream Load (2PC): begin → load* → prepare → commit | rollback, keyed by label per
 * database (docs: Stream_Load_transaction_interface; BE transaction_stream_load.cpp). Each `load`
 * converts its body at once into the transaction's staging table `__rockling_load.txn_<id>` and
 * adds to its counters — in one DuckDB transaction with the job row — so PREPARED transactions
 * (and their rows) survive a restart; `commit` moves the staged rows into the table through
 * `writeRows` and marks the job VISIBLE in one transaction. After a restart, transactions still in
 * PREPARE are aborted (their client is gone, as StarRocks' BE would abort them) and PREPARED ones
 * wait for commit or rollback. Timeouts: `timeout` (default 20 s when absent) from begin to
 * prepare, `prepared_timeout` (default 86400 s) from prepare to commit.
 */
import { DEFAULT_CATALOG, type TableEntry } from '../catalog/index.js';
import type { RejectedRecord } from './body/rows.js';
import { REPORT_LIMIT } from './body/rows.js';
import { LabelExistsError, LoadError } from './errors.js';
import { checkFilterRatio, loadFailure, type LoadCounts } from './execute.js';
import { header, type HeaderBag } from './options.js';
import { feFailure, type TxnReply } from './response.js';
import { localTime } from './clock.js';
import type { BodyInput, LoadService, LoadTarget, PreparedTarget } from './service.js';
import * as store from './store.js';
import { txnRecord, txnSummary } from './records.js';
import {
  commitSourceSql,
  createStagingSql,
  featuresOf,
  insertStagingSql,
  mergeFeatures,
} from './txn-staging.js';
import { writeRows } from './write.js';
import { notifyLoadCommitted } from './commit-hooks.js';

const DEFAULT_TXN_TIMEOUT_S = 20;
const DEFAULT_PREPARED_TIMEOUT_S = 86400;

/** A transaction in flight (exported for records.ts). */
export interface Txn {
  readonly txnId: number;
  readonly label: string;
  readonly dbId: number;
  readonly target: LoadTarget;
  table: TableEntry;
  state: 'PREPARE' | 'PREPARED';
  counts: LoadCounts;
  bytes: number;
  loads: number;
  rejected: RejectedRecord[];
  busy: boolean;
  readonly createTime: string;
  readonly timeoutS: number;
  preparedTimeoutS: number;
  deadline: number;
  properties: string;
  errorUrl: string | null;
}

const ZERO: LoadCounts = { total: 0, loaded: 0, filtered: 0, unselected: 0 };

function add(a: LoadCounts, b: LoadCounts): LoadCounts {
  return {
    total: a.total + b.total,
    loaded: a.loaded + b.loaded,
    filtered: a.filtered + b.filtered,
    unselected: a.unselected + b.unselected,
  };
}

function seconds(raw: string, fallback: number): number {
  return /^\s*\d+\s*$/.test(raw) ? Number(raw) : fallback;
}

export class TxnManager {
  private readonly txns = new Map<string, Txn>();
  private sweeper: NodeJS.Timeout | null = null;

  constructor(private readonly service: LoadService) {}

  /** Restart recovery, then the timeout sweeper. */
  async open(): Promise<void> {
    const engine = this.service.engine;
    const jobs = await engine.withConnection((c) => store.jobsInStates(c, ['PREPARE', 'PREPARED']));
    for (const job of jobs) {
      const table = this.service.catalog.getEntry(DEFAULT_CATALOG, job.dbName, job.tableName);
      if (job.state === 'PREPARE' || table === null || table.id !== job.tableId) {
        await this.abortDurable(job.txnId, {
          ...job,
          state: 'ABORTED',
          finishTime: localTime(),
          errorMsg: 'aborted on restart',
        });
        continue;
      }
      const prepared = job.preparedTimeoutSeconds ?? DEFAULT_PREPARED_TIMEOUT_S;
      this.txns.set(this.key(job.dbId, job.label), {
        txnId: job.txnId,
        label: job.label,
        dbId: job.dbId,
        target: { db: job.dbName, table: job.tableName, user: job.user },
        table,
        state: 'PREPARED',
        counts: {
          total: job.totalRows,
          loaded: job.loadedRows,
          filtered: job.filteredRows,
          unselected: job.unselectedRows,
        },
        bytes: job.loadBytes,
        loads: 1,
        rejected: [],
        busy: false,
        createTime: job.createTime,
        timeoutS: job.timeoutSeconds,
        preparedTimeoutS: prepared,
        deadline: Date.now() + prepared * 1000,
        properties: job.properties,
        errorUrl: job.errorUrl,
      });
    }
    this.sweeper = setInterval(() => void this.sweep(), 1000);
    this.sweeper.unref();
  }

  close(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
  }

  private key(dbId: number, label: string): string {
    return `${dbId}\0${label}`;
  }

  /** A transaction in flight for this label (get_load_state, Label Already Exists). */
  stateOf(dbId: number, label: string): 'PREPARE' | 'PREPARED' | null {
    return this.txns.get(this.key(dbId, label))?.state ?? null;
  }

  private async sweep(): Promise<void> {
    const now = Date.now();
    for (const t of [...this.txns.values()]) {
      if (t.busy || t.deadline > now) continue;
      await this.abort(
        t,
        t.state === 'PREPARE' ? 'transaction timeout' : 'prepared transaction timeout',
      ).catch(() => undefined);
    }
  }

  /** Common header checks of every op: db, label (FE-side failures). */
  private common(headers: HeaderBag): { db: string; label: string; dbId: number } | TxnReply {
    const db = header(headers, 'db');
    if (db === '') return feFailure('No database selected.');
    const label = header(headers, 'label');
    if (label === '') return feFailure('Empty label.');
    const entry = this.service.catalog.getDatabase(DEFAULT_CATALOG, db);
    if (entry === null) return feFailure(`Database[${db}] does not exist`);
    return { db, label, dbId: entry.id };
  }

  async begin(headers: HeaderBag, user: string): Promise<TxnReply> {
    const began = Date.now();
    const c = this.common(headers);
    if ('status' in c) return c;
    const tableName = header(headers, 'table');
    if (tableName === '') return feFailure('Table name must be specified');
    const table = this.service.catalog.getEntry(DEFAULT_CATALOG, c.db, tableName);
    if (table === null) return feFailure(`unknown table, table=${tableName}`);
    const key = this.key(c.dbId, c.label);
    if (this.txns.has(key))
      return {
        status: 'LABEL_ALREADY_EXISTS',
        existingJobStatus: 'RUNNING',
        message: `Label [${c.label}] has already been used.`,
      };
    const txnId = this.service.allocateTxnId();
    let release: () => void;
    try {
      release = this.service.claimLabel(c.dbId, c.label, txnId);
      await this.service.checkLabelFree(c.dbId, c.label).catch((e) => {
        release();
        throw e;
      });
    } catch (e) {
      if (e instanceof LabelExistsError)
        return { status: 'LABEL_ALREADY_EXISTS', existingJobStatus: e.existingJobStatus, message: e.message };
      throw e;
    }
    const timeoutS = seconds(header(headers, 'timeout'), DEFAULT_TXN_TIMEOUT_S);
    const txn: Txn = {
      txnId,
      label: c.label,
      dbId: c.dbId,
      target: { db: c.db, table: tableName, user },
      table,
      state: 'PREPARE',
      counts: ZERO,
      bytes: 0,
      loads: 0,
      rejected: [],
      busy: false,
      createTime: localTime(),
      timeoutS,
      preparedTimeoutS: DEFAULT_PREPARED_TIMEOUT_S,
      deadline: Date.now() + timeoutS * 1000,
      properties: '{}',
      errorUrl: null,
    };
    try {
      await this.service.engine.transaction((tx) => store.putJob(tx, txnRecord(txn, 'PREPARE', null)));
      this.txns.set(key, txn);
    } finally {
      release();
    }
    this.service.metrics.txnBegin++;
    return {
      status: 'OK',
      message: '',
      fields: { Label: c.label, TxnId: txnId, BeginTxnTimeMs: Date.now() - began },
    };
  }

  /** Find the transaction of an op and mark it busy (TXN_IN_PROCESSING when it is). */
  private claim(headers: HeaderBag): { txn: Txn; release: () => void } | TxnReply {
    const c = this.common(headers);
    if ('status' in c) return c;
    const txn = this.txns.get(this.key(c.dbId, c.label));
    if (txn === undefined)
      return { status: 'TXN_NOT_EXISTS', message: `Transaction with label ${c.label} does not exist` };
    if (txn.busy)
      return {
        status: 'TXN_IN_PROCESSING',
        message: `Transaction ${txn.txnId} is in processing`,
        fields: { Label: c.label },
      };
    txn.busy = true;
    txn.deadline = Math.max(txn.deadline, Date.now() + 1000);
    return { txn, release: () => (txn.busy = false) };
  }

  /** `/load`: accept the headers (before 100 Continue); `run` takes the body. */
  async acceptLoad(
    headers: HeaderBag,
  ): Promise<TxnReply | { run: (input: BodyInput) => Promise<TxnReply>; cancel: () => void }> {
    const claimed = this.claim(headers);
    if ('status' in claimed) return claimed;
    const { txn, release } = claimed;
    if (txn.state !== 'PREPARE') {
      release();
      return { status: 'FAILED', message: `Transaction ${txn.txnId} is not in PREPARE state: ${txn.state}` };
    }
    const tableName = header(headers, 'table');
    if (tableName !== '' && tableName !== txn.target.table) {
      release();
      return {
        status: 'INVALID_ARGUMENT',
        message: `Table ${tableName} does not match the transaction's table ${txn.target.table}`,
      };
    }
    let prepared: PreparedTarget;
    const planStart = Date.now();
    try {
      prepared = this.service.resolveTarget(txn.target, headers, true);
    } catch (e) {
      release();
      return { status: 'FAILED', message: loadFailure(e).message };
    }
    const planMs = Date.now() - planStart;
    return {
      cancel: release,
      run: async (input) => {
        try {
          return await this.load(txn, prepared, input, planMs);
        } finally {
          release();
        }
      },
    };
  }

  private async load(
    txn: Txn,
    prepared: PreparedTarget,
    input: BodyInput,
    planMs: number,
  ): Promise<TxnReply> {
    this.service.metrics.txnLoad++;
    let spill: string | null = null;
    try {
      const received = await this.service.receive(prepared, txn.txnId, input);
      spill = received.spec.spillBase;
      const staging = store.stagingTable(txn.txnId);
      const storage = txn.table.storage;
      if (storage === undefined) throw new LoadError('table has no storage');
      const executed = await this.service.withBody(
        prepared,
        received,
        async (exec, tx) => {
          await tx.execute(createStagingSql(staging, storage));
          const ex = await exec((sql) =>
            tx.execute(insertStagingSql(staging, txn.table, prepared.plan.write, sql)),
          );
          const next = { ...txn, counts: add(txn.counts, ex.counts), bytes: txn.bytes + received.body.bytes };
          await store.putJob(tx, txnRecord(next, 'PREPARE', null));
          return ex;
        },
        false,
      );
      txn.counts = add(txn.counts, executed.counts);
      txn.bytes += received.body.bytes;
      txn.loads++;
      txn.properties = JSON.stringify({
        format: prepared.options.format,
        max_filter_ratio: prepared.options.maxFilterRatio,
        write: mergeFeatures(txn.loads > 1 ? featuresOf(txn.properties) : null, prepared.plan.write),
      });
      txn.rejected.push(...executed.rejected.slice(0, REPORT_LIMIT - txn.rejected.length));
      if (txn.rejected.length > 0)
        txn.errorUrl = this.service.writeErrorLog(txn.txnId, txn.rejected, input.errorUrlBase);
      this.service.metrics.bytes += received.body.bytes;
      return {
        status: 'OK',
        message: '',
        fields: {
          Label: txn.label,
          TxnId: txn.txnId,
          LoadBytes: received.body.bytes,
          StreamLoadPlanTimeMs: planMs,
          ReceivedDataTimeMs: received.body.receiveMs,
        },
      };
    } catch (e) {
      return { status: 'FAILED', message: loadFailure(e).message };
    } finally {
      if (spill !== null) this.service.removeSpill(spill);
    }
  }

  async prepare(headers: HeaderBag): Promise<TxnReply> {
    const claimed = this.claim(headers);
    if ('status' in claimed) return claimed;
    const { txn, release } = claimed;
    try {
      this.service.metrics.txnPrepare++;
      const failed = await this.toPrepared(txn, header(headers, 'prepared_timeout'));
      return failed ?? { status: 'OK', message: '', fields: txnSummary(txn, 0) };
    } finally {
      release();
    }
  }

  /** PREPARE → PREPARED (ratio checked); a failure aborts the transaction and is the reply. */
  private async toPrepared(txn: Txn, preparedTimeout: string): Promise<TxnReply | null> {
    if (txn.state === 'PREPARED') return null;
    try {
      if (txn.loads === 0) throw new LoadError(`Transaction ${txn.txnId} hasn't send any data yet`);
      checkFilterRatio(txn.counts, this.maxRatio(txn));
    } catch (e) {
      const msg = loadFailure(e).message;
      await this.abort(txn, msg);
      return { status: 'FAILED', message: msg, fields: txnSummary(txn, 0) };
    }
    txn.preparedTimeoutS = seconds(preparedTimeout, DEFAULT_PREPARED_TIMEOUT_S);
    await this.service.engine.transaction((tx) => store.putJob(tx, txnRecord(txn, 'PREPARED', null)));
    txn.state = 'PREPARED';
    txn.deadline = Date.now() + txn.preparedTimeoutS * 1000;
    return null;
  }

  private maxRatio(txn: Txn): number {
    try {
      return (JSON.parse(txn.properties) as { max_filter_ratio?: number }).max_filter_ratio ?? 0;
    } catch {
      return 0;
    }
  }

  async commit(headers: HeaderBag): Promise<TxnReply> {
    const began = Date.now();
    const c = this.common(headers);
    if ('status' in c) return c;
    if (!this.txns.has(this.key(c.dbId, c.label))) {
      const job = await this.service.engine.withConnection((conn) => store.latestJob(conn, c.dbId, c.label));
      if (job !== null && job.state === 'VISIBLE')
        return { status: 'OK', message: '', fields: { Label: c.label, TxnId: job.txnId } };
    }
    const claimed = this.claim(headers);
    if ('status' in claimed) return claimed;
    const { txn, release } = claimed;
    try {
      const failed = await this.toPrepared(txn, header(headers, 'prepared_timeout'));
      if (failed) return failed;
      const staging = store.stagingTable(txn.txnId);
      await this.service.engine.transaction(async (tx) => {
        const features = featuresOf(txn.properties);
        await writeRows(tx, txn.table, commitSourceSql(staging, txn.table, features), features);
        await tx.execute(`DROP TABLE IF EXISTS ${staging}`);
        await store.putJob(tx, txnRecord(txn, 'VISIBLE', null));
      });
      this.txns.delete(this.key(txn.dbId, txn.label));
      notifyLoadCommitted(this.service.engine, txn.table.db, txn.table.name);
      this.service.metrics.txnCommit++;
      this.service.metrics.success++;
      this.service.metrics.loadedRows += txn.counts.loaded;
      return { status: 'OK', message: '', fields: txnSummary(txn, Date.now() - began) };
    } catch (e) {
      return { status: 'FAILED', message: loadFailure(e).message };
    } finally {
      release();
    }
  }

  async rollback(headers: HeaderBag): Promise<TxnReply> {
    const claimed = this.claim(headers);
    if ('status' in claimed) return claimed;
    const { txn, release } = claimed;
    try {
      await this.abort(txn, 'rolled back by the client');
      this.service.metrics.txnRollback++;
      return { status: 'OK', message: '', fields: { Label: txn.label } };
    } finally {
      release();
    }
  }

  private async abort(txn: Txn, reason: string): Promise<void> {
    await this.abortDurable(txn.txnId, txnRecord(txn, 'ABORTED', reason));
    this.txns.delete(this.key(txn.dbId, txn.label));
    this.service.metrics.failed++;
  }

  private async abortDurable(txnId: number, job: store.JobRecord): Promise<void> {
    await this.service.engine.transaction(async (tx) => {
      await tx.execute(`DROP TABLE IF EXISTS ${store.stagingTable(txnId)}`);
      await store.putJob(tx, job);
    });
  }
}
