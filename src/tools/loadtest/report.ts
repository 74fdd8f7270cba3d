/**
 * Load-test reports: a JSON summary (machine-readable, stable keys) and a self-contained
 * report.html with a latency-over-time chart (sampled requests plus per-second P50/P99/max) and
 * a latency histogram, the percentile table, per-statement breakdown, errors and the SLA verdict.
 */
import {
  barChart,
  escapeHtml,
  formatMs,
  htmlPage,
  htmlTable,
  lineChart,
  type Bar,
  type Series,
} from '../common/index.js';
import type { Histogram } from './histogram.js';
import type { RunResult } from './runner.js';
import type { SlaOutcome } from './sla.js';

/** Run context printed in reports. */
export interface ReportMeta {
  readonly target: string;
  readonly rate: string;
  readonly targetRate: number;
  readonly connections: number;
  readonly statements: readonly { name: string; weight: number; sql: string }[];
  readonly startedAt: string;
}

const PERCENTILES: readonly [string, number][] = [
  ['p50', 50],
  ['p90', 90],
  ['p95', 95],
  ['p99', 99],
  ['p99.9', 99.9],
];

function summary(h: Histogram): Record<string, number | null> {
  const ms = (us: number): number | null => (Number.isFinite(us) ? Math.round(us) / 1000 : null);
  const out: Record<string, number | null> = {};
  for (const [name, p] of PERCENTILES) out[name] = ms(h.percentile(p));
  out['max'] = ms(h.count === 0 ? Number.NaN : h.max);
  out['mean'] = ms(h.mean());
  return out;
}

/** The JSON report object. */
export function jsonReport(
  meta: ReportMeta,
  r: RunResult,
  sla: readonly SlaOutcome[],
): Record<string, unknown> {
  const seconds = r.durationMs / 1000;
  return {
    meta,
    verdict: sla.every((s) => s.pass) ? 'PASS' : 'FAIL',
    sla: sla.map((s) => ({ check: s.check, actual: s.actual, pass: s.pass, text: s.text })),
    counts: {
      scheduled: r.scheduled,
      sent: r.sent,
      ok: r.ok,
      errors: r.errors,
      unfinished: r.unfinished,
      completedInWindow: r.completedInWindow,
    },
    rate: {
      target: meta.targetRate,
      achieved: r.completedInWindow / seconds,
      sent: r.sentInWindow / seconds,
      achievedFraction: meta.targetRate === 0 ? 0 : r.completedInWindow / seconds / meta.targetRate,
    },
    latencyMs: summary(r.latency),
    serviceTimeMs: summary(r.service),
    statements: r.statements.map((s) => ({
      name: s.name,
      ok: s.ok,
      errors: s.errors,
      latencyMs: summary(s.latency),
      serviceTimeMs: summary(s.service),
    })),
    errorsByCode: Object.fromEntries(r.errorsByCode),
    timeline: r.seconds.map((s) => ({
      second: s.second,
      scheduled: s.scheduled,
      completed: s.completed,
      errors: s.errors,
      p50Ms: s.latency.count === 0 ? null : s.latency.percentile(50) / 1000,
      p99Ms: s.latency.count === 0 ? null : s.latency.percentile(99) / 1000,
      maxMs: s.latency.count === 0 ? null : s.latency.max / 1000,
    })),
    histogramUs: [...r.latency.buckets()],
  };
}

const COLORS = ['#3b6fd8', '#d8703b', '#2e9d5b', '#9b4dca', '#c0392b', '#7f8c8d'];

function latencyChart(r: RunResult, meta: ReportMeta, slaMs: number | undefined): string {
  const series: Series[] = meta.statements.map((st, i) => ({
    name: st.name,
    color: COLORS[i % COLORS.length] ?? '#888',
    dots: true,
    points: r.samples
      .filter((p) => p[2] === i && p[3] === 0)
      .map((p) => [p[0], Math.max(p[1], 0.01)] as const),
  }));
  const line = (name: string, color: string, f: (h: Histogram) => number): Series => ({
    name,
    color,
    points: r.seconds
      .filter((s) => s.latency.count > 0)
      .map((s) => [s.second + 0.5, f(s.latency) / 1000] as const),
  });
  series.push(
    line('p50/s', '#111827', (h) => h.percentile(50)),
    line('p99/s', '#b3261e', (h) => h.percentile(99)),
  );
  return lineChart(series, {
    title:
      'Latency over time (from intended send time; dots = sampled requests, lines = per-second percentiles)',
    xLabel: 'seconds since start (intended send time)',
    yLabel: 'latency (ms, log)',
    logY: true,
    height: 380,
    formatY: (v) => (v >= 1000 ? `${v / 1000}s` : `${v}`),
    ...(slaMs === undefined ? {} : { hLines: [{ y: slaMs, label: `SLA ${slaMs}ms`, color: '#b3261e' }] }),
  });
}

/** Log-spaced bins (5 per decade) from the HDR buckets. */
function histogramChart(h: Histogram): string {
  const bins = new Map<number, number>();
  for (const [lo, hi, count] of h.buckets()) {
    const mid = Math.max(1, (lo + hi) / 2) / 1000; // ms
    const bin = Math.floor(Math.log10(mid) * 5);
    bins.set(bin, (bins.get(bin) ?? 0) + count);
  }
  const keys = [...bins.keys()];
  const bars: Bar[] = [];
  if (keys.length > 0) {
    for (let b = Math.min(...keys); b <= Math.max(...keys); b++) {
      const edge = 10 ** (b / 5);
      bars.push({ label: formatMs(edge), value: bins.get(b) ?? 0 });
    }
  }
  return barChart(bars, {
    title: 'Latency histogram (requests per log-spaced bin, 5 per decade)',
    xLabel: 'latency (bin lower edge)',
    yLabel: 'requests',
    height: 300,
  });
}

function throughputChart(r: RunResult, meta: ReportMeta): string {
  const done = new Map<number, number>();
  for (const s of r.seconds) done.set(s.second, s.completed + s.errors);
  return lineChart(
    [
      {
        name: 'scheduled/s',
        color: '#7f8c8d',
        points: r.seconds.map((s) => [s.second + 0.5, s.scheduled] as const),
      },
      {
        name: 'completed/s (by intended second)',
        color: '#2e9d5b',
        points: r.seconds.map((s) => [s.second + 0.5, done.get(s.second) ?? 0] as const),
      },
    ],
    {
      title: `Requests per second (target ${meta.rate})`,
      xLabel: 'seconds since start',
      yLabel: 'requests/s',
      height: 240,
    },
  );
}

function pctRow(name: string, h: Histogram): string[] {
  const s = summary(h);
  return [
    name,
    String(h.count),
    ...['p50', 'p90', 'p95', 'p99', 'p99.9', 'max', 'mean'].map((k) =>
      s[k] == null ? '–' : formatMs(s[k] ?? 0),
    ),
  ];
}

/** The report.html text. */
export function htmlReport(meta: ReportMeta, r: RunResult, sla: readonly SlaOutcome[]): string {
  const pass = sla.every((s) => s.pass);
  const slaP99 = sla.find((s) => s.check.metric === 'p99' && s.check.statement === undefined)?.check.value;
  const j = jsonReport(meta, r, sla) as {
    rate: { achieved: number; sent: number; achievedFraction: number };
  };
  const head = ['', 'requests', 'P50', 'P90', 'P95', 'P99', 'P99.9', 'max', 'mean'];
  const body = [
    `<h1>Load test report</h1>`,
    `<div class="sub">${escapeHtml(meta.target)} · started ${escapeHtml(meta.startedAt)} · rate ${escapeHtml(meta.rate)} · ${meta.connections} connections · ${(r.durationMs / 1000).toFixed(0)}s</div>`,
    `<div class="verdict ${pass ? 'pass' : 'fail'}">${pass ? 'PASS' : 'FAIL'}</div>`,
    `<h2>SLA checks</h2>`,
    `<ul>${sla.map((s) => `<li class="${s.pass ? 'pass' : 'fail'}">${escapeHtml(s.text)}</li>`).join('')}</ul>`,
    `<h2>Throughput</h2>`,
    htmlTable(
      [
        'target rate',
        'achieved (completed in window)',
        'sent rate',
        'scheduled',
        'ok',
        'errors',
        'unfinished',
      ],
      [
        [
          `${meta.targetRate.toFixed(1)}/s`,
          `${j.rate.achieved.toFixed(1)}/s (${(j.rate.achievedFraction * 100).toFixed(2)}%)`,
          `${j.rate.sent.toFixed(1)}/s`,
          String(r.scheduled),
          String(r.ok),
          String(r.errors),
          String(r.unfinished),
        ],
      ],
    ),
    `<h2>Latency</h2>`,
    `<figure>${latencyChart(r, meta, slaP99)}</figure>`,
    htmlTable(head, [
      pctRow('latency (from intended time)', r.latency),
      pctRow('service time (from actual send)', r.service),
      ...r.statements.map((s) => pctRow(`${s.name} (latency)`, s.latency)),
    ]),
    `<p class="sub">Latency counts from the moment each request was due under the open-loop schedule, so queueing behind a slow response is included; service time starts when the request was actually sent and hides that queueing (the coordinated-omission error of closed-loop tools).</p>`,
    `<figure>${histogramChart(r.latency)}</figure>`,
    `<figure>${throughputChart(r, meta)}</figure>`,
    `<h2>Statements</h2>`,
    htmlTable(
      ['name', 'weight', 'ok', 'errors', 'SQL'],
      meta.statements.map((s, i) => [
        s.name,
        String(s.weight),
        String(r.statements[i]?.ok ?? 0),
        String(r.statements[i]?.errors ?? 0),
        s.sql,
      ]),
    ),
    `<h2>Errors by code</h2>`,
    r.errorsByCode.size === 0
      ? '<p>none</p>'
      : htmlTable(
          ['errno / code', 'count', 'first message'],
          [...r.errorsByCode].map(([code, e]) => [code, String(e.count), e.message]),
        ),
  ];
  return htmlPage('Rockling load test', body.join('\n'));
}
