/**
 * A progress bar on stderr. On a terminal it redraws one line (at most ~10 times a second);
 * when stderr is a pipe or file it prints a line every 10 % so logs stay short.
 */

/** Options for {@link Progress}. */
export interface ProgressOptions {
  /** Write here instead of process.stderr (tests). */
  readonly stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Print nothing at all. */
  readonly quiet?: boolean;
}

/** Progress towards a known total of units (rows, bytes, queries). */
export class Progress {
  private done = 0;
  private lastDraw = 0;
  private lastDecile = -1;
  private readonly started = Date.now();
  private readonly stream: NodeJS.WritableStream & { isTTY?: boolean };
  private readonly quiet: boolean;

  constructor(
    private readonly label: string,
    private readonly total: number,
    options: ProgressOptions = {},
  ) {
    this.stream = options.stream ?? process.stderr;
    this.quiet = options.quiet ?? false;
  }

  /** Advance by `n` units. */
  tick(n = 1): void {
    this.done += n;
    if (this.quiet) return;
    const now = Date.now();
    if (this.stream.isTTY === true) {
      if (now - this.lastDraw < 100 && this.done < this.total) return;
      this.lastDraw = now;
      this.stream.write(`\r${this.line()}`);
    } else {
      const decile = this.total > 0 ? Math.floor((10 * this.done) / this.total) : 10;
      if (decile === this.lastDecile || decile >= 10) return;
      this.lastDecile = decile;
      this.stream.write(`${this.line()}\n`);
    }
  }

  /** Finish: draw 100 % with the elapsed time. */
  finish(note = ''): void {
    if (this.quiet) return;
    const secs = ((Date.now() - this.started) / 1000).toFixed(1);
    const end = `${this.line(true)} ${secs}s${note === '' ? '' : ` ${note}`}`;
    this.stream.write(this.stream.isTTY === true ? `\r${end}\x1b[K\n` : `${end}\n`);
  }

  private line(final = false): string {
    const frac = final ? 1 : this.total > 0 ? Math.min(1, this.done / this.total) : 1;
    const width = 30;
    const filled = Math.round(frac * width);
    const bar = '#'.repeat(filled) + '.'.repeat(width - filled);
    return `${this.label.padEnd(18)} [${bar}] ${(frac * 100).toFixed(0).padStart(3)}%`;
  }
}
