/**
 * Sizing (R-S1…R-S6) and the dedicated-vs-shared decision (R-G2). Storage comes first (it fixes
 * the BE count the bucket rules need); FE heap and tablet guards follow once tables are designed.
 */
import type { Form } from '../form/model.js';
import { formatBytes, formatCount, formatNumber } from '../form/units.js';
import { horizonDays, storedAfter } from './assess.js';
import { ceil, GiB, type Notes } from './notes.js';
import type { QueryInfo, Sizing, TableDesign } from './types.js';

export interface BeEstimate {
  readonly single: number;
  readonly physical: number;
  readonly provisioned: number;
  readonly beStorage: number;
  readonly beCpu: number | null;
  readonly coresFloor: number | null;
  readonly coresPublished: number | null;
  readonly beCount: number;
}

/** Storage and CPU → BE count (R-S3, R-S4, R-S5). */
export function estimateBes(form: Form, queries: readonly QueryInfo[], notes: Notes): BeEstimate {
  const c = form.cluster;
  const single = form.tables.reduce((sum, t) => sum + storedAfter(form, t, horizonDays(t)), 0);
  const physical = single * c.replication * 1.3;
  const provisioned = physical / 0.7;
  const beStorage = ceil(provisioned / c.diskPerBe);
  notes.decide(
    'R-S3',
    'cluster',
    `${beStorage} BE(s) for storage`,
    `single replica ${formatBytes(single)} × ${c.replication} replicas × 1.3 = ${formatBytes(physical)} physical; ` +
      `/ 0.7 = ${formatBytes(provisioned)} provisioned; / ${formatBytes(c.diskPerBe)} per BE`,
  );
  const known = queries.filter((q) => q.scanRows !== null);
  let coresFloor: number | null = null;
  let coresPublished: number | null = null;
  let beCpu: number | null = null;
  if (known.length > 0) {
    coresFloor = 0;
    coresPublished = 0;
    for (const q of known) {
      const perCore = q.cls === 'point' ? 100e6 : 30e6;
      const work = (q.scanRows ?? 0) / perCore;
      coresFloor += (work * q.qps) / 0.65;
      coresPublished += (work / ((q.slaMs ?? 1000) / 1000)) * q.qps;
    }
    beCpu = ceil(coresFloor / c.coresPerBe);
    notes.decide(
      'R-S4',
      'cluster',
      `${beCpu} BE(s) for CPU (${formatNumber(coresFloor)} cores at 65 % utilisation)`,
      known
        .map(
          (q) =>
            `${q.name}: ${formatCount(q.scanRows ?? 0)} rows / ${q.cls === 'point' ? '100' : '30'} M rows/s/core × ${formatNumber(q.qps)} QPS`,
        )
        .join('; ') +
        `; the published formula (÷ P99 target) gives ${formatNumber(coresPublished)} cores — an upper bound`,
    );
    if (known.length < queries.length) {
      notes.risk('medium', 'cluster', 'CPU sizing covers only the queries with scan_rows', 'R-S4');
    }
  } else {
    notes.risk(
      'medium',
      'cluster',
      'no scan_rows for any query: BE count from storage only; verify CPU in the load test',
      'R-S4',
    );
  }
  const beCount = Math.max(3, beStorage, beCpu ?? 0);
  notes.decide(
    'R-S5',
    'cluster',
    `${beCount} BEs × ${c.coresPerBe} cores / ${formatBytes(c.ramPerBe)} RAM / ${formatBytes(c.diskPerBe)} SSD`,
    `max(3, storage ${beStorage}${beCpu === null ? '' : `, CPU ${beCpu}`})${beCount < 4 ? '; SBP recommends ≥ 4 BEs' : ''}`,
  );
  if (c.ramPerBe < c.coresPerBe * 2 * GiB) {
    notes.risk('high', 'cluster', `${formatBytes(c.ramPerBe)} RAM per BE is below 2 GB per core`, 'R-S5');
  } else if (c.ramPerBe < c.coresPerBe * 4 * GiB || c.ramPerBe < 64 * GiB) {
    notes.risk(
      'low',
      'cluster',
      `${formatBytes(c.ramPerBe)} RAM per BE is below the recommended 4 GB per core / 64 GB`,
      'R-S5',
    );
  }
  return { single, physical, provisioned, beStorage, beCpu, coresFloor, coresPublished, beCount };
}

/** FE count and heap, tablet guards, PK memory totals, cluster decision. */
export function finishSizing(
  form: Form,
  be: BeEstimate,
  tables: readonly TableDesign[],
  exclusiveCores: number,
  notes: Notes,
): Sizing {
  const tabletReplicas = tables.reduce((sum, t) => sum + t.sizes.tabletReplicas, 0);
  const replicasPerBe = tabletReplicas / be.beCount;
  const feObservers = Math.floor(form.qpsPeak / 1000);
  const feHeapBytes = tabletReplicas * 1024 * 2;
  notes.decide(
    'R-S1',
    'cluster',
    `3 FE followers${feObservers > 0 ? ` + ${feObservers} observer(s)` : ''}, 8+ cores / 32 GB each`,
    `peak ${form.qpsPeak} QPS (1 observer per 1000); FE heap need ${formatBytes(feHeapBytes)} for ` +
      `${formatCount(tabletReplicas)} tablet replicas (× 1 KB × 2); upstream minimum 16 GB, SBP ≥ 32 GB`,
  );
  if (replicasPerBe > 200_000)
    notes.risk('high', 'cluster', `${formatCount(replicasPerBe)} tablet replicas per BE (> 200 k)`, 'R-B6');
  else if (replicasPerBe > 100_000)
    notes.risk('medium', 'cluster', `${formatCount(replicasPerBe)} tablet replicas per BE (> 100 k)`, 'R-B6');
  const pkMemoryBytes = tables.reduce((sum, t) => sum + (t.pkMemory?.inMemoryBytes ?? 0), 0);
  const { cluster, why } = decideCluster(form, be.beCount, exclusiveCores);
  notes.decide('R-G2', 'cluster', `${cluster} cluster`, why);
  return {
    singleReplicaBytes: be.single,
    physicalBytes: be.physical,
    provisionedBytes: be.provisioned,
    beStorage: be.beStorage,
    beCpu: be.beCpu,
    coresFloor: be.coresFloor,
    coresPublished: be.coresPublished,
    beCount: be.beCount,
    feFollowers: 3,
    feObservers,
    feHeapBytes,
    tabletReplicas,
    replicasPerBe,
    pkMemoryBytes,
    cluster,
    clusterWhy: why,
  };
}

function decideCluster(
  form: Form,
  beCount: number,
  exclusiveCores: number,
): { cluster: Sizing['cluster']; why: string } {
  const mode = form.cluster.mode;
  if (mode === 'dedicated' || mode === 'shared')
    return { cluster: mode, why: `the form asks for a ${mode} cluster` };
  if (form.core) return { cluster: 'dedicated', why: 'the business is marked core' };
  if (beCount >= 11)
    return { cluster: 'dedicated', why: `${beCount} BEs ≥ 11 (SBP's "real-time + complex ad-hoc" template)` };
  if (exclusiveCores > form.cluster.coresPerBe - 1) {
    return {
      cluster: 'dedicated',
      why: `${exclusiveCores} exclusive cores per BE do not fit a shared BE (max cores − 1)`,
    };
  }
  return {
    cluster: 'shared',
    why: `${beCount} BEs < 11 and no core flag: shared cluster isolated by resource groups`,
  };
}
