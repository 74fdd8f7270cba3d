/**
 * The canonical spill file the general readers (CSV with enclose/escape/odd delimiters, JSON)
 * write and DuckDB reads: `,`-separated, `\n`-terminated, every value double-quoted with `""`
 * for a quote, NULL as an unquoted `\N` (read with allow_quoted_nulls=false, so a quoted `\N` is
 * text). Writes are batched and honour the file stream's backpressure.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import type { Fields, RowSink } from './rows.js';

const FLUSH_AT = 1 << 20;

/** read_csv options matching the canonical format (a fixed template, no user text). */
export const CANONICAL_CSV_OPTIONS =
  "delim=',', quote='\"', escape='\"', header=false, nullstr='\\N', allow_quoted_nulls=false, " +
  "auto_detect=false, new_line='\\n', strict_mode=true, null_padding=false";

export class CanonicalWriter implements RowSink {
  private readonly out: WriteStream;
  private buffer = '';
  private failure: Error | null = null;
  rows = 0;

  constructor(path: string) {
    this.out = createWriteStream(path);
    this.out.on('error', (e) => {
      this.failure = e;
    });
  }

  row(fields: Fields): void {
    let line = '';
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      if (i > 0) line += ',';
      line += f === null || f === undefined ? '\\N' : `"${f.includes('"') ? f.replace(/"/g, '""') : f}"`;
    }
    this.buffer += `${line}\n`;
    this.rows++;
  }

  /** Write out what is buffered once it is large; waits while the file stream is saturated. */
  async drain(force = false): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.buffer.length < FLUSH_AT && !force) return;
    const text = this.buffer;
    this.buffer = '';
    if (!this.out.write(text)) await new Promise<void>((resolve) => this.out.once('drain', resolve));
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
