/** Stage 1 (assessment) and stage 2 (design) as one pure function of the form. */
import type { Form } from '../form/model.js';
import { assess, queryTables } from './assess.js';
import { designLoads } from './loads.js';
import { designMvs } from './mvs.js';
import { Notes } from './notes.js';
import { designResourceGroups, exclusiveCoresPerBe } from './resources.js';
import { estimateBes, finishSizing } from './sizing.js';
import { designTable } from './tables.js';
import type { Plan } from './types.js';

export type * from './types.js';
export { RULES, type Decision, type Risk, type RuleId } from './rules.js';
export { assess } from './assess.js';
export { Notes } from './notes.js';
export { loadInterval, catalogName } from './loads.js';

/** Apply every rule to the form. */
export function makePlan(form: Form): Plan {
  const notes = new Notes();
  for (const a of form.cluster.assumed) notes.assume(`cluster: ${a}`);
  for (const t of form.tables) {
    if (t.volumeOrigin === 'business')
      notes.assume(`${t.name}: volume is a share of the business totals (the table gives none)`);
  }
  const assessment = assess(form, notes);
  const be = estimateBes(form, assessment.queries, notes);
  const tables = form.tables.map((spec) => {
    const qs = assessment.queries.filter((q) => queryTables(form, q).includes(spec.name));
    return designTable(form, spec, qs, be.beCount, notes);
  });
  const mvs = designMvs(form, tables, assessment.queries, be.beCount, notes);
  const loads = designLoads(form, tables, be.beCount, notes);
  const sizing = finishSizing(
    form,
    be,
    tables,
    exclusiveCoresPerBe(form, assessment.queries, be.beCount),
    notes,
  );
  const resourceGroups = designResourceGroups(form, assessment.queries, sizing, notes);
  pointQueryRisks(form, tables, assessment.queries, notes);
  return {
    form,
    assessment: { ...assessment, risks: [...notes.risks], questions: [...notes.questions] },
    tables,
    mvs,
    loads,
    sizing,
    resourceGroups,
    decisions: notes.decisions,
    risks: notes.risks,
    questions: notes.questions,
    assumptions: notes.assumptions,
  };
}

/** QPS vs point-query cost: a lookup without a time filter touches every partition. */
function pointQueryRisks(
  form: Form,
  tables: Plan['tables'],
  queries: Plan['assessment']['queries'],
  notes: Notes,
): void {
  for (const q of queries) {
    if (q.cls !== 'point') continue;
    for (const name of queryTables(form, q)) {
      const t = tables.find((x) => x.name === name);
      if (t === undefined || t.partition === null) continue;
      const filtered = q.shape.filters.some((f) => f.column === t.partition?.column);
      const parts = t.sizes.partitions;
      if (!filtered && parts > 1) {
        notes.risk(
          'high',
          `query ${q.name}`,
          `point lookup on ${t.name} has no ${t.partition.column} filter: each execution probes all ${parts} partitions ` +
            `(${Math.round(parts * q.qps)} tablet probes/s at ${Math.round(q.qps)} QPS) against a ${q.slaMs ?? '?'} ms P99; ` +
            'add a time range to the query or serve it from a per-user table/MV',
          'R-K2',
        );
      }
    }
  }
}
