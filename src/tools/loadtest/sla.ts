/**
 * SLAs and the verdict: checks from `--sla` ('p99<200ms', 'point.p99<=50ms', 'errors<0.1%',
 * 'rate>=98%') and from an onboarding form (P99 per query class), plus the defaults of
 * ONBOARDING.md R-LT1: achieved rate ≥ 98 % of target and error rate < 0.1 %.
 */
import { ToolError, parseDuration } from '../common/index.js';
import type { RunResult } from './runner.js';

/** One check. `statement` undefined = the whole mix. */
export interface SlaCheck {
  readonly metric: 'p50' | 'p90' | 'p95' | 'p99' | 'p999' | 'max' | 'mean' | 'errors' | 'rate';
  readonly op: '<' | '<=' | '>' | '>=';
  /** ms for latency metrics, a fraction for errors and rate. */
  readonly value: number;
  readonly statement?: string;
  readonly origin: string;
}

/** A check's outcome. */
export interface SlaOutcome {
  readonly check: SlaCheck;
  readonly actual: number;
  readonly pass: boolean;
  readonly text: string;
}

const PCT: Readonly<Record<string, number>> = { p50: 50, p90: 90, p95: 95, p99: 99, p999: 99.9 };

/** Parse one or more comma-separated SLA expressions. */
export function parseSla(text: string, origin = '--sla'): SlaCheck[] {
  return text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .map((t) => {
      const m =
        /^(?:([\w.-]+)\.)?(p50|p90|p95|p99|p999|p99\.9|max|mean|errors|rate)\s*(<=|>=|<|>)\s*([\d.]+\s*[a-zµ%]*)$/i.exec(
          t,
        );
      if (m === null)
        throw new ToolError(`bad SLA '${t}': e.g. p99<200ms, point.p99<=50ms, errors<0.1%, rate>=98%`);
      const metric = (m[2] ?? '').toLowerCase().replace('p99.9', 'p999') as SlaCheck['metric'];
      const raw = m[4] ?? '';
      const value =
        metric === 'errors' || metric === 'rate'
          ? raw.endsWith('%')
            ? Number(raw.slice(0, -1)) / 100
            : Number(raw)
          : parseDuration(raw, 'ms');
      return {
        metric,
        op: m[3] as SlaCheck['op'],
        value,
        ...(m[1] === undefined ? {} : { statement: m[1] }),
        origin,
      };
    });
}

/** Default gates (R-LT1). */
export function defaultChecks(): SlaCheck[] {
  return [
    { metric: 'rate', op: '>=', value: 0.98, origin: 'default (R-LT1)' },
    { metric: 'errors', op: '<', value: 0.001, origin: 'default (R-LT1)' },
  ];
}

function compare(actual: number, op: SlaCheck['op'], value: number): boolean {
  if (Number.isNaN(actual)) return false;
  switch (op) {
    case '<':
      return actual < value;
    case '<=':
      return actual <= value;
    case '>':
      return actual > value;
    case '>=':
      return actual >= value;
  }
}

/** Evaluate checks against a run; `targetRate` is the mean intended rate. */
export function evaluate(checks: readonly SlaCheck[], r: RunResult, targetRate: number): SlaOutcome[] {
  return checks.map((check) => {
    const st =
      check.statement === undefined ? undefined : r.statements.find((s) => s.name === check.statement);
    if (check.statement !== undefined && st === undefined) {
      return {
        check,
        actual: Number.NaN,
        pass: false,
        text: `${label(check)}: no statement named '${check.statement}'`,
      };
    }
    const hist = st?.latency ?? r.latency;
    let actual: number;
    let shown: string;
    if (check.metric === 'errors') {
      const total = st === undefined ? r.scheduled : st.ok + st.errors;
      const bad = st === undefined ? r.errors + r.unfinished : st.errors;
      actual = total === 0 ? 0 : bad / total;
      shown = `${(actual * 100).toFixed(3)}%`;
    } else if (check.metric === 'rate') {
      actual = targetRate === 0 ? 0 : r.completedInWindow / (r.durationMs / 1000) / targetRate;
      shown = `${(actual * 100).toFixed(2)}% of target`;
    } else {
      const us =
        check.metric === 'max'
          ? hist.count === 0
            ? Number.NaN
            : hist.max
          : check.metric === 'mean'
            ? hist.mean()
            : hist.percentile(PCT[check.metric] ?? 99);
      actual = us / 1000;
      shown = `${actual.toFixed(2)}ms`;
    }
    const pass = compare(actual, check.op, check.value);
    return {
      check,
      actual,
      pass,
      text: `${label(check)}: ${shown} → ${pass ? 'PASS' : 'FAIL'} (${check.origin})`,
    };
  });
}

function label(c: SlaCheck): string {
  const v = c.metric === 'errors' || c.metric === 'rate' ? `${c.value * 100}%` : `${c.value}ms`;
  return `${c.statement === undefined ? '' : `${c.statement}.`}${c.metric} ${c.op} ${v}`;
}
