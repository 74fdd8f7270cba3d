/**
 * Teradata (TO_TERA_DATE/TO_TERA_TIMESTAMP) and Joda (STR_TO_JODATIME, JODATIME_FORMAT and their
 * Trino names PARSE_DATETIME/FORMAT_DATETIME) format patterns, translated to the MySQL codes the
 * DATE_FORMAT/STR_TO_DATE machinery already handles. Only constant formats are translated.
 */

/** Teradata tokens, longest first (`hh24` before `hh`). Case-sensitive like StarRocks. */
const TERA: readonly (readonly [string, string])[] = [
  ['yyyy', '%Y'],
  ['yy', '%y'],
  ['mm', '%m'],
  ['dd', '%d'],
  ['hh24', '%H'],
  ['hh', '%h'],
  ['mi', '%i'],
  ['ss', '%s'],
];

/**
 * Teradata format → MySQL format plus the meridian written in it (`am`/`pm` are matched literally
 * and decide the half of the day). Returns null for a format with letters Teradata does not know.
 */
export function teradataToMysql(format: string): { mysql: string; pm: boolean } | null {
  let out = '';
  let pm = false;
  for (let i = 0; i < format.length;) {
    const rest = format.slice(i);
    const token = TERA.find(([t]) => rest.startsWith(t));
    if (token !== undefined) {
      out += token[1];
      i += token[0].length;
      continue;
    }
    if (rest.startsWith('am') || rest.startsWith('pm')) {
      pm = rest.startsWith('pm');
      out += rest.slice(0, 2);
      i += 2;
      continue;
    }
    const ch = rest[0] as string;
    if (/[A-Za-z]/.test(ch)) return null;
    out += ch === '%' ? '%%' : ch;
    i += 1;
  }
  return { mysql: out, pm };
}

/** Joda pattern letters → MySQL codes, by run length (`MMMM` month name, `MM` month number, …). */
const JODA: Readonly<Record<string, Readonly<Record<number, string>>>> = {
  y: { 1: '%Y', 2: '%y', 4: '%Y' },
  Y: { 4: '%Y' },
  x: { 4: '%x' },
  M: { 1: '%c', 2: '%m', 3: '%b', 4: '%M' },
  d: { 1: '%e', 2: '%d' },
  D: { 3: '%j' },
  H: { 1: '%k', 2: '%H' },
  k: { 1: '%k', 2: '%H' },
  h: { 1: '%l', 2: '%h' },
  m: { 1: '%i', 2: '%i' },
  s: { 1: '%s', 2: '%s' },
  S: { 1: '%f', 2: '%f', 3: '%f', 6: '%f' },
  a: { 1: '%p' },
  E: { 1: '%a', 2: '%a', 3: '%a', 4: '%W' },
  w: { 1: '%v', 2: '%v' },
};

/** Joda pattern → MySQL format, or null when it uses letters we cannot translate. */
export function jodaToMysql(pattern: string): string | null {
  let out = '';
  for (let i = 0; i < pattern.length;) {
    const ch = pattern[i] as string;
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      const lit = end < 0 ? pattern.slice(i + 1) : pattern.slice(i + 1, end);
      out += lit === '' ? "'" : lit.replace(/%/g, '%%');
      i = end < 0 ? pattern.length : end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      out += ch === '%' ? '%%' : ch;
      i += 1;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === ch) n++;
    const code = JODA[ch]?.[n] ?? JODA[ch]?.[Math.min(n, 4)];
    if (code === undefined) return null;
    out += code;
    i += n;
  }
  return out;
}
