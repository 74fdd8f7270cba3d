/**
 * Result comparison with the upstream runner's rules, in their order of precedence: skipped
 * statements, `[REGEX]`, Python-list results, JSON objects, then line multisets.
 */
import { canonical, parsePythonLiteral, PyLiteralError } from './python-literal.js';

/**
 * Statements whose results the upstream runner never compares (volatile output). Each entry is
 * tried as a regular expression searched anywhere in the statement and as a plain substring.
 */
const SKIP_RESULT_PATTERNS: readonly string[] = [
  'show backends',
  'select connection_id()',
  '.*explain costs select.*',
  'rand()',
  'show stats meta',
  'SHOW RESOURCES',
  'show alter table column',
  'select db_id, table_id, column_name,.* from _statistics_.column_statistics.*',
  'SELECT \\* FROM .* LIMIT 1.*',
  'explain(?! select).*',
  'select \\* from t2 where c1 = \\(select c1 from t2 limit 1\\).*',
  'SHOW ALTER TABLE COLUMN ORDER BY CreateTime DESC LIMIT 1.*',
  'show load.*',
  'SELECT `v2` FROM `test_except_with_only_one_tablet`.*',
  'SHOW PARTITIONS.*',
  'SHOW REPLICA',
  'show routine load',
  'SELECT DISTINCT k1 FROM aggregate_tbl LIMIT 1',
  'SELECT DISTINCT k1 FROM aggregate_par_tbl LIMIT 1',
  'select.* db_id.*',
  'select.* table_id.*',
  'select last_query_id',
  'select uuid',
  'select unix_timestamp',
  'select utc_timestamp',
  'select now\\(\\)',
  'select current_timestamp',
  'select localtime',
  'select curtime\\(\\)',
  'select current_time\\(\\)',
  'select curdate\\(\\)',
  'select current_date\\(\\)',
  'refresh materialized view.*',
  'REFRESH MATERIALIZED VIEW.*',
];

const SKIP_REGEXES = SKIP_RESULT_PATTERNS.map((p) => new RegExp(p));

export function isResultSkipped(statement: string): boolean {
  return SKIP_RESULT_PATTERNS.some(
    (p, i) => statement.includes(p) || (SKIP_REGEXES[i]?.test(statement) ?? false),
  );
}

export type Verdict = { readonly ok: true } | { readonly ok: false; readonly why: string };

const OK: Verdict = { ok: true };

/**
 * Compare SQL output text (rows joined by newlines, columns by tabs) with the expected block.
 * `relaxedErrors`: an expected `E:` only requires that the actual result is an error.
 */
export function compareSqlResult(
  expectedLines: readonly string[],
  actual: string,
  ordered: boolean,
  relaxedErrors: boolean,
): Verdict {
  const expected = expectedLines.join('\n');
  const expErr = expected.startsWith('E:');
  const actErr = actual.startsWith('E:');
  // `[REGEX]` is searched in the actual text whatever it is: the corpus matches error messages so.
  if (expected.startsWith('[REGEX]')) return regexVerdict(expected, actual);
  if (expErr || actErr) {
    if (expErr && actErr) {
      if (relaxedErrors || expected === actual || (expected.includes('url:') && actual.includes('url:')))
        return OK;
      return mismatch(expected, actual);
    }
    return mismatch(expected, actual);
  }
  return compareValues(expected, actual, ordered);
}

function regexVerdict(expected: string, actual: string): Verdict {
  const re = new RegExp(expected.slice('[REGEX]'.length), 's');
  return re.test(actual)
    ? OK
    : { ok: false, why: `regex ${expected.slice(7, 120)} not found in ${clip(actual)}` };
}

function compareValues(expected: string, actual: string, ordered: boolean): Verdict {
  if (expected.startsWith('[')) return compareAsList(expected, actual, ordered);
  if (expected.startsWith('{') && expected.endsWith('}')) return compareAsJson(expected, actual, ordered);
  return compareLines(
    expected === '' ? [] : expected.split('\n'),
    actual === '' ? [] : actual.split('\n'),
    ordered,
  );
}

function compareAsList(expected: string, actual: string, ordered: boolean): Verdict {
  try {
    const e = toList(expected);
    const a = toList(actual);
    return compareLines(e, a, ordered);
  } catch (error) {
    if (error instanceof PyLiteralError || error instanceof SyntaxError) {
      return expected === actual ? OK : mismatch(expected, actual);
    }
    throw error;
  }
}

/** Multi-line text → its lines (null → None); one line → literal_eval'd list elements. */
function toList(text: string): string[] {
  if (text.includes('\n')) return text.replaceAll('null', 'None').split('\n');
  const value = parsePythonLiteral(text);
  return Array.isArray(value) ? value.map(canonical) : [canonical(value)];
}

/** Upstream falls back to the plain line comparison when either side is not JSON (`{1:1}`). */
function compareAsJson(expected: string, actual: string, ordered: boolean): Verdict {
  let e: unknown;
  let a: unknown;
  try {
    e = JSON.parse(expected);
    a = JSON.parse(actual);
  } catch {
    return compareLines(expected.split('\n'), actual === '' ? [] : actual.split('\n'), ordered);
  }
  return canonicalJson(e) === canonicalJson(a) ? OK : mismatch(expected, actual);
}

function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

function compareLines(expected: readonly string[], actual: readonly string[], ordered: boolean): Verdict {
  if (ordered) {
    if (expected.length === actual.length && expected.every((line, i) => line === actual[i])) return OK;
    return mismatch(expected.join('\n'), actual.join('\n'));
  }
  const counts = new Map<string, number>();
  for (const line of expected) counts.set(line, (counts.get(line) ?? 0) + 1);
  for (const line of actual) {
    const n = counts.get(line);
    if (n === undefined || n === 0) return mismatch(expected.join('\n'), actual.join('\n'));
    counts.set(line, n - 1);
  }
  return [...counts.values()].every((n) => n === 0) ? OK : mismatch(expected.join('\n'), actual.join('\n'));
}

function mismatch(expected: string, actual: string): Verdict {
  return { ok: false, why: `expected ${clip(expected)} got ${clip(actual)}` };
}

function clip(s: string): string {
  const one = JSON.stringify(s);
  return one.length > 200 ? `${one.slice(0, 200)}…` : one;
}

/** Shell steps: first line the exit code, then output; JSON expectations compare only their keys. */
export function compareShellResult(expectedLines: readonly string[], code: number, output: string): Verdict {
  const [expCode, ...rest] = expectedLines;
  if (expCode !== undefined && expCode.trim() !== String(code)) {
    return { ok: false, why: `exit code ${code}, expected ${expCode}: ${clip(output)}` };
  }
  const expected = rest.join('\n');
  if (expected === '') return OK;
  if (expected.startsWith('{')) {
    try {
      const e = JSON.parse(expected) as Record<string, unknown>;
      const a = JSON.parse(output) as Record<string, unknown>;
      for (const [k, v] of Object.entries(e)) {
        if (canonicalJson(a[k]) !== canonicalJson(v))
          return { ok: false, why: `key ${k}: expected ${JSON.stringify(v)} got ${JSON.stringify(a[k])}` };
      }
      return OK;
    } catch {
      return mismatch(expected, output);
    }
  }
  if (expected === output) return OK;
  try {
    return new RegExp(`^(?:${expected})`, 's').test(output) ? OK : mismatch(expected, output);
  } catch {
    return mismatch(expected, output);
  }
}
