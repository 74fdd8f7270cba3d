/**
 * Cluster introspection on a single-node Rockling: SHOW BACKENDS / FRONTENDS / COMPUTE NODES,
 * SHOW PROC '/backends' | '/frontends' | '/compute_nodes', and ADMIN SHOW / SET FRONTEND CONFIG.
 * One process plays the LEADER FE and the only BE, so tools that count alive backends (replication
 * choice, health checks) see exactly one. Column names follow StarRocks 3.3; every value is text,
 * as StarRocks sends them.
 */
import { statfsSync } from 'node:fs';
import { cpus, freemem, totalmem } from 'node:os';
import { SqlError } from '../errors/index.js';
import type { AstShow } from '../sql/index.js';
import type { RowsResult } from './api.js';
import { col, likeRegExp, okResult, rowsResult } from './results.js';
import type { SessionImpl } from './session.js';
import type { DatabaseImpl } from './database.js';

/** StarRocks' default ports: a session does not know the listener's real ones. */
const PORTS = {
  heartbeat: 9050,
  be: 9060,
  beHttp: 8040,
  brpc: 8060,
  editLog: 9010,
  feHttp: 8030,
  query: 9030,
  rpc: 9020,
};
const HOST = '127.0.0.1';
/** Stable ids: one node each, as a fresh StarRocks cluster numbers them. */
/** The single BE's id (SHOW BACKENDS, be_tablets). */
export const BACKEND_ID = '10001';
const CLUSTER_ID = '1';

const BACKEND_COLUMNS = [
  'BackendId', 'IP', 'HeartbeatPort', 'BePort', 'HttpPort', 'BrpcPort', 'LastStartTime', 'LastHeartbeat', 'Alive',
  'SystemDecommissioned', 'ClusterDecommissioned', 'TabletNum', 'DataUsedCapacity', 'AvailCapacity',
  'TotalCapacity', 'UsedPct', 'MaxDiskUsedPct', 'ErrMsg', 'Version', 'Status', 'DataTotalCapacity', 'DataUsedPct',
  'CpuCores', 'MemLimit', 'NumRunningQueries', 'MemUsedPct', 'CpuUsedPct', 'DataCacheMetrics', 'Location',
]; // prettier-ignore

const FRONTEND_COLUMNS = [
  'Name', 'IP', 'EditLogPort', 'HttpPort', 'QueryPort', 'RpcPort', 'Role', 'ClusterId', 'Join', 'Alive',
  'ReplayedJournalId', 'LastHeartbeat', 'IsHelper', 'ErrMsg', 'StartTime', 'Version',
]; // prettier-ignore

const COMPUTE_NODE_COLUMNS = [
  'ComputeNodeId', 'IP', 'HeartbeatPort', 'BePort', 'HttpPort', 'BrpcPort', 'LastStartTime', 'LastHeartbeat',
  'Alive', 'SystemDecommissioned', 'ClusterDecommissioned', 'ErrMsg', 'Version', 'CpuCores', 'NumRunningQueries',
  'MemUsedPct', 'CpuUsedPct', 'HasStoragePath', 'StarletPort', 'WorkerId', 'WarehouseName', 'TabletNum',
]; // prettier-ignore

/** `2026-11-21 21:30:00` in local time, StarRocks' SHOW timestamp form. */
function stamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** StarRocks' capacity rendering: `1.234 GB`, `12.000 MB`, `0.000 B`. */
function bytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n.toFixed(3)} ${units[i] ?? 'B'}`;
}

const pct = (part: number, whole: number): string =>
  `${whole > 0 ? ((100 * part) / whole).toFixed(2) : '0.00'} %`;

/** The disk holding the working directory (the data directory's usual parent); zeros if unreadable. */
function disk(): { total: number; avail: number } {
  try {
    const st = statfsSync('.');
    return { total: st.blocks * st.bsize, avail: st.bavail * st.bsize };
  } catch {
    return { total: 0, avail: 0 };
  }
}

function version(s: SessionImpl): string {
  return s.db.versions.starrocksVersion.replace(' ', '-');
}

/**
 * Tablets as StarRocks counts them: one per bucket of every partition (at least one per partition,
 * auto-bucketed tables report 0 buckets here). Read through information_schema so the count
 * follows the partition store.
 */
async function tabletCount(s: SessionImpl): Promise<string> {
  const internal = await s.db.openInternalSession();
  try {
    let n = '0';
    const sql = 'SELECT COALESCE(SUM(GREATEST(BUCKETS, 1)), 0) FROM information_schema.partitions_meta';
    for await (const r of internal.query(sql))
      if (r.kind === 'rows') for await (const b of r.batches) for (const row of b) n = String(row[0] ?? 0);
    return n;
  } finally {
    await internal.close();
  }
}

async function backendRow(s: SessionImpl): Promise<string[]> {
  const tablets = await tabletCount(s);
  const started = stamp(s.db.startedAt);
  const now = stamp(Date.now());
  const { total, avail } = disk();
  const used = total - avail;
  const running = s.db.listSessions().filter((x) => x.running !== null).length;
  const mem = totalmem();
  const status = JSON.stringify({ lastSuccessReportTabletsTime: now, lastStreamLoadTime: -1, isQueryDisabled: false, isLoadDisabled: false }); // prettier-ignore
  // prettier-ignore
  return [
    BACKEND_ID, HOST, String(PORTS.heartbeat), String(PORTS.be), String(PORTS.beHttp), String(PORTS.brpc),
    started, now, 'true', 'false', 'false', tablets, bytes(0), bytes(avail), bytes(total), pct(used, total),
    pct(used, total), '', version(s), status, bytes(total), pct(0, total), String(cpus().length), bytes(mem),
    String(running), pct(mem - freemem(), mem), '0.0 %', '', '',
  ];
}

function frontendRow(s: SessionImpl): string[] {
  const started = stamp(s.db.startedAt);
  // prettier-ignore
  return [
    `${HOST}_${PORTS.editLog}_${s.db.startedAt}`, HOST, String(PORTS.editLog), String(PORTS.feHttp),
    String(PORTS.query), String(PORTS.rpc), 'LEADER', CLUSTER_ID, 'true', 'true', '0', stamp(Date.now()), 'true', '',
    started, version(s),
  ];
}

/** SHOW BACKENDS / FRONTENDS / COMPUTE NODES and their SHOW PROC paths; null for other SHOWs. */
export async function clusterShow(s: SessionImpl, stmt: AstShow): Promise<RowsResult | null> {
  const target = stmt.what === 'proc' ? procTarget(stmt.path ?? '') : stmt.what;
  switch (target) {
    case 'backends':
      return rowsResult(
        BACKEND_COLUMNS.map((n) => col(n)),
        [await backendRow(s)],
      );
    case 'frontends':
      return rowsResult(
        FRONTEND_COLUMNS.map((n) => col(n)),
        [frontendRow(s)],
      );
    case 'compute nodes':
      return rowsResult(
        COMPUTE_NODE_COLUMNS.map((n) => col(n)),
        [],
      );
    default:
      return null;
  }
}

function procTarget(path: string): string | null {
  switch (path.replace(/\/+$/, '')) {
    case '/backends':
      return 'backends';
    case '/frontends':
      return 'frontends';
    case '/compute_nodes':
      return 'compute nodes';
    default:
      return null;
  }
}

/** One FE setting: its StarRocks name, type, default and whether ADMIN SET may change it. */
interface FeConfig {
  readonly type: 'boolean' | 'int' | 'long' | 'String';
  readonly value: string;
  readonly mutable: boolean;
  readonly comment: string;
}

const C = (type: FeConfig['type'], value: string, mutable: boolean, comment = ''): FeConfig => ({
  type,
  value,
  mutable,
  comment,
});

/**
 * The settings Rockling reports. Immutable ones describe how this process runs; mutable ones are
 * StarRocks switches scripts commonly flip: accepted and remembered, none changes behaviour here.
 */
const FE_CONFIGS: ReadonlyMap<string, FeConfig> = new Map([
  [
    'run_mode',
    C('String', 'shared_nothing', false, 'one process: FE and BE in one, data in one DuckDB file'),
  ],
  ['frontend_address', C('String', '0.0.0.0', false)],
  ['query_port', C('int', String(PORTS.query), false)],
  ['http_port', C('int', String(PORTS.feHttp), false)],
  ['rpc_port', C('int', String(PORTS.rpc), false)],
  ['edit_log_port', C('int', String(PORTS.editLog), false)],
  ['qe_max_connection', C('int', '4096', false)],
  ['ssl_keystore_location', C('String', '', false)],
  ['ssl_keystore_password', C('String', '', false)],
  ['ssl_key_password', C('String', '', false)],
  ['ssl_keystore_type', C('String', 'JKS', false)],
  ['dynamic_partition_enable', C('boolean', 'true', true)],
  ['dynamic_partition_check_interval_seconds', C('long', '600', true)],
  ['max_automatic_partition_number', C('long', '4096', true)],
  ['alter_scheduler_interval_millisecond', C('int', '10000', true)],
  ['enable_active_materialized_view_schema_strict_check', C('boolean', 'true', true)],
  ['enable_colocate_mv_index', C('boolean', 'true', true)],
  ['enable_experimental_gin', C('boolean', 'false', true)],
  ['enable_experimental_rowstore', C('boolean', 'false', true)],
  ['enable_experimental_temporary_table', C('boolean', 'true', true)],
  ['enable_experimental_vector', C('boolean', 'false', true)],
  ['enable_online_optimize_table', C('boolean', 'true', true)],
  ['enable_statistic_collect', C('boolean', 'true', true)],
  ['enable_statistic_collect_on_first_load', C('boolean', 'true', true)],
  ['enable_sync_statistics_load', C('boolean', 'true', true)],
  ['enable_task_run_fe_evaluation', C('boolean', 'true', true)],
  ['enable_udf', C('boolean', 'false', true)],
  ['stream_load_profile_collect_threshold_second', C('long', '0', true)],
  ['thrift_max_message_size', C('int', '1073741824', true)],
  ['tablet_create_timeout_second', C('int', '10', true)],
  ['max_routine_load_task_num_per_be', C('int', '16', true)],
  ['max_routine_load_job_num', C('long', '100', true)],
  ['default_replication_num', C('int', '1', true, 'one backend: replication above 1 cannot be placed')],
  ['enable_materialized_view', C('boolean', 'true', true)],
  ['enable_mv_refresh_query_rewrite', C('boolean', 'false', true)],
  ['mv_refresh_fail_on_filter_data', C('boolean', 'true', true)],
  ['enable_strict_storage_medium_check', C('boolean', 'false', true)],
  ['catalog_trash_expire_second', C('long', '86400', true)],
  ['enable_auto_tablet_distribution', C('boolean', 'true', true)],
]);

/** Values set with ADMIN SET FRONTEND CONFIG, per database (reset at restart, as in StarRocks). */
const overrides = new WeakMap<DatabaseImpl, Map<string, string>>();

/** Current value of an FE config key (ADMIN SET FRONTEND CONFIG override or default). */
export function feConfig(s: SessionImpl, key: string): string | undefined {
  return overrides.get(s.db)?.get(key) ?? FE_CONFIGS.get(key)?.value;
}

/** ADMIN SHOW FRONTEND CONFIG [LIKE 'pattern']. */
export function adminShowConfig(s: SessionImpl, text: string): RowsResult {
  const like = /\blike\s+'([^']*)'/i.exec(text)?.[1];
  const re = like === undefined ? null : likeRegExp(like, false);
  const set = overrides.get(s.db);
  const rows = [...FE_CONFIGS]
    .filter(([k]) => re === null || re.test(k))
    .map(([k, c]) => [k, '[]', set?.get(k) ?? c.value, c.type, String(c.mutable), c.comment]);
  return rowsResult(
    ['Key', 'AliasNames', 'Value', 'Type', 'IsMutable', 'Comment'].map((n) => col(n)),
    rows,
  );
}

/** ADMIN SET FRONTEND CONFIG ("key" = "value"): known mutable keys only, values checked by type. */
export function adminSetConfig(s: SessionImpl, text: string): ReturnType<typeof okResult> {
  const m = /\(\s*(['"])([^'"]*)\1\s*=\s*(['"])([^'"]*)\3\s*\)/.exec(text);
  if (m === null)
    throw new SqlError('parse-error', { message: 'ADMIN SET FRONTEND CONFIG expects ("key" = "value")' });
  const key = (m[2] ?? '').trim();
  const value = m[4] ?? '';
  const c = FE_CONFIGS.get(key);
  if (c === undefined || !c.mutable)
    throw new SqlError('runtime-error', { message: `Config '${key}' does not exist or is not mutable` });
  const ok =
    c.type === 'boolean'
      ? /^(true|false)$/i.test(value)
      : c.type === 'String'
        ? true
        : /^-?\d+$/.test(value.trim());
  if (!ok) throw new SqlError('runtime-error', { message: `Invalid value '${value}' for config '${key}'` });
  let set = overrides.get(s.db);
  if (set === undefined) overrides.set(s.db, (set = new Map()));
  set.set(key, c.type === 'boolean' ? value.toLowerCase() : value.trim());
  return okResult();
}
