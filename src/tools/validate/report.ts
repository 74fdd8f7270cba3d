/** The validate report: a readable text summary on stdout and the full result as JSON. */
import type { ValidateResult } from './validate.js';
import type { RowDiff } from './leaf.js';

function describeDiff(d: RowDiff): string {
  switch (d.kind) {
    case 'missing':
      return `missing  key=${d.key}  (in source, not in target)`;
    case 'extra':
      return `extra    key=${d.key}  (in target, not in source)`;
    case 'duplicate':
      return `dup      key=${d.key}  (key repeated on the ${d.side} side)`;
    case 'changed':
      return `changed  key=${d.key}  ${d.columns.map((c) => `${c.column}: ${show(c.source)} → ${show(c.target)}`).join('; ')}`;
  }
}

function show(v: string | null): string {
  if (v === null) return 'NULL';
  const t = v.length > 60 ? `${v.slice(0, 57)}...` : v;
  return JSON.stringify(t);
}

/** Human-readable report. */
export function textReport(r: ValidateResult, names: { source: string; target: string }): string {
  const lines: string[] = [];
  lines.push(`validate: ${names.source} (${r.source.dialect}) ↔ ${names.target} (${r.target.dialect})`);
  lines.push(`rows: source ${r.source.count}, target ${r.target.count}`);
  lines.push(`columns compared: ${r.columns.map((c) => `${c.name}:${c.norm.kind}`).join(', ')}`);
  for (const c of r.schema.onlySource) lines.push(`schema: column ${c} only in source`);
  for (const c of r.schema.onlyTarget) lines.push(`schema: column ${c} only in target`);
  for (const c of r.schema.incompatible) lines.push(`schema: column ${c} has incompatible types`);
  for (const a of r.aggregateDiffs) {
    lines.push(
      `aggregate: ${a.column} ${a.aggregate}: source ${a.source ?? 'NULL'}, target ${a.target ?? 'NULL'}`,
    );
  }
  const c = r.diffCounts;
  const total = c.missing + c.extra + c.changed + c.duplicate;
  if (total > 0) {
    lines.push(
      `row differences: ${total} (missing ${c.missing}, extra ${c.extra}, changed ${c.changed}, duplicate keys ${c.duplicate})`,
    );
    for (const d of r.rowDiffs) lines.push(`  ${describeDiff(d)}`);
    if (r.rowDiffs.length < total) lines.push(`  … ${total - r.rowDiffs.length} more (raise --max-report)`);
  }
  for (const n of r.notes) lines.push(`note: ${n}`);
  if (r.bisect !== undefined) {
    const b = r.bisect;
    lines.push(
      `bisection: ${b.segmentsDiffering}/${b.segmentsChecked} segments differed, depth ${b.maxDepth}, ${b.leaves} leaves, ${b.rowsFetched} rows fetched, ${b.queries} queries`,
    );
  }
  lines.push(`time: ${r.seconds.toFixed(1)}s`);
  lines.push(r.equal ? 'RESULT: EQUAL' : 'RESULT: DIFFERENT');
  return `${lines.join('\n')}\n`;
}

/** JSON form (bigints as strings). */
export function jsonReport(r: ValidateResult): string {
  return `${JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`;
}
