/**
 * String, binary, hashing and URL functions (StarRocks functions.py 30xxx, 100xxx, 120xxx).
 * Every argument StarRocks declares VARCHAR accepts any scalar (numbers and temporals are cast to
 * VARCHAR implicitly, as StarRocks does).
 */
import { T, type SqlType } from '../../types/index.js';
import { scalar, sig, VARCHAR, type FunctionDef } from './signature.js';

const V = VARCHAR;
const INT = T.int;
const BIG = T.bigint;
const BOOL = T.boolean;
const VARBINARY: SqlType = { kind: 'varbinary', length: 1048576 };

const s1 = (ret = V): FunctionDef => scalar([sig([V], ret)]);
const s2 = (ret = V): FunctionDef => scalar([sig([V, V], ret)]);

const substr = scalar([sig([V, INT], V), sig([V, INT, INT], V)], { id: 'substr' });
const lower = scalar([sig([V], V)], { id: 'lower' });
const upper = scalar([sig([V], V)], { id: 'upper' });
const charLength = s1(INT);

/** String function table. */
export const STRING_FUNCTIONS: Readonly<Record<string, FunctionDef>> = {
  substr,
  substring: substr,
  mid: substr,
  left: scalar([sig([V, INT], V)], { id: 'left' }),
  strleft: scalar([sig([V, INT], V)], { id: 'left' }),
  right: scalar([sig([V, INT], V)], { id: 'right' }),
  strright: scalar([sig([V, INT], V)], { id: 'right' }),
  starts_with: s2(BOOL),
  ends_with: s2(BOOL),
  null_or_empty: scalar([sig([V], BOOL), sig(['array'], BOOL)], { nullOnNullInput: false }),
  space: scalar([sig([INT], V)]),
  repeat: scalar([sig([V, INT], V)]),
  lpad: scalar([sig([V, INT], V), sig([V, INT, V], V)]),
  rpad: scalar([sig([V, INT], V), sig([V, INT, V], V)]),
  append_trailing_char_if_absent: s2(),
  length: s1(INT),
  octet_length: s1(INT),
  char_length: charLength,
  character_length: charLength,
  lower,
  lcase: lower,
  upper,
  ucase: upper,
  initcap: s1(),
  trim: scalar([sig([V], V), sig([V, V], V)]),
  ltrim: scalar([sig([V], V), sig([V, V], V)]),
  rtrim: scalar([sig([V], V), sig([V, V], V)]),
  btrim: scalar([sig([V], V), sig([V, V], V)], { id: 'trim' }),
  ascii: s1(INT),
  char: scalar([sig([INT], V)]),
  instr: s2(INT),
  locate: scalar([sig([V, V], INT), sig([V, V, INT], INT)]),
  position: scalar([sig([V, V], INT)], { id: 'locate' }),
  strpos: scalar([sig([V, V], BIG), sig([V, V, INT], BIG)]),
  concat: scalar([sig([V], V, V)]),
  concat_ws: scalar([sig([V, V], V, V), sig([V, T.array(V)], V)], { nullOnNullInput: false }),
  find_in_set: s2(INT),
  split_part: scalar([sig([V, V, INT], V)]),
  split: scalar([sig([V, V], T.array(V))]),
  substring_index: scalar([sig([V, V, INT], V)]),
  regexp_extract: scalar([sig([V, V, BIG], V)]),
  regexp_extract_all: scalar([sig([V, V], T.array(V)), sig([V, V, BIG], T.array(V))]),
  regexp_replace: scalar([sig([V, V, V], V)]),
  regexp_split: scalar([sig([V, V], T.array(V)), sig([V, V, INT], T.array(V))]),
  regexp_count: s2(BIG),
  regexp: s2(BOOL),
  regexp_like: s2(BOOL),
  replace: scalar([sig([V, V, V], V)]),
  reverse: scalar([sig([V], V), sig(['array'], (a) => a[0] ?? null)]),
  money_format: scalar([sig([T.double], V), sig([BIG], V), sig([T.largeint], V), sig([T.decimal(38, 2)], V)]),
  parse_url: s2(),
  url_extract_parameter: s2(),
  url_extract_host: s1(),
  url_encode: s1(),
  url_decode: s1(),
  strcmp: s2(INT),
  translate: scalar([sig([V, V, V], V)]),
  field: scalar([sig(['same'], INT, 'same', 2)], { nullOnNullInput: false }),
  format_bytes: scalar([sig([BIG], V)]),
  hex: scalar([sig([BIG], V), sig([V], V), sig([{ kind: 'varbinary', length: 65533 }], V)]),
  /** conv(x, from_base, to_base): MySQL/StarRocks base conversion of the longest valid prefix. */
  conv: scalar([sig([V, T.tinyint, T.tinyint], V), sig([BIG, T.tinyint, T.tinyint], V)]),
  unhex: s1(),
  hex_decode_string: s1(),
  md5: s1(),
  md5sum: scalar([sig([V], V, V)]),
  sha2: scalar([sig([V, INT], V)]),
  to_base64: s1(),
  from_base64: s1(),
  base64_decode_string: s1(),
  uuid: scalar([sig([], V)]),
  murmur_hash3_32: scalar([sig([V], INT, V)]),
  /** crc32(s): zlib CRC-32 of the UTF-8 bytes, as a BIGINT in [0, 2^32). */
  crc32: scalar([sig([V], BIG)]),
  /** ngram_search(haystack, needle, n): share of the needle's n-grams found in the haystack. */
  ngram_search: scalar([sig([V, V, INT], T.double)]),
  ngram_search_case_insensitive: scalar([sig([V, V, INT], T.double)]),
  typeof: scalar([sig(['raw'], V)], { nullOnNullInput: false }),
  to_binary: scalar([sig([V], VARBINARY), sig([V, V], VARBINARY)]),
  from_binary: scalar([sig([VARBINARY], V), sig([VARBINARY, V], V)]),
};
