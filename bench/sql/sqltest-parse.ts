/**
 * Parse every SQL statement of the SQL-tester development corpus (R files) and report which
 * fail. Statements whose expected result is a StarRocks syntax error must fail; the others must
 * parse. Usage: node --import tsx bench/sql/sqltest-parse.ts [corpus dir] [--list]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SqlError } from '../../src/errors/index.js';
import { parseStatements } from '../../src/sql/index.js';

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

function main(): void {
  const dir =
    process.argv[2] && !process.argv[2].startsWith('--')
      ? process.argv[2]
      : '../shared/conformance/starrocks-sqltest/test/sql';
  const list = process.argv.includes('--list');
  const all = corpusStatements(dir);
  let shouldParse = 0;
  let parsed = 0;
  let shouldFail = 0;
  let failed = 0;
  const problems: string[] = [];
  for (const s of all) {
    const sql = s.sql.replace(/\$\{[^}]*\}/g, 'x');
    const expected = s.expected ?? '';
    const expectSyntaxError = /^(E: \(1064|\[REGEX\])/.test(expected) && /syntax error/i.test(expected);
    let error: unknown;
    const temporaryTables = !s.expected?.includes('enable_experimental_temporary_table');
    try {
      parseStatements(sql, { temporaryTables });
    } catch (e) {
      error = e;
      if (!(e instanceof SqlError)) throw e;
    }
    if (expectSyntaxError) {
      shouldFail++;
      if (error) failed++;
      else problems.push(`SHOULD FAIL ${s.file}: ${sql.slice(0, 200)}`);
    } else {
      shouldParse++;
      if (!error) parsed++;
      else problems.push(`FAILS ${s.file}: ${sql.slice(0, 200)}\n    ${(error as Error).message}`);
    }
  }
  if (list) for (const p of problems) console.log(p);
  console.log(`statements: ${all.length}`);
  console.log(
    `expected to parse: ${shouldParse}, parsed: ${parsed} (${((100 * parsed) / shouldParse).toFixed(2)} %)`,
  );
  console.log(`expected syntax errors: ${shouldFail}, rejected: ${failed}`);
}

if (process.argv[1]?.endsWith('sqltest-parse.ts')) main();
