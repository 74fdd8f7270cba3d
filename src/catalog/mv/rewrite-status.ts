/**
 * information_schema.materialized_views.QUERY_REWRITE_STATUS as StarRocks words it: whether the
 * MV is a candidate for query rewrite. Decided from the MV's metadata — the
 * `enable_query_rewrite` property, its active state, and operators outside
 * scan/project/filter/join/aggregate (a top-level LIMIT, or ORDER BY … LIMIT) that StarRocks
 * cannot rewrite with. (Rockling itself never rewrites queries to MVs.)
 */
import type { AstProperties, AstQuery } from '../../sql/index.js';

/** The status text for an async MV. */
export function queryRewriteStatus(
  active: boolean,
  properties: AstProperties,
  query: AstQuery | null,
): string {
  const flag = properties.find((p) => p.key.toLowerCase() === 'enable_query_rewrite');
  if (flag !== undefined && flag.value.toLowerCase() === 'false')
    return 'INVALID: enable_query_rewrite=FALSE';
  if (!active) return 'INVALID: MV is not active';
  if (query?.limit !== undefined) {
    const op = query.orderBy.length > 0 ? 'LOGICAL_TOPN' : 'LOGICAL_LIMIT';
    return `INVALID: no valid plan: MV contains non-SPJG operators(no view rewrite): ${op}`;
  }
  return 'VALID';
}
