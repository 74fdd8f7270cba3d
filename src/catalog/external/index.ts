/** External catalog definitions (stored and shown; Hive catalogs are read by src/lakehouse). */
export * from './catalogs.js';
