/**
 * A small, forgiving reader of the form's typical SQL: which tables, which columns are filtered
 * how, what is grouped and aggregated. It is not a parser (Rockling's lives in src/sql); it must
 * cope with what businesses paste into forms, including the seed's `SELECT ... FROM ...`.
 */

export type FilterOp = 'eq' | 'in' | 'range' | 'like' | 'other';

export interface Filter {
  readonly column: string;
  readonly op: FilterOp;
}

export interface Aggregate {
  /** Lower-case function name: count, sum, min, max, avg, count_distinct, approx … */
  readonly fn: string;
  /** Argument text as written (`1`, `*`, `amount`). */
  readonly arg: string;
  readonly distinct: boolean;
}

export type QueryClass = 'point' | 'aggregation' | 'join' | 'scan';

export interface SqlShape {
  readonly tables: readonly string[];
  readonly joins: number;
  readonly filters: readonly Filter[];
  readonly groupBy: readonly string[];
  readonly aggregates: readonly Aggregate[];
  /** Non-aggregate select items (column names, `*`). */
  readonly selectColumns: readonly string[];
  readonly hasLimit: boolean;
  readonly cls: QueryClass;
  /** Text elided with `...` where a table or column should be. */
  readonly elided: boolean;
}

interface Token {
  readonly kind: 'word' | 'string' | 'number' | 'op' | 'param';
  readonly text: string;
  readonly upper: string;
}

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  const re =
    /\s+|--[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.)*"|`[^`]*`|[0-9]+(?:\.[0-9]+)?|[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_$\u4e00-\u9fff]*|\.\.\.|…|<=|>=|<>|!=|[?:][A-Za-z0-9_]*|./gsu;
  for (const match of sql.matchAll(re)) {
    const text = match[0];
    if (/^\s/.test(text) || text.startsWith('--') || text.startsWith('/*')) continue;
    let kind: Token['kind'] = 'op';
    if (text.startsWith("'") || text.startsWith('"')) kind = 'string';
    else if (/^[0-9]/.test(text)) kind = 'number';
    else if (text.startsWith('?') || (text.startsWith(':') && text.length > 1)) kind = 'param';
    else if (/^[A-Za-z_`\u4e00-\u9fff]/u.test(text)) kind = 'word';
    const clean = text.startsWith('`') ? text.slice(1, -1) : text;
    tokens.push({ kind, text: clean, upper: clean.toUpperCase() });
  }
  return tokens;
}

const CLAUSE_END = new Set(['WHERE', 'GROUP', 'ORDER', 'LIMIT', 'HAVING', 'UNION', 'ON', 'JOIN', 'USING']);
const JOIN_WORDS = new Set(['JOIN']);
const AGG_FUNCS = new Set([
  'COUNT',
  'SUM',
  'MIN',
  'MAX',
  'AVG',
  'APPROX_COUNT_DISTINCT',
  'NDV',
  'BITMAP_UNION_COUNT',
  'HLL_UNION_AGG',
  'PERCENTILE_APPROX',
  'BITMAP_UNION',
  'HLL_UNION',
]);
const KEYWORDS = new Set([
  'SELECT',
  'FROM',
  'WHERE',
  'AND',
  'OR',
  'NOT',
  'IN',
  'IS',
  'NULL',
  'BETWEEN',
  'LIKE',
  'AS',
  'ON',
  'GROUP',
  'BY',
  'ORDER',
  'LIMIT',
  'DESC',
  'ASC',
  'INTERVAL',
  'CASE',
  'WHEN',
  'THEN',
  'ELSE',
  'END',
  'DISTINCT',
  'TRUE',
  'FALSE',
]);

/** Split the SQL into top-level clause token ranges. */
function clauses(tokens: readonly Token[]): Map<string, Token[]> {
  const out = new Map<string, Token[]>();
  let current = 'PRE';
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.text === '(') depth++;
    if (t.text === ')') depth--;
    if (depth === 0 && t.kind === 'word') {
      const next = tokens[i + 1]?.upper;
      if (['SELECT', 'FROM', 'WHERE', 'HAVING', 'LIMIT'].includes(t.upper)) {
        current = t.upper;
        out.set(current, out.get(current) ?? []);
        continue;
      }
      if ((t.upper === 'GROUP' || t.upper === 'ORDER') && next === 'BY') {
        current = t.upper;
        out.set(current, out.get(current) ?? []);
        i++;
        continue;
      }
    }
    const list = out.get(current) ?? [];
    list.push(t);
    out.set(current, list);
  }
  return out;
}

function lastName(tokens: readonly Token[], end: number): string | undefined {
  // `t.col` or `col`: the word right before `end`, skipping a qualifier.
  const t = tokens[end];
  if (t === undefined || t.kind !== 'word' || KEYWORDS.has(t.upper)) return undefined;
  return t.text.toLowerCase();
}

function readFilters(where: readonly Token[]): Filter[] {
  const filters: Filter[] = [];
  for (let i = 0; i < where.length; i++) {
    const t = where[i] as Token;
    const next = where[i + 1];
    if (t.kind !== 'word' || KEYWORDS.has(t.upper) || next === undefined) continue;
    if (next.text === '(' || next.text === '.') continue; // function call or qualifier
    const column = lastName(where, i);
    if (column === undefined) continue;
    let op: FilterOp | undefined;
    if (next.text === '=') op = 'eq';
    else if (next.upper === 'IN') op = 'in';
    else if (next.upper === 'NOT' && where[i + 2]?.upper === 'IN') op = 'other';
    else if (['<', '>', '<=', '>='].includes(next.text) || next.upper === 'BETWEEN') op = 'range';
    else if (next.upper === 'LIKE') op = 'like';
    else if (next.text === '!=' || next.text === '<>') op = 'other';
    if (op !== undefined) filters.push({ column, op });
  }
  return filters;
}

function readTables(from: readonly Token[]): { tables: string[]; joins: number; elided: boolean } {
  const tables: string[] = [];
  let joins = 0;
  let elided = false;
  let expectTable = true;
  let depth = 0;
  for (let i = 0; i < from.length; i++) {
    const t = from[i] as Token;
    if (t.text === '(') depth++;
    if (t.text === ')') depth--;
    if (depth > 0) continue;
    if (t.text === '...' || t.text === '…') {
      if (expectTable) elided = true;
      expectTable = false;
      continue;
    }
    if (JOIN_WORDS.has(t.upper)) {
      joins++;
      expectTable = true;
      continue;
    }
    if (t.text === ',') {
      joins++;
      expectTable = true;
      continue;
    }
    if (CLAUSE_END.has(t.upper)) expectTable = false;
    if (expectTable && t.kind === 'word' && !KEYWORDS.has(t.upper)) {
      let name = t.text;
      while (from[i + 1]?.text === '.' && from[i + 2]?.kind === 'word') {
        name += `.${from[i + 2]?.text ?? ''}`;
        i += 2;
      }
      tables.push(name.toLowerCase());
      expectTable = false;
    }
  }
  return { tables, joins, elided };
}

function readSelect(select: readonly Token[]): { aggregates: Aggregate[]; columns: string[] } {
  const aggregates: Aggregate[] = [];
  const columns: string[] = [];
  let depth = 0;
  for (let i = 0; i < select.length; i++) {
    const t = select[i] as Token;
    if (t.text === '(') depth++;
    if (t.text === ')') depth--;
    if (t.kind === 'word' && AGG_FUNCS.has(t.upper) && select[i + 1]?.text === '(') {
      let j = i + 2;
      let inner = 0;
      const arg: string[] = [];
      let distinct = false;
      for (; j < select.length; j++) {
        const a = select[j] as Token;
        if (a.text === '(') inner++;
        if (a.text === ')') {
          if (inner === 0) break;
          inner--;
        }
        if (a.upper === 'DISTINCT' && arg.length === 0) distinct = true;
        else arg.push(a.text);
      }
      const fn = distinct && t.upper === 'COUNT' ? 'count_distinct' : t.upper.toLowerCase();
      aggregates.push({ fn, arg: arg.join('') || '*', distinct });
      i = j;
      continue;
    }
    if (depth === 0 && (t.text === '*' || (t.kind === 'word' && !KEYWORDS.has(t.upper)))) {
      const prev = select[i - 1];
      if (prev?.upper === 'AS') continue;
      if (select[i + 1]?.text === '.') continue;
      if (select[i + 1]?.text !== '(') columns.push(t.text.toLowerCase());
    }
  }
  return { aggregates, columns };
}

/** Read one typical SQL statement. */
export function scanSql(sql: string): SqlShape {
  const tokens = tokenize(sql);
  const parts = clauses(tokens);
  const from = readTables(parts.get('FROM') ?? []);
  const filters = readFilters(parts.get('WHERE') ?? []);
  const groupTokens = parts.get('GROUP') ?? [];
  const groupBy = groupTokens
    .filter((t, i) => {
      const next = groupTokens[i + 1]?.text;
      return t.kind === 'word' && !KEYWORDS.has(t.upper) && next !== '(' && next !== '.';
    })
    .map((t) => t.text.toLowerCase());
  const select = readSelect(parts.get('SELECT') ?? []);
  const joins = from.joins;
  let cls: QueryClass;
  if (joins > 0 || from.tables.length > 1) cls = 'join';
  else if (groupBy.length > 0 || select.aggregates.length > 0) cls = 'aggregation';
  else if (filters.some((f) => f.op === 'eq'))
    cls = 'point'; // key lookups, possibly within a time range
  else cls = 'scan';
  return {
    tables: from.tables,
    joins,
    filters,
    groupBy,
    aggregates: select.aggregates,
    selectColumns: select.columns,
    hasLimit: parts.has('LIMIT'),
    cls,
    elided:
      from.elided ||
      /\.\.\.|…/.test(
        parts
          .get('SELECT')
          ?.map((t) => t.text)
          .join(' ') ?? '',
      ),
  };
}

/** True when the text starts like a query (SELECT or WITH). */
export function looksLikeQuery(sql: string): boolean {
  return /^\s*(\(\s*)?(select|with)\b/i.test(sql);
}
