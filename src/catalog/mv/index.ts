/** Materialized views: state documents, refresh schemes, the scheduler, SHOW rows. */
export * from './model.js';
export * from './scheduler.js';
export * from './show.js';
export * from './statements.js';
export * from './bases.js';
export * from './rewrite-status.js';
