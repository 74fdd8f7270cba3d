/**
 * DICT_MAPPING(table, key…[, value_column][, null_if_not_found]): look a row of a PRIMARY KEY
 * table up by its key and return one column (by default the AUTO_INCREMENT column). Bound as a
 * correlated scalar subquery over the dictionary table, with StarRocks' two runtime errors: a NULL
 * key, and (unless null_if_not_found) a key that is not in the table.
 */
import { SqlError } from '../errors/index.js';
import type { AstCall, AstExpr, AstQuery } from '../sql/ast/index.js';
import type { BoundExpr } from './bound.js';
import { bindExpr, type ExprEnv } from './bind-expr.js';
import { analysisError } from './errors.js';
import type { BindState } from './state.js';

const NULL_KEY = 'invalid parameter : get NULL paramenter';
const NOT_FOUND = 'query failed if record not exist in dict table';

/** Bind a DICT_MAPPING call as a checked scalar subquery. */
export function bindDictMapping(state: BindState, env: ExprEnv, e: AstCall): BoundExpr {
  const [tableArg, ...rest] = e.args;
  if (tableArg?.kind !== 'string')
    throw analysisError('dict_mapping: the first argument must be a table name', e.pos);
  const parts = tableArg.value.split('.');
  const name = parts[parts.length - 1]!;
  const db = parts.length >= 2 ? parts[parts.length - 2]! : state.ctx.currentDb;
  if (db === null) throw new SqlError('no-db-selected', {}, e.pos);
  const table = state.ctx.catalog.getTable(state.ctx.currentCatalog, db, name);
  if (table === null) throw new SqlError('analysis-unknown-table', { table: `${db}.${name}` }, e.pos);
  if (table.keysType !== 'primary')
    throw analysisError(`dict_mapping: table ${name} is not a primary key table`, e.pos);
  const keys = table.columns.filter((c) => c.isKey);
  if (rest.length < keys.length)
    throw analysisError(`dict_mapping: ${keys.length} key column(s) expected for table ${name}`, e.pos);
  const keyArgs = rest.slice(0, keys.length);
  let extra = rest.slice(keys.length);
  let valueName: string | undefined;
  if (extra[0]?.kind === 'string') {
    valueName = extra[0].value;
    extra = extra.slice(1);
  }
  const nullIfNotFound = extra[0]?.kind === 'bool' ? extra[0].value : false;
  const value =
    valueName === undefined
      ? table.columns.find((c) => c.autoIncrement)
      : table.columns.find((c) => c.name.toLowerCase() === valueName.toLowerCase());
  if (value === undefined)
    throw analysisError(
      `dict_mapping: no value column ${valueName ?? '(AUTO_INCREMENT)'} in table ${name}`,
      e.pos,
    );

  // The dictionary's columns are renamed inside a derived table so that the key arguments,
  // written against the outer query, never resolve to the dictionary's own columns.
  const keyAlias = (i: number): string => `__rk_dict_k${i}`;
  const derived: AstQuery = {
    kind: 'query',
    orderBy: [],
    body: {
      kind: 'select',
      distinct: false,
      items: [
        ...keys.map((k, i) => ({ expr: col(k.name), alias: keyAlias(i) })),
        { expr: col(value.name), alias: '__rk_dict_v' },
      ],
      from: [{ kind: 'table', name: { parts: [db, table.name] } }],
      groupBy: [],
      windows: [],
    },
  };
  const where = keyArgs
    .map((a, i): AstExpr => ({ kind: 'binary', op: '=', left: col(keyAlias(i)), right: a }))
    .reduce((l, r) => ({ kind: 'binary', op: 'and', left: l, right: r }));
  const lookup: AstExpr = {
    kind: 'subquery',
    query: {
      kind: 'query',
      orderBy: [],
      body: {
        kind: 'select',
        distinct: false,
        items: [{ expr: col('__rk_dict_v') }],
        from: [{ kind: 'derived', query: derived, alias: '__rk_dict', lateral: false }],
        where,
        groupBy: [],
        windows: [],
      },
    },
  };
  const anyNull = keyArgs
    .map((a): AstExpr => ({ kind: 'is', not: false, operand: a, test: 'null' }))
    .reduce((l, r) => ({ kind: 'binary', op: 'or', left: l, right: r }));
  const checks: AstExpr[] = [assertTrue({ kind: 'unary', op: 'not', operand: anyNull }, NULL_KEY)];
  if (!nullIfNotFound)
    checks.push(assertTrue({ kind: 'is', not: true, operand: lookup, test: 'null' }, NOT_FOUND));
  const guard = checks.reduce((l, r) => ({ kind: 'binary', op: 'and', left: l, right: r }));
  return bindExpr(state, env, { kind: 'case', whens: [{ when: guard, then: lookup }] });
}

function col(name: string): AstExpr {
  return { kind: 'column', parts: [name] };
}

function assertTrue(cond: AstExpr, message: string): AstExpr {
  return {
    kind: 'call',
    name: ['assert_true'],
    args: [cond, { kind: 'string', value: message }],
    distinct: false,
    star: false,
  };
}
