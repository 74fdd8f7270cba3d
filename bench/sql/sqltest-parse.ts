/**
 * Parse every SQL statement of the SQL-tester development corpus (R files) and report which
 * fail. Statements whose expected result is a StarRocks syntax error must fail; the others must
 * parse. Usage: node --import tsx bench/sql/sqltest-parse.ts [corpus dir] [--list]
 */
import { SqlError } from '../../src/errors/index.js';
import { parseStatements } from '../../src/sql/index.js';

import { corpusStatements } from '../../test/sql/sqltest-statements.js';

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
