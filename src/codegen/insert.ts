/**
 * INSERT sources: the source query becomes a SELECT producing exactly the target table's columns
 * in table order, each cast to the column type (StarRocks insert casts: a value that does not
 * convert becomes NULL; strict-mode filtering is the session's job). Columns the statement does
 * not list get their default (or NULL); `DEFAULT` in VALUES does the same per cell.
 */
import {
  analysisError,
  analyzeQuery,
  selectOver,
  type BoundExpr,
  type ColumnInfo,
  type CompileContext,
} from '../analyzer/index.js';
import type { ColumnDescriptor, TableDescriptor } from '../catalog/index.js';
import { SqlError } from '../errors/index.js';
import type { AstExpr, AstInsert, AstQuery } from '../sql/ast/index.js';
import { T, isStringType, sameType, type SqlType } from '../types/index.js';
import { generate, type CompileOptions, type CompiledQuery } from './compile.js';

export interface CompiledInsert extends CompiledQuery {
  /** Target column names, in the order of the SELECT's columns (= table order). */
  readonly targetColumns: readonly string[];
}

export function compileInsertSource(
  insert: AstInsert,
  target: TableDescriptor,
  ctx: CompileContext,
  options: CompileOptions = {},
): CompiledInsert {
  let listed: ColumnDescriptor[];
  let analyzed: ReturnType<typeof analyzeQuery>;
  if (insert.byName === true) {
    // BY NAME: the source's output column names pick the target columns.
    if (insert.source.body.kind === 'values')
      throw analysisError('Insert match column by name does not support values()');
    if (insert.columns !== undefined)
      throw analysisError('Cannot use COLUMN LIST and BY NAME clause together in insert.');
    analyzed = analyzeQuery(insert.source, ctx);
    const names = analyzed.query.columns.map((c) => c.name);
    const dup = names.find((n, i) => names.findIndex((m) => m.toLowerCase() === n.toLowerCase()) !== i);
    if (dup !== undefined) throw new SqlError('duplicate-column', { column: dup });
    listed = listedColumns({ ...insert, columns: names }, target);
  } else {
    listed = listedColumns(insert, target);
    analyzed = analyzeQuery(withDefaults(insert.source, listed), ctx);
  }
  const q = analyzed.query;
  if (q.columns.length !== listed.length) throw new SqlError('wrong-value-count', { row: 1 });
  let nextId = analyzed.nextColumnId;
  const fresh = (c: { name: string; type: SqlType; nullable: boolean }): ColumnInfo => ({
    id: nextId++,
    ...c,
  });
  const inner = q.columns.map((c) => fresh({ name: c.name, type: c.type, nullable: c.nullable }));
  const items = target.columns.map((col) => {
    const i = listed.findIndex((l) => l === col);
    let expr: BoundExpr;
    if (i >= 0) {
      const c = inner[i]!;
      expr = castTo({ kind: 'column', id: c.id, type: c.type, nullable: c.nullable, name: c.name }, col.type);
    } else {
      if (!col.nullable && col.defaultValue === null && !col.autoIncrement) {
        throw analysisError(`'${col.name}' must be explicitly mentioned in column permutation`);
      }
      expr = defaultExpr(col);
    }
    return { expr, column: fresh({ name: col.name, type: col.type, nullable: col.nullable }) };
  });
  const select = selectOver(q, inner, items);
  const compiled = generate(select, nextId, analyzed.paramCount, ctx, options);
  return { ...compiled, targetColumns: target.columns.map((c) => c.name) };
}

function listedColumns(insert: AstInsert, target: TableDescriptor): ColumnDescriptor[] {
  if (insert.columns === undefined) return [...target.columns];
  const seen = new Set<string>();
  return insert.columns.map((name) => {
    const col = target.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
    if (col === undefined) throw new SqlError('unknown-column', { column: name, context: target.name });
    if (seen.has(col.name)) throw analysisError(`Column '${name}' specified twice`);
    seen.add(col.name);
    return col;
  });
}

function castTo(e: BoundExpr, t: SqlType): BoundExpr {
  if (sameType(e.type, t) || (isStringType(e.type) && isStringType(t))) return e;
  return { kind: 'cast', operand: e, type: t, nullable: true };
}

const NOW = /^(current_timestamp|now)(\(\))?$/i;

/** A column default as a bound expression (StarRocks stores defaults as text). */
function defaultExpr(col: ColumnDescriptor): BoundExpr {
  const d = col.defaultValue;
  if (d === null) return { kind: 'literal', value: { kind: 'null' }, type: col.type };
  if (NOW.test(d)) {
    const fn = {
      id: 'now',
      kind: 'scalar' as const,
      argTypes: [],
      returnType: T.datetime,
      nullOnNullInput: false,
    };
    return castTo({ kind: 'call', fn, args: [], type: T.datetime, nullable: false }, col.type);
  }
  return castTo({ kind: 'literal', value: { kind: 'string', value: d }, type: T.varchar() }, col.type);
}

/** `VALUES (…, DEFAULT, …)`: each DEFAULT cell becomes its column's default. */
function withDefaults(source: AstQuery, listed: readonly ColumnDescriptor[]): AstQuery {
  if (source.body.kind !== 'values') return source;
  const rows = source.body.rows.map((row) =>
    row.map((cell, i): AstExpr => (cell.kind === 'default' ? defaultAst(listed[i]) : cell)),
  );
  return { ...source, body: { kind: 'values', rows } };
}

function defaultAst(col: ColumnDescriptor | undefined): AstExpr {
  const d = col?.defaultValue ?? null;
  if (d === null) return { kind: 'null' };
  if (NOW.test(d)) return { kind: 'call', name: ['now'], args: [], distinct: false, star: false };
  return { kind: 'string', value: d };
}
