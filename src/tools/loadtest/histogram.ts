/**
 * An HDR-style histogram of non-negative integer values (the load tester records microseconds):
 * buckets are linear below 2^subBits and log-linear above (2^(subBits-1) sub-buckets per power of
 * two), so every recorded value is kept to a relative precision of 2^-(subBits-1) at any
 * magnitude, in fixed memory, and percentiles never depend on sampling.
 */

/** Construction parameters; the defaults give 0.1 % precision up to ~19 hours in µs. */
export interface HistogramConfig {
  /** Sub-bucket bits: precision 2^-(subBits-1). Default 11 (≈0.1 %). */
  readonly subBits?: number;
  /** Largest trackable value; larger values are clamped (and counted in `clamped`). */
  readonly maxValue?: number;
}

/** A log-bucketed histogram with exact count, min, max and sum. */
export class Histogram {
  readonly subBits: number;
  readonly maxValue: number;
  private readonly counts: Float64Array;
  private readonly half: number;
  count = 0;
  min = Number.POSITIVE_INFINITY;
  max = 0;
  sum = 0;
  clamped = 0;

  constructor(config: HistogramConfig = {}) {
    this.subBits = config.subBits ?? 11;
    this.maxValue = config.maxValue ?? 2 ** 36;
    this.half = 2 ** (this.subBits - 1);
    this.counts = new Float64Array(this.indexOf(this.maxValue) + 1);
  }

  /** Bucket index of a value (exposed for tests). */
  indexOf(value: number): number {
    const v = Math.floor(value);
    const full = 2 ** this.subBits;
    if (v < full) return v;
    const msb = Math.floor(Math.log2(v));
    // Guard against log2 rounding at exact powers of two.
    const m = 2 ** msb > v ? msb - 1 : 2 ** (msb + 1) <= v ? msb + 1 : msb;
    const shift = m - this.subBits + 1;
    const sub = Math.floor(v / 2 ** shift); // in [half, full)
    return full + (shift - 1) * this.half + (sub - this.half);
  }

  /** The [lowest, highest] values that share bucket `index`. */
  bucketRange(index: number): [number, number] {
    const full = 2 ** this.subBits;
    if (index < full) return [index, index];
    const shift = Math.floor((index - full) / this.half) + 1;
    const sub = ((index - full) % this.half) + this.half;
    const lo = sub * 2 ** shift;
    return [lo, lo + 2 ** shift - 1];
  }

  /** Record `value` `times` times. */
  record(value: number, times = 1): void {
    let v = Math.max(0, Math.round(value));
    if (v > this.maxValue) {
      v = this.maxValue;
      this.clamped += times;
    }
    const i = this.indexOf(v);
    this.counts[i] = (this.counts[i] ?? 0) + times;
    this.count += times;
    this.sum += v * times;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
  }

  /** Add another histogram with the same configuration. */
  add(other: Histogram): void {
    if (other.subBits !== this.subBits || other.counts.length !== this.counts.length) {
      throw new Error('histogram configurations differ');
    }
    for (let i = 0; i < other.counts.length; i++)
      this.counts[i] = (this.counts[i] ?? 0) + (other.counts[i] ?? 0);
    this.count += other.count;
    this.sum += other.sum;
    this.clamped += other.clamped;
    if (other.count > 0) {
      this.min = Math.min(this.min, other.min);
      this.max = Math.max(this.max, other.max);
    }
  }

  /** Forget everything (reuse for per-interval statistics). */
  reset(): void {
    this.counts.fill(0);
    this.count = 0;
    this.min = Number.POSITIVE_INFINITY;
    this.max = 0;
    this.sum = 0;
    this.clamped = 0;
  }

  /**
   * The value at percentile `p` (0–100): the highest value of the bucket holding the
   * ceil(p/100 × count)-th smallest recording, never above the exact max. NaN when empty.
   */
  percentile(p: number): number {
    if (this.count === 0) return Number.NaN;
    if (p <= 0) return this.min;
    const rank = Math.max(1, Math.ceil((Math.min(p, 100) / 100) * this.count));
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i] ?? 0;
      if (seen >= rank) return Math.min(this.bucketRange(i)[1], this.max);
    }
    return this.max;
  }

  /** Mean of the recorded (rounded) values; NaN when empty. */
  mean(): number {
    return this.count === 0 ? Number.NaN : this.sum / this.count;
  }

  /** Non-empty buckets as [low, high, count], ascending. */
  *buckets(): Generator<[number, number, number]> {
    for (let i = 0; i < this.counts.length; i++) {
      const c = this.counts[i] ?? 0;
      if (c > 0) {
        const [lo, hi] = this.bucketRange(i);
        yield [lo, hi, c];
      }
    }
  }
}
