/** Plain-text and Markdown tables for benchmark output. */

/** Column alignment: numbers read best right-aligned. */
export type Align = 'left' | 'right';

/** A table: header cells, body rows (all strings) and per-column alignment. */
export interface Table {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly align?: readonly Align[];
}

function widths(t: Table): number[] {
  return t.headers.map((h, i) => Math.max(h.length, ...t.rows.map((r) => (r[i] ?? '').length)));
}

function pad(s: string, width: number, align: Align): string {
  return align === 'right' ? s.padStart(width) : s.padEnd(width);
}

/** A fixed-width text table for the terminal. */
export function renderText(t: Table): string {
  const w = widths(t);
  const al = (i: number): Align => t.align?.[i] ?? 'left';
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => pad(c, w[i] ?? 0, al(i)))
      .join('  ')
      .trimEnd();
  const rule = w.map((n) => '-'.repeat(n)).join('  ');
  return [line(t.headers), rule, ...t.rows.map(line)].join('\n') + '\n';
}

/** A GitHub-flavoured Markdown table. */
export function renderMarkdown(t: Table): string {
  const al = (i: number): Align => t.align?.[i] ?? 'left';
  const esc = (s: string): string => s.replace(/\|/g, '\\|');
  const head = `| ${t.headers.map(esc).join(' | ')} |`;
  const rule = `| ${t.headers.map((_, i) => (al(i) === 'right' ? '---:' : '---')).join(' | ')} |`;
  const body = t.rows.map((r) => `| ${t.headers.map((_, i) => esc(r[i] ?? '')).join(' | ')} |`);
  return [head, rule, ...body].join('\n') + '\n';
}
