/**
 * Render bench/models/crash-dml-result.json (written by crash-dml.ts) as
 * bench/results/models-crash-dml.md and .svg: statements acknowledged by kind, in-flight outcomes,
 * lost and half-applied counts.  Usage: node --import tsx bench/models/crash-dml-report.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { barChartSvg } from '../common/index.js';

interface Result {
  moments: number;
  workers: number;
  acknowledged: number;
  byKind: Record<string, number>;
  inflightApplied: number;
  inflightAbsent: number;
  lost: number;
  halfApplied: number;
  seconds: number;
  secondsPerMoment: number;
}

const LABELS: Record<string, string> = {
  'pk-insert': 'INSERT / upsert (PRIMARY KEY)',
  'pk-update': 'UPDATE … WHERE (PRIMARY KEY)',
  'pk-delete': 'DELETE … WHERE (PRIMARY KEY)',
  'dup-insert': 'INSERT (DUPLICATE)',
  'dup-delete': 'DELETE … WHERE (DUPLICATE)',
  overwrite: 'INSERT OVERWRITE',
  ddl: 'ADD / DROP COLUMN',
  refused: 'refused (error, must leave no trace)',
};

const r = JSON.parse(readFileSync(join(import.meta.dirname, 'crash-dml-result.json'), 'utf8')) as Result;
const kinds = Object.entries(r.byKind).sort(([a], [b]) => a.localeCompare(b));
const bars = [
  ...kinds.map(([k, v]) => ({
    label: LABELS[k] ?? k,
    value: v,
    group: k === 'refused' ? 'refused' : 'acknowledged',
  })),
  { label: 'in flight at kill: applied', value: r.inflightApplied, group: 'in flight' },
  { label: 'in flight at kill: absent', value: r.inflightAbsent, group: 'in flight' },
  { label: 'acknowledged but lost', value: r.lost, group: 'failures' },
  { label: 'half-applied', value: r.halfApplied, group: 'failures' },
];
const out = join(import.meta.dirname, '..', 'results', 'models-crash-dml');
writeFileSync(
  `${out}.svg`,
  barChartSvg(bars, {
    title: `kill -9 at ${r.moments} moments, ${r.workers} connections`,
    unit: ' statements',
  }),
);
const md = [
  `# DML crash test: kill -9 at ${r.moments} random moments`,
  '',
  `${r.workers} connections run UPDATE/DELETE/INSERT on a shared PRIMARY KEY table, DELETE/INSERT/INSERT`,
  'OVERWRITE on their own DUPLICATE tables and ADD/DROP COLUMN on both; the server is killed with SIGKILL',
  'and restarted; each connection owns a key slice, so after every restart its acknowledged model',
  '(or that model plus its one in-flight statement, fully) must equal the stored rows and DESC.',
  '',
  '![chart](models-crash-dml.svg)',
  '',
  '| figure | value |',
  '| --- | ---: |',
  `| moments | ${r.moments} |`,
  `| statements acknowledged | ${r.acknowledged} |`,
  ...kinds.map(([k, v]) => `| … ${LABELS[k] ?? k} | ${v} |`),
  `| in flight at the kill, found applied | ${r.inflightApplied} |`,
  `| in flight at the kill, found absent | ${r.inflightAbsent} |`,
  `| acknowledged but lost | ${r.lost} |`,
  `| half-applied | ${r.halfApplied} |`,
  `| seconds (per moment) | ${r.seconds} (${r.secondsPerMoment}) |`,
  '',
];
writeFileSync(`${out}.md`, md.join('\n'));
process.stdout.write(md.join('\n'));
