/**
 * Reader for StarRocks SQL-tester case files (R files: statements plus `-- result:` blocks).
 * The line rules follow the upstream runner exactly, quirks included (a statement ends at a
 * line whose text ends with `;`; `--` lines inside a statement are dropped; continuation lines
 * lose as many leading spaces as the first line had).
 */

export type StepKind = 'sql' | 'shell' | 'function';

export interface Step {
  readonly kind: StepKind;
  /** The statement / command / call, without prefixes or the capture name. */
  readonly text: string;
  /** `[UC]`: run but do not check. */
  readonly unchecked: boolean;
  /** `[ORDER]`: compare rows in order. */
  readonly ordered: boolean;
  /** `name=…`: store the result under this name. */
  readonly capture: string | null;
  /** Expected output lines; null when the file has no result block (must merely not fail). */
  readonly expected: readonly string[] | null;
  /** 1-based line of the statement in the file. */
  readonly line: number;
}

export type Block =
  | { readonly kind: 'step'; readonly step: Step }
  | {
      readonly kind: 'loop';
      readonly timeoutS: number;
      readonly intervalS: number;
      readonly body: readonly Block[];
      readonly checks: readonly string[];
    }
  | {
      readonly kind: 'concurrency';
      readonly groups: readonly {
        readonly name: string;
        readonly threads: number;
        readonly body: readonly Block[];
      }[];
    };

export interface TestCase {
  readonly name: string;
  readonly tags: readonly string[];
  readonly blocks: readonly Block[];
  readonly line: number;
}

const NAME_RE = /name: ([a-zA-Z0-9_-]+)/;
const TAG_RE = /@([a-zA-Z0-9_-]+)/g;
const CAPTURE_RE = /^([a-zA-Z0-9_-]+)=/;

/** Split a case file into cases. */
export function parseCaseFile(text: string): TestCase[] {
  const lines = text.split('\n');
  const cases: TestCase[] = [];
  let start = -1;
  const flush = (end: number): void => {
    if (start < 0) return;
    const header = lines[start] ?? '';
    const name = NAME_RE.exec(header)?.[1];
    if (name !== undefined && name !== '') {
      const tags = [...header.matchAll(TAG_RE)].map((m) => m[1] ?? '');
      const reader = new LineReader(lines, start + 1, end);
      cases.push({ name, tags, blocks: reader.readBlocks(), line: start + 1 });
    }
  };
  lines.forEach((line, i) => {
    if (line.startsWith('-- name: ')) {
      flush(i);
      start = i;
    }
  });
  flush(lines.length);
  return cases;
}

class LineReader {
  private i: number;
  constructor(
    private readonly lines: readonly string[],
    from: number,
    private readonly end: number,
  ) {
    this.i = from;
  }

  readBlocks(closing?: RegExp): Block[] {
    const blocks: Block[] = [];
    while (this.i < this.end) {
      const raw = this.lines[this.i] ?? '';
      const trimmed = raw.trim();
      if (closing?.test(trimmed)) {
        this.i++;
        return blocks;
      }
      if (trimmed === '' || (trimmed.startsWith('--') && !trimmed.startsWith('-- result:'))) {
        this.i++;
        continue;
      }
      if (trimmed === 'LOOP {') blocks.push(this.readLoop());
      else if (trimmed === 'CONCURRENCY {') blocks.push(this.readConcurrency());
      else if (trimmed.startsWith('-- result:')) this.skipResult();
      else blocks.push({ kind: 'step', step: this.readStep() });
    }
    return blocks;
  }

  private readStep(): Step {
    const line = this.i + 1;
    const first = this.lines[this.i] ?? '';
    const indent = first.length - first.trimStart().length;
    let text = first.trimStart();
    this.i++;
    const body = text.replace(/^\[UC\]/, '');
    const isSpecial = body.startsWith('shell:') || body.startsWith('function:');
    if (!isSpecial && !text.endsWith(';')) {
      const parts = [text];
      while (this.i < this.end) {
        const next = this.lines[this.i] ?? '';
        this.i++;
        if (next.trimStart().startsWith('--')) continue;
        const part = dedent(next, indent);
        parts.push(part);
        if (next.endsWith(';')) break;
      }
      text = parts.join('\n');
    }
    const expected = this.readResult();
    return toStep(text, expected, line);
  }

  /** A `-- result:` block directly after the statement (blank lines between are not allowed upstream). */
  private readResult(): string[] | null {
    const here = this.lines[this.i]?.trim();
    if (here !== '-- result:') return null;
    const indent = (this.lines[this.i] ?? '').length - (this.lines[this.i] ?? '').trimStart().length;
    this.i++;
    const out: string[] = [];
    while (this.i < this.end) {
      const line = this.lines[this.i] ?? '';
      this.i++;
      if (line.trim() === '-- !result') break;
      out.push(dedent(line, indent));
    }
    return out;
  }

  private skipResult(): void {
    this.readResult();
  }

  private readLoop(): Block {
    this.i++;
    let timeoutS = 60;
    let intervalS = 10;
    const checks: string[] = [];
    const body: Block[] = [];
    while (this.i < this.end) {
      const trimmed = (this.lines[this.i] ?? '').trim();
      if (trimmed === '} END LOOP') {
        this.i++;
        break;
      }
      if (trimmed.startsWith('PROPERTY:')) {
        const prop = JSON.parse(trimmed.slice('PROPERTY:'.length)) as { timeout?: number; interval?: number };
        timeoutS = prop.timeout ?? timeoutS;
        intervalS = prop.interval ?? intervalS;
        this.i++;
      } else if (trimmed.startsWith('CHECK:')) {
        checks.push(trimmed.slice('CHECK:'.length).trim());
        this.i++;
      } else if (trimmed === '' || trimmed.startsWith('--')) {
        this.i++;
      } else {
        body.push({ kind: 'step', step: this.readStep() });
      }
    }
    return { kind: 'loop', timeoutS, intervalS, body, checks };
  }

  private readConcurrency(): Block {
    this.i++;
    const groups: { name: string; threads: number; body: Block[] }[] = [];
    while (this.i < this.end) {
      const trimmed = (this.lines[this.i] ?? '').trim();
      if (trimmed === '} END CONCURRENCY') {
        this.i++;
        break;
      }
      const thread =
        /^-- thread name: *([a-zA-Z0-9_-]+)(?:\((\d+)\))?/.exec(trimmed) ??
        /^-- thread name *([a-zA-Z0-9_-]+)\((\d+)\)/.exec(trimmed);
      if (thread !== null) {
        groups.push({ name: thread[1] ?? 'thread', threads: Number(thread[2] ?? '1'), body: [] });
        this.i++;
      } else if (trimmed === '' || trimmed.startsWith('--')) {
        this.i++;
      } else {
        const group = groups[groups.length - 1];
        const block: Block = { kind: 'step', step: this.readStep() };
        if (group === undefined) groups.push({ name: 'main', threads: 1, body: [block] });
        else group.body.push(block);
      }
    }
    return { kind: 'concurrency', groups };
  }
}

function dedent(line: string, indent: number): string {
  let n = 0;
  while (n < indent && line[n] === ' ') n++;
  return line.slice(n);
}

function toStep(text: string, expected: string[] | null, line: number): Step {
  let rest = text;
  let unchecked = false;
  let ordered = false;
  if (rest.startsWith('[UC]')) {
    unchecked = true;
    rest = rest.slice(4);
  }
  let kind: StepKind = 'sql';
  if (rest.startsWith('shell:')) {
    kind = 'shell';
    rest = rest.slice('shell:'.length).trim();
  } else if (rest.startsWith('function:')) {
    kind = 'function';
    rest = rest.slice('function:'.length).trim();
  } else if (rest.startsWith('[ORDER]')) {
    ordered = true;
    rest = rest.slice('[ORDER]'.length);
  }
  let capture: string | null = null;
  const m = CAPTURE_RE.exec(rest);
  if (m !== null && !/^[a-zA-Z0-9_-]+==/.test(rest)) {
    capture = m[1] ?? null;
    rest = rest.slice(m[0].length);
  }
  return { kind, text: rest, unchecked, ordered, capture, expected, line };
}
