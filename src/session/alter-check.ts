/**
 * ALTER TABLE column actions checked before anything runs, as StarRocks' AlterTableClauseAnalyzer
 * and SchemaChangeHandler do: a statement that fails leaves the table untouched, and the errors
 * carry StarRocks' texts (which differ per table model).
 */
import type { ColumnDescriptor, TableEntry } from '../catalog/index.js';
import type { SourcePos } from '../errors/index.js';
import { SqlError } from '../errors/index.js';
import type { AstAlterAction, AstColumnDef } from '../sql/index.js';
import { columnLine } from './show-create.js';

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function plain(message: string): SqlError {
  return new SqlError('runtime-error', { message });
}

const MODEL_WORD = { duplicate: 'Duplicate', unique: 'Unique', aggregate: 'Aggregate', primary: 'primary' };

function modelWord(entry: TableEntry): string {
  return MODEL_WORD[entry.keysType ?? 'duplicate'];
}

function at(pos: SourcePos | undefined): string {
  return pos === undefined ? '' : `line ${pos.line}, column ${pos.column - 1}`;
}

/** `KEY` with an aggregate function (a PRIMARY KEY table gives new columns REPLACE). */
function checkColumnDef(entry: TableEntry, def: AstColumnDef): void {
  const agg = def.aggType ?? (entry.keysType === 'primary' ? 'replace' : undefined);
  if (def.key === true && agg !== undefined) {
    const where = def.pos === undefined ? '' : ` from ${at(def.pos)} to ${at(def.endPos ?? def.pos)}`;
    throw plain(
      `Getting analyzing error${where}. Detail message: Column definition is wrong. ` +
        `Cannot specify aggregate function '${agg.toUpperCase()}' for key column '${def.name}'.`,
    );
  }
}

/** The column rendered the way StarRocks prints it in "already exists" hints. */
function columnText(c: ColumnDescriptor): string {
  return columnLine(c).trim();
}

/** The column id (creation name) of a column, lower case: renames keep it. */
function columnId(entry: TableEntry, c: ColumnDescriptor): string {
  return (entry.definition.columnIds?.[c.name.toLowerCase()] ?? c.name).toLowerCase();
}

function checkAdd(entry: TableEntry, def: AstColumnDef, added: Map<string, string>): void {
  if (def.aggType !== undefined && entry.keysType !== 'aggregate' && entry.keysType !== 'primary')
    throw plain(
      `Can not assign aggregation method on column in ${modelWord(entry)} data model table: ${def.name}`,
    );
  const sig = JSON.stringify({ ...def, pos: undefined, endPos: undefined });
  const prev = added.get(def.name.toLowerCase());
  if (prev !== undefined && prev !== sig)
    throw plain(`Repeatedly add same column with different definition: ${def.name}`);
  added.set(def.name.toLowerCase(), sig);
  const old = entry.columns.find((c) => same(c.name, def.name));
  const renamed = entry.columns.find(
    (c) => !same(c.name, def.name) && columnId(entry, c) === def.name.toLowerCase(),
  );
  if (old === undefined && renamed !== undefined)
    throw plain(
      `Can not add column which already exists in column id: ${def.name}, you can remove ${columnText(renamed)} and try again.`,
    );
  if (old === undefined) return;
  if (entry.keysType === 'primary')
    throw plain(
      `Can not add column which already exists in column id: ${old.name}, you can remove ${columnText(old)} and try again.`,
    );
  throw plain(`Can not add column which already exists in base table: ${old.name}`);
}

function checkDrop(entry: TableEntry, name: string): void {
  const c = entry.columns.find((x) => same(x.name, name));
  if (c === undefined) throw plain(`Column does not exists: ${name}`);
  if (c.isKey && entry.keysType !== 'duplicate')
    throw plain(`Can not drop key column in ${modelWord(entry)} data model table`);
  if (entry.keysType === 'primary' && (entry.definition.orderBy ?? []).some((n) => same(n, name)))
    throw plain('Can not drop sort column in primary data model table');
}

function checkModify(entry: TableEntry, def: AstColumnDef): void {
  const c = entry.columns.find((x) => same(x.name, def.name));
  if (c === undefined) return;
  if (def.aggType !== undefined && entry.keysType !== 'aggregate' && entry.keysType !== 'primary')
    throw plain(
      `Can not assign aggregation method on column in ${modelWord(entry)} data model table: ${def.name}`,
    );
  if (entry.keysType === 'primary' && c.isKey)
    throw plain(`Can not modify key column: ${c.name} for primary key table`);
  if (entry.keysType === 'primary' && (entry.definition.orderBy ?? []).some((n) => same(n, c.name)))
    throw plain('Can not modify sort column in primary data model table');
}

/**
 * Check a statement's column actions against the table before any of them runs: definitions
 * first (StarRocks' analyzer), then adds/drops/modifies against the schema (its handler).
 */
export function checkColumnActions(entry: TableEntry, actions: readonly AstAlterAction[]): void {
  for (const a of actions) {
    if (a.kind === 'add-column' || a.kind === 'modify-column') checkColumnDef(entry, a.column);
    if (a.kind === 'add-columns') for (const c of a.columns) checkColumnDef(entry, c);
  }
  const added = new Map<string, string>();
  for (const a of actions) {
    if (a.kind === 'add-column') checkAdd(entry, a.column, added);
    else if (a.kind === 'add-columns') for (const c of a.columns) checkAdd(entry, c, added);
    else if (a.kind === 'drop-column') {
      if (!added.has(a.column.toLowerCase())) checkDrop(entry, a.column);
    } else if (a.kind === 'modify-column') checkModify(entry, a.column);
  }
}
