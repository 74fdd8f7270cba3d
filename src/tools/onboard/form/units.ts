/**
 * Unit parsing for the application form: sizes (5 TB, 100GB), row counts (500M, 5亿, 1.2 billion),
 * durations (10s, < 10 秒, 200ms, 365 days, T+1) and rates (200 QPS, 1.5k).
 * Sizes use binary multiples (1 GB = 2^30 bytes), as StarRocks' own size settings and the worked
 * example of ONBOARDING.md §8 do (100 GB / 3 GB per tablet → 33.3 → 12 tablets).
 * Every parser returns `undefined` for text it does not understand; callers report the error.
 */

const SIZE_UNITS: Readonly<Record<string, number>> = {
  b: 1,
  byte: 1,
  bytes: 1,
  k: 2 ** 10,
  kb: 2 ** 10,
  kib: 2 ** 10,
  m: 2 ** 20,
  mb: 2 ** 20,
  mib: 2 ** 20,
  g: 2 ** 30,
  gb: 2 ** 30,
  gib: 2 ** 30,
  t: 2 ** 40,
  tb: 2 ** 40,
  tib: 2 ** 40,
  p: 2 ** 50,
  pb: 2 ** 50,
  pib: 2 ** 50,
};

/** Approximation words a business writes around numbers ("约 5 亿行", "about 100 GB", "< 10 s"). */
function stripDecorations(text: string): string {
  return text
    .trim()
    .replace(
      /^(约|大约|大概|近|approx\.?|approximately|about|~|≈|<=|>=|<|>|≤|≥|＜|小于|不超过|低于|up to)\s*/i,
      '',
    )
    .replace(/\s*(左右|以内|以下|per day|\/\s*day|每天|\/天|a day|daily)$/i, '')
    .trim();
}

/** A byte size: `5 TB`, `100GB`, `1.5 TiB`, `512 MB`, or a plain number of bytes. */
export function parseSize(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^([0-9]+(?:\.[0-9]+)?)\s*([a-z]*)$/i.exec(stripDecorations(value));
  if (match === null) return undefined;
  const unit = (match[2] ?? '').toLowerCase();
  const factor = unit === '' ? 1 : SIZE_UNITS[unit];
  return factor === undefined ? undefined : Number(match[1]) * factor;
}

const COUNT_WORDS: Readonly<Record<string, number>> = {
  '': 1,
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mn: 1e6,
  million: 1e6,
  millions: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
  billions: 1e9,
  t: 1e12,
  trillion: 1e12,
  千: 1e3,
  万: 1e4,
  十万: 1e5,
  百万: 1e6,
  千万: 1e7,
  亿: 1e8,
  十亿: 1e9,
  百亿: 1e10,
  千亿: 1e11,
  万亿: 1e12,
};

/** A count: `500000000`, `500M`, `5亿`, `约 5 亿行`, `1.2 billion rows`, `10k`, `5e8`. */
export function parseCount(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = stripDecorations(value)
    .replace(/\s*(rows?|行|条|个|users?|次|qps|queries\/s|\/s)$/i, '')
    .replace(/,/g, '')
    .trim();
  const match = /^([0-9]+(?:\.[0-9]+)?(?:e[0-9]+)?)\s*([a-z\u4e00-\u9fff]*)$/i.exec(text);
  if (match === null) return undefined;
  const factor = COUNT_WORDS[(match[2] ?? '').toLowerCase()];
  return factor === undefined ? undefined : Math.round(Number(match[1]) * factor);
}

const DURATION_UNITS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^(ms|msec|millis(econds?)?|毫秒)$/i, 0.001],
  [/^(s|sec|secs|seconds?|秒|秒钟)$/i, 1],
  [/^(m|min|mins|minutes?|分|分钟)$/i, 60],
  [/^(h|hr|hrs|hours?|小时|时)$/i, 3600],
  [/^(d|days?|天|日)$/i, 86400],
  [/^(w|wk|weeks?|周|星期)$/i, 7 * 86400],
  [/^(mon|months?|个月|月)$/i, 30 * 86400],
  [/^(y|yr|years?|年)$/i, 365 * 86400],
];

/**
 * A duration in seconds: `10s`, `< 10 秒`, `200ms`, `5 min`, `365 days`, `365天`, `1 year`,
 * `T+1` (one day), or a plain number of seconds.
 */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = stripDecorations(value);
  const tPlus = /^t\s*\+\s*([0-9]+)$/i.exec(text);
  if (tPlus !== null) return Number(tPlus[1]) * 86400;
  const match = /^([0-9]+(?:\.[0-9]+)?)\s*(.*)$/.exec(text);
  if (match === null) return undefined;
  const unit = (match[2] ?? '').trim();
  if (unit === '') return Number(match[1]);
  for (const [pattern, factor] of DURATION_UNITS) {
    if (pattern.test(unit)) return Number(match[1]) * factor;
  }
  return undefined;
}

/** Retention: a duration in whole days, or `forever`/`永久` (null). */
export function parseRetentionDays(value: unknown): number | null | undefined {
  if (typeof value === 'string' && /^(forever|permanent|永久|长期)$/i.test(value.trim())) return null;
  const seconds = parseDuration(value);
  return seconds === undefined ? undefined : Math.ceil(seconds / 86400);
}

/** Render bytes in binary units with 3 significant digits: `1.39 GB`, `95.7 TB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${formatNumber(value)} ${units[unit] ?? 'B'}`;
}

/** 3 significant digits, no exponent: 1.39, 33.3, 512, 26280. */
export function formatNumber(value: number): string {
  if (value === 0) return '0';
  if (Math.abs(value) >= 100) return String(Math.round(value));
  return String(Number(value.toPrecision(3)));
}

/** Counts as people say them: 500 M, 100 M, 12 k, 1.2 B. */
export function formatCount(value: number): string {
  if (value >= 1e9) return `${formatNumber(value / 1e9)} B`;
  if (value >= 1e6) return `${formatNumber(value / 1e6)} M`;
  if (value >= 1e4) return `${formatNumber(value / 1e3)} k`;
  return String(Math.round(value));
}

/** Seconds as the shortest readable duration: 200 ms, 10 s, 5 min, 1 day, 365 days. */
export function formatDuration(seconds: number): string {
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 120) return `${formatNumber(seconds)} s`;
  if (seconds < 7200) return `${formatNumber(seconds / 60)} min`;
  if (seconds < 2 * 86400) return `${formatNumber(seconds / 3600)} h`;
  return `${formatNumber(seconds / 86400)} days`;
}
