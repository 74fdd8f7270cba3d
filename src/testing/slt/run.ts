/** Run parsed sqllogictest records against a target and report every mismatch with its line. */
import { parseSlt, type SltRecord } from './parse.js';
import type { SltError, SltOutcome, SltTarget } from './targets.js';

export interface SltFailure {
  readonly line: number;
  readonly sql: string;
  readonly message: string;
}

export interface SltReport {
  readonly file: string;
  readonly records: number;
  readonly failures: readonly SltFailure[];
}

function cell(text: string): string {
  return text === '' ? '(empty)' : text;
}

function actualLines(outcome: SltOutcome, sort: 'nosort' | 'rowsort' | 'valuesort'): string[] {
  if (sort === 'valuesort') return outcome.rows.flatMap((r) => r.map(cell)).sort();
  const lines = outcome.rows.map((r) => r.map(cell).join('\t'));
  return sort === 'rowsort' ? lines.sort() : lines;
}

function expectedLines(expected: readonly string[], sort: 'nosort' | 'rowsort' | 'valuesort'): string[] {
  if (sort === 'valuesort') return expected.flatMap((l) => l.split('\t')).sort();
  return sort === 'rowsort' ? [...expected].sort() : [...expected];
}

function diff(expected: readonly string[], actual: readonly string[]): string {
  const show = (ls: readonly string[]): string =>
    ls
      .slice(0, 30)
      .map((l) => `    ${l}`)
      .join('\n') + (ls.length > 30 ? `\n    … ${ls.length - 30} more` : '');
  return `expected ${expected.length} line(s):\n${show(expected)}\n  got ${actual.length} line(s):\n${show(actual)}`;
}

function isSltError(e: unknown): e is SltError {
  return typeof e === 'object' && e !== null && 'errno' in e && 'message' in e;
}

async function runRecord(
  r: SltRecord,
  target: SltTarget,
  labels: Map<string, string>,
): Promise<string | null> {
  switch (r.kind) {
    case 'restart':
      await target.restart();
      return null;
    case 'halt':
      return null;
    case 'statement-ok':
      try {
        await target.execute(r.sql);
        return null;
      } catch (e) {
        return `statement failed: ${isSltError(e) ? `${e.errno} ${e.message}` : String(e)}`;
      }
    case 'statement-error':
      try {
        await target.execute(r.sql);
        return 'statement succeeded, expected an error';
      } catch (e) {
        if (!isSltError(e)) throw e;
        if (r.errno !== null && e.errno !== r.errno)
          return `expected errno ${r.errno}, got ${e.errno}: ${e.message}`;
        if (r.fragment !== null && !e.message.includes(r.fragment))
          return `expected error containing '${r.fragment}', got ${e.errno}: ${e.message}`;
        return null;
      }
    case 'query': {
      let outcome: SltOutcome;
      try {
        outcome = await target.execute(r.sql);
      } catch (e) {
        return `query failed: ${isSltError(e) ? `${e.errno} ${e.message}` : String(e)}`;
      }
      if (outcome.columns !== r.types.length)
        return `expected ${r.types.length} column(s), got ${outcome.columns}`;
      const actual = actualLines(outcome, r.sort);
      if (r.label !== null && labels.has(r.label)) {
        return labels.get(r.label) === actual.join('\n') ? null : `result differs from label '${r.label}'`;
      }
      const expected = expectedLines(r.expected, r.sort);
      if (r.label !== null && r.expected.length === 0) {
        labels.set(r.label, actual.join('\n'));
        return null;
      }
      if (r.label !== null) labels.set(r.label, actual.join('\n'));
      return expected.join('\n') === actual.join('\n') ? null : diff(expected, actual);
    }
  }
}

/** Run one file's text; the target is not closed. */
export async function runSlt(text: string, file: string, target: SltTarget): Promise<SltReport> {
  const records = parseSlt(text, file);
  const failures: SltFailure[] = [];
  const labels = new Map<string, string>();
  let count = 0;
  for (const r of records) {
    if (r.kind === 'halt') break;
    count++;
    const message = await runRecord(r, target, labels);
    if (message !== null) failures.push({ line: r.line, sql: 'sql' in r ? r.sql : r.kind, message });
  }
  return { file, records: count, failures };
}

/** Human-readable failure list. */
export function formatReport(report: SltReport): string {
  return report.failures
    .map((f) => `${report.file}:${f.line}: ${f.message}\n  SQL: ${f.sql.split('\n').join('\n       ')}`)
    .join('\n');
}
