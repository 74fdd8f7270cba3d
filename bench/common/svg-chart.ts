/**
 * A self-contained horizontal bar chart as SVG (no fonts or scripts fetched from anywhere),
 * for per-query ratios or times in benchmark reports.
 */

/** One bar; `group` picks the colour (e.g. the schema a query ran on). */
export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly group?: string;
}

/** Chart options. */
export interface BarChartOptions {
  readonly title: string;
  /** Unit suffix for value labels, e.g. '×' or ' ms'. */
  readonly unit: string;
  /** Draw a dashed vertical reference line here (e.g. 1.0 for ratios). */
  readonly reference?: number;
  readonly referenceLabel?: string;
}

const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948'];

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function formatValue(v: number, unit: string): string {
  const digits = v >= 100 ? 0 : v >= 10 ? 1 : 2;
  return `${v.toFixed(digits)}${unit}`;
}

/** Render the bars as an SVG document string. */
export function barChartSvg(bars: readonly Bar[], options: BarChartOptions): string {
  const rowH = 18;
  // Wide enough for the longest label at 11px sans-serif (about 7 px per character).
  const labelW = Math.max(120, 16 + Math.ceil(Math.max(0, ...bars.map((b) => b.label.length)) * 7.2));
  const plotW = 460;
  const top = 40;
  const legendH = 24;
  const groups = [...new Set(bars.map((b) => b.group ?? ''))];
  const colour = (g: string | undefined): string =>
    PALETTE[groups.indexOf(g ?? '') % PALETTE.length] ?? '#888';
  const maxValue = Math.max(options.reference ?? 0, ...bars.map((b) => b.value), 1e-9) * 1.1;
  const x = (v: number): number => labelW + (v / maxValue) * plotW;
  const height = top + bars.length * rowH + legendH + 20;
  const width = labelW + plotW + 80;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${width / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(options.title)}</text>`,
  ];
  bars.forEach((b, i) => {
    const y = top + i * rowH;
    const w = Math.max(0, x(b.value) - labelW);
    parts.push(
      `<text x="${labelW - 6}" y="${y + 12}" text-anchor="end">${escapeXml(b.label)}</text>`,
      `<rect x="${labelW}" y="${y + 2}" width="${w.toFixed(1)}" height="${rowH - 5}" fill="${colour(b.group)}"/>`,
      `<text x="${(labelW + w + 4).toFixed(1)}" y="${y + 12}">${escapeXml(formatValue(b.value, options.unit))}</text>`,
    );
  });
  if (options.reference !== undefined) {
    const rx = x(options.reference).toFixed(1);
    const bottom = top + bars.length * rowH;
    parts.push(
      `<line x1="${rx}" y1="${top - 4}" x2="${rx}" y2="${bottom}" stroke="#333" stroke-dasharray="4 3"/>`,
      `<text x="${rx}" y="${top - 8}" text-anchor="middle">${escapeXml(options.referenceLabel ?? String(options.reference))}</text>`,
    );
  }
  const ly = top + bars.length * rowH + 18;
  let lx = labelW;
  groups.forEach((g) => {
    if (g === '') return;
    parts.push(
      `<rect x="${lx}" y="${ly - 9}" width="10" height="10" fill="${colour(g)}"/>`,
      `<text x="${lx + 14}" y="${ly}">${escapeXml(g)}</text>`,
    );
    lx += 30 + g.length * 7; // wide enough for 11px sans-serif
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
