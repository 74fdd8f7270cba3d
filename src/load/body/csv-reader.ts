/**
 * StarRocks' CSV reading (be/src/exec/csv_scanner.cpp, util/csv_reader): records end at the row
 * delimiter (any byte string), fields are split at the column separator (any byte string); with
 * `enclose` a field that starts with it runs to the matching one (a doubled enclose is one
 * literal) and delimiters inside are data; `escape` makes the next byte literal, inside and
 * outside enclosed fields. Blank records are skipped and not counted; the first `skip_header`
 * records are dropped; a record with the wrong number of fields, or that is not valid UTF-8, is
 * rejected with StarRocks' message; a field that is exactly `\N` is NULL. A missing final row
 * delimiter is fine. Streaming: `feed` any chunks, then `end`.
 */
import { isUtf8 } from 'node:buffer';
import { LoadError } from '../errors.js';
import { separatorText } from '../separators.js';
import type { Fields, RejectLog, RowSink } from './rows.js';

export interface CsvReaderOptions {
  readonly columnSeparator: Buffer;
  readonly rowDelimiter: Buffer;
  readonly enclose: number | null;
  readonly escape: number | null;
  readonly trimSpace: boolean;
  readonly skipHeader: number;
  /** Fields every record must have. */
  readonly columns: number;
}

/** A single record larger than this fails the load (StarRocks: "CSV line length exceed limit"). */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;

const SPACE = 0x20;

export class CsvReader {
  private pending: Buffer = Buffer.alloc(0);
  private skipped = 0;
  /** Records that reached field checking (loaded + rejected); blank and header records excluded. */
  total = 0;

  constructor(
    private readonly o: CsvReaderOptions,
    private readonly sink: RowSink,
    private readonly rejects: RejectLog,
  ) {}

  feed(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const consumed =
      this.o.enclose === null && this.o.escape === null ? this.scanPlain(false) : this.scanQuoted(false);
    this.pending = this.pending.subarray(consumed);
    if (this.pending.length > MAX_RECORD_BYTES)
      throw new LoadError(`CSV line length exceed limit ${MAX_RECORD_BYTES}`);
  }

  end(): void {
    if (this.o.enclose === null && this.o.escape === null) this.scanPlain(true);
    else this.scanQuoted(true);
    this.pending = Buffer.alloc(0);
  }

  /** Without enclose/escape: records by indexOf; returns bytes consumed. */
  private scanPlain(atEnd: boolean): number {
    const buf = this.pending;
    const delim = this.o.rowDelimiter;
    let start = 0;
    for (;;) {
      const at = buf.indexOf(delim, start);
      if (at < 0) break;
      this.record(buf, start, at);
      start = at + delim.length;
    }
    if (atEnd && start < buf.length) {
      this.record(buf, start, buf.length);
      start = buf.length;
    }
    return start;
  }

  /** With enclose and/or escape: a byte state machine; returns bytes consumed. */
  private scanQuoted(atEnd: boolean): number {
    const buf = this.pending;
    const { rowDelimiter: delim, columnSeparator: sep, enclose, escape } = this.o;
    let recordStart = 0;
    let i = 0;
    // Field boundaries of the current record as [start, end) into `out` (unescaped bytes).
    let out: number[] = [];
    let bounds: number[] = [];
    let fieldStart = 0;
    let rawStart = 0;
    // Fields whose raw bytes are exactly `\N` are NULL even when `\` is the escape byte.
    let nulls: number[] = [];
    let quoted = false;
    // The field had an enclosed part: trim_space then removes only spaces outside it.
    let wasQuoted = false;
    let atFieldStart = true;
    const trim = this.o.trimSpace;
    const endField = (): void => {
      if (trim && !wasQuoted) while (out.length > fieldStart && out[out.length - 1] === SPACE) out.pop();
      bounds.push(fieldStart, out.length);
      wasQuoted = false;
    };
    const n = buf.length;
    while (i < n) {
      const b = buf[i] as number;
      if (escape !== null && b === escape) {
        if (i + 1 >= n) break; // need the escaped byte
        out.push(buf[i + 1] as number);
        i += 2;
        atFieldStart = false;
        continue;
      }
      if (quoted) {
        if (b === enclose) {
          if (i + 1 >= n && !atEnd) break;
          if (buf[i + 1] === enclose) {
            out.push(b);
            i += 2;
          } else {
            quoted = false;
            i += 1;
          }
          continue;
        }
        out.push(b);
        i++;
        continue;
      }
      if (atFieldStart && enclose !== null && b === enclose) {
        quoted = true;
        wasQuoted = true;
        atFieldStart = false;
        i++;
        continue;
      }
      if (trim && b === SPACE && (atFieldStart || (wasQuoted && !quoted))) {
        i++;
        continue;
      }
      if (matchAt(buf, i, sep)) {
        if (isNullMarker(buf, rawStart, i)) nulls.push(bounds.length / 2);
        endField();
        fieldStart = out.length;
        atFieldStart = true;
        i += sep.length;
        rawStart = i;
        continue;
      }
      if (matchAt(buf, i, delim)) {
        if (isNullMarker(buf, rawStart, i)) nulls.push(bounds.length / 2);
        endField();
        this.quotedRecord(buf, recordStart, i, out, bounds, nulls);
        i += delim.length;
        recordStart = i;
        rawStart = i;
        out = [];
        bounds = [];
        nulls = [];
        fieldStart = 0;
        atFieldStart = true;
        continue;
      }
      if (!atEnd && i + Math.max(sep.length, delim.length) > n && couldStart(buf, i, sep, delim)) break;
      out.push(b);
      atFieldStart = false;
      i++;
    }
    if (atEnd && recordStart < n) {
      if (isNullMarker(buf, rawStart, n)) nulls.push(bounds.length / 2);
      endField();
      this.quotedRecord(buf, recordStart, n, out, bounds, nulls);
      return n;
    }
    return recordStart;
  }

  private quotedRecord(
    buf: Buffer,
    from: number,
    to: number,
    out: number[],
    bounds: number[],
    nulls: number[],
  ): void {
    if (to === from) return this.blank();
    if (this.skipped < this.o.skipHeader) {
      this.skipped++;
      return;
    }
    const raw = buf.subarray(from, to);
    const bytes = Buffer.from(out);
    const fields: Buffer[] = [];
    for (let k = 0; k < bounds.length; k += 2) fields.push(bytes.subarray(bounds[k], bounds[k + 1]));
    this.emit(raw, fields, nulls, true);
  }

  private record(buf: Buffer, from: number, to: number): void {
    if (to === from) return this.blank();
    if (this.skipped < this.o.skipHeader) {
      this.skipped++;
      return;
    }
    const raw = buf.subarray(from, to);
    const sep = this.o.columnSeparator;
    const fields: Buffer[] = [];
    let s = from;
    for (;;) {
      const at = buf.indexOf(sep, s);
      if (at < 0 || at >= to) break;
      fields.push(buf.subarray(s, at));
      s = at + sep.length;
    }
    fields.push(buf.subarray(s, to));
    this.emit(raw, fields);
  }

  private blank(): void {
    // Blank records are skipped (but count towards skip_header like in the BE's reader).
    if (this.skipped < this.o.skipHeader) this.skipped++;
  }

  private emit(raw: Buffer, fields: Buffer[], nulls: readonly number[] = [], trimmed = false): void {
    this.total++;
    if (fields.length !== this.o.columns) {
      this.rejects.add(
        raw.toString('utf8'),
        `Target column count: ${this.o.columns} doesn't match source value column count: ${fields.length}. ` +
          `Column separator: ${separatorText(this.o.columnSeparator)}, Row delimiter: ${separatorText(this.o.rowDelimiter)}`,
      );
      return;
    }
    if (!isUtf8(raw)) {
      this.rejects.add(raw.toString('latin1'), 'Invalid UTF-8 row');
      return;
    }
    const row: Fields = new Array<string | null>(fields.length);
    for (let k = 0; k < fields.length; k++) {
      let f = fields[k] as Buffer;
      if (this.o.trimSpace && !trimmed) f = trimSpaces(f);
      row[k] = isNullMarker(f, 0, f.length) || nulls.includes(k) ? null : f.toString('utf8');
    }
    this.sink.row(row);
  }
}

/** `\N`: NULL whatever the column type. */
function isNullMarker(b: Buffer, from: number, to: number): boolean {
  return to - from === 2 && b[from] === 0x5c && b[from + 1] === 0x4e;
}

function matchAt(buf: Buffer, i: number, pat: Buffer): boolean {
  if (i + pat.length > buf.length) return false;
  for (let k = 0; k < pat.length; k++) if (buf[i + k] !== pat[k]) return false;
  return true;
}

/** Whether the bytes from i to the end are a proper prefix of either delimiter (need more data). */
function couldStart(buf: Buffer, i: number, a: Buffer, b: Buffer): boolean {
  const rest = buf.subarray(i);
  return a.subarray(0, rest.length).equals(rest) || b.subarray(0, rest.length).equals(rest);
}

function trimSpaces(f: Buffer): Buffer {
  let s = 0;
  let e = f.length;
  while (s < e && f[s] === SPACE) s++;
  while (e > s && f[e - 1] === SPACE) e--;
  return f.subarray(s, e);
}
