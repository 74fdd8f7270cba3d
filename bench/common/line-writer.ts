/**
 * A buffered line writer for large generated files. Lines are encoded straight into a fixed
 * 4 MiB buffer (no big intermediate strings to join, little garbage); a full buffer goes to the
 * file stream, and when the stream is backed up the writer waits for 'drain', so memory stays
 * bounded however large the file is. Generated data is ASCII, so latin1 encoding is exact.
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
