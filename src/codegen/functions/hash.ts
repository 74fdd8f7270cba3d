/**
 * MURMUR_HASH3_32 exactly as StarRocks computes it: MurmurHash3 x86_32 over the UTF-8 bytes of
 * each argument, seed 104729 for the first argument and the previous hash for the next ones, NULL
 * if any argument is NULL, the result read as a signed 32-bit INT. DuckDB has no murmur3, so the
 * algorithm is spelled out in 64/128-bit integer arithmetic with 32-bit masks; intermediate values
 * are bound once through one-element list lambdas.
 */
import { SqlError } from '../../errors/index.js';
import type { FunctionEmitter } from '../function-emitter.js';
import { constInt, constString, unsupported } from './util.js';

const SEED = 104729n;
const MASK = 0xffffffffn;
const C1 = 0xcc9e2d51n;
const C2 = 0x1b873593n;

const mul = (x: string, c: bigint): string => `((${x}) * ${c} & ${MASK})`;
const rotl = (x: string, r: number): string => `((((${x}) << ${r}) | ((${x}) >> ${32 - r})) & ${MASK})`;
const mixK = (k: string): string => mul(rotl(mul(k, C1), 15), C2);

/** Bind `value` to `name` for `body`. */
const bind = (value: string, name: string, body: string): string =>
  `list_transform([${value}], lambda ${name}: ${body})[1]`;

/** murmur3_32(bytes of `str`, `seed`) as a HUGEINT in [0, 2^32). */
function murmur(str: string, seed: string, depth: number): string {
  const h = `__rk_h${depth}`;
  const bytes = `__rk_b${depth}`;
  const n = `len(${bytes})`;
  const byteAt = (i: string): string => `CAST(${bytes}[${i}] AS HUGEINT)`;
  const block = `${byteAt('4 * __rk_i + 1')} + ${byteAt('4 * __rk_i + 2')} * 256 + ${byteAt('4 * __rk_i + 3')} * 65536 + ${byteAt('4 * __rk_i + 4')} * 16777216`;
  const blocks = `list_transform(range(0, ${n} // 4), lambda __rk_i: ${block})`;
  const step = `((${rotl(`xor(__rk_acc, ${mixK('__rk_k')})`, 13)} * 5 + ${0xe6546b64n}) & ${MASK})`;
  const body = `list_reduce(${blocks}, lambda __rk_acc, __rk_k: ${step}, CAST(${seed} AS HUGEINT))`;
  const tailByte = (j: number): string =>
    `CASE WHEN ${n} % 4 > ${j} THEN ${byteAt(`${n} - ${n} % 4 + ${j + 1}`)} * ${256 ** j} ELSE 0 END`;
  const tail = `(${tailByte(0)} + ${tailByte(1)} + ${tailByte(2)})`;
  const withTail = `CASE WHEN ${n} % 4 = 0 THEN ${h} ELSE xor(${h}, ${mixK(tail)}) END`;
  const x = '__rk_x';
  const fmix = [
    `xor(${x}, ${x} >> 16)`,
    mul(x, 0x85ebca6bn),
    `xor(${x}, ${x} >> 13)`,
    mul(x, 0xc2b2ae35n),
    `xor(${x}, ${x} >> 16)`,
  ].reduce((acc, stepSql) => bind(acc, x, stepSql), `xor(${withTail}, ${n})`);
  const hexBytes = `list_transform(range(0, length(hex(${str})) // 2), lambda __rk_j: CAST('0x' || substring(hex(${str}), 2 * __rk_j + 1, 2) AS BIGINT))`;
  return bind(hexBytes, bytes, bind(body, h, fmix));
}

/** StarRocks' MURMUR_HASH3_32(VARCHAR, ...). */
export const murmurHash332: FunctionEmitter = (c) => {
  let acc = SEED.toString();
  c.args.forEach((a, i) => {
    acc = murmur(a, acc, i);
  });
  const nullCheck = c.args.map((a) => `(${a}) IS NULL`).join(' OR ');
  const signed = `CAST(CASE WHEN __rk_u >= 2147483648 THEN __rk_u - 4294967296 ELSE __rk_u END AS INTEGER)`;
  return `CASE WHEN ${nullCheck} THEN NULL ELSE ${bind(acc, '__rk_u', signed)} END`;
};

/** The 256-entry table of the reflected CRC-32 (IEEE 802.3, polynomial 0xEDB88320). */
const CRC_TABLE: readonly number[] = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/**
 * StarRocks' CRC32(VARCHAR) → BIGINT: the zlib CRC-32 of the UTF-8 bytes. DuckDB has no crc32,
 * so the table-driven loop runs as a list_reduce over the bytes (read back from hex()).
 */
export const crc32: FunctionEmitter = (c) => {
  const str = c.args[0] ?? 'NULL';
  const table = `[${CRC_TABLE.join(',')}]::BIGINT[]`;
  const bytes = `list_transform(range(0, length(hex(${str})) // 2), lambda __rk_j: CAST('0x' || substring(hex(${str}), 2 * __rk_j + 1, 2) AS BIGINT))`;
  const step = `xor((${table})[(xor(__rk_acc, __rk_b) & 255) + 1], __rk_acc >> 8)`;
  const body = `list_reduce(${bytes}, lambda __rk_acc, __rk_b: ${step}, CAST(${0xffffffff} AS BIGINT))`;
  return `CASE WHEN (${str}) IS NULL THEN NULL ELSE xor(${body}, ${0xffffffff}) END`;
};

/** SQL: the list of `k`-grams of `s` (empty when s is shorter than k). */
const grams = (s: string, k: number, v: string): string =>
  `list_transform(range(1, greatest(length(${s}) - ${k} + 2, 1)), lambda ${v}: substr(${s}, ${v}, ${k}))`;

/**
 * NGRAM_SEARCH(haystack, needle, k): 1 - (needle k-grams not matched in the haystack, counted as
 * multisets) / (needle k-grams), in FLOAT arithmetic like StarRocks, returned as DOUBLE; 0 when the
 * needle has no k-gram. k must be a positive constant.
 */
function ngramSearch(caseInsensitive: boolean): FunctionEmitter {
  return (c) => {
    const k = constInt(c, 2);
    // StarRocks requires both constant (an analysis error there); refused here like other shapes.
    if (k === undefined || constString(c, 1) === undefined)
      return unsupported('NGRAM_SEARCH with a non-constant needle or gram length');
    if (k <= 0)
      throw new SqlError('runtime-error', {
        message: "ngram search's third parameter must be a positive number",
      });
    const fold = (x: string): string => (caseInsensitive ? `lower(${x})` : x);
    const [h, n] = [fold(c.args[0] ?? 'NULL'), fold(c.args[1] ?? 'NULL')];
    const ng = grams(n, k, '__rk_i');
    const hg = grams(h, k, '__rk_j');
    const count = (list: string): string => `len(list_filter(${list}, lambda __rk_x: __rk_x = __rk_g))`;
    const matched = `list_sum(list_transform(list_distinct(${ng}), lambda __rk_g: least(${count(ng)}, ${count(hg)})))`;
    const total = `len(${ng})`;
    const score = `CAST(1 - CAST(CAST(${total} - coalesce(${matched}, 0) AS FLOAT) / ${total} AS FLOAT) AS FLOAT)`;
    return `(CASE WHEN ${h} IS NULL OR ${n} IS NULL THEN NULL WHEN ${total} = 0 OR length(${h}) < ${k} THEN 0.0::DOUBLE ELSE CAST(${score} AS DOUBLE) END)`;
  };
}

/** NGRAM_SEARCH and its case-insensitive twin. */
export const ngramSearchEmitters: Readonly<Record<string, FunctionEmitter>> = {
  ngram_search: ngramSearch(false),
  ngram_search_case_insensitive: ngramSearch(true),
};
