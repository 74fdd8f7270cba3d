/** Numeric helpers for the DuckDB → StarRocks value conversion. */
import { renderDecimal } from '../types/index.js';

const POW10: bigint[] = [];
for (let i = 0n; i <= 76n; i++) POW10.push(10n ** i);

function pow10(n: number): bigint {
  return POW10[n] ?? 10n ** BigInt(n);
}

/**
 * A scaled decimal (value / 10^scale) as text with exactly `targetScale` fractional digits,
 * rounding half away from zero when digits are dropped (StarRocks prints DECIMAL with its scale).
 */
export function formatDecimal(value: bigint, scale: number, targetScale: number): string {
  let v = value;
  if (targetScale > scale) v *= pow10(targetScale - scale);
  else if (targetScale < scale) {
    const div = pow10(scale - targetScale);
    const half = div / 2n;
    v = v < 0n ? -((-v + half) / div) : (v + half) / div;
  }
  return renderDecimal(v, targetScale);
}

/** A double rendered with a fixed scale (for a DECIMAL column whose DuckDB value came as DOUBLE). */
export function formatDoubleAsDecimal(value: number, scale: number): string {
  return value.toFixed(scale);
}

/**
 * The shortest decimal that rounds to the same float32: DuckDB hands FLOAT over widened to a
 * double (0.1f → 0.10000000149011612), StarRocks prints the float's own shortest form (0.1).
 */
export function float32Shortest(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  for (let p = 1; p <= 9; p++) {
    const candidate = Number(value.toPrecision(p));
    if (Math.fround(candidate) === value) return candidate;
  }
  return value;
}
