/**
 * Small self-made SVG charts for reports (no libraries, no CDN): a multi-series line chart with
 * linear or log y axis, and a bar chart. Output is a standalone <svg> element string.
 */
import { escapeHtml } from './html.js';

/** One line of a line chart: points in data units; NaN y values break the line. */
export interface Series {
  readonly name: string;
  readonly color: string;
  readonly points: readonly (readonly [number, number])[];
  /** Draw dots instead of a line (scatter). */
  readonly dots?: boolean;
}

/** Options shared by both chart kinds. */
export interface ChartOptions {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly width?: number;
  readonly height?: number;
  readonly logY?: boolean;
  /** Horizontal reference lines (e.g. an SLA threshold). */
  readonly hLines?: readonly { readonly y: number; readonly label: string; readonly color: string }[];
  readonly formatX?: (v: number) => string;
  readonly formatY?: (v: number) => string;
}

const PAD = { left: 70, right: 20, top: 48, bottom: 46 } as const;

interface Frame {
  readonly w: number;
  readonly h: number;
  readonly x: (v: number) => number;
  readonly y: (v: number) => number;
  readonly yTicks: readonly number[];
  readonly xTicks: readonly number[];
}

/** "Nice" tick values covering [lo, hi] with about `count` steps. */
export function niceTicks(lo: number, hi: number, count = 6): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step)
    ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

function logTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (v >= lo && v <= hi) ticks.push(v);
    }
  }
  return ticks;
}

function frame(opts: ChartOptions, xs: readonly number[], ys: readonly number[]): Frame {
  const w = opts.width ?? 1000;
  const h = opts.height ?? 320;
  const xLo = Math.min(...xs);
  const xHi = Math.max(...xs, xLo + 1);
  const pw = w - PAD.left - PAD.right;
  const ph = h - PAD.top - PAD.bottom;
  const x = (v: number): number => PAD.left + ((v - xLo) / (xHi - xLo)) * pw;
  if (opts.logY === true) {
    const pos = ys.filter((v) => v > 0);
    const lo = 10 ** Math.floor(Math.log10(Math.min(...pos, 1)));
    const hi = 10 ** Math.ceil(Math.log10(Math.max(...pos, lo * 10)));
    const y = (v: number): number =>
      PAD.top +
      ph -
      ((Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * ph;
    return { w, h, x, y, yTicks: logTicks(lo, hi), xTicks: niceTicks(xLo, xHi) };
  }
  const yHi = Math.max(...ys, 1e-9) * 1.08;
  const yTicks = niceTicks(0, yHi);
  const top = Math.max(yHi, yTicks[yTicks.length - 1] ?? yHi);
  const y = (v: number): number => PAD.top + ph - (v / top) * ph;
  return { w, h, x, y, yTicks, xTicks: niceTicks(xLo, xHi) };
}

function axes(f: Frame, opts: ChartOptions): string {
  const fx = opts.formatX ?? ((v: number) => String(v));
  const fy = opts.formatY ?? ((v: number) => String(v));
  const parts: string[] = [];
  const bottom = f.h - PAD.bottom;
  for (const t of f.yTicks) {
    const y = f.y(t).toFixed(1);
    parts.push(`<line x1="${PAD.left}" x2="${f.w - PAD.right}" y1="${y}" y2="${y}" stroke="#e6e9ef"/>`);
    parts.push(`<text x="${PAD.left - 6}" y="${y}" text-anchor="end" dy="4">${escapeHtml(fy(t))}</text>`);
  }
  for (const t of f.xTicks) {
    const x = f.x(t).toFixed(1);
    parts.push(`<line x1="${x}" x2="${x}" y1="${bottom}" y2="${bottom + 5}" stroke="#888"/>`);
    parts.push(`<text x="${x}" y="${bottom + 18}" text-anchor="middle">${escapeHtml(fx(t))}</text>`);
  }
  parts.push(`<line x1="${PAD.left}" x2="${f.w - PAD.right}" y1="${bottom}" y2="${bottom}" stroke="#888"/>`);
  parts.push(`<line x1="${PAD.left}" x2="${PAD.left}" y1="${PAD.top}" y2="${bottom}" stroke="#888"/>`);
  parts.push(
    `<text x="${(PAD.left + f.w - PAD.right) / 2}" y="${f.h - 8}" text-anchor="middle">${escapeHtml(opts.xLabel)}</text>`,
  );
  parts.push(
    `<text transform="translate(16 ${(PAD.top + bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeHtml(opts.yLabel)}</text>`,
  );
  parts.push(
    `<text x="${PAD.left}" y="18" font-weight="600" font-size="14">${escapeHtml(opts.title)}</text>`,
  );
  for (const l of opts.hLines ?? []) {
    const y = f.y(l.y).toFixed(1);
    parts.push(
      `<line x1="${PAD.left}" x2="${f.w - PAD.right}" y1="${y}" y2="${y}" stroke="${l.color}" stroke-dasharray="6 4"/>`,
      `<text x="${f.w - PAD.right - 4}" y="${y}" dy="-4" text-anchor="end" fill="${l.color}">${escapeHtml(l.label)}</text>`,
    );
  }
  return parts.join('\n');
}

function legend(series: readonly { name: string; color: string }[], w: number): string {
  let x = w - PAD.right;
  const items: string[] = [];
  for (const s of [...series].reverse()) {
    const width = 18 + s.name.length * 7 + 14;
    x -= width;
    items.push(
      `<rect x="${x}" y="26" width="12" height="12" fill="${s.color}"/><text x="${x + 16}" y="36">${escapeHtml(s.name)}</text>`,
    );
  }
  return items.join('\n');
}

function svgOpen(w: number, h: number, title: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="system-ui,sans-serif" font-size="11" role="img" aria-label="${escapeHtml(title)}">
<rect width="${w}" height="${h}" fill="#fff"/>`;
}

/** A line (or dot) chart of one or more series sharing the axes. */
export function lineChart(series: readonly Series[], opts: ChartOptions): string {
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1])).filter((v) => Number.isFinite(v));
  ys.push(...(opts.hLines ?? []).map((l) => l.y));
  const f = frame(opts, xs.length > 0 ? xs : [0, 1], ys.length > 0 ? ys : [0, 1]);
  const body = series.map((s) => {
    if (s.dots === true) {
      return s.points
        .filter((p) => Number.isFinite(p[1]))
        .map(
          (p) =>
            `<circle cx="${f.x(p[0]).toFixed(1)}" cy="${f.y(p[1]).toFixed(1)}" r="1.6" fill="${s.color}"/>`,
        )
        .join('');
    }
    let d = '';
    let pen = 'M';
    for (const [px, py] of s.points) {
      if (!Number.isFinite(py)) {
        pen = 'M';
        continue;
      }
      d += `${pen}${f.x(px).toFixed(1)},${f.y(py).toFixed(1)}`;
      pen = 'L';
    }
    return `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="1.8"/>`;
  });
  return `${svgOpen(f.w, f.h, opts.title)}\n${axes(f, opts)}\n${body.join('\n')}\n${legend(series, f.w)}\n</svg>`;
}

/** One bar: a label under it and its value. */
export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly color?: string;
}

/** A bar chart with category labels (every `labelEvery`-th label printed). */
export function barChart(
  bars: readonly Bar[],
  opts: ChartOptions & { readonly labelEvery?: number },
): string {
  const w = opts.width ?? 1000;
  const h = opts.height ?? 320;
  const n = Math.max(bars.length, 1);
  const f = frame({ ...opts, width: w, height: h }, [0, n], bars.map((b) => b.value).concat([0]));
  const slot = (w - PAD.left - PAD.right) / n;
  const every = opts.labelEvery ?? Math.max(1, Math.ceil(n / 12));
  const bottom = h - PAD.bottom;
  const rects = bars.map((b, i) => {
    const x = PAD.left + i * slot;
    const y = f.y(b.value);
    const label =
      i % every === 0
        ? `<text x="${(x + slot / 2).toFixed(1)}" y="${bottom + 18}" text-anchor="middle">${escapeHtml(b.label)}</text>`
        : '';
    return `<rect x="${(x + slot * 0.08).toFixed(1)}" y="${y.toFixed(1)}" width="${(slot * 0.84).toFixed(1)}" height="${Math.max(0, bottom - y).toFixed(1)}" fill="${b.color ?? '#3b6fd8'}"><title>${escapeHtml(`${b.label}: ${b.value}`)}</title></rect>${label}`;
  });
  const noXTicks: Frame = { ...f, xTicks: [] };
  return `${svgOpen(w, h, opts.title)}\n${axes(noXTicks, opts)}\n${rects.join('\n')}\n</svg>`;
}
