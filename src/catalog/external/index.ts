/** External catalog definitions (stored and shown; querying them is not implemented yet). */
export * from './catalogs.js';
