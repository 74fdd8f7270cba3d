/** SHOW MATERIALIZED VIEWS / information_schema.materialized_views rows and SHOW CREATE text. */
import {
  printExpr,
  type AstDistribution,
  type AstPartitionDesc,
  type AstProperties,
} from '../../sql/index.js';
import { nowText } from '../clock.js';
import { refreshClause, type MvDoc, type SyncMvDoc } from './model.js';

/** Column names in StarRocks' order (SHOW prints them lower-case, information_schema upper-case). */
export const MV_COLUMNS = [
  'id',
  'database_name',
  'name',
  'refresh_type',
  'is_active',
  'inactive_reason',
  'partition_type',
  'task_id',
  'task_name',
  'last_refresh_start_time',
  'last_refresh_finished_time',
  'last_refresh_duration',
  'last_refresh_state',
  'last_refresh_force_refresh',
  'last_refresh_start_partition',
  'last_refresh_end_partition',
  'last_refresh_base_refresh_partitions',
  'last_refresh_mv_refresh_partitions',
  'last_refresh_error_code',
  'last_refresh_error_message',
  'rows',
  'text',
  'extra_message',
  'query_rewrite_status',
  'creator',
  'last_refresh_process_time',
  'last_refresh_job_id',
] as const;

const time = (ms: number): string => nowText(new Date(ms));

/** One row for an asynchronous MV. */
export function asyncMvRow(
  doc: MvDoc,
  partitioned: boolean,
  rows: number,
  createText: string,
  rewriteStatus: string,
): string[] {
  const last = doc.last;
  return [
    String(doc.tableId),
    doc.db,
    doc.name,
    doc.refresh.type,
    String(doc.active),
    doc.inactiveReason,
    partitioned ? 'RANGE' : 'UNPARTITIONED',
    String(doc.taskId),
    `mv-${doc.tableId}`,
    last ? time(last.startMs) : '',
    last ? time(last.finishMs) : '',
    last ? ((last.finishMs - last.startMs) / 1000).toFixed(3) : '',
    last ? last.state : '',
    last ? String(last.force) : '',
    '',
    '',
    '',
    '',
    last ? last.errorCode : '',
    last ? last.errorMessage : '',
    String(rows),
    createText,
    '',
    rewriteStatus,
    doc.creator,
    last ? ((last.finishMs - last.startMs) / 1000).toFixed(3) : '',
    last ? last.jobId : '',
  ];
}

/** One row for a synchronous MV (ROLLUP: refresh fields empty). */
export function syncMvRow(doc: SyncMvDoc, rows: number): string[] {
  const out: string[] = MV_COLUMNS.map(() => '');
  out[0] = String(doc.id);
  out[1] = doc.db;
  out[2] = doc.name;
  out[3] = 'ROLLUP';
  out[4] = 'true';
  out[6] = 'UNPARTITIONED';
  out[20] = String(rows);
  out[21] = syncCreateText(doc);
  out[23] = 'VALID';
  out[24] = doc.creator;
  return out;
}

const bq = (s: string): string => '`' + s.replace(/`/g, '``') + '`';

export function syncCreateText(doc: SyncMvDoc): string {
  return `CREATE MATERIALIZED VIEW ${bq(doc.name)} AS ${doc.queryText};`;
}

function distribution(d: AstDistribution | undefined): string {
  if (d === undefined) return 'DISTRIBUTED BY RANDOM';
  const buckets = d.buckets !== null ? ` BUCKETS ${d.buckets}` : '';
  if (d.kind === 'random') return `DISTRIBUTED BY RANDOM${buckets}`;
  return `DISTRIBUTED BY HASH(${d.columns.map(bq).join(', ')})${buckets}`;
}

function partition(p: AstPartitionDesc): string {
  return `PARTITION BY ${p.exprs.length === 1 ? printExpr(p.exprs[0]!) : `(${p.exprs.map((e) => printExpr(e)).join(', ')})`}`;
}

/** What SHOW CREATE MATERIALIZED VIEW prints for an asynchronous MV. */
export function asyncCreateText(
  doc: MvDoc,
  columns: readonly { name: string; comment: string }[],
  comment: string,
  def: {
    partition?: AstPartitionDesc;
    distribution?: AstDistribution;
    orderBy?: readonly string[];
    properties: AstProperties;
  },
): string {
  const cols = columns
    .map((c) => `${bq(c.name)}${c.comment !== '' ? ` COMMENT "${c.comment}"` : ''}`)
    .join(', ');
  const lines = [`CREATE MATERIALIZED VIEW ${bq(doc.name)} (${cols})`];
  if (comment !== '') lines.push(`COMMENT "${comment.replace(/"/g, '\\"')}"`);
  if (def.partition !== undefined) lines.push(partition(def.partition));
  lines.push(distribution(def.distribution));
  if (def.orderBy !== undefined) lines.push(`ORDER BY (${def.orderBy.map(bq).join(', ')})`);
  lines.push(refreshClause(doc.refresh));
  const props = [...def.properties];
  if (!props.some((p) => p.key.toLowerCase() === 'replication_num'))
    props.unshift({ key: 'replication_num', value: '1' });
  lines.push(`PROPERTIES (\n${props.map((p) => `"${p.key}" = "${p.value}"`).join(',\n')}\n)`);
  lines.push(`AS ${doc.queryText};`);
  return lines.join('\n');
}
