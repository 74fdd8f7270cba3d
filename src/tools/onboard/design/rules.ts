/**
 * The rule catalogue the design applies (ONBOARDING.md §7), each with the source it rests on.
 * "TEAM POLICY" marks numbers chosen by the platform team where no published source gives one;
 * "ours" marks choices this tool makes where §7 leaves a gap.
 */

export interface Rule {
  readonly title: string;
  readonly source: string;
}

export const RULES = {
  'R-T1': {
    title: 'CDC / upserts / partial updates → Primary Key table',
    source: 'primary_key_table.md; SBP onboarding §3.1',
  },
  'R-T2': {
    title: 'only fixed SUM/MIN/MAX aggregates, no raw rows → Aggregate table',
    source: 'aggregate_table.md',
  },
  'R-T3': { title: 'append-only detail → Duplicate Key table', source: 'duplicate_key_table.md' },
  'R-T4': { title: 'never Unique Key for new designs', source: 'unique_key_table.md; SBP modeling §2.4' },
  'R-T5': {
    title: 'PK ≤ 128 B, NOT NULL, contains partition and bucket columns',
    source: 'primary_key_table.md; primarykey_table.md',
  },
  'R-T6': {
    title: 'PK index memory (key+9)×rows×replicas×1.5; persistent ≈ 1/10',
    source: 'primary_key_table.md; primarykey_table.md',
  },
  'R-P1': {
    title: 'time column + finite retention → expression partitioning date_trunc',
    source: 'Data_distribution.md; partitioning.md',
  },
  'R-P2': {
    title: 'granularity: month if a month < 1 tablet, day if ≤ 100 GB/day, else hour',
    source: 'partitioning.md; Data_distribution.md (thresholds combined: TEAM POLICY)',
  },
  'R-P3': {
    title: 'partition count: warn > 10 000, error ≥ 100 000',
    source: 'partitioning.md (warn level: TEAM POLICY)',
  },
  'R-P4': {
    title: 'TTL: partition_retention_condition (3.4.1+) else partition_live_number',
    source: 'expression_partitioning.md; dynamic_partitioning.md',
  },
  'R-B1': { title: 'backend factor 2n (≤12), 1.5n (≤24), 36 (≤36), min(n,48)', source: 'CatalogUtils.java' },
  'R-B2': {
    title: 'buckets = max(backend factor, ⌈partition compressed / 3 GiB⌉), tablets 1–3 GB compressed',
    source: 'FeConstants.java; Data_distribution.md; bucketing.md (clamp: TEAM POLICY)',
  },
  'R-B3': { title: 'partition raw > 100 GB → explicit BUCKETS', source: 'Data_distribution.md' },
  'R-B4': {
    title: 'bucket key: high-cardinality equality-filter column, NDV ≥ 1000 × BEs; else RANDOM (Duplicate)',
    source: 'bucketing.md; Data_distribution.md; SBP modeling §3.4',
  },
  'R-B5': {
    title: 'large tables joined on the same key → same bucket key/count, colocate_with',
    source: 'bucketing.md',
  },
  'R-B6': {
    title: 'guards: tablet replicas per BE (warn 100 k, error 200 k), ≤ 20 000 per partition',
    source: 'partitioning.md; bucketing.md (warn level: TEAM POLICY)',
  },
  'R-K1': {
    title: 'sort key from WHERE columns by frequency, ≤ 3 columns, ≤ 36 bytes, string last',
    source: 'Prefix_index_sort_key.md; primarykey_table.md',
  },
  'R-K2': {
    title: 'point-lookup column first in the sort key and as bucket key',
    source: 'SBP high-concurrency §2',
  },
  'R-M1': {
    title: 'repeated aggregation: sync MV if single-table/real-time/allowed, else async MV',
    source: 'Materialized_view-single_table.md; async_mv/Materialized_view.md',
  },
  'R-M2': {
    title: 'MVs store roll-up-able functions (avg → sum+count, count distinct → bitmap)',
    source: 'query_rewrite_with_materialized_views.md',
  },
  'R-M3': {
    title: 'warn when a base table has > 3 sync MVs',
    source: 'Materialized_view-single_table.md (threshold: TEAM POLICY)',
  },
  'R-L1': {
    title:
      'Kafka → Routine Load; Hive/files stock → Broker Load / INSERT; MySQL CDC → Flink CDC; apps → Stream Load',
    source: 'Loading_intro.md; SBP onboarding §3.1',
  },
  'R-L2': {
    title: 'stock split into jobs of ≤ 100 GB; Stream Load ≤ 10 GB per request',
    source: 'Loading_intro.md (100 GB/job: TEAM POLICY)',
  },
  'R-L3': {
    title: 'load interval 5 s ≤ t ≤ freshness/2; < 10 s freshness needs review',
    source: 'alert.md; FE configuration; Flink-connector-starrocks.md (/2: TEAM POLICY)',
  },
  'R-L4': {
    title: 'Routine Load concurrency = min(partitions, desired, BEs, 5); ≤ 16 tasks per BE',
    source: 'alert.md; FE configuration',
  },
  'R-L5': {
    title: 'running load transactions per DB ≤ 80 % of the limit',
    source: 'alert.md (80 %: TEAM POLICY)',
  },
  'R-S1': {
    title: '3 FE followers (+1 observer per 1000 QPS), FE heap ≥ tablets × 1 KB × 2',
    source: 'plan_cluster.md; SBP cluster-planning §3 (observers, ×2: TEAM POLICY)',
  },
  'R-S2': {
    title: 'compression: raw CSV/JSON 3:1, Parquet/ORC 1:1 until measured',
    source: 'plan_cluster.md; SBP §4.2 (Parquet 1:1: TEAM POLICY)',
  },
  'R-S3': {
    title: 'storage = (stock/cr + daily×retention/cr) × replicas × 1.3 / 0.7',
    source: 'SBP cluster-planning §4.2; plan_cluster.md',
  },
  'R-S4': {
    title: 'CPU: scan_rows / rows-per-core-second × QPS / 0.65 (published: ÷ P99 target)',
    source: 'StarRocks blog "Capacity Planning"; Alibaba EMR sizing; Little\'s law variant: ours',
  },
  'R-S5': {
    title: 'BEs = max(3, storage, CPU); RAM ≥ 4 GB per core, ≥ 64 GB; SSD for PK index',
    source: 'plan_cluster.md; deployment_prerequisites.md; SBP',
  },
  'R-S6': {
    title: 'replication 3 for shared-nothing production tables',
    source: 'plan_cluster.md; starrocks-diagnostics.py',
  },
  'R-G1': {
    title: 'own resource group per business; classifiers; cpu/mem share; concurrency ≈ 2 × QPS × P99',
    source: 'resource_group.md (factors: TEAM POLICY)',
  },
  'R-G2': {
    title: 'dedicated cluster if BEs ≥ 11, core business, or exclusive cores do not fit',
    source: 'SBP onboarding §3.2; resource_group.md (cut-off: TEAM POLICY)',
  },
  'R-A1': {
    title: 'liveness: up == 0 for 30 s; alive < total',
    source: 'Monitor_and_Alert.md; PrometheusMetricVisitor.java',
  },
  'R-A2': {
    title: 'P99 per resource group > SLA for 5 m; global P95 > 5 s',
    source: 'resource_group.md; alert.md',
  },
  'R-A3': {
    title: 'load lag time > freshness for 3 × load interval',
    source: 'other.md; alert.md (3×: TEAM POLICY)',
  },
  'R-A4': {
    title: 'CPU/memory/disk/JVM/compaction/error-rate thresholds',
    source: 'alert.md; Monitor_and_Alert.md',
  },
} as const satisfies Record<string, Rule>;

export type RuleId = keyof typeof RULES;

/** One explained design decision. */
export interface Decision {
  readonly rule: RuleId;
  /** What the decision is about: a table, a job, the cluster. */
  readonly subject: string;
  readonly decision: string;
  /** The numbers and facts that led to it. */
  readonly why: string;
}

/** Something the review meeting must look at. */
export interface Risk {
  readonly level: 'high' | 'medium' | 'low';
  readonly subject: string;
  readonly text: string;
  readonly rule?: RuleId;
}
