/** Building bound trees that other phases need besides the binder. */
import type { BoundQuery, BoundSelect, BoundSelectItem, ColumnInfo } from './bound.js';

/** `SELECT items FROM (q) AS inner`: a plain projection over a query (casts, INSERT column lists). */
export function selectOver(
  q: BoundQuery,
  inner: readonly ColumnInfo[],
  items: readonly BoundSelectItem[],
): BoundSelect {
  return {
    kind: 'select',
    from: { kind: 'subquery', query: q, columns: inner },
    where: null,
    groupBy: null,
    aggregated: false,
    having: null,
    qualify: null,
    items,
    distinct: false,
    orderBy: [],
    limit: null,
    columns: items.map((i) => i.column),
  };
}
