/**
 * Statements of the StarRocks SQL-tester corpus (R files), split the way the upstream runner
 * splits them (see ../shared/conformance/starrocks-sqltest/README.md), with their expected output.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface CorpusStatement {
  readonly file: string;
  readonly sql: string;
  /** Expected output block (undefined when none). */
  readonly expected?: string;
}

/** Statements of one R file, split the way the upstream runner splits them. */
export function statementsOfRFile(file: string, text: string): CorpusStatement[] {
  const lines = text.split('\n');
  const out: CorpusStatement[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const trimmed = line.trim();
    if (trimmed === '-- result:') {
      // The result block of a shell/function step.
      while (i < lines.length && (lines[i] ?? '').trim() !== '-- !result') i++;
      i++;
      continue;
    }
    if (trimmed === '' || trimmed.startsWith('--') || /^(\[UC\])?(shell|function):/.test(trimmed)) {
      i++;
      continue;
    }
    const indent = line.length - line.trimStart().length;
    const parts = [line.trimStart()];
    while (!(parts[parts.length - 1] ?? '').endsWith(';') && i + 1 < lines.length) {
      i++;
      const next = lines[i] ?? '';
      if (next.trim().startsWith('--')) continue;
      parts.push(next.slice(Math.min(indent, next.length - next.trimStart().length)));
    }
    i++;
    let expected: string | undefined;
    if ((lines[i] ?? '').trim() === '-- result:') {
      const block: string[] = [];
      i++;
      while (i < lines.length && (lines[i] ?? '').trim() !== '-- !result') block.push(lines[i++] ?? '');
      i++;
      expected = block.join('\n');
    }
    let sql = parts.join('\n').replace(/^\[(UC|ORDER)\]/, '');
    sql = sql.replace(/^[a-zA-Z0-9_-]+=/, '');
    out.push({ file, sql, ...(expected !== undefined ? { expected } : {}) });
  }
  return out;
}

export function corpusStatements(dir: string): CorpusStatement[] {
  const out: CorpusStatement[] = [];
  for (const suite of readdirSync(dir)) {
    const rDir = join(dir, suite, 'R');
    if (!statSync(join(dir, suite)).isDirectory()) continue;
    let files: string[];
    try {
      files = readdirSync(rDir);
    } catch {
      continue;
    }
    for (const f of files)
      out.push(...statementsOfRFile(join(suite, 'R', f), readFileSync(join(rDir, f), 'utf8')));
  }
  return out;
}
