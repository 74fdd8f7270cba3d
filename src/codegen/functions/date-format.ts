/**
 * MySQL/StarRocks DATE_FORMAT and STR_TO_DATE format codes → DuckDB strftime/strptime. Codes with a
 * strftime twin are mapped (%i → %M, %M → %B, %W → %A, %h → %I, %e → %-d, …); codes DuckDB lacks
 * (%D, %u, %V, %X) become SQL pieces concatenated with the strftime parts. Literal text is passed
 * through with `%` escaped, and reaches SQL only via the `literal` escaper.
 */
import { mysqlWeek, mysqlWeekYear } from './mysql-week.js';

const STRFTIME: Readonly<Record<string, string>> = {
  a: '%a',
  b: '%b',
  c: '%-m',
  d: '%d',
  e: '%-d',
  f: '%f',
  H: '%H',
  h: '%I',
  I: '%I',
  i: '%M',
  j: '%j',
  k: '%-H',
  l: '%-I',
  M: '%B',
  m: '%m',
  p: '%p',
  r: '%I:%M:%S %p',
  S: '%S',
  s: '%S',
  T: '%H:%M:%S',
  U: '%U',
  v: '%V',
  W: '%A',
  w: '%w',
  x: '%G',
  Y: '%Y',
  y: '%y',
  '%': '%%',
};

type Piece = { kind: 'fmt'; text: string } | { kind: 'sql'; sql: string };

/** SQL for codes strftime cannot express, over the temporal fragment `v`. */
function special(code: string, v: string): string | null {
  switch (code) {
    case 'D':
      return `(CAST(day(${v}) AS VARCHAR) || CASE WHEN day(${v}) IN (11, 12, 13) THEN 'th' WHEN day(${v}) % 10 = 1 THEN 'st' WHEN day(${v}) % 10 = 2 THEN 'nd' WHEN day(${v}) % 10 = 3 THEN 'rd' ELSE 'th' END)`;
    case 'u':
      return `lpad(CAST(${mysqlWeek(v, 1)} AS VARCHAR), 2, '0')`;
    case 'V':
      return `lpad(CAST(${mysqlWeek(v, 2)} AS VARCHAR), 2, '0')`;
    case 'X':
      return `CAST(${mysqlWeekYear(v, 2)} AS VARCHAR)`;
    default:
      return null;
  }
}

function split(format: string, v: string): Piece[] {
  const pieces: Piece[] = [];
  let text = '';
  const flush = (): void => {
    if (text !== '') pieces.push({ kind: 'fmt', text });
    text = '';
  };
  for (let i = 0; i < format.length; i++) {
    const ch = format[i] as string;
    if (ch !== '%' || i + 1 >= format.length) {
      text += ch === '%' ? '%%' : ch;
      continue;
    }
    const code = format[++i] as string;
    const mapped = STRFTIME[code];
    if (mapped !== undefined) {
      text += mapped;
      continue;
    }
    const sql = special(code, v);
    if (sql === null) {
      text += code === '%' ? '%%' : code; // MySQL: %x for an unknown x is x itself.
      continue;
    }
    flush();
    pieces.push({ kind: 'sql', sql });
  }
  flush();
  return pieces;
}

/**
 * DATE_FORMAT(v, format) for a constant format. `literal` escapes text as a DuckDB string.
 * NULL input gives NULL (pieces are joined with `||`, which propagates NULL).
 */
export function formatTemporal(v: string, format: string, literal: (s: string) => string): string {
  const pieces = split(format, v);
  if (pieces.length === 0) return `CASE WHEN ${v} IS NULL THEN NULL ELSE '' END`;
  const parts = pieces.map((p) => (p.kind === 'fmt' ? `strftime(${v}, ${literal(p.text)})` : p.sql));
  return parts.length === 1 ? (parts[0] as string) : `(${parts.join(' || ')})`;
}

/**
 * DATE_FORMAT with a format only known at run time: the codes with a strftime twin are rewritten
 * by nested replace() calls through placeholder characters (so a rewritten code is never rewritten
 * again); codes without one are left as-is.
 */
export function formatTemporalDynamic(v: string, formatSql: string): string {
  let f = `replace(${formatSql}, '%%', chr(1))`;
  for (const [code, target] of Object.entries(STRFTIME)) {
    if (code === '%') continue;
    f = `replace(${f}, '%${code}', '${target.replace(/%/g, '\u0002')}')`;
  }
  f = `replace(replace(${f}, chr(2), '%'), chr(1), '%%')`;
  return `strftime(${v}, ${f})`;
}

/** strptime twins for STR_TO_DATE; `regex` recognises the prefix of the input the code consumes. */
const STRPTIME: Readonly<Record<string, { fmt: string; regex: string }>> = {
  Y: { fmt: '%Y', regex: '\\d{1,4}' },
  y: { fmt: '%y', regex: '\\d{1,2}' },
  m: { fmt: '%m', regex: '\\d{1,2}' },
  c: { fmt: '%m', regex: '\\d{1,2}' },
  d: { fmt: '%d', regex: '\\d{1,2}' },
  e: { fmt: '%d', regex: '\\d{1,2}' },
  H: { fmt: '%H', regex: '\\d{1,2}' },
  k: { fmt: '%H', regex: '\\d{1,2}' },
  h: { fmt: '%I', regex: '\\d{1,2}' },
  I: { fmt: '%I', regex: '\\d{1,2}' },
  l: { fmt: '%I', regex: '\\d{1,2}' },
  i: { fmt: '%M', regex: '\\d{1,2}' },
  s: { fmt: '%S', regex: '\\d{1,2}' },
  S: { fmt: '%S', regex: '\\d{1,2}' },
  f: { fmt: '%f', regex: '\\d{1,6}' },
  p: { fmt: '%p', regex: '[AaPp][Mm]' },
  M: { fmt: '%B', regex: '[A-Za-z]+' },
  b: { fmt: '%b', regex: '[A-Za-z]{3}' },
  W: { fmt: '%A', regex: '[A-Za-z]+' },
  a: { fmt: '%a', regex: '[A-Za-z]{3}' },
  j: { fmt: '%j', regex: '\\d{1,3}' },
  T: { fmt: '%H:%M:%S', regex: '\\d{1,2}:\\d{1,2}:\\d{1,2}' },
  r: { fmt: '%I:%M:%S %p', regex: '\\d{1,2}:\\d{1,2}:\\d{1,2} [AaPp][Mm]' },
};

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * STR_TO_DATE(s, format) for a constant format: NULL on failure. Like MySQL, trailing input after
 * the format is ignored (the consumed prefix is cut with a regex first). Returns null when the
 * format uses codes DuckDB cannot parse (week-based formats).
 */
export function parseTemporal(s: string, format: string, literal: (t: string) => string): string | null {
  let fmt = '';
  let regex = '^';
  for (let i = 0; i < format.length; i++) {
    const ch = format[i] as string;
    if (ch === '%' && i + 1 < format.length) {
      const code = format[++i] as string;
      if (code === '%') {
        fmt += '%%';
        regex += '%';
        continue;
      }
      const m = STRPTIME[code];
      if (m === undefined) return null;
      fmt += m.fmt;
      regex += m.regex;
      continue;
    }
    fmt += ch === '%' ? '%%' : ch;
    regex += /\s/.test(ch) ? '\\s*' : escapeRegex(ch);
  }
  const prefix = `regexp_extract(trim(${s}), ${literal(regex)})`;
  const parsed = `try_strptime(${prefix}, ${literal(fmt)})`;
  // %y: StarRocks reads 00–69 as 20YY and 70–99 as 19YY; DuckDB's %y reads 69 as 1969.
  if (!/%y/.test(format.replace(/%%/g, '')) || /%Y/.test(format.replace(/%%/g, ''))) return parsed;
  return `(CASE WHEN year(${parsed}) = 1969 THEN ${parsed} + INTERVAL 100 YEAR ELSE ${parsed} END)`;
}

/** Format codes that carry a time of day (STR_TO_DATE returns DATETIME instead of DATE). */
export function formatHasTime(format: string): boolean {
  return /%[HhIiklSsfTrp]/.test(format);
}
