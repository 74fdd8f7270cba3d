import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startMariaDb } from '../../../src/testing/index.js';
import { parseCaseFile } from '../../../src/tools/sqltest/case-file.js';
import { compareSqlResult } from '../../../src/tools/sqltest/compare.js';
import { pythonFloat, pythonErrorText, pythonTimedelta } from '../../../src/tools/sqltest/python-text.js';
import { runCase } from '../../../src/tools/sqltest/run-case.js';

const CASES = join(import.meta.dirname, 'cases', 'R', 'basics');

test('python float repr', () => {
  const cases: [number, string][] = [
    [1, '1.0'],
    [0.1 + 0.2, '0.30000000000000004'],
    [1e16, '1e+16'],
    [1e15, '1000000000000000.0'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [-1.5e-7, '-1.5e-07'],
    [123.456, '123.456'],
    [2.5e20, '2.5e+20'],
  ];
  for (const [x, want] of cases) assert.equal(pythonFloat(x), want, String(x));
});

test('python error and timedelta text', () => {
  assert.equal(pythonErrorText(1064, "Unknown table 'x'"), `E: (1064, "Unknown table 'x'")`);
  assert.equal(pythonErrorText(1, 'a "b" \'c\''), `E: (1, 'a "b" \\'c\\'')`);
  assert.equal(pythonTimedelta('01:02:03'), '1:02:03');
  assert.equal(pythonTimedelta('-00:00:01'), '-1 day, 23:59:59');
});

test('case file statements follow the upstream line rules', () => {
  const cases = parseCaseFile(readFileSync(CASES, 'utf8'));
  assert.deepEqual(
    cases.map((c) => c.name),
    [
      'pass_values',
      'pass_errors_and_captures',
      'fail_wrong_value',
      'fail_missing_error',
      'fail_unexpected_error',
      'pass_multi_statement_text',
    ],
  );
  assert.deepEqual(cases[0]?.tags, ['sequential']);
  const multi = cases[0]?.blocks[4];
  assert.ok(multi?.kind === 'step');
  assert.equal(multi.step.text, 'select count(*)\nfrom t1\nwhere k > 0;');
  const capture = cases[1]?.blocks[3];
  assert.ok(capture?.kind === 'step');
  assert.equal(capture.step.capture, 'res');
});

test('list-form and multiset comparisons', () => {
  assert.ok(compareSqlResult(['[1, None, "a"]'], "[1, None, 'a']", false, false).ok);
  assert.ok(compareSqlResult(['a', 'b'], 'b\na', false, false).ok);
  assert.ok(!compareSqlResult(['a', 'b'], 'b\na', true, false).ok);
  assert.ok(!compareSqlResult(['a', 'a'], 'a\nb', false, false).ok);
  assert.ok(compareSqlResult(["E: (1, 'x')"], "E: (2, 'y')", false, true).ok);
  assert.ok(!compareSqlResult(["E: (1, 'x')"], "E: (2, 'y')", false, false).ok);
});

test('runs cases against a real MariaDB: passes and failures are told apart', async () => {
  const db = await startMariaDb();
  try {
    const target = {
      host: db.host,
      port: db.port,
      user: db.user,
      password: db.password,
      httpPort: 1,
      rootPath: import.meta.dirname,
    };
    const outcomes = new Map<string, { ok: boolean; why: string }>();
    for (const tc of parseCaseFile(readFileSync(CASES, 'utf8')))
      outcomes.set(tc.name, await runCase(tc, target, false));
    assert.deepEqual(
      outcomes.get('pass_values'),
      { ...outcomes.get('pass_values'), ok: true },
      outcomes.get('pass_values')?.why,
    );
    assert.equal(
      outcomes.get('pass_errors_and_captures')?.ok,
      true,
      outcomes.get('pass_errors_and_captures')?.why,
    );
    assert.equal(outcomes.get('fail_wrong_value')?.ok, false);
    assert.match(outcomes.get('fail_wrong_value')?.why ?? '', /expected "3" got "2"/);
    assert.equal(outcomes.get('fail_missing_error')?.ok, false);
    assert.equal(outcomes.get('fail_unexpected_error')?.ok, false);
    assert.match(outcomes.get('fail_unexpected_error')?.why ?? '', /1146/);
    assert.equal(
      outcomes.get('pass_multi_statement_text')?.ok,
      true,
      outcomes.get('pass_multi_statement_text')?.why,
    );
  } finally {
    await db.stop();
  }
});
