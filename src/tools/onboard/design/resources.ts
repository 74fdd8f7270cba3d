/**
 * Resource groups (R-G1): one per SLA class of the business (point lookups / complex queries),
 * classified by user and database, with CPU and memory shares and Little's-law concurrency.
 */
import type { Form } from '../form/model.js';
import { formatNumber } from '../form/units.js';
import { versionAtLeast } from './layout.js';
import { ceil, type Notes } from './notes.js';
import type { QueryInfo, ResourceGroup, Sizing } from './types.js';

interface ClassLoad {
  readonly sla: 'point' | 'complex';
  readonly qps: number;
  readonly cores: number | null;
  readonly p99Ms: number | null;
}

function classLoads(form: Form, queries: readonly QueryInfo[]): ClassLoad[] {
  const out: ClassLoad[] = [];
  for (const sla of ['point', 'complex'] as const) {
    const qs = queries.filter((q) => q.sla === sla);
    if (qs.length === 0) continue;
    const known = qs.every((q) => q.scanRows !== null);
    const cores = known
      ? qs.reduce(
          (sum, q) => sum + (((q.scanRows ?? 0) / (q.cls === 'point' ? 100e6 : 30e6)) * q.qps) / 0.65,
          0,
        )
      : null;
    const p99 =
      sla === 'point' ? (form.pointP99Ms ?? form.complexP99Ms) : (form.complexP99Ms ?? form.pointP99Ms);
    out.push({ sla, qps: qs.reduce((s, q) => s + q.qps, 0), cores, p99Ms: p99 ?? null });
  }
  if (out.length === 0) {
    out.push({
      sla: 'complex',
      qps: form.qpsPeak,
      cores: null,
      p99Ms: form.complexP99Ms ?? form.pointP99Ms ?? null,
    });
  }
  return out;
}

/** Exclusive cores per BE the point group would reserve (feeds the cluster decision R-G2). */
export function exclusiveCoresPerBe(form: Form, queries: readonly QueryInfo[], beCount: number): number {
  const point = classLoads(form, queries).find((c) => c.sla === 'point');
  if (point === undefined || point.cores === null || (point.p99Ms ?? Infinity) > 500) return 0;
  return ceil(point.cores / beCount);
}

export function designResourceGroups(
  form: Form,
  queries: readonly QueryInfo[],
  sizing: Sizing,
  notes: Notes,
): ResourceGroup[] {
  const loads = classLoads(form, queries);
  const share = businessShare(form, sizing, notes);
  const totalCores = loads.reduce((s, c) => s + (c.cores ?? 0), 0);
  const allKnown = loads.every((c) => c.cores !== null) && totalCores > 0;
  if (!allKnown && loads.length > 1)
    notes.assume('resource groups: CPU/memory split evenly between point and complex queries (no scan_rows)');
  const exclusiveOk = versionAtLeast(form.cluster.version, 3, 3, 5);
  const cpuKey = exclusiveOk ? 'cpu_weight' : 'cpu_core_limit';
  return loads.map((c) => {
    const part = allKnown ? (c.cores ?? 0) / totalCores : 1 / loads.length;
    const groupShare = share * part;
    const name = loads.length === 1 ? `rg_${form.business}` : `rg_${form.business}_${c.sla}`;
    const user = c.sla === 'point' ? `${form.business}_app` : `${form.business}_bi`;
    const classifiers: Array<Record<string, string>> = [{ user, db: form.database }];
    if (c.sla === 'complex' || loads.length === 1) classifiers.push({ db: form.database });
    const props: Array<[string, string]> = [];
    const exclusive =
      c.sla === 'point' && exclusiveOk ? exclusiveCoresPerBe(form, queries, sizing.beCount) : 0;
    if (exclusive > 0)
      props.push(['exclusive_cpu_cores', String(Math.min(exclusive, form.cluster.coresPerBe - 1))]);
    else props.push([cpuKey, String(Math.max(1, Math.round(form.cluster.coresPerBe * groupShare)))]);
    props.push(['mem_limit', `${Math.max(1, Math.round(groupShare * 100))}%`]);
    const p99s = (c.p99Ms ?? 1000) / 1000;
    const concurrency = Math.max(1, ceil(2 * c.qps * p99s));
    props.push(['concurrency_limit', String(concurrency)]);
    if (c.sla === 'complex' && form.scenarios.includes('adhoc')) {
      props.push(['big_query_cpu_second_limit', String(Math.max(1, ceil(p99s * form.cluster.coresPerBe)))]);
    }
    notes.decide(
      'R-G1',
      name,
      `${props.map(([k, v]) => `${k} = ${v}`).join(', ')}; classifiers user ${user} / db ${form.database}`,
      `${c.sla} queries ${formatNumber(c.qps)} QPS, P99 ${c.p99Ms ?? '?'} ms; business share ${Math.round(share * 100)} % × ` +
        `${Math.round(part * 100)} % of it${exclusive > 0 ? `; point P99 ≤ 500 ms → ${exclusive} exclusive cores per BE` : ''}; ` +
        `concurrency ⌈2 × ${formatNumber(c.qps)} × ${formatNumber(p99s)} s⌉ = ${concurrency}`,
    );
    return { name, classifiers, properties: props, sla: c.sla, p99Ms: c.p99Ms };
  });
}

/** The business' share of the cluster's query resources. */
function businessShare(form: Form, sizing: Sizing, notes: Notes): number {
  if (sizing.cluster === 'dedicated') return 0.9; // 10 % left to default_wg / default_mv_wg
  const shared = form.cluster.sharedBeCount;
  if (shared === undefined) {
    notes.ask('how many BEs does the shared cluster have? (resource-group shares assume 50 %)');
    return 0.5;
  }
  return Math.min(0.9, sizing.beCount / shared);
}
