/** All artifacts of a plan as file name → content (pure), and writing them to a directory. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Dialect } from '../bookkeeping.js';
import type { Plan } from '../design/index.js';
import { renderGrafana } from './grafana.js';
import { renderPlanHtml } from './html.js';
import { renderPlanMd, renderSizingMd } from './markdown.js';
import { renderPrometheusRules } from './prometheus.js';
import { renderFlinkProperties, renderStreamLoad } from './scripts.js';
import { renderLoadsSql, renderResourceGroupSql, renderTablesSql } from './sql.js';

export { dashboard } from './grafana.js';

/** What `apply` and `status` read back from a plan directory. */
export interface PlanManifest {
  readonly business: string;
  readonly database: string;
  readonly title: string;
  readonly dialect: Dialect;
  readonly replication: number;
  /** SQL files in apply order. */
  readonly sqlFiles: readonly string[];
  readonly tables: readonly string[];
  readonly generatedBy: string;
}

export const SQL_FILES = ['tables.sql', 'resource-group.sql', 'loads.sql'] as const;

/** Every artifact, deterministic (no timestamps), keyed by file name. */
export function planFiles(plan: Plan, dialect: Dialect): Record<string, string> {
  const manifest: PlanManifest = {
    business: plan.form.business,
    database: plan.form.database,
    title: plan.form.title,
    dialect,
    replication: plan.form.cluster.replication,
    sqlFiles: [...SQL_FILES],
    tables: plan.tables.map((t) => t.name),
    generatedBy: 'rockling onboard plan',
  };
  return {
    'plan.json': `${JSON.stringify(manifest, null, 2)}\n`,
    'tables.sql': renderTablesSql(plan, dialect),
    'loads.sql': renderLoadsSql(plan, dialect),
    'resource-group.sql': renderResourceGroupSql(plan, dialect),
    'stream-load.sh': renderStreamLoad(plan),
    'flink-sink.properties': renderFlinkProperties(plan),
    'prometheus-rules.yml': renderPrometheusRules(plan),
    'grafana-dashboard.json': renderGrafana(plan),
    'sizing.md': renderSizingMd(plan),
    'PLAN.md': renderPlanMd(plan),
    'plan.html': renderPlanHtml(plan),
  };
}

/** Write the artifacts; returns the file names written. */
export async function writePlan(plan: Plan, dir: string, dialect: Dialect): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files = planFiles(plan, dialect);
  for (const [name, content] of Object.entries(files)) {
    await writeFile(join(dir, name), content, { mode: name.endsWith('.sh') ? 0o755 : 0o644 });
  }
  return Object.keys(files);
}
