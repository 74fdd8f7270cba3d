/**
 * information_schema.tables_config renderings of a table definition (StarRocks' key, partition,
 * distribution, sort key and properties columns), derived when the table row is written.
 */
import { printExpr } from '../sql/index.js';
import type { TableEntry } from './model.js';

function bq(name: string): string {
  return `\`${name}\``;
}

/** [partition_key, distribute_key, distribute_type, distribute_bucket, sort_key, properties]. */
export function tableConfigParams(t: TableEntry): [string, string, string, number, string, string] {
  const def = t.definition;
  const partition =
    def.partition?.exprs
      .map((e) => (e.kind === 'column' && e.parts.length === 1 ? bq(e.parts[0] as string) : printExpr(e)))
      .join(', ') ?? '';
  const dist = def.distribution;
  const distributeKey = dist?.kind === 'hash' ? dist.columns.map(bq).join(', ') : '';
  const distributeType = t.kind === 'view' ? '' : dist?.kind === 'hash' ? 'HASH' : 'RANDOM';
  const buckets = dist?.buckets ?? 0;
  const sortKey = (def.orderBy ?? def.keys?.columns ?? []).map(bq).join(', ');
  const props: Record<string, string> = {};
  for (const p of def.properties) props[p.key] = p.value;
  return [partition, distributeKey, distributeType, buckets, sortKey, JSON.stringify(props)];
}
