/**
 * Items read from Prometheus /metrics (ONBOARDING.md §3.2–3.3): compaction score (I9), FE meta
 * log and JVM heap (I17), query error rate, node counts from node_info (alive < total).
 * N/A when no metrics endpoint is reachable (MySQL/MariaDB have none).
 */
import { select } from './metrics.js';
import type { Check, InspectContext, ItemResult, Status } from './model.js';

function noMetrics(ctx: InspectContext): Omit<ItemResult, 'id' | 'title'> | undefined {
  return ctx.metrics === undefined ? { status: 'N/A', detail: ctx.metricsNote } : undefined;
}

const compaction: Check = {
  id: 'I9',
  title: 'compaction score (warn > 100, fail > 800)',
  async run(ctx) {
    const na = noMetrics(ctx);
    if (na !== undefined) return na;
    const s = select(ctx.metrics, 'starrocks_fe_max_tablet_compaction_score');
    if (s.length === 0)
      return { status: 'N/A', detail: 'starrocks_fe_max_tablet_compaction_score not exported' };
    const v = Math.max(...s.map((x) => x.value));
    return { status: v > 800 ? 'FAIL' : v > 100 ? 'WARN' : 'OK', detail: `max tablet compaction score ${v}` };
  },
};

const feMeta: Check = {
  id: 'I17',
  title: 'FE metadata and JVM heap (meta log < 100 000, heap warn 80 %, fail 90 %)',
  async run(ctx) {
    const na = noMetrics(ctx);
    if (na !== undefined) return na;
    const notes: string[] = [];
    const statuses: Status[] = [];
    const log = select(ctx.metrics, 'starrocks_fe_meta_log_count');
    if (log.length > 0) {
      const v = Math.max(...log.map((x) => x.value));
      statuses.push(v > 100_000 ? 'WARN' : 'OK');
      notes.push(`meta log count ${v}`);
    }
    const used = select(ctx.metrics, 'jvm_heap_size_bytes', { type: 'used' }).reduce(
      (a, b) => a + b.value,
      0,
    );
    const max = select(ctx.metrics, 'jvm_heap_size_bytes', { type: 'max' }).reduce((a, b) => a + b.value, 0);
    if (max > 0) {
      const pct = (used / max) * 100;
      statuses.push(pct >= 90 ? 'FAIL' : pct >= 80 ? 'WARN' : 'OK');
      notes.push(`JVM heap ${pct.toFixed(1)} %`);
    }
    if (notes.length === 0) return { status: 'N/A', detail: 'no FE meta/JVM metrics exported' };
    return {
      status: statuses.includes('FAIL') ? 'FAIL' : statuses.includes('WARN') ? 'WARN' : 'OK',
      detail: notes.join('; '),
    };
  },
};

const queryErrors: Check = {
  id: 'M1',
  title: 'query error rate (warn > 0.1/s)',
  async run(ctx) {
    const na = noMetrics(ctx);
    if (na !== undefined) return na;
    const rate = select(ctx.metrics, 'starrocks_fe_query_err_rate');
    const total = select(ctx.metrics, 'starrocks_fe_query_total').reduce((a, b) => a + b.value, 0);
    const err = select(ctx.metrics, 'starrocks_fe_query_err').reduce((a, b) => a + b.value, 0);
    if (rate.length === 0 && total === 0) return { status: 'N/A', detail: 'no query counters exported' };
    const r = Math.max(0, ...rate.map((x) => x.value));
    return {
      status: r > 0.1 ? 'WARN' : 'OK',
      detail: `error rate ${r.toFixed(3)}/s; ${err} errors of ${total} queries since start`,
    };
  },
};

const nodeInfo: Check = {
  id: 'M2',
  title: 'node counts from node_info (alive = total)',
  async run(ctx) {
    const na = noMetrics(ctx);
    if (na !== undefined) return na;
    const parts: string[] = [];
    let status: Status = 'OK';
    for (const type of ['fe_node_num', 'be_node_num', 'cn_node_num']) {
      const total = select(ctx.metrics, 'node_info', { type, state: 'total' })[0]?.value;
      const alive = select(ctx.metrics, 'node_info', { type, state: 'alive' })[0]?.value;
      if (total === undefined || alive === undefined) continue;
      if (alive < total) status = 'FAIL';
      parts.push(`${type} ${alive}/${total} alive`);
    }
    return parts.length === 0
      ? { status: 'N/A', detail: 'node_info not exported' }
      : { status, detail: parts.join('; ') };
  },
};

/** Metric checks in report order. */
export const METRIC_CHECKS: readonly Check[] = [nodeInfo, compaction, feMeta, queryErrors];
