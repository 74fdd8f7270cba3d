/**
 * What a load writes and what it asks of the table model: the `__op` column, partial_update and
 * merge_condition, validated with StarRocks' texts (FE `Load.initColumns`, `Load.checkMergeCondition`,
 * `Load.getPartialUpateColumns`, `StreamLoadPlanner`) before any byte of the body is read. The
 * result is handed to the model writer (`writeRows` in write.ts) as `WriteFeatures`.
 *
 * StarRocks' rules followed here:
 * - `__op` only means something for PRIMARY KEY tables (elsewhere it is an ignored source column);
 *   as a source column it is read as TINYINT; as a mapping, the string constants 'upsert'/'delete'
 *   become 0/1, another string is refused, a non-integer constant is refused. A JSON Stream Load on a
 *   PRIMARY KEY table without `__op` in `columns` reads each object's `__op` key (missing: 0).
 * - partial_update writes only the columns named in `columns` (plus auto-increment columns); every
 *   key column must be named; unnamed columns need no default.
 * - merge_condition names a non-key column among the written ones, of a comparable type.
 */
import type { ColumnDescriptor, TableEntry } from '../catalog/index.js';
import type { AstExpr } from '../sql/index.js';
import { LoadError } from './errors.js';
import type { LoadOptions } from './options.js';
import { checkPartialSortKey, type WriteFeatures } from './write.js';

/** The load-only column naming the operation of a row (0 upsert, 1 delete). */
export const OP_COLUMN = '__op';

export interface WritePlan {
  /** The table columns the load writes, in table order (all of them unless partial_update). */
  readonly columns: readonly ColumnDescriptor[];
  /** The `__op` value of each row (TINYINT), or null: every row upserts/appends. */
  readonly op: AstExpr | null;
  /** Add a source slot `__op` read from each JSON object (missing key: upsert). */
  readonly autoJsonOp: boolean;
  readonly features: WriteFeatures;
}

/** Types a merge condition cannot compare (`Load.checkMergeCondition`). */
const NOT_COMPARABLE = new Set([
  'char',
  'varchar',
  'string',
  'percentile',
  'bitmap',
  'binary',
  'varbinary',
  'json',
  'hll',
]);

const lower = (s: string): string => s.toLowerCase();

function opConstant(expr: AstExpr): AstExpr {
  if (expr.kind === 'string') {
    const op = lower(expr.value);
    if (op === 'upsert') return { kind: 'number', text: '0' };
    if (op === 'delete') return { kind: 'number', text: '1' };
    throw new LoadError(`load op type string not supported: ${op}`);
  }
  if ((expr.kind === 'number' && !/^\d+$/.test(expr.text)) || expr.kind === 'bool' || expr.kind === 'null')
    throw new LoadError('const load op type column should only be upsert(0)/delete(1)');
  return expr;
}

function isZero(e: AstExpr): boolean {
  return e.kind === 'number' && Number(e.text) === 0;
}

/** The `__op` expression of a PRIMARY KEY load (null: plain upserts). */
function opOf(
  options: LoadOptions,
  slotNames: readonly string[],
  mappings: ReadonlyMap<string, AstExpr>,
  streamLoad: boolean,
): { op: AstExpr | null; autoJsonOp: boolean } {
  const mapped = mappings.get(OP_COLUMN);
  if (mapped !== undefined) {
    const op = opConstant(mapped);
    return { op: isZero(op) ? null : op, autoJsonOp: false };
  }
  const slot = slotNames.find((n) => lower(n) === OP_COLUMN);
  if (slot !== undefined) return { op: { kind: 'column', parts: [slot] }, autoJsonOp: false };
  if (streamLoad && options.format === 'json' && options.jsonPaths === null) {
    const op: AstExpr = {
      kind: 'call',
      name: ['coalesce'],
      args: [
        { kind: 'column', parts: [OP_COLUMN] },
        { kind: 'number', text: '0' },
      ],
      distinct: false,
      star: false,
    };
    return { op, autoJsonOp: true };
  }
  return { op: null, autoJsonOp: false };
}

function partialColumns(table: TableEntry, named: ReadonlySet<string>): ColumnDescriptor[] {
  const out: ColumnDescriptor[] = [];
  for (const c of table.columns) {
    if (named.has(lower(c.name)) || c.autoIncrement) out.push(c);
    else if (c.isKey) throw new LoadError(`key column ${c.name} not in partial update columns`);
  }
  return out;
}

function checkMergeCondition(
  table: TableEntry,
  columns: readonly ColumnDescriptor[],
  name: string,
  partial: boolean,
): void {
  if (table.keysType !== 'primary')
    throw new LoadError(`Conditional update only support primary key table ${table.name}`);
  const col = columns.find((c) => lower(c.name) === lower(name));
  if (col === undefined)
    throw new LoadError(
      `Merge condition column ${name} does not exist. If you are doing partial update with condition update, ` +
        `please check condition column is in the given update columns. Otherwise please check condition column is in table ${table.name}`,
    );
  if (col.isKey) throw new LoadError(`Merge condition column ${name} should not be primary key!`);
  if (partial && col.autoIncrement)
    throw new LoadError('Merge condition column can not be auto increment column in partial update');
  if (NOT_COMPARABLE.has(col.type.kind))
    throw new LoadError('Merge condition column has invalid type maybe bitmap/hll/percentile/json/varchar!');
}

/**
 * Decide what the load writes. `slotNames` are the source columns, `mappings` the `columns`
 * header's `name = expr` items keyed by lower-cased target name.
 */
export function planWrite(
  table: TableEntry,
  options: LoadOptions,
  slotNames: readonly string[],
  mappings: ReadonlyMap<string, AstExpr>,
  streamLoad = false,
): WritePlan {
  const primary = table.keysType === 'primary';
  if (options.partialUpdate && !primary) throw new LoadError('Only primary key table support partial update');
  const named = new Set([...slotNames.map(lower), ...mappings.keys()]);
  const columns = options.partialUpdate ? partialColumns(table, named) : table.columns;
  if (options.mergeCondition !== null)
    checkMergeCondition(table, columns, options.mergeCondition, options.partialUpdate);
  const { op, autoJsonOp } = primary
    ? opOf(options, slotNames, mappings, streamLoad)
    : { op: null, autoJsonOp: false };
  if (options.partialUpdate)
    checkPartialSortKey(
      table,
      columns.map((c) => c.name),
      options.partialUpdateMode,
      op !== null && !autoJsonOp,
    );
  const features: WriteFeatures = {
    opColumn: op !== null,
    partialUpdate: options.partialUpdate,
    mergeCondition: options.mergeCondition,
    ...(options.partialUpdate ? { columns: columns.map((c) => c.name) } : {}),
  };
  return { columns, op, autoJsonOp, features };
}
