/**
 * The load plan: how the fields of a body become table rows, as DuckDB SQL.
 *
 *   layer A (fixed templates, a TEMP VIEW over the spilled body): raw fields `__r<i>`, the source
 *     columns converted with the load converters (convert-sql.ts), `__rockling_ok` (strict mode:
 *     no non-NULL field became NULL) and `__rockling_bad` (first field that failed);
 *   layer B (compiled by the SQL compiler from ASTs, never from pasted text): one expression per
 *     table column — the `columns` mapping expression, the source column of that name, or the
 *     default — cast to the column type, plus the `where` predicate, bound against layer A as a
 *     table;
 *   layer C (fixed templates): length fitting, NOT NULL and strict checks → `ok`, `sel`, `sinkok`.
 *
 * Rows with ok ∧ sel ∧ sinkok are loaded; ¬ok and ok ∧ sel ∧ ¬sinkok are filtered (counted against
 * max_filter_ratio, logged); ok ∧ ¬sel are unselected — StarRocks' order (scanner, where, sink).
 * Column typing follows Load.java: a source column named like a table column and not used by any
 * mapping expression is read as that column's type; every other source column is VARCHAR.
 */
import {
  DEFAULT_CATALOG,
  plainColumn,
  type CatalogView,
  type ColumnDescriptor,
  type TableDescriptor,
  type TableEntry,
} from '../catalog/index.js';
import { compileQuery, quoteIdent, quoteString, type CompileContext } from '../codegen/index.js';
import type { AstExpr, AstQuery } from '../sql/index.js';
import { parseExpression } from '../sql/index.js';
import { T, type SqlType, type Value } from '../types/index.js';
import { assertNoSubquery, parseColumnsHeader, type ColumnItem } from './columns-header.js';
import { convertText, stringLimit } from './convert-sql.js';
import { LoadError } from './errors.js';
import type { LoadOptions } from './options.js';
import type { WriteFeatures } from './write.js';
import { OP_COLUMN, planWrite } from './write-plan.js';
import { rowStatements, type StagedRows } from './plan-rows.js';
import { describeRejected } from './reject-reason.js';

/** The database name layer A is bound under (never a real database: names starting `__` are ours). */
const LOAD_DB = '__rockling_load';
const OK = '__rockling_ok';
const BAD = '__rockling_bad';
export { FILTERED_SIGNAL } from './plan-rows.js';

export interface SourceSlot {
  readonly name: string;
  readonly type: SqlType;
  /** Read with the table column's type (else VARCHAR). */
  readonly typed: boolean;
}

export interface LoadPlan {
  /** Source columns in file order (CSV field i / JSON key or jsonpath i). */
  readonly slots: readonly SourceSlot[];
  /** `CREATE TEMP VIEW …` over a relation whose columns are `c0…c<k-1>` (all VARCHAR). */
  createViewSql(relation: string): string;
  readonly dropViewSql: string;
  /**
   * The rows to write: the written table columns in table order (all of them unless
   * partial_update), then `__op` when `write.opColumn` — what `writeRows` expects with `write`.
   */
  readonly rowsSql: string;
  /** What the rows ask of the table model (passed to `writeRows`). */
  readonly write: WriteFeatures;
  /**
   * The same rows for a body whose record count is unknown, without `where`: any row that would be
   * filtered raises FILTERED_SIGNAL instead, so rows written = rows read (no counting pass).
   */
  readonly guardedRowsSql: string;
  /** One row: filtered-by-conversion, unselected, filtered-by-sink, total. */
  readonly statsSql: string;
  /** Up to `limit` rejected rows with what describeRejected needs. */
  errorsSql(limit: number): string;
  describeRejected(row: readonly Value[]): { record: string; reason: string };
  /** The target table (its partitions are looked up when the load runs). */
  readonly table: TableEntry;
  /**
   * The same plan with the partition check: rows for which `member` (a predicate over the table's
   * column names, src/catalog/partitions) is not true are filtered (plan-rows.ts).
   */
  withPartitionCheck(member: string | null): LoadPlan;
}

export interface PlanInput {
  readonly table: TableEntry;
  readonly dbName: string;
  readonly options: LoadOptions;
  readonly catalog: CatalogView;
  readonly user: string;
  /** Unique per load: the temp view's name. */
  readonly viewName: string;
  /** A Stream Load: JSON objects carry `__op` for PRIMARY KEY tables (Routine Load: no). */
  readonly streamLoad?: boolean;
}

function colRef(name: string): AstExpr {
  return { kind: 'column', parts: [name] };
}

function findColumn(table: TableEntry, name: string): ColumnDescriptor | undefined {
  const lower = name.toLowerCase();
  return table.columns.find((c) => c.name.toLowerCase() === lower);
}

/** Source slots and mapping expressions from the `columns` header (or the table's columns). */
function sourceColumns(input: PlanInput): { slots: SourceSlot[]; mappings: Map<string, AstExpr> } {
  const { table, options } = input;
  const items: ColumnItem[] =
    options.columns === null
      ? table.columns.map((c) => ({ name: c.name, expr: null }))
      : parseColumnsHeader(options.columns);
  const mappings = new Map<string, AstExpr>();
  const argNames = new Set<string>();
  for (const item of items) {
    if (item.expr === null) continue;
    assertNoSubquery(item.expr, 'columns mapping');
    const col = findColumn(table, item.name);
    if (col === undefined && item.name.toLowerCase() !== OP_COLUMN)
      throw new LoadError(`Unknown column '${item.name}' in '${table.name}'`);
    mappings.set((col?.name ?? item.name).toLowerCase(), item.expr);
    collectColumnNames(item.expr, argNames);
  }
  const slots = items
    .filter((i) => i.expr === null)
    .map((i): SourceSlot => {
      const col = findColumn(input.table, i.name);
      // Load.java: the __op source column of a PRIMARY KEY load is read as TINYINT.
      if (col === undefined && i.name.toLowerCase() === OP_COLUMN && input.table.keysType === 'primary')
        return { name: i.name, type: T.tinyint, typed: true };
      const typed =
        col !== undefined && !argNames.has(i.name.toLowerCase()) && !mappings.has(col.name.toLowerCase());
      return { name: i.name, type: typed && col ? col.type : T.varchar(), typed };
    });
  if (slots.length === 0) throw new LoadError('No source column in the columns header');
  return { slots, mappings };
}

function collectColumnNames(v: unknown, out: Set<string>): void {
  if (v === null || typeof v !== 'object') return;
  if (Array.isArray(v)) {
    for (const x of v) collectColumnNames(x, out);
    return;
  }
  const node = v as { kind?: unknown; parts?: unknown };
  if (node.kind === 'column' && Array.isArray(node.parts))
    out.add(String(node.parts[node.parts.length - 1]).toLowerCase());
  for (const x of Object.values(v)) collectColumnNames(x, out);
}

const NOW = /^(current_timestamp|now)(\(\))?$/i;

/** The expression producing one table column (before the final cast). */
function targetExpr(
  col: ColumnDescriptor,
  slots: readonly SourceSlot[],
  mappings: Map<string, AstExpr>,
): AstExpr {
  const mapped = mappings.get(col.name.toLowerCase());
  if (mapped !== undefined) return mapped;
  const slot = slots.find((s) => s.name.toLowerCase() === col.name.toLowerCase());
  if (slot !== undefined) return colRef(slot.name);
  if (col.defaultValue !== null) {
    if (NOW.test(col.defaultValue))
      return { kind: 'call', name: ['now'], args: [], distinct: false, star: false };
    return { kind: 'string', value: col.defaultValue };
  }
  if (!col.nullable && !col.autoIncrement)
    throw new LoadError(`Column has no default value. column: ${col.name}`);
  return { kind: 'null' };
}

function layerADescriptor(viewName: string, slots: readonly SourceSlot[]): TableDescriptor {
  return {
    kind: 'table',
    catalog: DEFAULT_CATALOG,
    db: LOAD_DB,
    name: viewName,
    columns: [
      ...slots.map((s) => plainColumn(s.name, s.type)),
      ...slots.map((_, i) => plainColumn(`__r${i}`, T.varchar())),
      plainColumn(OK, T.boolean),
      plainColumn(BAD, T.int),
    ],
    storage: { schema: 'temp', table: viewName },
    comment: '',
  };
}

function compileContext(input: PlanInput, descriptor: TableDescriptor): CompileContext {
  const base = input.catalog;
  const catalog: CatalogView = {
    databaseExists: (c, d) => (c === DEFAULT_CATALOG && d === LOAD_DB) || base.databaseExists(c, d),
    listDatabases: (c) => base.listDatabases(c),
    listTables: (c, d) => base.listTables(c, d),
    getTable: (c, d, n) =>
      c === DEFAULT_CATALOG && d === LOAD_DB && n === descriptor.name ? descriptor : base.getTable(c, d, n),
  };
  const tz = input.options.timezone;
  return {
    catalog,
    currentCatalog: DEFAULT_CATALOG,
    currentDb: input.dbName,
    sessionValue: (name) => (name.toLowerCase() === 'time_zone' && tz !== null ? tz : undefined),
    userVariable: () => null,
    currentUser: `'${input.user}'@'%'`,
    connectionId: 0,
  };
}

function selectAst(viewName: string, items: readonly AstExpr[]): AstQuery {
  return {
    kind: 'query',
    orderBy: [],
    body: {
      kind: 'select',
      distinct: false,
      items: items.map((expr) => ({ expr })),
      from: [{ kind: 'table', name: { parts: [LOAD_DB, viewName] } }],
      groupBy: [],
      windows: [],
    },
  };
}

/** Build the plan; throws LoadError for header problems (unknown columns, bad expressions). */
export function buildPlan(input: PlanInput): LoadPlan {
  const { table, options } = input;
  const { slots: named, mappings } = sourceColumns(input);
  const write = planWrite(
    table,
    options,
    named.map((s) => s.name),
    mappings,
    input.streamLoad === true,
  );
  const slots = write.autoJsonOp ? [...named, { name: OP_COLUMN, type: T.tinyint, typed: true }] : named;
  // The written columns, then `__op` as one more nullable TINYINT output.
  const outCols: ColumnDescriptor[] = [...write.columns, ...(write.op === null ? [] : [opDescriptor()])];
  let where: AstExpr | null = null;
  if (options.where !== null) {
    try {
      where = parseExpression(options.where);
    } catch (e) {
      throw new LoadError(`Failed to parse where header: ${options.where}. ${(e as Error).message}`);
    }
    assertNoSubquery(where, 'where');
  }
  const targets = outCols.map((col): AstExpr => ({
    kind: 'cast',
    operand: col.name === OP_COLUMN && write.op !== null ? write.op : targetExpr(col, slots, mappings),
    type: col.type,
  }));
  const descriptor = layerADescriptor(input.viewName, slots);
  const ctx = compileContext(input, descriptor);
  const raw = slots.map((_, i) => colRef(`__r${i}`));
  const compile = (items: AstExpr[]): string => {
    try {
      return compileQuery(selectAst(input.viewName, items), ctx).sql;
    } catch (e) {
      if (e instanceof LoadError) throw e;
      throw new LoadError((e as Error).message);
    }
  };
  const mainSql = compile([...targets, colRef(OK), ...(where ? [where] : [])]);
  const diagSql = compile([...targets, colRef(OK), ...(where ? [where] : []), ...raw, colRef(BAD)]);
  const vNames = outCols.map((_, i) => `v${i}`);
  const fits = outCols.map((c, i) => fitSql(`q.v${i}`, c.type));
  const sinkChecks = outCols.flatMap((c, i) => {
    const checks: string[] = [];
    const limit = stringLimit(c.type);
    if (options.strictMode && limit !== null) checks.push(`(q.v${i} IS NULL OR strlen(q.v${i}) <= ${limit})`);
    // An AUTO_INCREMENT column's NULL is generated by writeRows, not filtered.
    if (!c.nullable && !c.autoIncrement) checks.push(`${fits[i]} IS NOT NULL`);
    return checks;
  });
  const sel = where ? 'q.w IS TRUE' : 'TRUE';
  const sinkok = sinkChecks.length > 0 ? sinkChecks.join(' AND ') : 'TRUE';
  const aliases = [...vNames, 'ok', ...(where ? ['w'] : [])];
  const stage = (sql: string, extra: string[], extraSelect: string): string =>
    `SELECT ${fits.map((f, i) => `${f} AS f${i}`).join(', ')}, q.ok AS ok, ${sel} AS sel, ${sinkok} AS sinkok${extraSelect} ` +
    `FROM (${sql}) AS q(${[...aliases, ...extra].join(', ')})`;
  const main = stage(mainSql, [], '');
  const rawNames = slots.map((_, i) => `r${i}`);
  const diag = stage(
    diagSql,
    [...rawNames, 'bad'],
    `, ${rawNames.map((r) => `q.${r}`).join(', ')}, q.bad, ${vNames.map((v) => `q.${v}`).join(', ')}`,
  );
  const staged: StagedRows = { main, diag, outNames: outCols.map((c) => c.name), slots: slots.length };
  const make = (member: string | null): LoadPlan => ({
    slots,
    table,
    write: write.features,
    createViewSql: (relation) => layerASql(input.viewName, slots, options.strictMode, relation),
    dropViewSql: `DROP VIEW IF EXISTS temp.main.${quoteIdent(input.viewName)}`,
    ...rowStatements(staged, member),
    describeRejected: (row) => describeRejected(row, outCols, slots, options),
    withPartitionCheck: make,
  });
  return make(null);
}

/** The `__op` output: nullable TINYINT, never a table column. */
function opDescriptor(): ColumnDescriptor {
  return plainColumn(OP_COLUMN, T.tinyint);
}

/** A string value longer than its column allows does not convert (NULL). */
function fitSql(x: string, t: SqlType): string {
  const limit = stringLimit(t);
  return limit === null ? x : `CASE WHEN strlen(${x}) <= ${limit} THEN ${x} END`;
}

function layerASql(
  viewName: string,
  slots: readonly SourceSlot[],
  strict: boolean,
  relation: string,
): string {
  const items: string[] = [];
  const conv = slots.map((s, i) => (s.typed ? convertText(`c${i}`, s.type) : `c${i}`));
  slots.forEach((s, i) => {
    items.push(`c${i} AS ${quoteIdent(`__r${i}`)}`);
    items.push(`${conv[i]} AS ${quoteIdent(s.name)}`);
  });
  const failing = slots.map((s, i) => (s.typed ? `(c${i} IS NOT NULL AND (${conv[i]}) IS NULL)` : null));
  const ok = strict ? failing.filter((f): f is string => f !== null).map((f) => `NOT ${f}`) : [];
  const badCases = failing.flatMap((f, i) => (f === null ? [] : [`WHEN ${f} THEN ${i}`]));
  items.push(`${ok.length > 0 ? ok.join(' AND ') : 'TRUE'} AS ${quoteIdent(OK)}`);
  items.push(
    `${badCases.length > 0 ? `CASE ${badCases.join(' ')} END` : 'NULL::INTEGER'} AS ${quoteIdent(BAD)}`,
  );
  return `CREATE OR REPLACE TEMP VIEW ${quoteIdent(viewName)} AS SELECT ${items.join(', ')} FROM ${relation}`;
}

/** The relation layer A reads: read_csv over a file in the load area with explicit VARCHAR columns. */
export function readCsvRelation(path: string, columns: number, options: string): string {
  const cols = Array.from({ length: columns }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  return `read_csv(${quoteString(path)}, ${options}, columns={${cols}})`;
}
