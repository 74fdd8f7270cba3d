/**
 * Small statistics for benchmark timings: median, geometric mean, ratios, formatting.
 * Pure functions; no I/O.
 */

/** The median of a non-empty list (mean of the two middle values for even lengths). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] as number;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] as number) + hi) / 2;
}

/**
 * The geometric mean of positive values. Zero or negative values are clamped to `floor` first,
 * because a 0 ms timing (below timer resolution) would otherwise zero the whole mean.
 */
export function geomean(values: readonly number[], floor = 1e-3): number {
  if (values.length === 0) throw new Error('geomean of an empty list');
  let logSum = 0;
  for (const v of values) logSum += Math.log(Math.max(v, floor));
  return Math.exp(logSum / values.length);
}

/** `a / b`, or undefined when either side is missing or b is not positive. */
export function ratio(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined || b === undefined || !(b > 0)) return undefined;
  return a / b;
}

/** Milliseconds with a precision that suits the magnitude: 0.123, 12.3, 1234. */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return '–';
  if (ms < 1) return ms.toFixed(3);
  if (ms < 100) return ms.toFixed(1);
  return ms.toFixed(0);
}

/** A ratio as `1.23×`, or `–` when absent. */
export function formatRatio(r: number | undefined): string {
  return r === undefined ? '–' : `${r.toFixed(2)}×`;
}

/** A byte count as `1.2 GiB` / `340 MiB` / `12 KiB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 && i > 0 ? v.toFixed(1) : v.toFixed(0)} ${units[i]}`;
}

/** Nearest-rank percentile (`p` in [0, 1]) of an ascending-sorted list; 0 for an empty list. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1] as number;
}
