/** stream-load.sh (curl examples per table) and flink-sink.properties (connector options per table). */
import { loadInterval } from '../design/index.js';
import type { Plan, TableDesign } from '../design/index.js';

function streamLoadFor(plan: Plan, t: TableDesign): string {
  const db = plan.form.database;
  const cols = t.columns.filter((c) => c.defaultValue === undefined).map((c) => c.name);
  const headers = ['-H "format: json"', '-H "strip_outer_array: true"', `-H "columns: ${cols.join(', ')}"`];
  if (t.model === 'PRIMARY' && t.spec.updates === 'partial') {
    headers.push('-H "partial_update: true"');
  }
  return [
    `# ${t.name}: ${t.model} KEY table. A JSON array of rows per request, ≤ 10 GB (R-L2).`,
    `load_${t.name}() {`,
    `  curl --location-trusted -u "$SR_USER:$SR_PASSWORD" -sS \\`,
    `    -H "Expect: 100-continue" -H "label: ${t.name}_$(date +%Y%m%d%H%M%S)_$$" \\`,
    ...headers.map((h) => `    ${h} \\`),
    `    -T "$1" "http://$FE_HOST:$FE_HTTP_PORT/api/${db}/${t.name}/_stream_load"`,
    '}',
    '',
  ].join('\n');
}

/** stream-load.sh */
export function renderStreamLoad(plan: Plan): string {
  const head = [
    '#!/usr/bin/env bash',
    `# Stream Load examples for business ${plan.form.business}: one function per table.`,
    '# Usage: FE_HOST=fe1 SR_USER=u SR_PASSWORD=p ./stream-load.sh <table> <rows.json>',
    '# Streaming apps that push over HTTP should batch at the load interval of PLAN.md (never below 5 s).',
    'set -euo pipefail',
    ': "${FE_HOST:?set FE_HOST}" "${SR_USER:?set SR_USER}"',
    'SR_PASSWORD=${SR_PASSWORD:-}',
    'FE_HTTP_PORT=${FE_HTTP_PORT:-8030}',
    '',
  ];
  const body = plan.tables.map((t) => streamLoadFor(plan, t));
  const dispatch = [
    'case "${1:-}" in',
    ...plan.tables.map((t) => `  ${t.name}) load_${t.name} "\${2:?rows file}" ;;`),
    `  *) echo "usage: $0 {${plan.tables.map((t) => t.name).join('|')}} <rows.json>" >&2; exit 2 ;;`,
    'esac',
    '',
  ];
  return [...head, ...body, ...dispatch].join('\n');
}

/** flink-sink.properties */
export function renderFlinkProperties(plan: Plan): string {
  const lines = [
    `# flink-connector-starrocks sink options for business ${plan.form.business}.`,
    '# Common options first; then one block per table, prefixed with the table name — use a block as',
    '# the WITH (...) options of a Flink SQL sink table (or a Flink CDC pipeline sink).',
    '# R-L1: CDC sources use Flink CDC; Kafka tables may use Flink instead of Routine Load when they',
    '# need transformations or exactly-once. R-L3: exactly-once makes data visible at checkpoints, so',
    '# the checkpoint interval is the load interval; at-least-once flushes every buffer-flush interval.',
    'connector=starrocks',
    'jdbc-url=jdbc:mysql://${FE_HOST}:9030',
    'load-url=${FE_HOST}:8030',
    'username=${SR_USER}',
    'password=${SR_PASSWORD}',
    'sink.properties.format=json',
    'sink.properties.strip_outer_array=true',
    'sink.max-retries=3',
    '',
  ];
  for (const t of plan.tables) {
    const stream = plan.loads.streams.find((s) => s.table === t.name && s.kind === 'flink');
    const interval = stream?.intervalS ?? loadInterval(t.spec.freshnessS);
    const semantic = stream?.semantic ?? (t.model === 'PRIMARY' ? 'at-least-once' : 'exactly-once');
    lines.push(
      `# ${t.name}: ${stream === undefined ? 'alternative to its SQL load job' : `fed by ${stream.source} (Flink CDC)`}`,
    );
    lines.push(`${t.name}.database-name=${plan.form.database}`);
    lines.push(`${t.name}.table-name=${t.name}`);
    lines.push(`${t.name}.sink.semantic=${semantic}`);
    if (semantic === 'exactly-once') {
      lines.push(`${t.name}.execution.checkpointing.interval=${interval}s`);
      lines.push(`${t.name}.sink.label-prefix=rockling_${plan.form.business}_${t.name}`);
    } else {
      lines.push(`${t.name}.sink.buffer-flush.interval-ms=${interval * 1000}`);
    }
    if (t.model === 'PRIMARY' && t.spec.updates === 'partial') {
      lines.push(`${t.name}.sink.properties.partial_update=true`);
      lines.push(`${t.name}.sink.properties.columns=${t.columns.map((c) => c.name).join(',')}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
