/**
 * `rockling inspect --target mysql://…`: the routine inspection checklist (ONBOARDING.md §3.3)
 * over SQL and /metrics; one OK / WARN / FAIL / N/A line per item. Items that do not apply to the
 * target (StarRocks-only statements on MySQL, metrics without an endpoint) are N/A, never FAIL.
 * Exit 0 without FAIL (with --strict: without FAIL or WARN), 1 otherwise, 2 usage, 3 unreachable.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  ToolError,
  connect,
  describeTarget,
  parseDuration,
  parseTarget,
  runTool,
  serverInfo,
} from '../common/index.js';
import { NODE_CHECKS } from './checks-nodes.js';
import { DATA_CHECKS } from './checks-data.js';
import { METRIC_CHECKS } from './checks-metrics.js';
import { fetchMetrics } from './metrics.js';
import { fromError, type InspectContext, type ItemResult } from './model.js';

const USAGE = `usage: rockling inspect --target mysql://user:pass@host:port [options]
  --metrics URL        Prometheus endpoint(s) to read (repeatable; default for StarRocks/Rockling:
                       http://<target host>:<--http-port>/metrics)
  --http-port N        FE HTTP port for the default metrics URL (default 8030)
  --no-metrics         do not read /metrics
  --slow D             a query running this long is reported (default 60s)
  --json FILE          write the items as JSON
  --strict             exit 1 on WARN too
`;

/** Every check in report order. */
export const ALL_CHECKS = [...NODE_CHECKS, ...METRIC_CHECKS, ...DATA_CHECKS];

/** Entry point. */
export async function main(argv: readonly string[]): Promise<number> {
  return runTool('inspect', async () => {
    const { values: v } = parseArgs({
      args: [...argv],
      options: {
        target: { type: 'string' },
        metrics: { type: 'string', multiple: true },
        'http-port': { type: 'string' },
        'no-metrics': { type: 'boolean' },
        slow: { type: 'string' },
        json: { type: 'string' },
        strict: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
    if (v.help === true) {
      process.stdout.write(USAGE);
      return 0;
    }
    if (v.target === undefined) throw new ToolError(`--target is required\n${USAGE}`);
    const target = parseTarget(v.target);
    const conn = await connect(target).catch((e: unknown) => {
      throw new ToolError(e instanceof Error ? e.message : String(e), 3);
    });
    try {
      const info = await serverInfo(conn);
      let urls = v.metrics ?? [];
      if (urls.length === 0 && v['no-metrics'] !== true && info.dialect === 'starrocks') {
        urls = [
          `http://${target.host.includes(':') ? `[${target.host}]` : target.host}:${v['http-port'] ?? '8030'}/metrics`,
        ];
      }
      const fetched =
        v['no-metrics'] === true ? { metrics: undefined, failed: [] } : await fetchMetrics(urls);
      const metricsNote =
        urls.length === 0
          ? `no /metrics endpoint${info.dialect === 'mysql' ? ' (MySQL/MariaDB export none; give --metrics for an exporter)' : ''}`
          : `metrics unreachable: ${fetched.failed.join(', ')}`;
      const ctx: InspectContext = {
        conn,
        dialect: info.dialect,
        server: `${info.version} ${info.comment}`.trim(),
        metrics: fetched.metrics,
        metricsNote,
        slowQuerySeconds: v.slow === undefined ? 60 : parseDuration(v.slow) / 1000,
      };
      const items = await inspect(ctx);
      process.stdout.write(formatReport(describeTarget(target), ctx, items));
      if (v.json !== undefined)
        writeFileSync(
          v.json,
          `${JSON.stringify({ target: describeTarget(target), dialect: info.dialect, items }, null, 2)}\n`,
        );
      const bad = items.some((i) => i.status === 'FAIL' || (v.strict === true && i.status === 'WARN'));
      return bad ? 1 : 0;
    } finally {
      await conn.end();
    }
  });
}

/** Run every check; a check that throws becomes N/A or WARN, never aborts the inspection. */
export async function inspect(ctx: InspectContext): Promise<ItemResult[]> {
  const out: ItemResult[] = [];
  for (const check of ALL_CHECKS) {
    let r: Omit<ItemResult, 'id' | 'title'>;
    try {
      r = await check.run(ctx);
    } catch (error) {
      r = fromError(error, check.title);
    }
    out.push({ id: check.id, title: check.title, ...r });
  }
  return out;
}

function formatReport(target: string, ctx: InspectContext, items: readonly ItemResult[]): string {
  const lines = [`inspect: ${target} (${ctx.dialect}: ${ctx.server})`];
  if (ctx.metrics !== undefined)
    lines.push(`metrics: ${ctx.metrics.sources.join(', ')} (${ctx.metrics.samples.length} samples)`);
  for (const i of items) lines.push(`${i.status.padEnd(4)}  ${i.id.padEnd(4)} ${i.title}: ${i.detail}`);
  const count = (s: string): number => items.filter((i) => i.status === s).length;
  lines.push(`summary: ${count('OK')} OK, ${count('WARN')} WARN, ${count('FAIL')} FAIL, ${count('N/A')} N/A`);
  return `${lines.join('\n')}\n`;
}
