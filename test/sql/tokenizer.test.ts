import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { tokenize } from '../../src/sql/index.js';
import { parseError } from './helpers.js';

const kinds = (sql: string) => tokenize(sql).map((t) => `${t.kind}:${t.value}`);

describe('tokenizer', () => {
  test('words, identifiers and positions', () => {
    const toks = tokenize('SELECT a,\n  `b``c` FROM t');
    assert.deepEqual(
      toks.map((t) => [t.kind, t.value, t.line, t.column]),
      [
        ['word', 'SELECT', 1, 1],
        ['word', 'a', 1, 8],
        ['op', ',', 1, 9],
        ['quoted-ident', 'b`c', 2, 3],
        ['word', 'FROM', 2, 10],
        ['word', 't', 2, 15],
        ['eof', '', 2, 16],
      ],
    );
    assert.equal(toks[0]?.upper, 'SELECT');
  });

  test('strings with MySQL escapes and doubled quotes', () => {
    const values = tokenize(`'a''b' "c""d" 'x\\ny' 'tab\\t' '\\%\\_' 'q\\'q' "\\"" '\\\\' '\\Z\\0\\b\\r'`)
      .filter((t) => t.kind === 'string')
      .map((t) => t.value);
    assert.deepEqual(values, ["a'b", 'c"d', 'x\ny', 'tab\t', '\\%\\_', "q'q", '"', '\\', '\x1a\0\b\r']);
    assert.equal(tokenize('"x"')[0]?.quote, '"');
  });

  test('numbers: integer, decimal, exponent, hex, leading dot', () => {
    const nums = tokenize('1 1.5 .5 1e3 1.5E-3 2E+2 0x1F 12.')
      .filter((t) => t.kind === 'number')
      .map((t) => [t.value, t.numberKind]);
    assert.deepEqual(nums, [
      ['1', 'integer'],
      ['1.5', 'decimal'],
      ['.5', 'decimal'],
      ['1e3', 'double'],
      ['1.5E-3', 'double'],
      ['2E+2', 'double'],
      ['0x1F', 'hex'],
      ['12.', 'decimal'],
    ]);
  });

  test('digit identifiers and qualified digits', () => {
    assert.deepEqual(kinds('1abc'), ['word:1abc', 'eof:']);
    assert.deepEqual(kinds('t.5x'), ['word:t', 'op:.', 'word:5x', 'eof:']);
    assert.deepEqual(kinds('1e'), ['word:1e', 'eof:']);
  });

  test('comments and hints are skipped', () => {
    assert.deepEqual(kinds('SELECT /*+ SET_VAR(a=1) */ 1 -- tail\n# hash comment\n/* block\n */ + 2'), [
      'word:SELECT',
      'number:1',
      'op:+',
      'number:2',
      'eof:',
    ]);
    const after = tokenize('/* c */ x');
    assert.equal(after[0]?.spaceBefore, true);
    assert.equal(after[0]?.column, 9);
  });

  test('operators, params, variables, binary strings, attachments', () => {
    assert.deepEqual(kinds("a <=> b != c <> d || e && !f -> '$' ? @v @@x X'4142' $$ body $$"), [
      'word:a',
      'op:<=>',
      'word:b',
      'op:!=',
      'word:c',
      'op:<>',
      'word:d',
      'op:||',
      'word:e',
      'op:&&',
      'op:!',
      'word:f',
      'op:->',
      'string:$',
      'param:?',
      'op:@',
      'word:v',
      'op:@@',
      'word:x',
      'binary-string:4142',
      'attachment: body ',
      'eof:',
    ]);
  });

  test('unicode identifiers and full-width space', () => {
    assert.deepEqual(kinds('SELECT\u3000列名'), ['word:SELECT', 'word:列名', 'eof:']);
  });

  test('lexical errors are 1064 with positions', () => {
    const e1 = parseError(() => tokenize("SELECT 'abc"));
    assert.deepEqual(e1.pos, { line: 1, column: 8 });
    assert.match(e1.message, /^Getting syntax error at line 1, column 7\. Detail message: /);
    const e2 = parseError(() => tokenize('SELECT\n  `x'));
    assert.deepEqual(e2.pos, { line: 2, column: 3 });
    parseError(() => tokenize('/* never closed'));
    parseError(() => tokenize("X'zz'"));
  });
});
