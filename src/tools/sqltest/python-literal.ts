/**
 * A small reader for Python literals (`ast.literal_eval` subset): lists, tuples, dicts, strings,
 * numbers, None/True/False. Used to compare expected results that start with `[`.
 * Values become canonical JS values so equal Python values compare equal.
 */
export type PyValue = null | boolean | number | string | PyValue[] | { readonly dict: [string, PyValue][] };

export class PyLiteralError extends Error {}

export function parsePythonLiteral(text: string): PyValue {
  const p = new Reader(text);
  const v = p.value();
  p.skipSpace();
  if (!p.done()) throw new PyLiteralError(`trailing text at ${p.pos}`);
  return v;
}

/** A canonical string for comparisons and multisets (ints and floats with equal value are equal, as in Python). */
export function canonical(v: PyValue): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const entries = v.dict.map(([k, val]) => `${JSON.stringify(k)}:${canonical(val)}`).sort();
  return `{${entries.join(',')}}`;
}

class Reader {
  pos = 0;
  constructor(private readonly s: string) {}

  done(): boolean {
    return this.pos >= this.s.length;
  }

  skipSpace(): void {
    while (this.pos < this.s.length && /\s/.test(this.s[this.pos] ?? '')) this.pos++;
  }

  value(): PyValue {
    this.skipSpace();
    const ch = this.s[this.pos];
    if (ch === '[') return this.sequence('[', ']');
    if (ch === '(') return this.sequence('(', ')');
    if (ch === '{') return this.dict();
    if (ch === "'" || ch === '"') return this.string();
    if (ch === 'b' && (this.s[this.pos + 1] === "'" || this.s[this.pos + 1] === '"')) {
      this.pos++;
      return this.string();
    }
    const word = /^(None|True|False|-?inf|nan)\b/.exec(this.s.slice(this.pos));
    if (word !== null) {
      this.pos += word[0].length;
      const w = word[1];
      if (w === 'None') return null;
      if (w === 'True') return true;
      if (w === 'False') return false;
      return w === 'nan' ? NaN : w?.startsWith('-') ? -Infinity : Infinity;
    }
    const num = /^[-+]?(\d+\.?\d*(e[-+]?\d+)?|\.\d+(e[-+]?\d+)?)/i.exec(this.s.slice(this.pos));
    if (num !== null) {
      this.pos += num[0].length;
      return Number(num[0]);
    }
    throw new PyLiteralError(`unexpected '${ch ?? 'end'}' at ${this.pos}`);
  }

  private sequence(open: string, close: string): PyValue[] {
    this.pos++;
    const items: PyValue[] = [];
    for (;;) {
      this.skipSpace();
      if (this.s[this.pos] === close) {
        this.pos++;
        return items;
      }
      items.push(this.value());
      this.skipSpace();
      const sep = this.s[this.pos];
      if (sep === ',') this.pos++;
      else if (sep !== close) throw new PyLiteralError(`expected ',' or '${close}' at ${this.pos} (${open})`);
    }
  }

  private dict(): PyValue {
    this.pos++;
    const entries: [string, PyValue][] = [];
    for (;;) {
      this.skipSpace();
      if (this.s[this.pos] === '}') {
        this.pos++;
        return { dict: entries };
      }
      const key = canonical(this.value());
      this.skipSpace();
      if (this.s[this.pos] !== ':') throw new PyLiteralError(`expected ':' at ${this.pos}`);
      this.pos++;
      entries.push([key, this.value()]);
      this.skipSpace();
      if (this.s[this.pos] === ',') this.pos++;
    }
  }

  private string(): string {
    const quote = this.s[this.pos];
    this.pos++;
    let out = '';
    while (this.pos < this.s.length) {
      const ch = this.s[this.pos] ?? '';
      this.pos++;
      if (ch === quote) return out;
      if (ch !== '\\') {
        out += ch;
        continue;
      }
      const esc = this.s[this.pos] ?? '';
      this.pos++;
      const simple: Record<string, string> = {
        n: '\n',
        t: '\t',
        r: '\r',
        '\\': '\\',
        "'": "'",
        '"': '"',
        '0': '\0',
      };
      if (esc in simple) out += simple[esc];
      else if (esc === 'x') {
        out += String.fromCharCode(parseInt(this.s.slice(this.pos, this.pos + 2), 16));
        this.pos += 2;
      } else if (esc === 'u') {
        out += String.fromCharCode(parseInt(this.s.slice(this.pos, this.pos + 4), 16));
        this.pos += 4;
      } else out += `\\${esc}`;
    }
    throw new PyLiteralError('unterminated string');
  }
}
