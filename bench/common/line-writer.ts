/**
 * A buffered line writer for large generated files. Lines are encoded straight into a fixed
 * 4 MiB buffer (no big intermediate strings to join, little garbage); a full buffer goes to the
 * file stream, and when the stream is backed up the writer waits for 'drain', so memory stays
 * bounded however large the file is. Generated data is ASCII, so latin1 encoding is exact.
 *
 * Hot generators can also build a line field by field without making strings: `reserve` room for
 * the line, then `int` / `raw` / `slice` / `byte`, then `end`. (Encoding a template string per line with
 * Buffer#write cost about half of the SSB generator's time: the string is built, flattened and
 * copied again, and the garbage kept the collector busy.)
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

const BUFFER_BYTES = 4 << 20;
const NEWLINE = 0x0a;

/** Writes '\n'-terminated lines to one file. */
export class LineWriter {
  private readonly stream: WriteStream;
  private buf = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  private full: Buffer[] = [];
  private error: Error | undefined;
  /** Lines written so far. */
  rows = 0;
  /** Bytes handed to the file so far. */
  bytes = 0;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path);
    this.stream.on('error', (e) => {
      this.error = e;
    });
  }

  /** Queue a line (without its newline). Call {@link maybeFlush} regularly. */
  line(text: string): void {
    if (this.used + text.length + 1 > this.buf.length) this.rotate(text.length + 1);
    this.used += this.buf.write(text, this.used, 'latin1');
    this.buf[this.used++] = NEWLINE;
    this.rows++;
  }

  /** Make sure the current buffer has room for a line of up to `maxBytes` bytes (newline included). */
  reserve(maxBytes: number): void {
    if (this.used + maxBytes > this.buf.length) this.rotate(maxBytes);
  }

  /** Append a non-negative integer below 2^53 in decimal (call `reserve` first). */
  int(n: number): void {
    const buf = this.buf;
    if (n < 10) {
      buf[this.used++] = 48 + n;
      return;
    }
    let digits = 2;
    for (let p = 100; p <= n; p *= 10) digits++;
    let at = this.used + digits;
    this.used = at;
    while (n >= 10) {
      const q = Math.floor(n / 10);
      buf[--at] = 48 + (n - q * 10);
      n = q;
    }
    buf[at - 1] = 48 + n;
  }

  /** Append bytes, e.g. a field encoded once up front (call `reserve` first). */
  raw(b: Uint8Array): void {
    const n = b.length;
    const buf = this.buf;
    let at = this.used;
    // Short fields: a loop beats TypedArray#set's call overhead.
    if (n < 24) for (let i = 0; i < n; i++) buf[at++] = b[i] as number;
    else {
      buf.set(b, at);
      at += n;
    }
    this.used = at;
  }

  /** Append `src[start, end)` (call `reserve` first). */
  slice(src: Uint8Array, start: number, end: number): void {
    const buf = this.buf;
    let at = this.used;
    for (let i = start; i < end; i++) buf[at++] = src[i] as number;
    this.used = at;
  }

  /** Append one byte, e.g. a separator (call `reserve` first). */
  byte(b: number): void {
    this.buf[this.used++] = b;
  }

  /** Finish the line built with `int` / `raw` / `slice` / `byte`. */
  end(): void {
    this.buf[this.used++] = NEWLINE;
    this.rows++;
  }

  /** Retire the current buffer and start a new one that can hold at least `need` bytes. */
  private rotate(need: number): void {
    if (this.used > 0) this.full.push(this.buf.subarray(0, this.used));
    this.buf = Buffer.allocUnsafe(Math.max(BUFFER_BYTES, need));
    this.used = 0;
  }

  /** Hand retired buffers to the stream, waiting if it is backed up. */
  async maybeFlush(): Promise<void> {
    if (this.error !== undefined) throw this.error;
    while (this.full.length > 0) {
      const chunk = this.full.shift() as Buffer;
      this.bytes += chunk.length;
      if (!this.stream.write(chunk)) await once(this.stream, 'drain');
    }
  }

  /** Hand everything buffered to the stream. */
  async flush(): Promise<void> {
    this.rotate(0);
    await this.maybeFlush();
  }

  /** Flush and close the file. */
  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
    if (this.error !== undefined) throw this.error;
  }
}
