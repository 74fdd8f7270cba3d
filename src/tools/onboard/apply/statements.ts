/**
 * Plan SQL files → classified statements in dependency order: databases, tables, MVs, resource
 * groups, catalogs, stock loads, continuous loads. Each statement gets the bookkeeping item it
 * counts for (`tables:db.t`, `loads:label`, `resources:rg`) and what to check before running it.
 */

export type StatementKind =
  'database' | 'table' | 'mv' | 'resource-group' | 'catalog' | 'stock-load' | 'routine-load' | 'other';

export interface PlanStatement {
  readonly file: string;
  /** 1-based line of the statement's first SQL line in its file. */
  readonly line: number;
  readonly sql: string;
  readonly kind: StatementKind;
  /** Database and object name when the statement names one. */
  readonly db: string | null;
  readonly name: string | null;
  /** Bookkeeping item, e.g. `tables:shop.orders`. */
  readonly item: string;
}

const RANK: Readonly<Record<StatementKind, number>> = {
  database: 0,
  table: 1,
  mv: 2,
  'resource-group': 3,
  catalog: 4,
  'stock-load': 5,
  'routine-load': 6,
  other: 7,
};

/** Split SQL text on top-level `;` (quotes, backticks and comments respected). */
export function splitSql(text: string): Array<{ sql: string; line: number }> {
  const out: Array<{ sql: string; line: number }> = [];
  let start = 0;
  let i = 0;
  let quote: string | null = null;
  while (i < text.length) {
    const c = text[i] as string;
    if (quote !== null) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
      continue;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 2;
      continue;
    } else if (c === ';') {
      push(text.slice(start, i), start);
      start = i + 1;
    }
    i++;
  }
  push(text.slice(start), start);
  return out;

  function push(raw: string, offset: number): void {
    const stripped = stripComments(raw);
    if (stripped.trim() === '') return;
    const lead = raw.length - raw.trimStart().length;
    let firstSql = offset + lead;
    // Skip leading comment lines so the line number points at the SQL itself.
    for (const m of raw.slice(lead).matchAll(/^(--[^\n]*\n\s*)+/g)) firstSql += m[0].length;
    const line = text.slice(0, firstSql).split('\n').length;
    out.push({ sql: stripped.trim(), line });
  }
}

function stripComments(sql: string): string {
  return sql.replace(/^\s*--[^\n]*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
}

function qualified(name: string, defaultDb: string): { db: string; name: string } {
  const clean = name.replace(/`/g, '');
  const dot = clean.indexOf('.');
  return dot === -1
    ? { db: defaultDb, name: clean }
    : { db: clean.slice(0, dot), name: clean.slice(dot + 1) };
}

/** Classify one statement. */
export function classify(sql: string, file: string, line: number, defaultDb: string): PlanStatement {
  const base = { file, line, sql };
  const ident = '([`A-Za-z0-9_.]+)';
  let m = new RegExp(`^CREATE\\s+DATABASE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?${ident}`, 'i').exec(sql);
  if (m !== null) {
    const db = (m[1] ?? '').replace(/`/g, '');
    return { ...base, kind: 'database', db, name: db, item: `tables:${db}` };
  }
  m = new RegExp(`^CREATE\\s+(?:EXTERNAL\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?${ident}`, 'i').exec(sql);
  if (m !== null) {
    const q = qualified(m[1] ?? '', defaultDb);
    return { ...base, kind: 'table', ...q, item: `tables:${q.db}.${q.name}` };
  }
  m = new RegExp(`^CREATE\\s+MATERIALIZED\\s+VIEW\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?${ident}`, 'i').exec(sql);
  if (m !== null) {
    const q = qualified(m[1] ?? '', defaultDb);
    return { ...base, kind: 'mv', ...q, item: `tables:${q.db}.${q.name}` };
  }
  m = new RegExp(`^CREATE\\s+RESOURCE\\s+GROUP\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?${ident}`, 'i').exec(sql);
  if (m !== null)
    return { ...base, kind: 'resource-group', db: null, name: m[1] ?? '', item: `resources:${m[1] ?? ''}` };
  m = new RegExp(`^CREATE\\s+EXTERNAL\\s+CATALOG\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?${ident}`, 'i').exec(sql);
  if (m !== null)
    return { ...base, kind: 'catalog', db: null, name: m[1] ?? '', item: `loads:catalog ${m[1] ?? ''}` };
  m = new RegExp(`^CREATE\\s+ROUTINE\\s+LOAD\\s+${ident}`, 'i').exec(sql);
  if (m !== null) {
    const q = qualified(m[1] ?? '', defaultDb);
    return { ...base, kind: 'routine-load', ...q, item: `loads:${q.db}.${q.name}` };
  }
  m =
    /^(?:INSERT\s+(?:INTO|OVERWRITE)\s+\S+\s+WITH\s+LABEL\s+([A-Za-z0-9_]+)|LOAD\s+LABEL\s+([`A-Za-z0-9_.]+))/i.exec(
      sql,
    );
  if (m !== null) {
    const label = qualified(m[1] ?? m[2] ?? '', defaultDb);
    return { ...base, kind: 'stock-load', ...label, item: `loads:${label.name}` };
  }
  return {
    ...base,
    kind: 'other',
    db: null,
    name: null,
    item: `tables:${sql.replace(/\s+/g, ' ').slice(0, 100)}`,
  };
}

/** Statements of all files, classified, in dependency order (stable within a kind). */
export function orderStatements(
  files: ReadonlyArray<{ name: string; text: string }>,
  defaultDb: string,
): PlanStatement[] {
  const all: PlanStatement[] = [];
  for (const f of files)
    for (const s of splitSql(f.text)) all.push(classify(s.sql, f.name, s.line, defaultDb));
  return all
    .map((s, i) => ({ s, i }))
    .sort((a, b) => RANK[a.s.kind] - RANK[b.s.kind] || a.i - b.i)
    .map((x) => x.s);
}

/** `${NAME}` placeholders left in a statement. */
export function placeholders(sql: string): string[] {
  return [...new Set([...sql.matchAll(/\$\{([A-Z][A-Z0-9_]*)\}/g)].map((m) => m[1] ?? ''))];
}

/** Substitute `${NAME}` placeholders and the replication factor (dev clusters with fewer BEs). */
export function prepare(sql: string, vars: ReadonlyMap<string, string>, replication: number | null): string {
  let out = sql.replace(/\$\{([A-Z][A-Z0-9_]*)\}/g, (whole, name: string) => vars.get(name) ?? whole);
  if (replication !== null)
    out = out.replace(/"replication_num"\s*=\s*"[0-9]+"/g, `"replication_num" = "${replication}"`);
  return out;
}

function regexEscape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * `--set key=value`: replace the value of every `"key" = "…"` property pair (PROPERTIES and
 * FROM KAFKA lists) — the environment-specific values a plan carries for production (metastore
 * URIs, Kafka broker lists, endpoints) pointed at another environment. Returns the new text and
 * how many pairs each key replaced.
 */
export function applySets(
  sql: string,
  sets: ReadonlyMap<string, string>,
): { sql: string; hits: Map<string, number> } {
  const hits = new Map<string, number>();
  let out = sql;
  for (const [key, value] of sets) {
    const pattern = new RegExp(`("${regexEscape(key)}"\\s*=\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi');
    const quoted = `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    out = out.replace(pattern, (_whole, head: string) => {
      hits.set(key, (hits.get(key) ?? 0) + 1);
      return `${head}${quoted}`;
    });
  }
  return { sql: out, hits };
}
