/**
 * The fast path's gatekeeper. For plain CSV (`\n` rows, no enclose/escape/trim) DuckDB's read_csv
 * splits the spilled body exactly like StarRocks — except in a few corners, which this scan
 * detects with native byte searches while the body streams in: `\r` (DuckDB would strip it), NUL,
 * blank lines (skip_header would count differently), a separator right before a row end (DuckDB
 * accepts one trailing separator, StarRocks counts an extra empty field) and invalid UTF-8 (DuckDB
 * fails the statement, StarRocks filters the row). Any of these sends the body to the general
 * reader instead. Rows with a wrong field count make DuckDB fail (strict_mode), which also falls
 * back. Records are not counted here: DuckDB reports how many rows it wrote (execute.ts).
 */
import { isUtf8 } from 'node:buffer';

const NL = 0x0a;

/** Whether DuckDB can read a body with these options directly (before looking at the bytes). */
export function directEligible(o: {
  readonly format: string;
  readonly rowDelimiter: Buffer;
  readonly columnSeparator: Buffer;
  readonly enclose: number | null;
  readonly escape: number | null;
  readonly trimSpace: boolean;
}): boolean {
  if (o.format !== 'csv' || o.enclose !== null || o.escape !== null || o.trimSpace) return false;
  if (o.rowDelimiter.length !== 1 || o.rowDelimiter[0] !== NL) return false;
  const sep = o.columnSeparator;
  if (sep.length === 0 || sep.length > 4) return false;
  // Bytes DuckDB's CSV state machine treats specially even with quoting off.
  for (const b of sep) if (b === NL || b === 0x0d || b === 0 || b >= 0x80) return false;
  return true;
}

export class DirectScan {
  private lastByte = -1;
  private size = 0;
  private tail: Buffer = Buffer.alloc(0);
  private utf8Carry: Buffer = Buffer.alloc(0);
  private readonly sepNl: Buffer;
  /** Why DuckDB cannot read this body directly (null: it can). */
  reason: string | null = null;

  constructor(private readonly sep: Buffer) {
    this.sepNl = Buffer.concat([sep, Buffer.from([NL])]);
  }

  feed(chunk: Buffer): void {
    if (chunk.length === 0) return;
    if (this.size === 0 && chunk[0] === NL) this.fail('blank line');
    this.size += chunk.length;
    this.lastByte = chunk[chunk.length - 1] as number;
    if (this.reason !== null) return;
    // Junction with the previous chunk, so patterns split across chunks are seen too.
    const k = this.sepNl.length;
    const junction = this.tail.length > 0 ? Buffer.concat([this.tail, chunk.subarray(0, k)]) : null;
    for (const part of junction === null ? [chunk] : [chunk, junction]) {
      if (part.indexOf(0x0d) >= 0) this.fail('carriage return');
      else if (part.indexOf(0) >= 0) this.fail('NUL byte');
      else if (part.indexOf('\n\n') >= 0) this.fail('blank line');
      else if (part.indexOf(this.sepNl) >= 0) this.fail('separator before row end');
    }
    const joined = chunk.length >= k ? chunk : Buffer.concat([this.tail, chunk]);
    this.tail = Buffer.from(joined.subarray(Math.max(0, joined.length - k)));
    this.checkUtf8(chunk);
  }

  /** Whether DuckDB may read the body directly (else `reason` says why not). */
  end(): boolean {
    if (this.reason === null && this.utf8Carry.length > 0) this.fail('invalid UTF-8');
    if (
      this.reason === null &&
      this.size > 0 &&
      this.lastByte !== NL &&
      this.tail.subarray(-this.sep.length).equals(this.sep)
    )
      this.fail('separator at end');
    return this.reason === null;
  }

  private fail(why: string): void {
    if (this.reason === null) this.reason = why;
  }

  /** Validate UTF-8 chunk by chunk; an incomplete character at the end waits for the next chunk. */
  private checkUtf8(chunk: Buffer): void {
    const data = this.utf8Carry.length > 0 ? Buffer.concat([this.utf8Carry, chunk]) : chunk;
    const cut = completeUtf8Prefix(data);
    if (!isUtf8(data.subarray(0, cut))) this.fail('invalid UTF-8');
    this.utf8Carry = Buffer.from(data.subarray(cut));
  }
}

/** Length of the longest prefix that does not end inside a multi-byte character. */
function completeUtf8Prefix(b: Buffer): number {
  const n = b.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const c = b[n - back] as number;
    if ((c & 0xc0) === 0x80) continue; // continuation byte: look further back
    if (c < 0x80) return n;
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
    return back < need ? n - back : n;
  }
  return n;
}
