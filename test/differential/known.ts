/**
 * Documented differences (docs/differences.md): a failing comparison that matches one of these
 * rules is counted as "explained" under the entry's title instead of as a mismatch. Each rule is
 * narrow — it names the construct in the query and the shape of the difference.
 */
import type { GenQuery } from './query.js';

interface KnownDifference {
  /** The heading of the entry in docs/differences.md. */
  readonly title: string;
  readonly applies: (q: GenQuery, detail: string) => boolean;
}

const KNOWN: readonly KnownDifference[] = [
  {
    title: 'DECIMAL division and AVG(DECIMAL) are computed through DOUBLE (last digits may differ)',
    applies: (q, detail) =>
      detail.startsWith('inexact decimal:') && (q.sql.includes(' / ') || q.sql.includes('AVG(')),
  },
];

/** The documented difference explaining a failure, or null. */
export function explainDifference(q: GenQuery, detail: string): string | null {
  return KNOWN.find((k) => k.applies(q, detail))?.title ?? null;
}
