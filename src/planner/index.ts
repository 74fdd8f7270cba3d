/** Planner: bound tree → logical plan (see CONTEXT.md). */
export type * from './logical.js';
export { planQuery, planRelation, type PlanContext } from './build.js';
export { explainPlan } from './explain.js';
export { batchableLookup, maxRows, type BatchableLookup } from './lookup.js';
