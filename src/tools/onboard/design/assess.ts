/**
 * Stage 1, the review meeting: scenario class, volume and growth over the retention window,
 * freshness class, query classes from the typical SQL, and the per-table storage figures the
 * design builds on (R-S2, R-S3).
 */
import type { Form, TableSpec } from '../form/model.js';
import { formatBytes, formatDuration } from '../form/units.js';
import { scanSql } from '../sql-scan.js';
import type { Notes } from './notes.js';
import type { Assessment, QueryInfo } from './types.js';

/** Days a table is sized for: its retention, or 3 years when kept forever. */
export function horizonDays(t: Pick<TableSpec, 'retentionDays'>): number {
  return t.retentionDays ?? 3 * 365;
}

/** Compression ratios (R-S2): raw CSV/JSON 3:1, Parquet/ORC bytes 1:1 until measured. */
export function compressionRatios(form: Form, t: TableSpec): { daily: number; stock: number } {
  const columnar = (f: string | undefined): boolean => f === 'parquet' || f === 'orc';
  // The daily increment arrives as columnar files only when no streaming source feeds the table.
  const feeds = t.from.map((name) => form.sources.find((x) => x.name === name));
  const fileFed =
    feeds.length > 0 &&
    feeds.every((s) => s !== undefined && ['s3', 'hdfs', 'hive'].includes(s.kind) && columnar(s.format));
  return { daily: fileFed ? 1 : 3, stock: columnar(t.volume.stockFormat) ? 1 : 3 };
}

/** Stored single-replica bytes of a table after `days` days of increments. */
export function storedAfter(form: Form, t: TableSpec, days: number): number {
  const cr = compressionRatios(form, t);
  return t.volume.stockBytes / cr.stock + (t.volume.dailyBytes * Math.min(days, horizonDays(t))) / cr.daily;
}

/** The freshness classes of the seed (秒级 / 分钟级 / T+1). */
export function freshnessClass(seconds: number): Assessment['freshnessClass'] {
  if (seconds < 60) return 'seconds';
  if (seconds < 86400) return 'minutes';
  return 'T+1';
}

/** Classify the typical SQL and spread the business' QPS over it. */
export function queryInfos(form: Form, notes: Notes): QueryInfo[] {
  const n = form.queries.length;
  return form.queries.map((q) => {
    const shape = scanSql(q.sql);
    const sla = q.sla ?? (shape.cls === 'point' ? 'point' : 'complex');
    const slaMs =
      (sla === 'point' ? form.pointP99Ms : form.complexP99Ms) ?? form.complexP99Ms ?? form.pointP99Ms;
    if (q.qps === undefined && n > 1) {
      notes.assume(`query ${q.name}: QPS not given, peak ${form.qpsPeak} split evenly over ${n} queries`);
    }
    return {
      name: q.name,
      sql: q.sql,
      shape,
      cls: shape.cls,
      sla,
      slaMs: slaMs ?? null,
      qps: q.qps ?? form.qpsPeak / Math.max(1, n),
      scanRows: q.scanRows ?? null,
    };
  });
}

/** The tables a query reads (elided SQL on a one-table form reads that table). */
export function queryTables(form: Form, q: QueryInfo): string[] {
  const names = q.shape.tables
    .map((t) => t.split('.').pop() ?? t)
    .filter((t) => form.tables.some((x) => x.name === t));
  if (names.length === 0 && form.tables.length === 1) return [form.tables[0]?.name ?? ''];
  return names;
}

function scenarioClass(
  form: Form,
  queries: readonly QueryInfo[],
  fresh: Assessment['freshnessClass'],
): string {
  const names: Record<string, string> = {
    bi: 'fixed BI reports',
    adhoc: 'self-service ad-hoc analysis',
    profile: 'user profiling / segmentation',
    dashboard: 'real-time dashboard',
    cdc: 'real-time CDC sync of OLTP data',
    logs: 'log / event analytics',
  };
  const classes = [...new Set(queries.map((q) => q.cls))];
  const upserts = form.tables.some((t) => t.updates !== 'none');
  const parts = [
    form.scenarios.map((s) => names[s] ?? s).join(' + '),
    `${fresh === 'seconds' ? 'real-time' : fresh === 'minutes' ? 'near-real-time' : 'batch (T+1)'} ingest`,
    upserts ? 'with upserts' : 'append-only',
    classes.length > 0 ? `queries: ${classes.join(', ')}` : 'no typical SQL',
  ];
  return parts.join('; ');
}

/** The assessment; risks and questions go to `notes` so the design can add its own. */
export function assess(form: Form, notes: Notes): Assessment {
  const queries = queryInfos(form, notes);
  const fresh = freshnessClass(form.freshnessS);
  const horizon = Math.max(...form.tables.map(horizonDays), form.retentionDays ?? 3 * 365);
  const months = Math.max(1, Math.ceil(horizon / 30));
  const growth: number[] = [];
  for (let m = 0; m <= months; m++) {
    growth.push(form.tables.reduce((sum, t) => sum + storedAfter(form, t, m * 30), 0));
  }
  const stored = form.tables.reduce((sum, t) => sum + storedAfter(form, t, horizonDays(t)), 0);
  if (form.retentionDays === null) notes.assume('retention "forever": storage sized for 3 years');
  assessRisks(form, queries, notes);
  return {
    scenarioClass: scenarioClass(form, queries, fresh),
    freshnessClass: fresh,
    volume: {
      stockBytes: form.volume.stockBytes,
      dailyBytes: form.volume.dailyBytes,
      dailyRows: form.volume.dailyRows,
      retentionDays: form.retentionDays,
      rawOverRetention: form.volume.stockBytes + form.volume.dailyBytes * (form.retentionDays ?? 3 * 365),
      storedSingleReplica: stored,
      growth,
    },
    queries,
    risks: notes.risks,
    questions: notes.questions,
  };
}

function assessRisks(form: Form, queries: readonly QueryInfo[], notes: Notes): void {
  if (form.freshnessS / 2 < 5) {
    notes.risk(
      'high',
      'freshness',
      `freshness ${formatDuration(form.freshnessS)} needs loads more often than every 5 s (minimum interval between loads into one table)`,
      'R-L3',
    );
  } else if (form.freshnessS < 10) {
    notes.risk('medium', 'freshness', `freshness below 10 s needs review: compaction pressure`, 'R-L3');
  }
  for (const q of queries) {
    if (q.shape.elided) {
      notes.ask(
        `query ${q.name}: which tables and columns does "${q.sql}" read? (the form elides them with "...")`,
      );
    }
    if (q.scanRows === null && q.cls !== 'point') {
      notes.ask(`query ${q.name}: how many rows does it scan per execution? (CPU sizing R-S4 needs it)`);
    }
    if (queryTables(form, q).length === 0 && !q.shape.elided) {
      notes.risk('medium', `query ${q.name}`, 'reads no table of the form: rules cannot use it');
    }
  }
  if (form.volume.stockBytes > 0 && form.tables.some((t) => t.volume.stockBytes > 0)) {
    notes.ask(
      `is the ${formatBytes(form.volume.stockBytes)} stock outside the retention window (sized as extra, conservative) or part of it? (R-S3)`,
    );
  }
  if (form.tables.some((t) => compressionRatios(form, t).stock === 1 && t.volume.stockBytes > 0)) {
    notes.ask(
      'measure the Parquet/ORC → StarRocks size ratio on one loaded partition before final sizing (R-S2)',
    );
  }
  if (form.qpsPeak > 2000) {
    notes.risk(
      'medium',
      'QPS',
      `peak ${form.qpsPeak} QPS is above SBP's shared-cluster templates (≤ 2 k)`,
      'R-S1',
    );
  }
}
