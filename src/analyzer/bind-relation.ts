/**
 * FROM clause: tables (system tables and materialized views read their storage; views are parsed
 * and bound in place), derived tables, VALUES, CTE references, table functions and joins with
 * USING / NATURAL, outer-join nullability and semi/anti-join visibility.
 */
import { SqlError, notSupported } from '../errors/index.js';
import type { TableDescriptor } from '../catalog/index.js';
import type { AstJoin, AstRelation, AstTableFunction, AstTableRef } from '../sql/ast/index.js';
import { T, commonSuperType, type SqlType } from '../types/index.js';
import type { BoundExpr, BoundRelation, ColumnInfo } from './bound.js';
import { bindExpr } from './bind-expr.js';
import { comparison, op, toBoolean } from './bind-operators.js';
import { bindQuery, bindValuesRows } from './bind-query.js';
import { analysisError } from './errors.js';
import { Scope, type Field, type FieldQualifier } from './scope.js';
import { coerce, columnRef, newColumn, type BindState } from './state.js';
import { parseViewText } from './view-parser.js';

export interface BoundFrom {
  readonly relation: BoundRelation;
  readonly fields: readonly Field[];
}

const MAX_VIEW_DEPTH = 32;

/** Bind a comma-separated FROM list; later items may refer to earlier ones (unnest, LATERAL). */
export function bindFromList(state: BindState, items: readonly AstRelation[], outer: Scope): BoundFrom {
  if (items.length === 0) return { relation: { kind: 'one-row', columns: [] }, fields: [] };
  let acc: BoundFrom | null = null;
  for (const item of items) {
    const right = bindRelation(state, item, outer, acc?.fields ?? []);
    acc = acc === null ? right : crossJoin(acc, right);
  }
  return acc!;
}

function crossJoin(left: BoundFrom, right: BoundFrom): BoundFrom {
  const fields = [...left.fields, ...right.fields];
  const relation: BoundRelation = {
    kind: 'join',
    joinType: 'cross',
    left: left.relation,
    right: right.relation,
    condition: null,
    columns: [...left.relation.columns, ...right.relation.columns],
  };
  return { relation, fields };
}

/** `lateral` are the fields of relations to the left (visible to table functions and LATERAL). */
export function bindRelation(
  state: BindState,
  r: AstRelation,
  outer: Scope,
  lateral: readonly Field[],
): BoundFrom {
  switch (r.kind) {
    case 'table':
      return bindTableRef(state, r, outer);
    case 'derived': {
      const scope = r.lateral ? outer.child(lateral) : outer;
      const query = bindQuery(state, r.query, scope);
      return derived(state, { kind: 'subquery', query, columns: query.columns }, r.alias, r.columnAliases);
    }
    case 'values-relation': {
      const { rows, columns } = bindValuesRows(state, r.values, outer, r.columnAliases);
      return derived(state, { kind: 'values', rows, columns }, r.alias, undefined, false);
    }
    case 'table-function':
      return bindTableFunction(state, r, outer.child(lateral));
    case 'join':
      return bindJoin(state, r, outer, lateral);
  }
}

/** Expose a relation's output under an alias, with fresh column ids for subqueries. */
function derived(
  state: BindState,
  rel: BoundRelation,
  alias: string | undefined,
  columnAliases: readonly string[] | undefined,
  fresh = true,
): BoundFrom {
  if (columnAliases !== undefined && columnAliases.length !== rel.columns.length) {
    throw analysisError(
      `Column count mismatch: ${columnAliases.length} aliases for ${rel.columns.length} columns`,
    );
  }
  const columns = rel.columns.map((c, i) => {
    const name = columnAliases?.[i] ?? c.name;
    if (!fresh) return { ...c, name };
    return newColumn(state, name, c.type, c.nullable, c.origin);
  });
  const relation: BoundRelation =
    rel.kind === 'subquery'
      ? { kind: 'subquery', query: rel.query, columns }
      : ({ ...rel, columns } as BoundRelation);
  const qualifier: FieldQualifier | null =
    alias === undefined ? null : { catalog: null, db: null, table: alias };
  return { relation, fields: columns.map((c) => ({ qualifier, name: c.name, column: c, inStar: true })) };
}

function bindTableRef(state: BindState, r: AstTableRef, outer: Scope): BoundFrom {
  const parts = r.name.parts;
  if (parts.length === 1) {
    const cte = outer.findCte(parts[0]!);
    if (cte !== null) {
      const columns = cte.columns.map((c) => newColumn(state, c.name, c.type, c.nullable, c.origin));
      const qualifier = { catalog: null, db: null, table: r.alias ?? parts[0]! };
      const relation: BoundRelation = { kind: 'cte-ref', cteId: cte.id, columns };
      return { relation, fields: columns.map((c) => ({ qualifier, name: c.name, column: c, inStar: true })) };
    }
  }
  if (parts.length > 3 || parts.length === 0)
    throw analysisError(`Invalid table name '${parts.join('.')}'`, r.pos);
  const ctx = state.ctx;
  const name = parts[parts.length - 1]!;
  const db = parts.length >= 2 ? parts[parts.length - 2]! : ctx.currentDb;
  const catalog = parts.length === 3 ? parts[0]! : ctx.currentCatalog;
  if (db === null) throw new SqlError('no-db-selected', {}, r.pos);
  if (!ctx.catalog.databaseExists(catalog, db))
    throw new SqlError('analysis-unknown-database', { db }, r.pos);
  const table = ctx.catalog.getTable(catalog, db, name);
  if (table === null) throw new SqlError('analysis-unknown-table', { table: `${db}.${name}` }, r.pos);
  if (r.temporal !== undefined) throw notSupported('time travel queries on native tables', r.pos);
  if (r.partitions !== undefined) throw notSupported('selecting partitions', r.pos);
  const qualifier: FieldQualifier =
    r.alias !== undefined
      ? { catalog: null, db: null, table: r.alias }
      : { catalog, db: table.db, table: table.name };
  if (table.kind === 'view') return bindView(state, table, qualifier);
  if (table.storage === undefined) throw analysisError(`Table '${table.name}' has no storage`, r.pos);
  const columns = table.columns.map((c) =>
    newColumn(state, c.name, c.type, c.nullable, { db: table.db, table: table.name, column: c.name }),
  );
  const relation: BoundRelation = {
    kind: 'table',
    table,
    columns,
    ...(r.before !== undefined ? { before: r.before } : {}),
  };
  return { relation, fields: columns.map((c) => ({ qualifier, name: c.name, column: c, inStar: true })) };
}

function bindView(state: BindState, table: TableDescriptor, qualifier: FieldQualifier): BoundFrom {
  if (table.viewQueryText === undefined) throw analysisError(`View '${table.name}' has no definition`);
  if (state.viewDepth >= MAX_VIEW_DEPTH)
    throw analysisError(`View '${table.db}.${table.name}' is nested too deeply`);
  state.viewDepth++;
  try {
    const ast = parseViewText(table.viewQueryText);
    // A view's body sees only the catalog, never the query around it; its db is the view's db.
    const viewState: BindState = Object.create(state, {
      ctx: { value: { ...state.ctx, currentDb: table.db } },
    }) as BindState;
    const query = bindQuery(viewState, ast, new Scope([], null));
    const names =
      table.columns.length === query.columns.length ? table.columns.map((c) => c.name) : undefined;
    const out = derived(state, { kind: 'subquery', query, columns: query.columns }, qualifier.table, names);
    return { relation: out.relation, fields: out.fields.map((f) => ({ ...f, qualifier })) };
  } finally {
    state.viewDepth--;
  }
}

function bindTableFunction(state: BindState, r: AstTableFunction, scope: Scope): BoundFrom {
  const call = r.call;
  const name = call.name.map((p) => p.toLowerCase()).join('.');
  const env = { scope, clause: 'from clause', allowAgg: false, allowWindow: false };
  const args = call.args.map((a) => bindExpr(state, env, a));
  let types: SqlType[];
  let defaultNames: string[];
  if (name === 'unnest') {
    if (args.length === 0) throw analysisError('unnest requires at least one array argument', call.pos);
    types = args.map((a) => {
      if (a.type.kind === 'array') return a.type.element;
      if (a.type.kind === 'null') return T.boolean;
      throw analysisError(`unnest argument must be an array, got ${a.type.kind}`, call.pos);
    });
    defaultNames = args.length === 1 ? ['unnest'] : args.map((_, i) => `unnest_${i}`);
  } else if (name === 'generate_series') {
    if (args.length < 2 || args.length > 3)
      throw analysisError('generate_series takes 2 or 3 arguments', call.pos);
    const t = args.some((a) => a.type.kind === 'bigint' || a.type.kind === 'largeint') ? T.bigint : T.int;
    types = [t];
    defaultNames = ['generate_series'];
  } else {
    throw notSupported(`table function ${name}`, call.pos);
  }
  const aliases = r.columnAliases;
  const columns = types.map((t, i) => newColumn(state, aliases?.[i] ?? defaultNames[i]!, t, true));
  const relation: BoundRelation = { kind: 'table-function', name, args, columns };
  const qualifier = { catalog: null, db: null, table: r.alias ?? name };
  return { relation, fields: columns.map((c) => ({ qualifier, name: c.name, column: c, inStar: true })) };
}

function nullableFields(fields: readonly Field[]): Field[] {
  return fields.map((f) => ({ ...f, column: { ...f.column, nullable: true } }));
}

function bindJoin(state: BindState, j: AstJoin, outer: Scope, lateral: readonly Field[]): BoundFrom {
  const left = bindRelation(state, j.left, outer, lateral);
  const right = bindRelation(state, j.right, outer, [...lateral, ...left.fields]);
  const t = j.joinType;
  const lf = t === 'right' || t === 'full' ? nullableFields(left.fields) : left.fields;
  const rf = t === 'left' || t === 'full' ? nullableFields(right.fields) : right.fields;
  const usingNames = j.natural ? naturalColumns(left.fields, right.fields) : j.using;
  let condition: BoundExpr | null = null;
  let fields: Field[];
  if (usingNames !== undefined) {
    ({ condition, fields } = usingJoin(state, t, usingNames, left.fields, right.fields, lf, rf));
  } else {
    fields = visibleFields(t, lf, rf);
    if (j.on !== undefined) {
      const scope = outer.child([...lf, ...rf]);
      condition = toBoolean(
        bindExpr(state, { scope, clause: 'on clause', allowAgg: false, allowWindow: false }, j.on),
      );
    }
  }
  if (j.right.kind === 'table-function') checkLateralJoin(t, j.right, condition);
  if (condition === null && t !== 'cross' && t !== 'inner') {
    throw analysisError(`${t.toUpperCase()} JOIN requires an ON or USING clause`);
  }
  const relation: BoundRelation = {
    kind: 'join',
    joinType: t,
    left: left.relation,
    right: right.relation,
    condition,
    columns: fields.map((f) => f.column),
  };
  return { relation, fields };
}

/** StarRocks joins a table function only INNER/CROSS, or (UNNEST only) LEFT … ON true. */
function checkLateralJoin(
  t: AstJoin['joinType'],
  right: AstTableFunction,
  condition: BoundExpr | null,
): void {
  if (t === 'inner' || t === 'cross') return;
  const unnest = right.call.name.length === 1 && right.call.name[0]!.toLowerCase() === 'unnest';
  if (!unnest) throw analysisError('Not support lateral join except inner or cross');
  if (t !== 'left') throw analysisError('unnest support inner join, cross join and left join on true');
  if (!isTrueLiteral(condition)) throw analysisError('left join unnest only support on true');
}

function isTrueLiteral(e: BoundExpr | null): boolean {
  return e?.kind === 'literal' && e.value.kind === 'bool' && e.value.value;
}

function visibleFields(t: AstJoin['joinType'], lf: readonly Field[], rf: readonly Field[]): Field[] {
  if (t === 'left-semi' || t === 'left-anti') return [...lf];
  if (t === 'right-semi' || t === 'right-anti') return [...rf];
  return [...lf, ...rf];
}

function naturalColumns(left: readonly Field[], right: readonly Field[]): string[] {
  const rightNames = new Set(right.filter((f) => f.inStar).map((f) => f.name.toLowerCase()));
  return left.filter((f) => f.inStar && rightNames.has(f.name.toLowerCase())).map((f) => f.name);
}

/** USING (a, b): equality on each name; one merged output column per name, listed first. */
function usingJoin(
  state: BindState,
  t: AstJoin['joinType'],
  names: readonly string[],
  leftRaw: readonly Field[],
  rightRaw: readonly Field[],
  lf: readonly Field[],
  rf: readonly Field[],
): { condition: BoundExpr | null; fields: Field[] } {
  const find = (fields: readonly Field[], n: string, side: string): Field => {
    const matches = fields.filter((f) => f.inStar && f.name.toLowerCase() === n.toLowerCase());
    if (matches.length !== 1) {
      throw analysisError(
        `Column '${n}' ${matches.length === 0 ? 'cannot be resolved' : 'is ambiguous'} in ${side} side of USING`,
      );
    }
    return matches[0]!;
  };
  let condition: BoundExpr | null = null;
  const merged: Field[] = [];
  const usedLeft = new Set<number>();
  const usedRight = new Set<number>();
  for (const n of names) {
    const l = find(leftRaw, n, 'left');
    const r = find(rightRaw, n, 'right');
    usedLeft.add(l.column.id);
    usedRight.add(r.column.id);
    const eq = comparison('eq', columnRef(l.column), columnRef(r.column));
    condition = condition === null ? eq : op('and', [condition, eq], T.boolean);
    merged.push(
      mergedField(
        state,
        t,
        n,
        lf.find((f) => f.column.id === l.column.id)!,
        rf.find((f) => f.column.id === r.column.id)!,
      ),
    );
  }
  const rest = visibleFields(
    t,
    lf.map((f) => (usedLeft.has(f.column.id) ? { ...f, inStar: false, qualifiedOnly: true } : f)),
    rf.map((f) => (usedRight.has(f.column.id) ? { ...f, inStar: false, qualifiedOnly: true } : f)),
  );
  const semi = t.endsWith('semi') || t.endsWith('anti');
  return {
    condition,
    fields: semi ? rest.map((f) => ({ ...f, inStar: true, qualifiedOnly: false })) : [...merged, ...rest],
  };
}

function mergedField(state: BindState, t: AstJoin['joinType'], name: string, l: Field, r: Field): Field {
  if (t === 'full') {
    const type = commonSuperType(l.column.type, r.column.type) ?? l.column.type;
    const column: ColumnInfo = newColumn(state, l.name, type, true);
    const lr = coerce(columnRef(l.column), type);
    const expr: BoundExpr = {
      kind: 'case',
      whens: [{ when: op('is-not-null', [lr], T.boolean, false), then: lr }],
      else: coerce(columnRef(r.column), type),
      type,
      nullable: true,
    };
    return { qualifier: null, name, column, expr, inStar: true };
  }
  const side = t === 'right' ? r : l;
  return { qualifier: null, name: side.name, column: side.column, inStar: true };
}
