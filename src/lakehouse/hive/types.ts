/**
 * Hive column types (HMS FieldSchema.type text) → StarRocks types, as StarRocks' Hive connector
 * maps them: STRING → VARCHAR(1048576) (the catalog string), TIMESTAMP → DATETIME, CHAR/VARCHAR
 * keep their lengths, DECIMAL defaults to (10,0), ARRAY/MAP/STRUCT recursively. INTERVAL, BINARY
 * and UNIONTYPE are not supported by StarRocks' Hive catalog: null, and the caller says so.
 */
import { T, type SqlType } from '../../types/index.js';

/** VARCHAR length StarRocks gives Hive STRING columns. */
export const CATALOG_STRING_LENGTH = 1048576;

class Cursor {
  pos = 0;
  constructor(readonly text: string) {}

  skipSpace(): void {
    while (/\s/.test(this.text[this.pos] ?? '')) this.pos++;
  }

  word(): string {
    this.skipSpace();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos));
    const w = m?.[0] ?? '';
    this.pos += w.length;
    return w.toLowerCase();
  }

  /** A struct field name: anything up to ':' (Hive allows odd names there). */
  fieldName(): string {
    this.skipSpace();
    const end = this.text.indexOf(':', this.pos);
    if (end < 0) throw new Error('struct field without type');
    const name = this.text.slice(this.pos, end).trim().replace(/^`|`$/g, '');
    this.pos = end;
    return name;
  }

  accept(ch: string): boolean {
    this.skipSpace();
    if (this.text[this.pos] !== ch) return false;
    this.pos++;
    return true;
  }

  expect(ch: string): void {
    if (!this.accept(ch)) throw new Error(`expected '${ch}' at ${this.pos}`);
  }

  int(): number {
    this.skipSpace();
    const m = /^\d+/.exec(this.text.slice(this.pos));
    if (m === null) throw new Error(`expected a number at ${this.pos}`);
    this.pos += m[0].length;
    return Number(m[0]);
  }
}

function parse(c: Cursor): SqlType | null {
  const w = c.word();
  switch (w) {
    case 'tinyint':
      return T.tinyint;
    case 'smallint':
      return T.smallint;
    case 'int':
    case 'integer':
      return T.int;
    case 'bigint':
      return T.bigint;
    case 'boolean':
      return T.boolean;
    case 'float':
      return T.float;
    case 'double':
      if (/^\s+precision\b/i.test(c.text.slice(c.pos))) c.word();
      return T.double;
    case 'string':
      return T.varchar(CATALOG_STRING_LENGTH);
    case 'date':
      return T.date;
    case 'timestamp':
      return T.datetime;
    case 'char':
    case 'varchar': {
      c.expect('(');
      const n = c.int();
      c.expect(')');
      return w === 'char' ? T.char(n) : T.varchar(n);
    }
    case 'decimal':
    case 'numeric': {
      if (!c.accept('(')) return T.decimal(10, 0);
      const p = c.int();
      const s = c.accept(',') ? c.int() : 0;
      c.expect(')');
      return T.decimal(p, s);
    }
    case 'array': {
      c.expect('<');
      const e = parse(c);
      c.expect('>');
      return e === null ? null : T.array(e);
    }
    case 'map': {
      c.expect('<');
      const k = parse(c);
      c.expect(',');
      const v = parse(c);
      c.expect('>');
      return k === null || v === null ? null : { kind: 'map', key: k, value: v };
    }
    case 'struct': {
      c.expect('<');
      const fields: { name: string; type: SqlType }[] = [];
      let ok = true;
      do {
        const name = c.fieldName();
        c.expect(':');
        const t = parse(c);
        if (t === null) ok = false;
        else fields.push({ name, type: t });
      } while (c.accept(','));
      c.expect('>');
      return ok ? { kind: 'struct', fields } : null;
    }
    default:
      // binary, interval_*, uniontype<…>, void and anything unknown.
      return null;
  }
}

/** The StarRocks type of a Hive type text; null when StarRocks cannot read such a column. */
export function hiveToStarRocks(hiveType: string): SqlType | null {
  try {
    const c = new Cursor(hiveType.trim());
    const t = parse(c);
    c.skipSpace();
    return c.pos === c.text.length ? t : null;
  } catch {
    return null;
  }
}
