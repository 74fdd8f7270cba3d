/**
 * Data and workload items (ONBOARDING.md §3.3): loads (I8), partitions without data (I14),
 * tablet/partition counts vs limits (I13), bucket skew (I12), materialized views (I16),
 * slow / long-running queries (I15).
 */
import { col, fromError, notStarRocks, queryRows, type Check, type Status } from './model.js';

const loads: Check = {
  id: 'I8',
  title: 'load jobs: none PAUSED / CANCELLED',
  async run(ctx) {
    const na = notStarRocks(ctx, 'load jobs');
    if (na !== undefined) return na;
    const notes: string[] = [];
    let status: Status = 'OK';
    try {
      const rl = await queryRows(ctx, 'SELECT * FROM information_schema.routine_load_jobs');
      const bad = rl.filter((r) =>
        ['PAUSED', 'CANCELLED', 'UNSTABLE'].includes(String(col(r, 'STATE')).toUpperCase()),
      );
      if (bad.length > 0) status = 'FAIL';
      notes.push(
        `${rl.length} routine load jobs${bad.length > 0 ? `; not running: ${bad.map((r) => `${String(col(r, 'NAME'))} ${String(col(r, 'STATE'))}`).join(', ')}` : ''}`,
      );
    } catch (e) {
      const r = fromError(e, 'routine load jobs');
      if (r.status !== 'N/A') return r;
      notes.push(r.detail);
    }
    try {
      const recent = await queryRows(
        ctx,
        'SELECT LABEL, STATE, ERROR_MSG FROM information_schema.loads WHERE CREATE_TIME >= DATE_SUB(NOW(), INTERVAL 1 DAY)',
      );
      const cancelled = recent.filter((r) => String(col(r, 'STATE')).toUpperCase() === 'CANCELLED');
      if (cancelled.length > 0 && status === 'OK') status = 'WARN';
      notes.push(`${recent.length} loads in 24 h, ${cancelled.length} cancelled`);
    } catch (e) {
      notes.push(fromError(e, 'information_schema.loads').detail);
    }
    const lag =
      ctx.metrics?.samples.filter((s) => s.name === 'starrocks_fe_routine_load_max_lag_of_partition') ?? [];
    const maxLag = Math.max(0, ...lag.map((s) => s.value));
    if (maxLag > 300_000) {
      status = status === 'FAIL' ? 'FAIL' : 'WARN';
      notes.push(`Kafka lag up to ${maxLag} messages (> 300 000)`);
    }
    return { status, detail: notes.join('; ') };
  },
};

interface PartitionRow {
  readonly table: string;
  readonly rows: number;
  readonly buckets: number;
  readonly bytes: number;
}

async function partitions(ctx: Parameters<Check['run']>[0]): Promise<PartitionRow[]> {
  if (ctx.dialect === 'starrocks') {
    const rows = await queryRows(
      ctx,
      'SELECT DB_NAME, TABLE_NAME, ROW_COUNT, BUCKETS, DATA_SIZE FROM information_schema.partitions_meta',
    );
    return rows.map((r) => ({
      table: `${String(col(r, 'DB_NAME'))}.${String(col(r, 'TABLE_NAME'))}`,
      rows: Number(col(r, 'ROW_COUNT') ?? 0),
      buckets: Number(col(r, 'BUCKETS') ?? 0),
      bytes: parseSize(col(r, 'DATA_SIZE')),
    }));
  }
  const rows = await queryRows(
    ctx,
    `SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_ROWS, DATA_LENGTH FROM information_schema.PARTITIONS
     WHERE PARTITION_NAME IS NOT NULL AND TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')`,
  );
  return rows.map((r) => ({
    table: `${String(col(r, 'TABLE_SCHEMA'))}.${String(col(r, 'TABLE_NAME'))}`,
    rows: Number(col(r, 'TABLE_ROWS') ?? 0),
    buckets: 1,
    bytes: Number(col(r, 'DATA_LENGTH') ?? 0),
  }));
}

const SIZE_UNITS: Readonly<Record<string, number>> = {
  B: 1,
  KB: 2 ** 10,
  MB: 2 ** 20,
  GB: 2 ** 30,
  TB: 2 ** 40,
  PB: 2 ** 50,
};

/** partitions_meta.DATA_SIZE is text such as '1.234GB' or '0B'; plain numbers are bytes. */
export function parseSize(v: unknown): number {
  const m = /^\s*([\d.]+)\s*([KMGTP]?B)?\s*$/i.exec(String(v ?? '0'));
  if (m === null) return 0;
  return Number(m[1]) * (SIZE_UNITS[(m[2] ?? 'B').toUpperCase()] ?? 1);
}

function byTable(rows: readonly PartitionRow[]): Map<string, PartitionRow[]> {
  const m = new Map<string, PartitionRow[]>();
  for (const r of rows) m.set(r.table, [...(m.get(r.table) ?? []), r]);
  return m;
}

const emptyPartitions: Check = {
  id: 'I14',
  title: 'partitions without data (warn when > 50 % empty of > 5)',
  async run(ctx) {
    try {
      const tables = byTable(await partitions(ctx));
      if (tables.size === 0) return { status: 'OK', detail: 'no partitioned tables' };
      const flagged: string[] = [];
      let empty = 0;
      for (const [t, ps] of tables) {
        const e = ps.filter((p) => p.rows === 0).length;
        empty += e;
        if (ps.length > 5 && e / ps.length > 0.5) flagged.push(`${t} (${e}/${ps.length} empty)`);
      }
      const detail = `${tables.size} partitioned tables, ${empty} empty partitions${ctx.dialect === 'mysql' ? ' (row counts are InnoDB estimates)' : ''}`;
      return flagged.length > 0
        ? { status: 'WARN', detail: `${detail}; ${flagged.join(', ')}` }
        : { status: 'OK', detail };
    } catch (e) {
      return fromError(e, 'partition metadata');
    }
  },
};

const GIB = 2 ** 30;

const tabletLimits: Check = {
  id: 'I13',
  title: 'partition / tablet counts and tablet size vs limits',
  async run(ctx) {
    const na = notStarRocks(ctx, 'tablets');
    if (na !== undefined) return na;
    try {
      const tables = byTable(await partitions(ctx));
      const findings: string[] = [];
      let status: Status = 'OK';
      let tabletsTotal = 0;
      for (const [t, ps] of tables) {
        const tablets = ps.reduce((s, p) => s + p.buckets, 0);
        tabletsTotal += tablets;
        const bytes = ps.reduce((s, p) => s + p.bytes, 0);
        const avg = tablets === 0 ? 0 : bytes / tablets;
        // 100 000 = FE max_partition_number_per_table default; 10 GB / 2 GB × 10 000 = sr_advise_analyser.
        const flag = (level: Status, text: string): void => {
          if (level === 'FAIL' || status === 'OK') status = level;
          findings.push(`${t}: ${text}`);
        };
        if (ps.length >= 90_000) flag('FAIL', `${ps.length} partitions (limit 100 000)`);
        if (avg > 10 * GIB) flag('WARN', `tablets avg ${(avg / GIB).toFixed(1)} GB (> 10 GB)`);
        if (tablets > 10_000 && avg < 2 * GIB && avg > 0) {
          flag('WARN', `${tablets} tablets of avg ${(avg / 2 ** 20).toFixed(0)} MB (metadata pressure)`);
        }
      }
      return {
        status,
        detail: `${tables.size} tables, ${tabletsTotal} tablets${findings.length > 0 ? `; ${findings.join('; ')}` : ''}`,
      };
    } catch (e) {
      return fromError(e, 'information_schema.partitions_meta');
    }
  },
};

const skew: Check = {
  id: 'I12',
  title: 'bucket skew per partition (CV warn 0.2, fail 0.5)',
  async run(ctx) {
    const na = notStarRocks(ctx, 'bucket skew');
    if (na !== undefined) return na;
    try {
      const rows = await queryRows(
        ctx,
        `SELECT PARTITION_ID, COUNT(*) AS n, AVG(NUM_ROW) AS mean, STDDEV(NUM_ROW) AS sd
         FROM information_schema.be_tablets GROUP BY PARTITION_ID HAVING COUNT(*) > 1 AND AVG(NUM_ROW) >= 100000`,
      );
      let status: Status = 'OK';
      const bad: string[] = [];
      for (const r of rows) {
        const cv = Number(col(r, 'sd')) / Number(col(r, 'mean'));
        if (cv > 0.5) status = 'FAIL';
        else if (cv > 0.2 && status === 'OK') status = 'WARN';
        if (cv > 0.2) bad.push(`partition ${String(col(r, 'PARTITION_ID'))} CV ${cv.toFixed(2)}`);
      }
      return {
        status,
        detail: `${rows.length} partitions with ≥ 100 000 rows per tablet checked${bad.length > 0 ? `; ${bad.slice(0, 10).join(', ')}` : ''}`,
      };
    } catch (e) {
      return fromError(e, 'information_schema.be_tablets');
    }
  },
};

const mvs: Check = {
  id: 'I16',
  title: 'materialized views active and refreshed',
  async run(ctx) {
    const na = notStarRocks(ctx, 'materialized views');
    if (na !== undefined) return na;
    try {
      const rows = await queryRows(
        ctx,
        'SELECT TABLE_SCHEMA, TABLE_NAME, IS_ACTIVE, LAST_REFRESH_STATE FROM information_schema.materialized_views',
      );
      const bad = rows.filter(
        (r) =>
          String(col(r, 'IS_ACTIVE')).toLowerCase() === 'false' ||
          !['SUCCESS', '', 'NULL', 'undefined'].includes(String(col(r, 'LAST_REFRESH_STATE') ?? '')),
      );
      return {
        status: bad.length > 0 ? 'WARN' : 'OK',
        detail: `${rows.length} MVs${bad.length > 0 ? `; inactive or failed: ${bad.map((r) => `${String(col(r, 'TABLE_SCHEMA'))}.${String(col(r, 'TABLE_NAME'))}`).join(', ')}` : ''}`,
      };
    } catch (e) {
      return fromError(e, 'information_schema.materialized_views');
    }
  },
};

const slowQueries: Check = {
  id: 'I15',
  title: 'slow / long-running queries',
  async run(ctx) {
    try {
      const rows = await queryRows(ctx, 'SHOW FULL PROCESSLIST');
      const long = rows.filter((r) => {
        const command = String(col(r, 'Command') ?? '').toLowerCase();
        return (
          command === 'query' &&
          Number(col(r, 'Time') ?? 0) >= ctx.slowQuerySeconds &&
          String(col(r, 'Info') ?? '') !== 'SHOW FULL PROCESSLIST'
        );
      });
      const notes = [`${rows.length} connections, ${long.length} running ≥ ${ctx.slowQuerySeconds}s`];
      for (const r of long.slice(0, 5))
        notes.push(
          `#${String(col(r, 'Id'))} ${String(col(r, 'Time'))}s: ${String(col(r, 'Info') ?? '').slice(0, 80)}`,
        );
      if (ctx.dialect === 'mysql') {
        const [slow] = await queryRows(ctx, "SHOW GLOBAL STATUS LIKE 'Slow_queries'");
        notes.push(`Slow_queries counter ${String(col(slow ?? {}, 'Value') ?? '?')}`);
      }
      const p99 = ctx.metrics?.samples.find(
        (s) => s.name === 'starrocks_fe_query_latency_ms' && s.labels['quantile'] === '0.99',
      );
      let status: Status = long.length > 0 ? 'WARN' : 'OK';
      if (p99 !== undefined) {
        notes.push(`FE query P99 ${p99.value.toFixed(0)} ms`);
        if (p99.value > 5000) status = 'WARN';
      }
      return { status, detail: notes.join('; ') };
    } catch (e) {
      return fromError(e, 'SHOW FULL PROCESSLIST');
    }
  },
};

/** Data and workload checks in report order. */
export const DATA_CHECKS: readonly Check[] = [loads, emptyPartitions, tabletLimits, skew, mvs, slowQueries];
