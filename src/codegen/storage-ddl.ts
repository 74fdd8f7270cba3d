/**
 * DuckDB DDL for table storage: schemas per database (`d<id>`), tables per StarRocks table
 * (`t<id>`), columns named as in StarRocks (DuckDB column names are case-insensitive like
 * StarRocks'). Every name and type passes through the escaping functions; StarRocks names never
 * appear in schema/table identifiers, so RENAME/SWAP are metadata-only.
 */
import type { ColumnDescriptor, StorageRef } from '../catalog/index.js';
import { duckdbType, quoteIdent, quoteQualified } from './escape.js';

export function createSchemaSql(schema: string): string {
  return `CREATE SCHEMA ${quoteIdent(schema)}`;
}

/** Drops the schema with every table in it (DROP DATABASE). */
export function dropSchemaSql(schema: string): string {
  return `DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`;
}

/** One column definition: type from the StarRocks type, NOT NULL as declared. */
export function columnDefSql(c: ColumnDescriptor): string {
  return `${quoteIdent(c.name)} ${duckdbType(c.type)}${c.nullable ? '' : ' NOT NULL'}`;
}

export function createTableSql(ref: StorageRef, columns: readonly ColumnDescriptor[]): string {
  return `CREATE TABLE ${quoteQualified(ref.schema, ref.table)} (${columns.map(columnDefSql).join(', ')})`;
}

export function dropTableSql(ref: StorageRef): string {
  return `DROP TABLE IF EXISTS ${quoteQualified(ref.schema, ref.table)}`;
}

/** TRUNCATE TABLE keeps the storage and its definition. */
export function truncateTableSql(ref: StorageRef): string {
  return `DELETE FROM ${quoteQualified(ref.schema, ref.table)}`;
}

/** `INSERT INTO storage (cols…) <select>` for a generated source query (CTAS, INSERT … SELECT). */
export function insertIntoSql(ref: StorageRef, columns: readonly string[], selectSql: string): string {
  return `INSERT INTO ${quoteQualified(ref.schema, ref.table)} (${columns.map(quoteIdent).join(', ')}) ${selectSql}`;
}
