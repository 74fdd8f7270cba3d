/**
 * Columns from a sample, for tables the form names without columns: a CSV file (header + values),
 * a JSON array or NDJSON file, or a live MySQL-protocol source's information_schema
 * (`mysql://user:pass@host:port/db/table`). Types are StarRocks types; strings get twice the
 * longest sample value as VARCHAR length (a guess the plan flags for review).
 */
import { readFile } from 'node:fs/promises';
import mysql from 'mysql2/promise';
import type { Column } from './model.js';

export interface SampleColumns {
  readonly columns: Column[];
  /** Primary-key columns the source declares (MySQL only). */
  readonly key: string[];
}

/** Read a sample; `base` resolves relative file names (the form's directory). */
export async function readSample(spec: string, base: string): Promise<SampleColumns> {
  if (/^mysql:\/\//i.test(spec)) return readMysqlColumns(spec);
  const path = spec.startsWith('/') ? spec : `${base}/${spec}`;
  const text = await readFile(path, 'utf8');
  if (/\.csv$/i.test(path)) return { columns: inferColumns(parseCsv(text)), key: [] };
  if (/\.(json|ndjson|jsonl)$/i.test(path)) return { columns: inferColumns(parseJsonRows(text)), key: [] };
  throw new Error(`sample '${spec}': unsupported kind (use .csv, .json, .ndjson or mysql://…)`);
}

type Row = Record<string, unknown>;

function parseCsv(text: string): Row[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = splitCsvLine(lines[0] ?? '');
  return lines.slice(1, 1001).map((line) => {
    const cells = splitCsvLine(line);
    const row: Row = {};
    header.forEach((name, i) => (row[name] = cells[i] === '' ? null : cells[i]));
    return row;
  });
}

function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cur);
      cur = '';
    } else cur += c;
  }
  cells.push(cur);
  return cells.map((c) => c.trim());
}

function parseJsonRows(text: string): Row[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) return (JSON.parse(trimmed) as Row[]).slice(0, 1000);
  return trimmed
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 1000)
    .map((l) => JSON.parse(l) as Row);
}

type Kind = 'null' | 'boolean' | 'int' | 'bigint' | 'decimal' | 'date' | 'datetime' | 'string' | 'json';
const ORDER: readonly Kind[] = ['null', 'boolean', 'int', 'bigint', 'decimal', 'date', 'datetime', 'string'];

function kindOf(value: unknown): Kind {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'object') return 'json';
  const s = String(value);
  if (/^(true|false)$/i.test(s)) return 'boolean';
  if (/^-?[0-9]{1,9}$/.test(s)) return 'int';
  if (/^-?[0-9]{1,18}$/.test(s)) return 'bigint';
  if (/^-?[0-9]+\.[0-9]+$/.test(s)) return 'decimal';
  if (/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(s)) return 'date';
  if (/^[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9:]+)?$/.test(s))
    return 'datetime';
  return 'string';
}

function widen(a: Kind, b: Kind): Kind {
  if (a === b || b === 'null') return a;
  if (a === 'null') return b;
  if (a === 'json' || b === 'json') return 'json';
  const numeric: Kind[] = ['int', 'bigint', 'decimal'];
  if (numeric.includes(a) && numeric.includes(b)) return ORDER.indexOf(a) > ORDER.indexOf(b) ? a : b;
  if ((a === 'date' && b === 'datetime') || (a === 'datetime' && b === 'date')) return 'datetime';
  return 'string';
}

function inferColumns(rows: readonly Row[]): Column[] {
  const names: string[] = [];
  for (const row of rows) for (const name of Object.keys(row)) if (!names.includes(name)) names.push(name);
  return names.map((name) => {
    let kind: Kind = 'null';
    let longest = 0;
    for (const row of rows) {
      const value = row[name];
      kind = widen(kind, kindOf(value));
      if (typeof value === 'string') longest = Math.max(longest, Buffer.byteLength(value));
    }
    // Samples cannot prove NOT NULL, so every sampled column stays nullable.
    return { name: name.toLowerCase(), type: typeFor(kind, longest), nullable: true };
  });
}

function typeFor(kind: Kind, longest: number): string {
  switch (kind) {
    case 'boolean':
      return 'BOOLEAN';
    case 'int':
      return 'INT';
    case 'bigint':
      return 'BIGINT';
    case 'decimal':
      return 'DOUBLE';
    case 'date':
      return 'DATE';
    case 'datetime':
      return 'DATETIME';
    case 'json':
      return 'JSON';
    case 'null':
    case 'string':
      return `VARCHAR(${Math.min(65533, Math.max(16, 2 ** Math.ceil(Math.log2(Math.max(1, longest * 2)))))})`;
  }
}

interface InfoRow {
  COLUMN_NAME: string;
  DATA_TYPE: string;
  COLUMN_TYPE: string;
  CHARACTER_MAXIMUM_LENGTH: number | string | null;
  NUMERIC_PRECISION: number | string | null;
  NUMERIC_SCALE: number | string | null;
  IS_NULLABLE: string;
  COLUMN_KEY: string;
  COLUMN_COMMENT: string | null;
}

async function readMysqlColumns(spec: string): Promise<SampleColumns> {
  const url = new URL(spec);
  const [db, table] = url.pathname.slice(1).split('/');
  if (db === undefined || table === undefined || db === '' || table === '') {
    throw new Error(
      `sample '${url.protocol}//${url.host}${url.pathname}': expected mysql://user:pass@host:port/db/table`,
    );
  }
  const conn = await mysql.createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username || 'root'),
    password: decodeURIComponent(url.password),
    connectTimeout: 10_000,
  });
  try {
    const [rows] = await conn.query(
      'SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE,' +
        ' IS_NULLABLE, COLUMN_KEY, COLUMN_COMMENT FROM information_schema.columns' +
        ' WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION',
      [db, table],
    );
    const list = rows as InfoRow[];
    if (list.length === 0) throw new Error(`sample: table ${db}.${table} not found or has no columns`);
    const columns = list.map((r) => ({
      name: r.COLUMN_NAME.toLowerCase(),
      type: mysqlToStarRocks(r),
      nullable: r.IS_NULLABLE === 'YES',
      ...(r.COLUMN_COMMENT ? { comment: r.COLUMN_COMMENT } : {}),
    }));
    const key = list.filter((r) => r.COLUMN_KEY === 'PRI').map((r) => r.COLUMN_NAME.toLowerCase());
    return { columns, key };
  } finally {
    await conn.end();
  }
}

/** MySQL column → StarRocks type (VARCHAR lengths ×3: MySQL counts characters, StarRocks bytes). */
export function mysqlToStarRocks(
  r: Pick<
    InfoRow,
    'DATA_TYPE' | 'COLUMN_TYPE' | 'CHARACTER_MAXIMUM_LENGTH' | 'NUMERIC_PRECISION' | 'NUMERIC_SCALE'
  >,
): string {
  const unsigned = /unsigned/i.test(r.COLUMN_TYPE);
  const length = Number(r.CHARACTER_MAXIMUM_LENGTH ?? 0);
  switch (r.DATA_TYPE.toLowerCase()) {
    case 'tinyint':
      return /^tinyint\(1\)/i.test(r.COLUMN_TYPE) ? 'BOOLEAN' : unsigned ? 'SMALLINT' : 'TINYINT';
    case 'smallint':
      return unsigned ? 'INT' : 'SMALLINT';
    case 'mediumint':
      return 'INT';
    case 'int':
    case 'integer':
      return unsigned ? 'BIGINT' : 'INT';
    case 'bigint':
      return unsigned ? 'LARGEINT' : 'BIGINT';
    case 'float':
      return 'FLOAT';
    case 'double':
    case 'real':
      return 'DOUBLE';
    case 'decimal':
    case 'numeric':
      return `DECIMAL(${Number(r.NUMERIC_PRECISION ?? 10)},${Number(r.NUMERIC_SCALE ?? 0)})`;
    case 'date':
      return 'DATE';
    case 'datetime':
    case 'timestamp':
      return 'DATETIME';
    case 'year':
      return 'SMALLINT';
    case 'bit':
      return 'BIGINT';
    case 'json':
      return 'JSON';
    case 'char':
    case 'varchar':
      return `VARCHAR(${Math.min(65533, Math.max(1, length * 3))})`;
    case 'binary':
    case 'varbinary':
    case 'blob':
    case 'tinyblob':
    case 'mediumblob':
    case 'longblob':
      return 'VARBINARY';
    default:
      return 'STRING';
  }
}
