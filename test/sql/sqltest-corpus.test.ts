import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { SqlError } from '../../src/errors/index.js';
import { parseStatements } from '../../src/sql/index.js';
import { corpusStatements } from './sqltest-statements.js';

const CORPUS = fileURLToPath(
  new URL('../../../shared/conformance/starrocks-sqltest/test/sql', import.meta.url),
);

/** Parse with the options the SQL-tester cases run under; undefined when it parses. */
function parseFailure(sql: string, expected: string): SqlError | undefined {
  try {
    parseStatements(sql.replace(/\$\{[^}]*\}/g, 'x'), {
      temporaryTables: !expected.includes('enable_experimental_temporary_table'),
    });
    return undefined;
  } catch (e) {
    if (e instanceof SqlError) return e;
    throw e;
  }
}

describe('SQL-tester development corpus through the parser', () => {
  test('statements StarRocks accepts parse; its syntax errors are syntax errors here', () => {
    assert.ok(existsSync(CORPUS), `corpus missing: ${CORPUS}`);
    const all = corpusStatements(CORPUS);
    assert.ok(all.length > 5000, `only ${all.length} statements`);
    let shouldParse = 0;
    const notParsed: string[] = [];
    const notRejected: string[] = [];
    const wrongMessage: string[] = [];
    for (const s of all) {
      const expected = s.expected ?? '';
      const syntaxError = /^(E: \(1064|\[REGEX\])/.test(expected) && /syntax error/i.test(expected);
      const failure = parseFailure(s.sql, expected);
      if (syntaxError) {
        if (!failure) notRejected.push(`${s.file}: ${s.sql}`);
        else if (expected.startsWith('E: (1064')) {
          // Where StarRocks' message is fully known, ours must match it exactly.
          const message = /^E: \(1064, ["'](.*)["']\)$/.exec(expected)?.[1];
          if (message && !message.includes('\\') && failure.message !== message) {
            wrongMessage.push(`${s.sql}\n   expected: ${message}\n   actual:   ${failure.message}`);
          }
        }
      } else {
        shouldParse++;
        if (failure) notParsed.push(`${s.file}: ${s.sql.slice(0, 120)} — ${failure.message}`);
      }
    }
    assert.deepEqual(notRejected, []);
    assert.deepEqual(wrongMessage, []);
    // Known gaps: PIVOT, agg_state column types, and two statements with broken quoting.
    assert.ok(notParsed.length <= 8, `too many statements fail to parse:\n${notParsed.join('\n')}`);
    assert.ok(shouldParse - notParsed.length >= shouldParse * 0.999);
  });
});
