import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CsvReader, type CsvReaderOptions } from '../../src/load/body/csv-reader.js';
import { DirectScan, directEligible } from '../../src/load/body/direct-scan.js';
import { JsonReader, type JsonReaderOptions } from '../../src/load/body/json-reader.js';
import { parseJsonPath } from '../../src/load/body/json-value.js';
import { RejectLog, type Fields } from '../../src/load/body/rows.js';
import { decodeSeparator } from '../../src/load/separators.js';

/** Feed `body` in pieces of `step` bytes (1 = every byte boundary). */
function chunks(body: Buffer, step: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < body.length; i += step) out.push(body.subarray(i, i + step));
  return out;
}

function csv(body: string | Buffer, o: Partial<CsvReaderOptions> & { columns: number }, step = 0) {
  const rows: Fields[] = [];
  const rejects = new RejectLog();
  const reader = new CsvReader(
    {
      columnSeparator: Buffer.from('\t'),
      rowDelimiter: Buffer.from('\n'),
      enclose: null,
      escape: null,
      trimSpace: false,
      skipHeader: 0,
      ...o,
    },
    { row: (f) => rows.push(f) },
    rejects,
  );
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(body);
  for (const c of step > 0 ? chunks(buf, step) : [buf]) reader.feed(c);
  reader.end();
  return { rows, rejects, total: reader.total };
}

function json(body: string, o: Partial<JsonReaderOptions> & { columns: string[] }, step = 0) {
  const rows: Fields[] = [];
  const rejects = new RejectLog();
  const reader = new JsonReader(
    { stripOuterArray: false, jsonRoot: null, jsonPaths: null, ...o },
    { row: (f) => rows.push(f) },
    rejects,
  );
  const buf = Buffer.from(body);
  for (const c of step > 0 ? chunks(buf, step) : [buf]) reader.feed(c);
  reader.end();
  return { rows, rejects, total: reader.total, batched: reader.batched };
}

describe('CSV reader', () => {
  test('defaults: tab, newline, \\N is NULL, empty is empty, missing final newline, blank lines skipped', () => {
    const r = csv('1\ta\n\n2\t\\N\n3\t\n4\tlast', { columns: 2 });
    assert.deepEqual(r.rows, [
      ['1', 'a'],
      ['2', null],
      ['3', ''],
      ['4', 'last'],
    ]);
    assert.equal(r.total, 4);
    assert.equal(r.rejects.count, 0);
  });

  test('wrong field counts are rejected with StarRocks message; \\r stays data', () => {
    const r = csv('1\ta\tb\n2\n3\tc\r\n', { columns: 2 });
    assert.deepEqual(r.rows, [['3', 'c\r']]);
    assert.equal(r.total, 3);
    assert.equal(r.rejects.count, 2);
    assert.equal(
      r.rejects.kept[0]?.reason,
      "Target column count: 2 doesn't match source value column count: 3. Column separator: '\\t', Row delimiter: '\\n'",
    );
    assert.equal(r.rejects.kept[1]?.record, '2');
  });

  test('multi-byte and hex separators, split at every byte boundary', () => {
    const sep = decodeSeparator('\\x0102', '\t', 'column separator');
    const delim = decodeSeparator('||\\n', '\n', 'row delimiter');
    assert.deepEqual([...sep], [1, 2]);
    const body = Buffer.concat([
      Buffer.from('a'),
      sep,
      Buffer.from('b|'),
      delim,
      Buffer.from('c'),
      sep,
      Buffer.from('d'),
      delim,
    ]);
    for (const step of [0, 1, 2, 3]) {
      const r = csv(body, { columns: 2, columnSeparator: sep, rowDelimiter: delim }, step);
      assert.deepEqual(r.rows, [
        ['a', 'b|'],
        ['c', 'd'],
      ]);
    }
  });

  test('enclose and escape: delimiters inside quotes, doubled quotes, escaped bytes', () => {
    const body = '"a,b","say ""hi""",x\n"multi\nline",\\,q,"\\""\n\'n\',"",\\N\n';
    for (const step of [0, 1, 5]) {
      const r = csv(
        body,
        { columns: 3, columnSeparator: Buffer.from(','), enclose: 0x22, escape: 0x5c },
        step,
      );
      assert.deepEqual(r.rows, [
        ['a,b', 'say "hi"', 'x'],
        ['multi\nline', ',q', '"'],
        ["'n'", '', null],
      ]);
    }
  });

  test('trim_space, skip_header, invalid UTF-8 rows', () => {
    const r = csv(
      Buffer.concat([Buffer.from('h1,h2\n  1 , a b \n'), Buffer.from([0xff, 0x2c, 0x31, 0x0a])]),
      {
        columns: 2,
        columnSeparator: Buffer.from(','),
        trimSpace: true,
        skipHeader: 1,
      },
    );
    assert.deepEqual(r.rows, [['1', 'a b']]);
    assert.equal(r.rejects.kept[0]?.reason, 'Invalid UTF-8 row');
    assert.equal(r.total, 2);
  });
});

describe('direct scan', () => {
  function scan(body: string | Buffer, step: number, sep = '\t'): { ok: boolean; reason: string | null } {
    const s = new DirectScan(Buffer.from(sep));
    const buf = Buffer.isBuffer(body) ? body : Buffer.from(body);
    for (const c of step > 0 ? chunks(buf, step) : [buf]) s.feed(c);
    const ok = s.end();
    return { ok, reason: s.reason };
  }

  test('accepts clean bodies at any chunking', () => {
    for (const step of [0, 1, 3]) {
      assert.deepEqual(scan('a\tb\nc\td\n', step), { ok: true, reason: null });
      assert.deepEqual(scan('a\tb\nc\td', step), { ok: true, reason: null });
      assert.deepEqual(scan('é\t☃\n', step), { ok: true, reason: null });
    }
    assert.deepEqual(scan('', 0), { ok: true, reason: null });
  });

  test('sends the corner cases to the general reader', () => {
    for (const step of [0, 1, 2]) {
      assert.equal(scan('a\tb\r\n', step).reason, 'carriage return');
      assert.equal(scan('a\tb\n\nc\td\n', step).reason, 'blank line');
      assert.equal(scan('\na\tb\n', step).reason, 'blank line');
      assert.equal(scan('a\tb\t\nc\td\n', step).reason, 'separator before row end');
      assert.equal(scan('a\tb\nc\td\t', step).reason, 'separator at end');
      assert.equal(scan(Buffer.from([0x61, 0x09, 0xc3, 0x0a]), step).reason, 'invalid UTF-8');
      assert.equal(scan(Buffer.from([0x61, 0x09, 0xc3]), step).reason, 'invalid UTF-8');
    }
    assert.equal(scan('a||b||\n', 1, '||').reason, 'separator before row end');
  });

  test('eligibility by options', () => {
    const base = {
      format: 'csv',
      rowDelimiter: Buffer.from('\n'),
      columnSeparator: Buffer.from(','),
      enclose: null,
      escape: null,
      trimSpace: false,
    };
    assert.ok(directEligible(base));
    assert.ok(directEligible({ ...base, columnSeparator: Buffer.from([1]) }));
    assert.ok(!directEligible({ ...base, rowDelimiter: Buffer.from('\r\n') }));
    assert.ok(!directEligible({ ...base, enclose: 0x22 }));
    assert.ok(!directEligible({ ...base, columnSeparator: Buffer.from('abcde') }));
    assert.ok(!directEligible({ ...base, format: 'json' }));
  });
});

describe('JSON reader', () => {
  test('NDJSON objects; numbers keep their text; nested values as JSON; missing keys NULL', () => {
    const body = '{"id": 12345678901234567890, "v": 1.10, "o": {"a": [1, 2]}, "b": true}\n{"id": 2}';
    for (const step of [0, 1, 7]) {
      const r = json(body, { columns: ['id', 'v', 'o', 'b'] }, step);
      assert.deepEqual(r.rows, [
        ['12345678901234567890', '1.10', '{"a":[1,2]}', 'true'],
        ['2', null, null, null],
      ]);
    }
  });

  test('outer array: rows only with strip_outer_array', () => {
    const body = '[{"k": 1, "s": "a,]\\"b"}, {"K": 2}]';
    for (const step of [0, 1]) {
      const r = json(body, { columns: ['k', 's'], stripOuterArray: true }, step);
      assert.deepEqual(r.rows, [
        ['1', 'a,]"b'],
        ['2', null],
      ]);
    }
    const no = json(body, { columns: ['k'] });
    assert.deepEqual(no.rows, []);
    assert.equal(no.rejects.kept[0]?.reason, 'JSON data is an array, strip_outer_array must be set true');
    assert.equal(no.total, 1);
  });

  test('json_root and jsonpaths', () => {
    const body = '{"data": {"items": [{"a": {"b": 1}, "c": "x"}, {"a": {"b": 2}}]}}';
    const r = json(body, {
      columns: ['x', 'y'],
      jsonRoot: parseJsonPath('$.data.items'),
      stripOuterArray: true,
      jsonPaths: [parseJsonPath('$.a.b'), parseJsonPath("$['c']")],
    });
    assert.deepEqual(r.rows, [
      ['1', 'x'],
      ['2', null],
    ]);
  });

  test('stripped arrays read in one JSON.parse per chunk give what the byte scanner gives', () => {
    const els = [
      '{"k": 1, "s": "a},{\\"b"}',
      '{"k": 2, "s": "\u00e9\u4e2d"}',
      '7',
      '[{"k": 3}]',
      '{"k": 12345678901234567890}',
      '{"k": 4, "s": {"n": [1, {"x": "}"}]}}',
      '{"k": }',
      '{"K": 5}',
    ];
    const body = `[${els.join(' ,\n')}]`;
    const slow = json(body, { columns: ['k', 's'], stripOuterArray: true }, 1);
    for (const step of [0, 9, 64]) {
      const fast = json(body, { columns: ['k', 's'], stripOuterArray: true }, step);
      assert.deepEqual(fast.rows, slow.rows, `chunk ${step}`);
      assert.equal(fast.total, slow.total);
      assert.deepEqual(
        fast.rejects.kept.map((r) => r.reason),
        slow.rejects.kept.map((r) => r.reason),
      );
    }
    assert.equal(slow.rows.length, 6);
    assert.equal(slow.rejects.count, 2);
    assert.equal(slow.batched, 0);
    // Without the malformed element and the long number (exact parser) the body is one parse.
    const clean = `[${els.filter((e) => e !== '{"k": }' && !e.includes('1234567890')).join(',')}]`;
    const one = json(clean, { columns: ['k', 's'], stripOuterArray: true });
    assert.equal(one.batched, 6);
    assert.deepEqual(one.rows, json(clean, { columns: ['k', 's'], stripOuterArray: true }, 1).rows);
  });

  test('bad documents are rejected rows; a bad first byte fails the load', () => {
    const r = json('{"a": 1}\n{"a": }\n{"a": 3}', { columns: ['a'] });
    assert.deepEqual(r.rows, [['1'], ['3']]);
    assert.equal(r.rejects.count, 1);
    assert.match(r.rejects.kept[0]?.reason ?? '', /^Failed to parse json data/);
    assert.throws(() => json('x{}', { columns: ['a'] }), /illegal json started with x/);
    const trunc = json('[{"a": 1}, {"a": 2', { columns: ['a'], stripOuterArray: true });
    assert.deepEqual(trunc.rows, [['1']]);
    assert.equal(trunc.rejects.count, 1);
  });
});
