/**
 * Every test form through check → plan, compared with reviewed golden artifacts, plus the seed's
 * form against the worked example of ONBOARDING.md §8, and the bad forms' diagnostics.
 */
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { makePlan, type Plan } from '../../src/tools/onboard/design/index.js';
import {
  checkFormFile,
  checkFormText,
  EXAMPLE_FORM,
  formatDiagnostic,
} from '../../src/tools/onboard/form/index.js';
import { planFiles } from '../../src/tools/onboard/render/index.js';
import { expectGolden, FORMS_DIR } from './golden.js';

/** Artifacts kept as goldens (plan.html and the dashboard are checked by rendering/schema tests). */
const GOLDEN_FILES = [
  'plan.json',
  'tables.sql',
  'loads.sql',
  'resource-group.sql',
  'PLAN.md',
  'sizing.md',
  'prometheus-rules.yml',
  'flink-sink.properties',
  'stream-load.sh',
];

async function planOf(file: string): Promise<Plan> {
  const result = await checkFormFile(file);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(
    errors.map((d) => formatDiagnostic(file, d)),
    [],
  );
  assert.ok(result.form !== undefined);
  return makePlan(result.form);
}

async function seedPlan(): Promise<Plan> {
  const result = await checkFormText(EXAMPLE_FORM, FORMS_DIR);
  assert.ok(result.form !== undefined, JSON.stringify(result.diagnostics));
  return makePlan(result.form);
}

const goodForms = (await readdir(FORMS_DIR))
  .filter((f) => f.endsWith('.yaml') && !f.startsWith('bad-'))
  .sort();
const badForms = (await readdir(FORMS_DIR)).filter((f) => f.startsWith('bad-')).sort();

test('there are at least 10 test forms (good and bad, plus the seed)', () => {
  assert.ok(goodForms.length + badForms.length + 1 >= 10, `${goodForms.length} good, ${badForms.length} bad`);
});

test('seed form: golden artifacts', async () => {
  const files = planFiles(await seedPlan(), 'starrocks');
  for (const name of GOLDEN_FILES) await expectGolden(`seed/${name}`, files[name] ?? '');
});

for (const form of goodForms) {
  test(`form ${form}: golden artifacts`, async () => {
    const files = planFiles(await planOf(join(FORMS_DIR, form)), 'starrocks');
    const base = form.replace(/\.yaml$/, '');
    for (const name of GOLDEN_FILES) await expectGolden(`${base}/${name}`, files[name] ?? '');
  });
}

for (const form of badForms) {
  test(`bad form ${form}: diagnostics point at lines`, async () => {
    const result = await checkFormFile(join(FORMS_DIR, form));
    assert.equal(result.form, undefined);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    assert.ok(errors.length > 0);
    for (const d of errors) assert.ok(d.line !== undefined && d.line > 0, `no line for ${d.message}`);
    const text = result.diagnostics.map((d) => formatDiagnostic(form, d)).join('\n');
    await expectGolden(`bad/${form.replace(/\.yaml$/, '.txt')}`, `${text}\n`);
  });
}

test('bad-fields.yaml names each problem the issue lists', async () => {
  const result = await checkFormFile(join(FORMS_DIR, 'bad-fields.yaml'));
  const text = result.diagnostics.map((d) => formatDiagnostic('f', d)).join('\n');
  assert.match(text, /f:5:3: error: owner: missing required field 'contact'/);
  assert.match(text, /f:12:12: error: retention: must be greater than 0/);
  assert.match(text, /f:16:14: error: latency\.point_p99: "fast" is not a duration/);
  assert.match(text, /f:8:5: error: sources\[0\]: missing required field 'kind'/);
});

test('seed form reproduces the worked example of ONBOARDING.md §8', async () => {
  const plan = await seedPlan();
  const behavior = plan.tables.find((t) => t.name === 'user_behavior');
  const profile = plan.tables.find((t) => t.name === 'user_profile');
  assert.ok(behavior !== undefined && profile !== undefined);
  // Tables: behaviour log Duplicate (R-T3), profile PK on user_id with persistent index (R-T1, R-T6).
  assert.equal(behavior.model, 'DUPLICATE');
  assert.equal(profile.model, 'PRIMARY');
  assert.deepEqual(profile.keyColumns, ['user_id']);
  assert.ok(profile.properties.some(([k, v]) => k === 'enable_persistent_index' && v === 'true'));
  // PK memory: (8 + 9) × 1e8 × 3 × 1.5 = 7.65e9 B (§8: "≈ 7.7 GB"), persistent ≈ 1/10.
  assert.equal(Math.round(profile.pkMemory?.inMemoryBytes ?? 0), 7_650_000_000);
  // Storage: 5 TB + 36.5 TB / 3 → 12 BEs at 8 TB (R-S3).
  assert.equal(plan.sizing.beStorage, 12);
  assert.equal(plan.sizing.beCount, 12);
  // Partitioning: 33.3 GB/day compressed → day partitions, 365-day TTL (R-P2, R-P4).
  assert.equal(behavior.partition?.unit, 'day');
  assert.equal(behavior.partition?.count, 365);
  assert.equal(Math.round((behavior.sizes.dailyCompressed / 2 ** 30) * 10) / 10, 33.3);
  // Buckets: max(backend factor 24, ⌈33.3 / 3⌉ = 12) = 24, ≈ 1.4 GB per tablet, key user_id (R-B2, R-B4).
  assert.deepEqual(behavior.distribution, { kind: 'hash', columns: ['user_id'], buckets: 24 });
  assert.equal(Math.round((behavior.sizes.tabletBytes / 2 ** 30) * 100) / 100, 1.39);
  // Replicas: 365 × 24 × 3 = 26 280 for the behaviour log (R-B6).
  assert.equal(behavior.sizes.tabletReplicas, 26_280);
  // Sort key: (user_id, event_time) since point lookups dominate (R-K1).
  assert.deepEqual(behavior.keyColumns, ['user_id', 'event_time']);
  // MV: aggregation on the PK profile → async MV (sync not allowed on PK) (R-M1).
  assert.equal(plan.mvs.length, 1);
  assert.equal(plan.mvs[0]?.kind, 'async');
  assert.equal(plan.mvs[0]?.base, 'user_profile');
  // Load: Routine Load every 5 s (= freshness / 2), concurrency ≤ min(…, 12, 5) (R-L3, R-L4).
  assert.equal(plan.loads.routine[0]?.intervalS, 5);
  assert.equal(plan.loads.routine[0]?.concurrency, 5);
  // Stock: 5 TB → ≥ 50 jobs of ≤ 100 GB (R-L2): 5120 GB / 100 → 52.
  assert.equal(plan.loads.stock.length, 52);
  // Monitoring: P99 200 ms / 5000 ms per resource group, lag > 10 s (R-A2, R-A3).
  assert.deepEqual(
    plan.resourceGroups.map((g) => g.p99Ms),
    [200, 5000],
  );
  const rules = planFiles(plan, 'starrocks')['prometheus-rules.yml'] ?? '';
  assert.match(
    rules,
    /starrocks_fe_routine_load_max_lag_time_of_partition\{job_name="rl_user_behavior_user_behavior_log"\}\) > 10/,
  );
  assert.match(rules, /type="99_quantile"\}\) > 200/);
});

test('rules respond to the form: AGGREGATE mart, RANDOM logs, sync MV, hour partitions, CPU sizing', async () => {
  const mart = await planOf(join(FORMS_DIR, 'bi-mart.yaml'));
  assert.equal(mart.tables[0]?.model, 'AGGREGATE');
  assert.equal(mart.tables[0]?.partition?.unit, 'month');
  const logs = await planOf(join(FORMS_DIR, 'nginx-logs.yaml'));
  assert.equal(logs.tables[0]?.distribution.kind, 'random');
  assert.equal(logs.tables[0]?.partition?.unit, 'hour');
  const live = await planOf(join(FORMS_DIR, 'live-dashboard.yaml'));
  assert.equal(live.mvs[0]?.kind, 'sync');
  assert.ok(live.risks.some((r) => r.rule === 'R-L3' && r.level === 'high'));
  const iot = await planOf(join(FORMS_DIR, 'iot-huge.yaml'));
  assert.ok(iot.sizing.beCpu !== null && iot.sizing.beCpu > 3);
  assert.equal(iot.sizing.cluster, 'dedicated');
  const lookup = await planOf(join(FORMS_DIR, 'tiny-lookup.yaml'));
  assert.equal(lookup.sizing.cluster, 'shared');
  assert.ok(lookup.tables.every((t) => t.partition === null && t.model === 'PRIMARY'));
  const adhoc = await planOf(join(FORMS_DIR, 'adhoc-s3.yaml'));
  assert.ok(adhoc.tables[0]?.properties.some(([k]) => k === 'partition_retention_condition'));
  const sampled = await planOf(join(FORMS_DIR, 'sampled.yaml'));
  assert.equal(sampled.form.tables[0]?.columnsOrigin, 'sample');
  assert.deepEqual(
    sampled.form.tables[1]?.columns.map((c) => `${c.name} ${c.type}`),
    ['release_id INT', 'app_id INT', 'version VARCHAR(16)', 'released_at DATETIME', 'notes JSON'],
  );
});
