/**
 * Argument checks StarRocks' FE makes before a call is resolved or cast: percentile rates written
 * as literals, functions that take strings only, and integer literals re-typed as INT.
 */
import { SqlError } from '../errors/index.js';
import type { AstCall } from '../sql/ast/index.js';
import { formatType, integerRange, isStringType, type SqlType } from '../types/index.js';
import type { BoundExpr } from './bound.js';
import { constValue } from './bind-call.js';
import { analysisError } from './errors.js';

/**
 * A percentile rate written as a number literal is checked at analysis (StarRocks' text); any other
 * expression is checked when it runs (the emitter's "Percentile rate must be between 0 and 1").
 */
export function checkPercentileLiteral(name: string, args: readonly BoundExpr[]): void {
  if (!/^percentile_(cont|disc|disc_lc)$/.test(name)) return;
  const rate = args[1];
  if (rate?.kind !== 'literal' || (rate.value.kind !== 'int' && rate.value.kind !== 'decimal')) return;
  const n = Number(constValue(rate));
  if (n < 0 || n > 1) throw analysisError(`${name} second parameter'value should be between 0 and 1`);
}

/** Functions whose leading arguments must already be strings (no implicit cast), per StarRocks' FE. */
const STRING_ONLY: Readonly<Record<string, string>> = {
  ngram_search: "ngram_search function 's first parameter and second parameter must be string type",
  ngram_search_case_insensitive:
    "ngram_search_case_insensitive function 's first parameter and second parameter must be string type",
};

export function checkStringArguments(name: string, args: readonly BoundExpr[], e: AstCall): void {
  const message = STRING_ONLY[name];
  if (message === undefined) return;
  if (args.slice(0, 2).some((a) => !isStringType(a.type) && a.type.kind !== 'null'))
    throw analysisError(message, e.pos);
}

/** Functions whose integer literal arguments StarRocks' parser re-types as INT (AstBuilder). */
const INT_LITERAL_ARGS = new Set(['substr', 'substring', 'time_slice', 'date_slice']);

/**
 * SUBSTR/SUBSTRING and TIME_SLICE get integer literals re-typed as INT while parsing; one that
 * does not fit is refused (`Cast argument 9223372036854775807 to int type failed.`), where other
 * functions' narrowing casts are NULL.
 */
export function checkIntegerArgument(name: string, a: BoundExpr, target: SqlType | undefined): void {
  if (!INT_LITERAL_ARGS.has(name) || a.kind !== 'literal' || a.value.kind !== 'int') return;
  if (target?.kind !== 'int') return;
  const [lo, hi] = integerRange('int');
  if (a.value.value < lo || a.value.value > hi)
    throw new SqlError('runtime-error', { message: `Cast argument ${a.value.value} to int type failed.` });
}

/** `Type.canOrderBy()`: scalars and arrays of such; never structs, maps or the sketch states. */
function canOrderBy(t: SqlType): boolean {
  if (t.kind === 'array') return canOrderBy(t.element);
  return !['struct', 'map', 'bitmap', 'hll', 'percentile'].includes(t.kind);
}

/** ARRAY_AGG / GROUP_CONCAT … ORDER BY: every ordering input must be orderable (`i` counts all inputs). */
export function checkOrderable(name: string, i: number, t: SqlType, e: AstCall): void {
  if (canOrderBy(t)) return;
  throw analysisError(
    `${name} can't support order by the ${i}-th input with type of ${formatType(t)}`,
    e.pos,
  );
}
