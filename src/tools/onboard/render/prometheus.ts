/**
 * prometheus-rules.yml: the seed's core alerts (node liveness, disk/CPU/memory, query failure
 * rate, P99, load delay) with thresholds from the form's SLAs (R-A1…R-A4) and the exporter
 * pitfalls of ONBOARDING.md §3 written into the annotations.
 */
import { stringify } from 'yaml';
import type { Plan } from '../design/index.js';

interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
}

function rule(
  plan: Plan,
  name: string,
  expr: string,
  forDuration: string,
  severity: string,
  rid: string,
  summary: string,
  note?: string,
): AlertRule {
  return {
    alert: name,
    expr,
    for: forDuration,
    labels: { severity, business: plan.form.business, rule: rid },
    annotations: { summary, ...(note === undefined ? {} : { pitfall: note }) },
  };
}

function liveness(plan: Plan): AlertRule[] {
  return [
    rule(
      plan,
      'StarRocksFEDown',
      'up{group="fe"} == 0',
      '30s',
      'critical',
      'R-A1',
      'FE {{ $labels.instance }} is down',
      'assumes scrape jobs label FE/BE targets with group="fe"/"be" as in Monitor_and_Alert.md',
    ),
    rule(
      plan,
      'StarRocksBEDown',
      'up{group="be"} == 0',
      '30s',
      'critical',
      'R-A1',
      'BE {{ $labels.instance }} is down',
    ),
    rule(
      plan,
      'StarRocksFECountLow',
      'count by (job) (up{group="fe"} == 1) < 3',
      '5m',
      'critical',
      'R-A1',
      'fewer than 3 FEs alive',
      'the upstream alert.md expression `>= 3` fires when healthy; this is the corrected direction',
    ),
    rule(
      plan,
      'StarRocksBENotAlive',
      'max by (job) (node_info{type="be_node_num", state="total"}) - max by (job) (node_info{type="be_node_num", state="alive"}) > 0',
      '1m',
      'critical',
      'R-A1',
      'the FE sees BEs that are not alive',
      'node_info has states total/alive/decommissioned (no "dead" in the FE read), so dead = total − alive; verify on the target /metrics',
    ),
  ];
}

function resources(plan: Plan): AlertRule[] {
  const beMemLimit = Math.round(plan.form.cluster.ramPerBe * 0.9 * 0.9);
  return [
    rule(
      plan,
      'StarRocksBECpuHigh',
      '(1 - sum by (job, instance) (rate(starrocks_be_cpu{mode="idle"}[5m])) / sum by (job, instance) (rate(starrocks_be_cpu[5m]))) * 100 > 90',
      '5m',
      'warning',
      'R-A4',
      'BE {{ $labels.instance }} CPU above 90 %',
    ),
    rule(
      plan,
      'HostMemoryHigh',
      '(1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes) * 100 > 90',
      '5m',
      'warning',
      'R-A4',
      'host {{ $labels.instance }} memory above 90 %',
      'needs node_exporter on the hosts',
    ),
    rule(
      plan,
      'StarRocksBEProcessMemoryHigh',
      `starrocks_be_process_mem_bytes > ${beMemLimit}`,
      '5m',
      'warning',
      'R-A4',
      'BE process memory above 90 % of mem_limit',
      `threshold = 90 % of the default mem_limit (90 % of the form's ${Math.round(plan.form.cluster.ramPerBe / 2 ** 30)} GB RAM per BE); adjust if mem_limit differs`,
    ),
    rule(
      plan,
      'StarRocksFEJvmHeapHigh',
      'sum by (job, instance) (jvm_heap_size_bytes{group="fe", type="used"}) * 100 / sum by (job, instance) (jvm_heap_size_bytes{group="fe", type="max"}) > 90',
      '5m',
      'warning',
      'R-A4',
      'FE {{ $labels.instance }} JVM heap above 90 %',
    ),
    rule(
      plan,
      'StarRocksDataDiskFilling',
      '(sum by (instance, path) (starrocks_be_disks_total_capacity) - sum by (instance, path) (starrocks_be_disks_avail_capacity)) / sum by (instance, path) (starrocks_be_disks_total_capacity) * 100 > 80',
      '10m',
      'warning',
      'R-A4',
      'BE data disk {{ $labels.path }} above 80 % (sizing keeps disks < 70 %)',
    ),
    rule(
      plan,
      'StarRocksDataDiskFull',
      '(sum by (instance, path) (starrocks_be_disks_total_capacity) - sum by (instance, path) (starrocks_be_disks_avail_capacity)) / sum by (instance, path) (starrocks_be_disks_total_capacity) * 100 > 90',
      '5m',
      'critical',
      'R-A4',
      'BE data disk {{ $labels.path }} above 90 %',
    ),
    rule(
      plan,
      'HostDiskIoSaturated',
      'rate(node_disk_io_time_seconds_total[1m]) * 100 > 90',
      '5m',
      'warning',
      'R-A4',
      'disk {{ $labels.device }} on {{ $labels.instance }} busy above 90 %',
      'needs node_exporter',
    ),
    rule(
      plan,
      'StarRocksCompactionScoreHigh',
      'max by (job) (starrocks_fe_max_tablet_compaction_score) > 100',
      '10m',
      'warning',
      'R-A4',
      'max tablet compaction score above 100',
      'leader-FE metric starrocks_fe_max_tablet_compaction_score (SBP uses starrocks_be_tablet_max_compaction_score)',
    ),
    rule(
      plan,
      'StarRocksTooManyRowsets',
      'max by (job, instance) (starrocks_be_max_tablet_rowset_num) > 700',
      '10m',
      'warning',
      'R-A4',
      'a tablet on {{ $labels.instance }} has more than 700 rowsets (load too frequent?)',
    ),
    rule(
      plan,
      'StarRocksMetaLogBacklog',
      'max by (job) (starrocks_fe_meta_log_count) > 100000',
      '10m',
      'warning',
      'R-A4',
      'FE meta log above 100 000 entries: checkpoints are not happening',
    ),
  ];
}

function queries(plan: Plan): AlertRule[] {
  const out = [
    rule(
      plan,
      'StarRocksQueryErrorRate',
      'sum by (job, instance) (starrocks_fe_query_err_rate) * 100 > 10',
      '1m',
      'warning',
      'R-A4',
      'more than 0.1 failed queries per second on {{ $labels.instance }}',
    ),
    rule(
      plan,
      'StarRocksQueryInternalErrors',
      'sum by (job, instance) (increase(starrocks_fe_query_internal_err[1m])) > 10',
      '1m',
      'warning',
      'R-A4',
      'more than 10 internal query errors per minute',
      'starrocks_fe_query_internal_err exists from 3.1.15 / 3.2.11 / 3.3.3',
    ),
    rule(
      plan,
      'StarRocksQueryP95Slow',
      'max by (job) (starrocks_fe_query_latency_ms{quantile="0.95"}) > 5000',
      '5m',
      'warning',
      'R-A2',
      'cluster P95 query latency above 5 s',
      'FE latency quantiles are per-FE summaries over a decaying window: use max across FEs, never avg or sum',
    ),
  ];
  for (const g of plan.resourceGroups) {
    if (g.p99Ms === null) continue;
    out.push(
      rule(
        plan,
        `SlaP99${g.sla === 'point' ? 'Point' : 'Complex'}_${plan.form.business}`,
        `max by (name) (starrocks_fe_query_resource_group_latency{name="${g.name}", type="99_quantile"}) > ${g.p99Ms}`,
        '5m',
        'critical',
        'R-A2',
        `${g.sla} queries of ${plan.form.business} (resource group ${g.name}) P99 above the ${g.p99Ms} ms SLA`,
        'per-FE quantile (decaying reservoir): max across FEs is the conservative reading',
      ),
    );
  }
  return out;
}

function loads(plan: Plan): AlertRule[] {
  const out: AlertRule[] = [];
  const jobs = plan.loads.routine.map((r) => r.name);
  for (const r of plan.loads.routine) {
    const fresh = plan.tables.find((t) => t.name === r.table)?.spec.freshnessS ?? plan.form.freshnessS;
    out.push(
      rule(
        plan,
        `RoutineLoadLagOverFreshness_${r.name}`,
        `max by (job_name) (starrocks_fe_routine_load_max_lag_time_of_partition{job_name="${r.name}"}) > ${fresh}`,
        `${r.intervalS * 3}s`,
        'critical',
        'R-A3',
        `Routine Load ${r.name} lags more than the ${fresh} s freshness requirement`,
        'lag-time metrics are off by default: set FE enable_routine_load_lag_time_metrics = true',
      ),
    );
  }
  if (jobs.length > 0) {
    const sel = `job_name=~"${jobs.join('|')}"`;
    out.push(
      rule(
        plan,
        'RoutineLoadOffsetLag',
        `sum by (job_name) (starrocks_fe_routine_load_max_lag_of_partition{${sel}}) > 300000`,
        '5m',
        'warning',
        'R-A3',
        'Routine Load {{ $labels.job_name }} is more than 300 000 messages behind',
        'needs FE enable_routine_load_lag_metrics = true; reported only when lag ≥ min_routine_load_lag_for_metrics (10 000)',
      ),
      rule(
        plan,
        'RoutineLoadPaused',
        'sum by (job) (starrocks_fe_routine_load_jobs{state="PAUSED"}) > 0',
        '1m',
        'critical',
        'R-A3',
        'a Routine Load job is PAUSED (see SHOW ROUTINE LOAD: ReasonOfStateChanged)',
      ),
      rule(
        plan,
        'RoutineLoadUnstable',
        'sum by (job) (starrocks_fe_routine_load_jobs{state="UNSTABLE"}) > 0',
        '5m',
        'warning',
        'R-A3',
        'a Routine Load job is UNSTABLE',
      ),
    );
  }
  for (const s of plan.loads.streams) {
    const fresh = plan.tables.find((t) => t.name === s.table)?.spec.freshnessS ?? plan.form.freshnessS;
    out.push(
      rule(
        plan,
        `StreamLoadLatencyOverFreshness_${s.table}`,
        `max by (job) (starrocks_fe_txn_total_latency_ms{quantile="0.99", type="stream_load"}) > ${fresh * 1000}`,
        '5m',
        'warning',
        'R-A3',
        `stream-load transactions (Flink / HTTP) take longer than the ${fresh} s freshness of ${s.table}`,
        'leader-FE summary; cluster-wide, not per table',
      ),
    );
  }
  out.push(
    rule(
      plan,
      'StarRocksLoadFailureRatio',
      'sum by (job) (rate(starrocks_fe_txn_failed[5m])) / sum by (job) (rate(starrocks_fe_txn_begin[5m])) > 0.05',
      '5m',
      'warning',
      'R-A4',
      'more than 5 % of load transactions fail',
      'alert.md writes rate(txn_failed) * 100 > 5, which is a rate, not a ratio; this divides by started transactions',
    ),
    rule(
      plan,
      'StarRocksTxnPileUp',
      'sum by (db) (starrocks_fe_txn_running) > 900',
      '1m',
      'critical',
      'R-L5',
      'more than 900 running load transactions in {{ $labels.db }} (limit 1000; 100 before v3.1)',
    ),
  );
  if (plan.mvs.some((m) => m.kind === 'async')) {
    out.push(
      rule(
        plan,
        'StarRocksMvRefreshFailed',
        'sum by (job) (increase(starrocks_fe_mv_refresh_total_failed_jobs[5m])) > 0',
        '0s',
        'warning',
        'R-A4',
        'an async materialized view refresh failed (information_schema.task_runs)',
      ),
    );
  }
  return out;
}

/** prometheus-rules.yml */
export function renderPrometheusRules(plan: Plan): string {
  const b = plan.form.business;
  const doc = {
    groups: [
      { name: `${b}-liveness`, rules: liveness(plan) },
      { name: `${b}-resources`, rules: resources(plan) },
      { name: `${b}-queries`, rules: queries(plan) },
      { name: `${b}-loads`, rules: loads(plan) },
    ],
  };
  const head =
    `# Prometheus alerting rules for business ${b}, derived from its application form (rules R-A1…R-A4).\n` +
    '# Scrape FE :8030/metrics with label group="fe" and BE :8040/metrics with group="be" (Monitor_and_Alert.md).\n' +
    '# Check with: promtool check rules prometheus-rules.yml\n';
  return head + stringify(doc, { lineWidth: 0 });
}
