/**
 * The runtime values of `@duckdb/node-api`, loaded with `require` rather than `import`. The
 * package is CommonJS with ~100 modules re-exported through `__exportStar`; an ESM `import` makes
 * Node lex every one of them for named exports (cjs-module-lexer), which measured 540–850 ms of
 * a server start against 180–290 ms through `require` on this machine. Types still come from
 * `import type` (erased at compile time).
 */
import { createRequire } from 'node:module';
import type * as NodeApiModule from '@duckdb/node-api';

type NodeApi = typeof NodeApiModule;

const api = createRequire(import.meta.url)('@duckdb/node-api') as NodeApi;

/** See `DuckDBInstance` in @duckdb/node-api. */
export const DuckDBInstance: NodeApi['DuckDBInstance'] = api.DuckDBInstance;
/** The instance type (the value above is its class). */
export type DuckDBInstance = NodeApiModule.DuckDBInstance;
/** See `DuckDBTypeId` in @duckdb/node-api (an enum: members are used in switches). */
export const DuckDBTypeId: NodeApi['DuckDBTypeId'] = api.DuckDBTypeId;
/** The enum's member type. */
export type DuckDBTypeId = NodeApiModule.DuckDBTypeId;
/** See `blobValue` in @duckdb/node-api. */
export const blobValue: NodeApi['blobValue'] = api.blobValue;
