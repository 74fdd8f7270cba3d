/**
 * grafana-dashboard.json: one dashboard per business with the SLA lines drawn as thresholds
 * (P99 per resource group, load lag vs freshness, disk vs the 70 % sizing headroom).
 */
import type { Plan } from '../design/index.js';

interface Target {
  readonly expr: string;
  readonly legend: string;
}

interface PanelSpec {
  readonly title: string;
  readonly type: 'timeseries' | 'stat';
  readonly unit: string;
  readonly targets: readonly Target[];
  readonly threshold?: number;
  readonly description?: string;
}

const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };

interface GridPos {
  readonly h: number;
  readonly w: number;
  readonly x: number;
  readonly y: number;
}

/** Left-to-right, top-to-bottom placement on Grafana's 24-column grid. */
function layout(specs: readonly PanelSpec[]): GridPos[] {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  return specs.map((spec) => {
    const w = spec.type === 'stat' ? 6 : 12;
    const h = spec.type === 'stat' ? 4 : 8;
    if (x + w > 24) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const pos = { h, w, x, y };
    x += w;
    rowHeight = Math.max(rowHeight, h);
    return pos;
  });
}

function panel(spec: PanelSpec, id: number, gridPos: GridPos): Record<string, unknown> {
  const steps: Array<{ color: string; value: number | null }> = [{ color: 'green', value: null }];
  if (spec.threshold !== undefined) steps.push({ color: 'red', value: spec.threshold });
  return {
    id,
    type: spec.type,
    title: spec.title,
    ...(spec.description === undefined ? {} : { description: spec.description }),
    datasource: DATASOURCE,
    gridPos,
    targets: spec.targets.map((t, i) => ({
      refId: String.fromCharCode(65 + i),
      expr: t.expr,
      legendFormat: t.legend,
      datasource: DATASOURCE,
    })),
    fieldConfig: {
      defaults: {
        unit: spec.unit,
        thresholds: { mode: 'absolute', steps },
        ...(spec.type === 'timeseries'
          ? { custom: { thresholdsStyle: { mode: spec.threshold === undefined ? 'off' : 'line' } } }
          : {}),
      },
      overrides: [],
    },
    options:
      spec.type === 'stat'
        ? { reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false }, colorMode: 'value' }
        : { legend: { displayMode: 'list', placement: 'bottom' }, tooltip: { mode: 'multi' } },
  };
}

function panels(plan: Plan): PanelSpec[] {
  const out: PanelSpec[] = [
    {
      title: 'FEs alive',
      type: 'stat',
      unit: 'none',
      targets: [{ expr: 'count(up{group="fe"} == 1)', legend: 'FE' }],
    },
    {
      title: 'BEs alive',
      type: 'stat',
      unit: 'none',
      targets: [{ expr: 'count(up{group="be"} == 1)', legend: 'BE' }],
    },
    {
      title: 'Peak QPS (form)',
      type: 'stat',
      unit: 'reqps',
      targets: [{ expr: `vector(${plan.form.qpsPeak})`, legend: 'form' }],
    },
    {
      title: 'QPS now',
      type: 'stat',
      unit: 'reqps',
      targets: [{ expr: 'sum(rate(starrocks_fe_query_total[1m]))', legend: 'QPS' }],
      threshold: plan.form.qpsPeak,
    },
  ];
  for (const g of plan.resourceGroups) {
    out.push({
      title: `P99 ${g.sla} queries (${g.name}) vs SLA`,
      type: 'timeseries',
      unit: 'ms',
      targets: [
        {
          expr: `max by (name) (starrocks_fe_query_resource_group_latency{name="${g.name}", type="99_quantile"})`,
          legend: '{{name}}',
        },
      ],
      ...(g.p99Ms === null ? {} : { threshold: g.p99Ms }),
      description: 'per-FE quantile; max across FEs',
    });
  }
  out.push(
    {
      title: 'Query errors per second',
      type: 'timeseries',
      unit: 'reqps',
      targets: [{ expr: 'sum by (instance) (starrocks_fe_query_err_rate)', legend: '{{instance}}' }],
      threshold: 0.1,
    },
    {
      title: 'BE CPU used %',
      type: 'timeseries',
      unit: 'percent',
      targets: [
        {
          expr: '(1 - sum by (instance) (rate(starrocks_be_cpu{mode="idle"}[5m])) / sum by (instance) (rate(starrocks_be_cpu[5m]))) * 100',
          legend: '{{instance}}',
        },
      ],
      threshold: 90,
    },
    {
      title: 'BE process memory',
      type: 'timeseries',
      unit: 'bytes',
      targets: [{ expr: 'starrocks_be_process_mem_bytes', legend: '{{instance}}' }],
      threshold: Math.round(plan.form.cluster.ramPerBe * 0.81),
    },
    {
      title: 'BE data disk used %',
      type: 'timeseries',
      unit: 'percent',
      targets: [
        {
          expr: '(sum by (instance) (starrocks_be_disks_total_capacity) - sum by (instance) (starrocks_be_disks_avail_capacity)) / sum by (instance) (starrocks_be_disks_total_capacity) * 100',
          legend: '{{instance}}',
        },
      ],
      threshold: 70,
      description: 'sizing keeps disks below 70 %; alerts at 80 / 90 %',
    },
  );
  for (const r of plan.loads.routine) {
    const fresh = plan.tables.find((t) => t.name === r.table)?.spec.freshnessS ?? plan.form.freshnessS;
    out.push({
      title: `Routine Load lag: ${r.name}`,
      type: 'timeseries',
      unit: 's',
      targets: [
        {
          expr: `max by (job_name) (starrocks_fe_routine_load_max_lag_time_of_partition{job_name="${r.name}"})`,
          legend: '{{job_name}}',
        },
      ],
      threshold: fresh,
      description: 'needs FE enable_routine_load_lag_time_metrics = true',
    });
  }
  out.push(
    {
      title: 'Max tablet compaction score',
      type: 'timeseries',
      unit: 'none',
      targets: [{ expr: 'max(starrocks_fe_max_tablet_compaction_score)', legend: 'score' }],
      threshold: 100,
    },
    {
      title: 'Running load transactions per DB',
      type: 'timeseries',
      unit: 'none',
      targets: [{ expr: 'sum by (db) (starrocks_fe_txn_running)', legend: '{{db}}' }],
      threshold: 900,
    },
  );
  return out;
}

/** The dashboard object (also what the JSON-schema test validates). */
export function dashboard(plan: Plan): Record<string, unknown> {
  const b = plan.form.business;
  const specs = panels(plan);
  const positions = layout(specs);
  return {
    title: `StarRocks onboarding: ${plan.form.title}`,
    uid: `rockling-${b}`.slice(0, 40),
    tags: ['starrocks', 'rockling', b],
    timezone: 'browser',
    schemaVersion: 39,
    version: 1,
    editable: true,
    refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    templating: {
      list: [
        {
          name: 'datasource',
          type: 'datasource',
          query: 'prometheus',
          label: 'Prometheus',
          current: {},
          hide: 0,
        },
      ],
    },
    annotations: { list: [] },
    panels: specs.map((p, i) => panel(p, i + 1, positions[i] ?? { h: 8, w: 12, x: 0, y: 0 })),
  };
}

/** grafana-dashboard.json */
export function renderGrafana(plan: Plan): string {
  return `${JSON.stringify(dashboard(plan), null, 2)}\n`;
}
