/** Users, roles and privileges (StarRocks RBAC) as plain data. */
export * from './model.js';
