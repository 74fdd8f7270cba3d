/**
 * Defaults from an onboarding form (stage 1–2 toolkit): rate = peak QPS × factor (R-LT1:
 * 1.5 × peak as headroom) and P99 SLAs — per statement whose name matches a form query with an
 * SLA class, and the loosest class P99 for the whole mix.
 */
import { ToolError } from '../common/index.js';
import type { StatementSpec } from './mix.js';
import type { SlaCheck } from './sla.js';

/** What a form contributes. */
export interface FormDefaults {
  readonly rate: number;
  readonly checks: readonly SlaCheck[];
}

/** Read the form through the onboarding toolkit's checker. */
export async function formDefaults(
  path: string,
  factor: number,
  specs: readonly StatementSpec[],
): Promise<FormDefaults> {
  const { checkFormFile } = await import('../onboard/form/index.js');
  const checked = await checkFormFile(path);
  const form = checked.form;
  if (form === undefined) {
    const first = checked.diagnostics[0];
    throw new ToolError(`form ${path} has errors${first === undefined ? '' : `: ${first.message}`}`);
  }
  const origin = `form ${form.business}`;
  const classMs = { point: form.pointP99Ms, complex: form.complexP99Ms };
  const checks: SlaCheck[] = [];
  for (const q of form.queries) {
    const ms = q.sla === undefined ? undefined : classMs[q.sla];
    if (ms !== undefined && specs.some((s) => s.name === q.name)) {
      checks.push({
        metric: 'p99',
        op: '<',
        value: ms,
        statement: q.name,
        origin: `${origin} (${q.sla} P99)`,
      });
    }
  }
  const loosest = Math.max(
    ...[form.pointP99Ms, form.complexP99Ms].filter((x): x is number => x !== undefined),
  );
  if (Number.isFinite(loosest))
    checks.push({ metric: 'p99', op: '<', value: loosest, origin: `${origin} (loosest P99)` });
  return { rate: Math.round(form.qpsPeak * factor * 100) / 100, checks };
}
