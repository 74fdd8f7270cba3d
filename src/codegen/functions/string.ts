/**
 * String emitters with StarRocks semantics: CONCAT is NULL if any argument is NULL (DuckDB's
 * concat() skips NULLs, so `||` is used), CONCAT_WS skips NULLs, SUBSTR is 1-based with negative
 * starts counted from the end and position 0 giving '', LENGTH counts bytes and CHAR_LENGTH
 * characters, LPAD/RPAD truncate to the target length, SPLIT_PART is NULL out of range.
 */
import type { EmitCall, FunctionEmitter } from '../function-emitter.js';
import { SqlError } from '../../errors/index.js';
import {
  arg,
  argT,
  constArg,
  constInt,
  constString,
  direct,
  nullIfAnyNull,
  tmpl,
  unsupported,
} from './util.js';

function substr(c: EmitCall): string {
  const s = arg(c, 0);
  const pos = arg(c, 1);
  const len = c.args.length > 2 ? `, greatest(${arg(c, 2)}, 0)` : '';
  return `CASE WHEN (${pos}) = 0 OR -(${pos}) > length(${s}) THEN (CASE WHEN ${s} IS NULL OR ${c.args[2] ?? pos} IS NULL THEN NULL ELSE '' END) ELSE substring(${s}, ${pos}${len}) END`;
}

function pad(c: EmitCall, fn: 'lpad' | 'rpad'): string {
  const s = arg(c, 0);
  const n = arg(c, 1);
  const p = c.args.length > 2 ? arg(c, 2) : `' '`;
  const body = `CASE WHEN (${n}) < 0 THEN NULL WHEN length(${s}) >= (${n}) THEN left(${s}, ${n}) WHEN ${p} = '' THEN ${s} ELSE ${fn}(${s}, ${n}, ${p}) END`;
  return nullIfAnyNull(c.args.length > 2 ? [s, n, p] : [s, n], body);
}

function locate(c: EmitCall): string {
  const sub = arg(c, 0);
  const s = arg(c, 1);
  if (c.args.length < 3) return `CAST(instr(${s}, ${sub}) AS INTEGER)`;
  const pos = arg(c, 2);
  const found = `instr(substring(${s}, ${pos}), ${sub})`;
  return nullIfAnyNull(
    [sub, s, pos],
    `CAST(CASE WHEN (${pos}) < 1 OR (${pos}) > length(${s}) + 1 THEN 0 WHEN ${found} = 0 THEN 0 ELSE ${found} + (${pos}) - 1 END AS INTEGER)`,
  );
}

function strpos(c: EmitCall): string {
  const s = arg(c, 0);
  const sub = arg(c, 1);
  if (c.args.length < 3) return `CAST(instr(${s}, ${sub}) AS BIGINT)`;
  const n = arg(c, 2);
  // Positions of every occurrence, then the n-th (negative: from the end; 0 finds nothing).
  // Up to length + 1: an empty needle is found at the end too (strpos('', '', 1) = 1).
  const starts = `list_filter(range(1, length(${s}) + 2), lambda __rk_i: substring(${s}, __rk_i, length(${sub})) = ${sub})`;
  return `CAST(CASE WHEN (${n}) IS NULL THEN NULL WHEN (${n}) = 0 THEN 0 ELSE coalesce(list_extract(${starts}, ${n}), 0) END AS BIGINT)`;
}

function substringIndex(c: EmitCall): string {
  const [s, d, n] = [arg(c, 0), arg(c, 1), arg(c, 2)];
  const parts = `string_split(${s}, ${d})`;
  return nullIfAnyNull(
    [s, d, n],
    `CASE WHEN (${n}) > 0 THEN array_to_string(${parts}[1:${n}], ${d}) WHEN (${n}) < 0 THEN array_to_string(${parts}[${n}:], ${d}) ELSE '' END`,
  );
}

function sha2(c: EmitCall): string {
  const bits = constInt(c, 1);
  if (bits === 0 || bits === 256) return `sha256(${arg(c, 0)})`;
  if (bits === undefined) return `CASE WHEN (${arg(c, 1)}) IN (0, 256) THEN sha256(${arg(c, 0)}) END`;
  return unsupported(`SHA2 with ${bits} bits`);
}

function field(c: EmitCall): string {
  const [x, ...rest] = c.args;
  return `CAST(CASE WHEN (${x}) IS NULL THEN 0 ELSE coalesce(list_position([${rest.join(', ')}], ${x}), 0) END AS INTEGER)`;
}

function initcap(c: EmitCall): string {
  const s = arg(c, 0);
  const ch = (i: string): string => `substring(${s}, ${i}, 1)`;
  const startsWord = `__rk_i = 1 OR NOT regexp_matches(${ch('__rk_i - 1')}, '[[:alnum:]]')`;
  return `CASE WHEN ${s} IS NULL THEN NULL ELSE array_to_string(list_transform(range(1, length(${s}) + 1), lambda __rk_i: CASE WHEN ${startsWord} THEN upper(${ch('__rk_i')}) ELSE lower(${ch('__rk_i')}) END), '') END`;
}

function regexpExtract(c: EmitCall): string {
  const group = constInt(c, 2);
  if (group === undefined) return unsupported('REGEXP_EXTRACT with a non-constant group');
  return `regexp_extract(${arg(c, 0)}, ${arg(c, 1)}, ${group})`;
}

/** SQL: the number of capturing groups of a pattern (escapes and `(?` groups are not counted). */
const groupCount = (pattern: string): string =>
  `length(regexp_replace(${pattern}, '\\\\.|\\(\\?|[^(]', '', 'g'))`;

function regexpExtractAll(c: EmitCall): string {
  const group = c.args.length > 2 ? constInt(c, 2) : 1;
  if (group !== undefined) {
    // A group the pattern lacks extracts nothing (DuckDB would fail the whole query).
    const all = `regexp_extract_all(${arg(c, 0)}, ${arg(c, 1)}, ${group})`;
    if (group === 0) return all;
    return `(CASE WHEN (${arg(c, 0)}) IS NULL OR (${arg(c, 1)}) IS NULL THEN NULL WHEN ${group} > ${groupCount(arg(c, 1))} THEN CAST([] AS VARCHAR[]) ELSE ${all} END)`;
  }
  // DuckDB wants a constant group: choose among 0..9 (its limit) per row.
  const g = arg(c, 2);
  const whens = Array.from(
    { length: 10 },
    (_, i) => `WHEN ${g} = ${i} THEN regexp_extract_all(${arg(c, 0)}, ${arg(c, 1)}, ${i})`,
  );
  const none = `WHEN (${arg(c, 0)}) IS NOT NULL AND ${g} > ${groupCount(arg(c, 1))} THEN CAST([] AS VARCHAR[])`;
  return `(CASE ${none} ${whens.join(' ')} END)`;
}

function concatWs(c: EmitCall): string {
  const sep = arg(c, 0);
  if (argT(c, 1).kind === 'array') return `array_to_string(${arg(c, 1)}, ${sep})`;
  return `concat_ws(${c.args.join(', ')})`;
}

/**
 * REGEXP_COUNT: a constant pattern that does not compile is StarRocks' "Invalid regex expression"
 * error (checked with the JS engine, whose syntax agrees with RE2 on the common cases; DuckDB
 * raises its own error for the rest); a per-row pattern that does not compile counts as NULL.
 */
function regexpCount(c: EmitCall): string {
  const [s, p] = [arg(c, 0), arg(c, 1)];
  const count = `CAST(len(regexp_extract_all(${s}, ${p})) AS BIGINT)`;
  const pattern = constArg(c, 1);
  if (typeof pattern !== 'string') return `try(${count})`;
  if (constArg(c, 0) === null) return 'CAST(NULL AS BIGINT)';
  try {
    new RegExp(pattern.replace(/\(\?P</g, '(?<'));
  } catch {
    throw new SqlError('runtime-error', { message: `Invalid regex expression: ${pattern}` });
  }
  return count;
}

/** String emitters by id. */
export const STRING_EMITTERS: Readonly<Record<string, FunctionEmitter>> = {
  substr,
  left: tmpl((a) => `left(${a[0]}, greatest(${a[1]}, 0))`),
  right: tmpl((a) => `right(${a[0]}, greatest(${a[1]}, 0))`),
  starts_with: direct('starts_with'),
  ends_with: direct('suffix'),
  null_or_empty: (c) =>
    argT(c, 0).kind === 'array'
      ? `(${arg(c, 0)} IS NULL OR len(${arg(c, 0)}) = 0)`
      : `(${arg(c, 0)} IS NULL OR ${arg(c, 0)} = '')`,
  space: tmpl((a) => `repeat(' ', greatest(${a[0]}, 0))`),
  repeat: tmpl((a) => `repeat(${a[0]}, greatest(${a[1]}, 0))`),
  lpad: (c) => pad(c, 'lpad'),
  rpad: (c) => pad(c, 'rpad'),
  append_trailing_char_if_absent: tmpl(
    (a) => `CASE WHEN ${a[0]} = '' OR ends_with(${a[0]}, ${a[1]}) THEN ${a[0]} ELSE ${a[0]} || ${a[1]} END`,
  ),
  length: tmpl((a) => `CAST(strlen(${a[0]}) AS INTEGER)`),
  octet_length: tmpl((a) => `CAST(strlen(${a[0]}) AS INTEGER)`),
  char_length: tmpl((a) => `CAST(length(${a[0]}) AS INTEGER)`),
  character_length: tmpl((a) => `CAST(length(${a[0]}) AS INTEGER)`),
  // Full Unicode case mapping where DuckDB's simple mapping differs: ß uppercases to SS and
  // İ lowercases to i + combining dot (StarRocks' UTF-8 lower/upper).
  lower: tmpl((a) => `lower(replace(${a[0]}, 'İ', 'i̇'))`),
  upper: tmpl((a) => `upper(replace(${a[0]}, 'ß', 'SS'))`),
  initcap,
  trim: tmpl((a) => (a.length > 1 ? `trim(${a[0]}, ${a[1]})` : `trim(${a[0]}, ' ')`)),
  ltrim: tmpl((a) => (a.length > 1 ? `ltrim(${a[0]}, ${a[1]})` : `ltrim(${a[0]}, ' ')`)),
  rtrim: tmpl((a) => (a.length > 1 ? `rtrim(${a[0]}, ${a[1]})` : `rtrim(${a[0]}, ' ')`)),
  ascii: tmpl((a) => `CAST(CASE WHEN ${a[0]} = '' THEN 0 ELSE ascii(${a[0]}) END AS INTEGER)`),
  char: tmpl((a) => `chr(CAST(${a[0]} AS INTEGER))`),
  instr: tmpl((a) => `CAST(instr(${a[0]}, ${a[1]}) AS INTEGER)`),
  locate,
  strpos,
  concat: (c) => (c.args.length === 1 ? `(${arg(c, 0)})` : `(${c.args.join(' || ')})`),
  concat_ws: concatWs,
  find_in_set: tmpl((a) =>
    nullIfAnyNull(
      [a[0] ?? '', a[1] ?? ''],
      `CAST(coalesce(list_position(string_split(${a[1]}, ','), ${a[0]}), 0) AS INTEGER)`,
    ),
  ),
  // A negative part counts from the right and the delimiter is searched from the right too
  // (split_part('a##b###c', '##', -2) = 'b#'): split the reversed text by the reversed delimiter.
  split_part: tmpl(
    (a) =>
      `(CASE WHEN (${a[2]}) < 0 THEN reverse(list_extract(string_split(reverse(${a[0]}), reverse(${a[1]})), -(${a[2]}))) ELSE list_extract(string_split(${a[0]}, ${a[1]}), ${a[2]}) END)`,
  ),
  split: tmpl((a) => `string_split(${a[0]}, ${a[1]})`),
  substring_index: substringIndex,
  regexp_extract: regexpExtract,
  regexp_extract_all: regexpExtractAll,
  regexp_replace: tmpl((a) => `regexp_replace(${a[0]}, ${a[1]}, ${a[2]}, 'g')`),
  regexp_split: tmpl((a) => `string_split_regex(${a[0]}, ${a[1]})`),
  regexp_count: regexpCount,
  regexp: tmpl((a) => `regexp_matches(${a[0]}, ${a[1]})`),
  regexp_like: tmpl((a) => `regexp_matches(${a[0]}, ${a[1]})`),
  replace: tmpl((a) => `CASE WHEN ${a[1]} = '' THEN ${a[0]} ELSE replace(${a[0]}, ${a[1]}, ${a[2]}) END`),
  reverse: (c) => (argT(c, 0).kind === 'array' ? `list_reverse(${arg(c, 0)})` : `reverse(${arg(c, 0)})`),
  money_format: tmpl((a) => `format('{:,.2f}', CAST(${a[0]} AS DOUBLE))`),
  url_encode: direct('url_encode'),
  url_decode: direct('url_decode'),
  strcmp: tmpl((a) =>
    nullIfAnyNull(
      [a[0] ?? '', a[1] ?? ''],
      `CAST(CASE WHEN ${a[0]} < ${a[1]} THEN -1 WHEN ${a[0]} > ${a[1]} THEN 1 ELSE 0 END AS INTEGER)`,
    ),
  ),
  translate: direct('translate'),
  field,
  hex: (c) => (argT(c, 0).kind === 'bigint' ? `hex(${arg(c, 0)})` : `hex(${arg(c, 0)})`),
  unhex: tmpl((a) => `coalesce(try(decode(unhex(${a[0]}))), '')`),
  hex_decode_string: tmpl((a) => `coalesce(try(decode(unhex(${a[0]}))), '')`),
  md5: direct('md5'),
  md5sum: (c) => `md5(${c.args.join(' || ')})`,
  sha2,
  to_base64: tmpl((a) => `to_base64(encode(${a[0]}))`),
  from_base64: tmpl((a) => `try(decode(from_base64(${a[0]})))`),
  base64_decode_string: tmpl((a) => `try(decode(from_base64(${a[0]})))`),
  uuid: () => 'CAST(uuid() AS VARCHAR)',
  format_bytes: (c) => {
    const n = `CAST(${arg(c, 0)} AS DOUBLE)`;
    const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'];
    const whens = units
      .slice(1)
      .map((u, i) => `WHEN ${n} < ${1024 ** (i + 2)} THEN format('{:.2f} ${u}', ${n} / ${1024 ** (i + 1)})`)
      .join(' ');
    return `CASE WHEN ${n} < 0 THEN NULL WHEN ${n} < 1024 THEN CAST(CAST(${n} AS BIGINT) AS VARCHAR) || ' B' ${whens} END`;
  },
  parse_url: (c) => {
    const part = constString(c, 1)?.toUpperCase();
    if (part === undefined) return unsupported('PARSE_URL with a non-constant part');
    return parseUrl(arg(c, 0), part, c);
  },
  url_extract_host: (c) => parseUrl(arg(c, 0), 'HOST', c),
  // The first `name` pair of the query string (a bare `name` is ''), URL-decoded; NULL when the
  // name is absent or the URL is not valid (a space in it).
  url_extract_parameter: (c) => {
    const [u, name] = [arg(c, 0), arg(c, 1)];
    const pairs = `string_split(regexp_extract(${u}, '\\?([^#]*)', 1), '&')`;
    const hit = `list_filter(${pairs}, lambda __rk_p: split_part(__rk_p, '=', 1) = (${name}))[1]`;
    const value = `CASE WHEN strpos(${hit}, '=') > 0 THEN substring(${hit}, strpos(${hit}, '=') + 1) ELSE '' END`;
    return `(CASE WHEN strpos(${u}, ' ') > 0 OR (${u}) = '' OR (${name}) = '' THEN NULL WHEN ${hit} IS NOT NULL THEN url_decode(${value}) END)`;
  },
};

/**
 * RFC 3986 URL parts (scheme://userinfo@host:port/path?query#ref). Only the requested part is a
 * capturing group (DuckDB allows at most 9 groups).
 */
const URL_PARTS = ['PROTOCOL', 'USERINFO', 'HOST', 'PORT', 'PATH', 'QUERY', 'REF'] as const;

function urlRegex(part: string): string {
  const g = (name: string, body: string): string => (name === part ? `(${body})` : `(?:${body})`);
  return (
    `^(?:${g('PROTOCOL', '[^:/?#]+')}:)?(?://(?:${g('USERINFO', '[^/?#@]*')}@)?${g('HOST', '[^/?#:]*')}` +
    `(?::${g('PORT', '[0-9]+')})?)?${g('PATH', '[^?#]*')}(?:\\?${g('QUERY', '[^#]*')})?(?:#${g('REF', '.*')})?`
  );
}

function parseUrl(url: string, part: string, c: EmitCall): string {
  if (!(URL_PARTS as readonly string[]).includes(part)) return unsupported(`PARSE_URL part '${part}'`);
  const v = `regexp_extract(${url}, ${c.literal(urlRegex(part))}, 1)`;
  return `CASE WHEN ${v} = '' THEN NULL ELSE ${v} END`;
}
