/**
 * The canonical spill file the general readers (CSV with enclose/escape/odd delimiters, JSON)
 * write and DuckDB reads: `,`-separated, `\n`-terminated, every value double-quoted with `""`
 * for a quote, NULL as an unquoted `\N` (read with allow_quoted_nulls=false, so a quoted `\N` is
 * text). Writes are batched and honour the file stream's backpressure.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import type { Fields, RowSink } from './rows.js';

/** read_csv options matching the canonical format (a fixed template, no user text). */
export const CANONICAL_CSV_OPTIONS =
  "delim=',', quote='\"', escape='\"', header=false, nullstr='\\N', allow_quoted_nulls=false, " +
  "auto_detect=false, new_line='\\n', strict_mode=true, null_padding=false";

const BLOCK = 1 << 20;
const COMMA = 0x2c;
const QUOTE = 0x22;
const NL = 0x0a;
const NULL_MARK = Buffer.from('\\N');

export class CanonicalWriter implements RowSink {
  private readonly out: WriteStream;
  /** Bytes are encoded straight into blocks (no string building: fields are often slices). */
  private block = Buffer.allocUnsafe(BLOCK);
  private pos = 0;
  private full: Buffer[] = [];
  private failure: Error | null = null;
  rows = 0;
  private flushed = 0;

  constructor(path: string) {
    this.out = createWriteStream(path, { highWaterMark: 8 * 1024 * 1024 });
    this.out.on('error', (e) => {
      this.failure = e;
    });
  }

  private room(bytes: number): void {
    if (this.pos + bytes <= this.block.length) return;
    if (this.pos > 0) this.full.push(this.block.subarray(0, this.pos));
    this.block = Buffer.allocUnsafe(Math.max(BLOCK, bytes));
    this.pos = 0;
  }

  row(fields: Fields): void {
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      if (f === null || f === undefined) {
        this.room(4);
        if (i > 0) this.block[this.pos++] = COMMA;
        this.pos += NULL_MARK.copy(this.block, this.pos);
        continue;
      }
      const text = f.includes('"') ? f.replace(/"/g, '""') : f;
      this.room(text.length * 3 + 4);
      if (i > 0) this.block[this.pos++] = COMMA;
      this.block[this.pos++] = QUOTE;
      this.pos += this.block.write(text, this.pos, 'utf8');
      this.block[this.pos++] = QUOTE;
    }
    this.room(1);
    this.block[this.pos++] = NL;
    this.rows++;
  }

  /** Bytes written so far, handed to the file or not (segment rotation in receive.ts). */
  get size(): number {
    return this.flushed + this.pos + this.full.reduce((n, b) => n + b.length, 0);
  }

  /** Hand full blocks to the file; waits while the file stream is saturated. */
  async drain(force = false): Promise<void> {
    if (this.failure) throw this.failure;
    if (force && this.pos > 0) {
      this.full.push(this.block.subarray(0, this.pos));
      this.block = Buffer.allocUnsafe(BLOCK);
      this.pos = 0;
    }
    const blocks = this.full;
    this.full = [];
    for (const b of blocks) {
      this.flushed += b.length;
      if (!this.out.write(b)) await new Promise<void>((resolve) => this.out.once('drain', resolve));
    }
    if (this.failure) throw this.failure;
  }

  /** Flush and close (fsync is not needed: the file is read back by this process only). */
  async close(): Promise<void> {
    await this.drain(true);
    await new Promise<void>((resolve, reject) => {
      this.out.end((err?: Error | null) => (err ? reject(err) : resolve()));
    });
  }

  /** Close without caring about the content (failed loads). */
  destroy(): void {
    this.out.destroy();
  }
}
