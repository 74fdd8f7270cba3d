/** Renders an {@link SsbReport} for the terminal and as `.json` + `.md` + `.svg` files. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  barChartSvg,
  formatBytes,
  formatMs,
  formatRatio,
  machineSummary,
  renderMarkdown,
  renderText,
  type Bar,
  type Table,
} from '../common/index.js';
import type { Schema } from './queries.js';
import type { QueryLine, SsbReport } from './report.js';

const SCHEMA_TITLE: Readonly<Record<Schema, string>> = {
  multi: 'multi-table (star schema)',
  flat: 'lineorder_flat',
};

function rocklingRan(r: SsbReport): boolean {
  return r.systems.rockling.available && r.systems.rockling.loadError === undefined;
}

function cell(ms: number | undefined, error: string | undefined): string {
  return error !== undefined ? 'ERROR' : formatMs(ms);
}

/** The per-query table of one schema. */
export function queryTable(r: SsbReport, schema: Schema): Table {
  const lines = r.queries.filter((q) => q.schema === schema);
  const withRock = rocklingRan(r);
  const headers = withRock
    ? [
        'query',
        'duckdb cold ms',
        'duckdb hot ms',
        'rockling cold ms',
        'rockling hot ms',
        'ratio hot',
        'ratio cold',
        'rows',
        'equal',
      ]
    : ['query', 'duckdb cold ms', 'duckdb hot ms', 'rows'];
  const rows = lines.map((q: QueryLine) => {
    const base = [q.id, cell(q.duckdb.coldMs, q.duckdb.error), cell(q.duckdb.hotMs, q.duckdb.error)];
    const rowsCell = String(q.duckdb.rows ?? '–');
    if (!withRock) return [...base, rowsCell];
    const equal = q.equal === true ? 'yes' : 'NO';
    return [
      ...base,
      cell(q.rockling?.coldMs, q.rockling?.error),
      cell(q.rockling?.hotMs, q.rockling?.error),
      formatRatio(q.ratioHot),
      formatRatio(q.ratioCold),
      rowsCell,
      equal,
    ];
  });
  return {
    headers,
    rows,
    align: headers.map((_, i) => (i === 0 || i === headers.length - 1 ? 'left' : 'right')),
  };
}

/** The geometric-mean table. */
export function geomeanTable(r: SsbReport): Table {
  const withRock = rocklingRan(r);
  const headers = withRock
    ? [
        'schema',
        'queries',
        'duckdb cold ms',
        'duckdb hot ms',
        'rockling cold ms',
        'rockling hot ms',
        'ratio hot',
        'ratio cold',
      ]
    : ['schema', 'queries', 'duckdb cold ms', 'duckdb hot ms'];
  const rows = r.geomeans.map((g) => {
    const base = [g.schema, String(g.queries), formatMs(g.duckdbColdMs), formatMs(g.duckdbHotMs)];
    if (!withRock) return base;
    return [
      ...base,
      formatMs(g.rocklingColdMs),
      formatMs(g.rocklingHotMs),
      formatRatio(g.ratioHot),
      formatRatio(g.ratioCold),
    ];
  });
  return { headers, rows, align: headers.map((_, i) => (i === 0 ? 'left' : 'right')) };
}

function rocklingLine(r: SsbReport): string {
  const s = r.systems.rockling;
  if (!s.available) return `rockling server not available: ${s.reason}`;
  if (s.loadError !== undefined) return `rockling load failed: ${s.loadError}`;
  return `rockling (${s.build}): loaded by ${[...new Set(s.loads.map((l) => l.method))].join(', ')}`;
}

/** Terminal output. */
export function renderTerminal(r: SsbReport): string {
  const parts = [
    `\nSSB SF ${r.sf} (seed ${r.seed}), hot = median of ${r.hotRuns}; ${machineSummary(r.machine)}\n`,
  ];
  parts.push(`${rocklingLine(r)}\n`);
  for (const schema of ['multi', 'flat'] as const) {
    if (!r.queries.some((q) => q.schema === schema)) continue;
    parts.push(`\n${SCHEMA_TITLE[schema]}\n`, renderText(queryTable(r, schema)));
  }
  parts.push('\ngeometric means\n', renderText(geomeanTable(r)));
  parts.push('\nloading\n', renderText(loadsTable(r)));
  const foot = footprintTable(r);
  if (foot !== undefined) parts.push('\nstart-up and memory\n', renderText(foot));
  parts.push(r.passed ? '\nPASSED\n' : `\nFAILED:\n${r.failures.map((f) => `  - ${f}`).join('\n')}\n`);
  return parts.join('');
}

/** The chart: per-query hot ratios when Rockling ran, DuckDB hot times otherwise. */
export function chartSvg(r: SsbReport): string {
  if (rocklingRan(r)) {
    const bars: Bar[] = r.queries
      .filter((q) => q.ratioHot !== undefined)
      .map((q) => ({
        label: `${q.id} ${q.schema}`,
        value: q.ratioHot as number,
        group: SCHEMA_TITLE[q.schema],
      }));
    return barChartSvg(bars, {
      title: `SSB SF ${r.sf}: Rockling / DuckDB, hot median (lower is better)`,
      unit: '×',
      reference: 1,
      referenceLabel: '1.0× = DuckDB',
    });
  }
  const bars: Bar[] = r.queries
    .filter((q) => q.duckdb.hotMs !== undefined)
    .map((q) => ({
      label: `${q.id} ${q.schema}`,
      value: q.duckdb.hotMs as number,
      group: SCHEMA_TITLE[q.schema],
    }));
  return barChartSvg(bars, { title: `SSB SF ${r.sf}: DuckDB hot median (Rockling not run)`, unit: ' ms' });
}

function throughput(bytes: number, rows: number, ms: number): string {
  const s = ms / 1000;
  if (!(s > 0)) return '–';
  const perRow = `${Math.round(rows / s).toLocaleString('en-US')} rows/s`;
  // A table built by INSERT … SELECT has no file: rows/s only.
  return bytes > 0 ? `${(bytes / 2 ** 20 / s).toFixed(1)} MiB/s, ${perRow}` : perRow;
}

function loadsTable(r: SsbReport): Table {
  const rock = r.systems.rockling.available ? r.systems.rockling.loads : [];
  const sum = { bytes: 0, rows: 0, duck: 0, rock: 0 };
  const rows = r.systems.duckdb.loads.map((d) => {
    const k = rock.find((x) => x.table === d.table);
    const size = r.data.tables[d.table]?.bytes ?? 0;
    sum.bytes += size;
    sum.rows += d.rows;
    sum.duck += d.ms;
    sum.rock += k?.ms ?? 0;
    return [
      d.table,
      d.rows.toLocaleString('en-US'),
      size > 0 ? formatBytes(size) : `– (${d.method})`,
      formatMs(d.ms),
      throughput(size, d.rows, d.ms),
      k === undefined ? '–' : `${formatMs(k.ms)} (${k.method})`,
      k === undefined ? '–' : throughput(size, k.rows, k.ms),
    ];
  });
  if (rows.length > 1) {
    const all = rock.length === r.systems.duckdb.loads.length;
    rows.push([
      'total',
      sum.rows.toLocaleString('en-US'),
      formatBytes(sum.bytes),
      formatMs(sum.duck),
      throughput(sum.bytes, sum.rows, sum.duck),
      all ? formatMs(sum.rock) : '–',
      all ? throughput(sum.bytes, sum.rows, sum.rock) : '–',
    ]);
  }
  return {
    headers: [
      'table',
      'rows',
      'file size',
      'duckdb load ms',
      'duckdb throughput',
      'rockling load ms',
      'rockling throughput',
    ],
    rows,
    align: ['left', 'right', 'right', 'right', 'right', 'left', 'right'],
  };
}

/** Start-up and memory of Rockling, when they were measured. */
export function footprintTable(r: SsbReport): Table | undefined {
  const f = r.systems.rockling.available ? r.systems.rockling.footprint : undefined;
  if (f === undefined) return undefined;
  const rows: string[][] = [['data dir after loading', '', formatBytes(f.dataDirBytes)]];
  for (const s of [f.empty, f.loaded]) {
    if (s === undefined) continue;
    const all = s.startupMsAll.map((v) => formatMs(v)).join(', ');
    rows.push([
      `start on ${s.dataDir} data dir (median of ${s.starts})`,
      `${formatMs(s.startupMs)} ms (${all})`,
      `${formatBytes(s.idleRssBytes)} idle`,
    ]);
  }
  if (f.nodeBaselineMs !== undefined)
    rows.push(["bare `node -e ''` (floor)", `${formatMs(f.nodeBaselineMs)} ms`, '']);
  if (f.duckdbImportMs !== undefined)
    rows.push(["node importing '@duckdb/node-api'", `${formatMs(f.duckdbImportMs)} ms`, '']);
  const mem = (m: { rssBytes: number; peakRssBytes: number }): string =>
    `${formatBytes(m.rssBytes)} (peak ${formatBytes(m.peakRssBytes)})`;
  if (f.afterLoad !== undefined) rows.push(['server after the load', '', mem(f.afterLoad)]);
  if (f.afterQueries !== undefined)
    rows.push(['server after the last query (peak since its restart)', '', mem(f.afterQueries)]);
  if (f.error !== undefined) rows.push(['not measured', f.error, '']);
  return {
    headers: ['rockling', 'start-up (spawn → SELECT 1 answered)', 'size / RSS'],
    rows,
    align: ['left', 'right', 'right'],
  };
}

/** The Markdown report; `svgName` is the chart's file name next to it. */
export function renderMarkdownReport(r: SsbReport, svgName: string): string {
  const m = r.machine;
  const out = [
    `# SSB SF ${r.sf} — Rockling vs DuckDB (${r.date.slice(0, 10)})\n`,
    `${r.passed ? '**PASSED**' : '**FAILED**'} · seed ${r.seed} · hot = median of ${r.hotRuns} runs · cold = first run after ${r.coldEachQuery ? 'reopening/restarting before each query' : 'one reopen/restart'} · DuckDB threads ${r.systems.duckdb.threads}\n`,
    `Machine: ${m.cores} cores (${m.cpuModel}), ${formatBytes(m.memoryBytes)} RAM, ${m.os}, Node ${m.node}, ` +
      `${Object.entries(m.versions)
        .map(([k, v]) => `${k} ${v}`)
        .join(
          ', ',
        )}, load average ${m.loadAverage1m.toFixed(2)} at start${r.loadAverageEnd !== undefined ? ` and ${r.loadAverageEnd.toFixed(2)} at the end` : ''} (shared machine), commit ${m.gitCommit ?? '?'}.\n`,
    `${rocklingLine(r)}\n`,
    `![per-query chart](${svgName})\n`,
    '## Geometric means\n',
    renderMarkdown(geomeanTable(r)),
  ];
  for (const schema of ['multi', 'flat'] as const) {
    if (!r.queries.some((q) => q.schema === schema)) continue;
    out.push(`\n## ${SCHEMA_TITLE[schema]}\n`, renderMarkdown(queryTable(r, schema)));
  }
  out.push('\n## Data and loading\n', renderMarkdown(loadsTable(r)));
  const foot = footprintTable(r);
  if (foot !== undefined) out.push('\n## Rockling start-up and memory\n', renderMarkdown(foot));
  if (r.data.generateSeconds !== undefined)
    out.push(`\nGenerated in ${r.data.generateSeconds.toFixed(1)} s.\n`);
  if (r.crossSchema.length > 0) {
    const ok = r.crossSchema.filter((c) => c.equal).map((c) => c.id);
    out.push(`\nMulti-table and flat answers agree (DuckDB) on: ${ok.join(', ') || 'none'}.\n`);
  }
  if (!r.passed) out.push(`\n## Failures\n\n${r.failures.map((f) => `- ${f}`).join('\n')}\n`);
  return out.join('\n');
}

/** Write `<name>.json`, `<name>.md` and `<name>.svg` into `dir`; returns the paths. */
export function writeReport(r: SsbReport, dir: string): { json: string; md: string; svg: string } {
  mkdirSync(dir, { recursive: true });
  const name = `ssb-${r.date.slice(0, 10)}-sf${r.sf}`;
  const paths = {
    json: join(dir, `${name}.json`),
    md: join(dir, `${name}.md`),
    svg: join(dir, `${name}.svg`),
  };
  writeFileSync(paths.json, JSON.stringify(r, null, 2) + '\n');
  writeFileSync(paths.svg, chartSvg(r));
  writeFileSync(paths.md, renderMarkdownReport(r, `${name}.svg`));
  return paths;
}
