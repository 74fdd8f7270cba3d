/**
 * INTERVAL arithmetic as StarRocks rewrites it: `DATE_ADD(x, INTERVAL n MONTH)`,
 * `x + INTERVAL n MONTH`, `ADDDATE`, `TIMESTAMPADD(MONTH, n, x)` all become `months_add(x, n)`;
 * the `_sub` forms and `x - INTERVAL …` become `months_sub(x, n)`; `TIMESTAMPDIFF(MONTH, a, b)`
 * becomes `months_diff(b, a)` (note the order: end first). The binder performs the rewrite with
 * these helpers and then resolves the resulting name normally.
 */
import type { IntervalUnit } from '../../sql/ast/index.js';

const PLURAL: Readonly<Record<IntervalUnit, string>> = {
  microsecond: 'microseconds',
  millisecond: 'milliseconds',
  second: 'seconds',
  minute: 'minutes',
  hour: 'hours',
  day: 'days',
  week: 'weeks',
  month: 'months',
  quarter: 'quarters',
  year: 'years',
};

/** `months_add` / `months_sub` for an INTERVAL unit. */
export function intervalFunctionName(unit: IntervalUnit, subtract: boolean): string {
  return `${PLURAL[unit]}_${subtract ? 'sub' : 'add'}`;
}

/**
 * The `<unit>s_diff(end, start)` function TIMESTAMPDIFF(unit, start, end) maps to (quarters_diff
 * and microseconds_diff exist only as rewrite targets; StarRocks users cannot name them).
 */
export function timestampDiffFunctionName(unit: IntervalUnit): string {
  return `${PLURAL[unit]}_diff`;
}
