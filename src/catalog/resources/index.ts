/** Platform documents (users, roles, resource groups, catalogs, MV state) and resource groups. */
export { DocStore, type DocKind, type DocWriter } from './doc-store.js';
export { Tokens } from './tokens.js';
export * from './groups.js';
