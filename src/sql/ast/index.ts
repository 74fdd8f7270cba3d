export type * from './expr.js';
export type * from './query.js';
export type * from './ddl.js';
export type * from './dml.js';
export type * from './admin.js';
export type * from './statement.js';
