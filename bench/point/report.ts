/** Terminal, JSON, Markdown and SVG output of the point benchmark. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  barChartSvg,
  formatMs,
  formatRatio,
  machineSummary,
  ratio,
  renderMarkdown,
  renderText,
  type Table,
} from '../common/index.js';
import type { PointReport, ScenarioResult } from './run.js';

/** Issue #9's goals for Rockling, by scenario and kind: P99 limit in ms. */
export function goalMs(scenario: string, kind: 'point' | 'complex'): number | undefined {
  if (scenario === 'point@1000' && kind === 'point') return 5;
  if (scenario.startsWith('mixed@')) return kind === 'point' ? 200 : 5000;
  return undefined;
}

function latencyTable(r: PointReport): Table {
  const rows = r.scenarios.map((s: ScenarioResult) => [
    s.scenario,
    s.kind,
    s.system,
    s.result.ratePerSec === 0 ? '1 in flight' : s.result.ratePerSec.toFixed(0),
    s.result.achievedPerSec.toFixed(0),
    formatMs(s.result.p50Ms),
    formatMs(s.result.p99Ms),
    formatMs(s.result.p999Ms),
    formatMs(s.result.maxMs),
    String(s.result.errors),
    s.loadAvg === undefined ? '–' : `${s.loadAvg.start.toFixed(1)}→${s.loadAvg.end.toFixed(1)}`,
  ]);
  return {
    headers: [
      'scenario',
      'kind',
      'system',
      'target qps',
      'achieved qps',
      'p50 ms',
      'p99 ms',
      'p99.9 ms',
      'max ms',
      'errors',
      'load avg',
    ],
    rows,
    align: ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  };
}

function comparisonTable(r: PointReport): Table {
  const keys = [...new Set(r.scenarios.map((s) => `${s.scenario}|${s.kind}`))];
  const rows = keys.map((k) => {
    const [scenario = '', kind = 'point'] = k.split('|') as [string, 'point' | 'complex'];
    const find = (system: string): ScenarioResult | undefined =>
      r.scenarios.find((s) => s.scenario === scenario && s.kind === kind && s.system === system);
    const d = find('duckdb')?.result.p99Ms;
    const rk = find('rockling')?.result.p99Ms;
    const goal = goalMs(scenario, kind);
    const met = goal === undefined || rk === undefined ? '–' : rk <= goal ? 'yes' : 'NO';
    return [
      scenario,
      kind,
      formatMs(d),
      formatMs(rk),
      formatRatio(ratio(rk, d)),
      goal === undefined ? '–' : `≤ ${goal}`,
      met,
    ];
  });
  return {
    headers: ['scenario', 'kind', 'duckdb p99 ms', 'rockling p99 ms', 'ratio', 'goal ms', 'goal met'],
    rows,
    align: ['left', 'left', 'right', 'right', 'right', 'right', 'left'],
  };
}

function rocklingLine(r: PointReport): string {
  return r.rockling.available
    ? 'rockling: ran'
    : `rockling server not available: ${r.rockling.reason ?? '?'}`;
}

/** Terminal output. */
export function renderPointTerminal(r: PointReport): string {
  const o = r.options;
  return [
    `\npoint lookups: ${o.rows.toLocaleString('en-US')} rows, ${o.durationMs / 1000} s per scenario, ${o.connections} connections; ${machineSummary(r.machine)}`,
    rocklingLine(r),
    '',
    renderText(latencyTable(r)),
    renderText(comparisonTable(r)),
    r.passed ? 'PASSED' : `FAILED:\n${r.failures.map((f) => `  - ${f}`).join('\n')}`,
    '',
  ].join('\n');
}

/** Write `point-<date>-<rows>.json|.md|.svg` into `dir`. */
export function writePointReport(r: PointReport, dir: string): { json: string; md: string; svg: string } {
  mkdirSync(dir, { recursive: true });
  const name = `point-${r.date.slice(0, 10)}-${r.options.rows}`;
  const paths = {
    json: join(dir, `${name}.json`),
    md: join(dir, `${name}.md`),
    svg: join(dir, `${name}.svg`),
  };
  writeFileSync(paths.json, JSON.stringify(r, null, 2) + '\n');
  const bars = r.scenarios.map((s) => ({
    label: `${s.scenario} ${s.kind}`,
    value: s.result.p99Ms,
    group: s.system,
  }));
  writeFileSync(
    paths.svg,
    barChartSvg(bars, {
      title: `P99 latency, ${r.options.rows.toLocaleString('en-US')} rows (lower is better)`,
      unit: ' ms',
    }),
  );
  const o = r.options;
  const md = [
    `# Point lookups and mixed load — ${r.date.slice(0, 10)}\n`,
    `${r.passed ? '**PASSED**' : '**FAILED**'} · ${o.rows.toLocaleString('en-US')} rows · open loop, latency from intended send time · ${o.durationMs / 1000} s per scenario · ${o.connections} connections · mixed: ${o.mixedQps} QPS, ${(o.complexShare * 100).toFixed(0)} % complex\n`,
    `Machine: ${machineSummary(r.machine)}, commit ${r.machine.gitCommit ?? '?'}.\n`,
    `${rocklingLine(r)}\n`,
    `![P99 chart](${name}.svg)\n`,
    '## Rockling vs DuckDB (P99)\n',
    renderMarkdown(comparisonTable(r)),
    '\n## All latencies\n',
    renderMarkdown(latencyTable(r)),
    r.passed ? '' : `\n## Failures\n\n${r.failures.map((f) => `- ${f}`).join('\n')}\n`,
  ].join('\n');
  writeFileSync(paths.md, md);
  return paths;
}
