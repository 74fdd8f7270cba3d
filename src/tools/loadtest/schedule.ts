/**
 * Open-loop arrival schedules: the intended send time of request i, fixed in advance and never
 * delayed by responses (that is what removes coordinated omission). Rates are per second, times
 * in milliseconds from the start.
 */
import { ToolError, parseDuration } from '../common/index.js';

/** A rate profile over the run. */
export type RateProfile =
  | { readonly kind: 'constant'; readonly rate: number }
  | { readonly kind: 'ramp'; readonly from: number; readonly to: number }
  | { readonly kind: 'stages'; readonly stages: readonly { readonly rate: number; readonly ms: number }[] };

/** Parse '200' (constant), '50:300' (linear ramp over the duration) or '50@30s,200@60s' (steps). */
export function parseRate(text: string): RateProfile {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return { kind: 'constant', rate: positive(t) };
  const ramp = /^(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)$/.exec(t);
  if (ramp !== null) return { kind: 'ramp', from: Number(ramp[1]), to: positive(ramp[2] ?? '') };
  const stages = t.split(',').map((part) => {
    const m = /^\s*(\d+(?:\.\d+)?)\s*@\s*(\S+)\s*$/.exec(part);
    if (m === null)
      throw new ToolError(`bad --rate '${text}': use 200, 50:300 (ramp) or 50@30s,200@60s (stages)`);
    return { rate: positive(m[1] ?? ''), ms: parseDuration(m[2] ?? '') };
  });
  return { kind: 'stages', stages };
}

function positive(text: string): number {
  const v = Number(text);
  if (!(v > 0)) throw new ToolError(`rate must be positive, got '${text}'`);
  return v;
}

/** Total duration a profile implies (stages carry their own; others use `durationMs`). */
export function profileDuration(p: RateProfile, durationMs: number | undefined): number {
  if (p.kind === 'stages') return p.stages.reduce((s, x) => s + x.ms, 0);
  if (durationMs === undefined) throw new ToolError('--duration is required with a constant or ramp rate');
  return durationMs;
}

/** Intended rate at time t (for reports). */
export function rateAt(p: RateProfile, t: number, durationMs: number): number {
  switch (p.kind) {
    case 'constant':
      return p.rate;
    case 'ramp':
      return p.from + ((p.to - p.from) * t) / durationMs;
    case 'stages': {
      let start = 0;
      for (const s of p.stages) {
        if (t < start + s.ms) return s.rate;
        start += s.ms;
      }
      return p.stages[p.stages.length - 1]?.rate ?? 0;
    }
  }
}

/** Expected number of arrivals in [0, t]: the integral of the rate. */
function expectedCount(p: RateProfile, t: number, durationMs: number): number {
  switch (p.kind) {
    case 'constant':
      return (p.rate * t) / 1000;
    case 'ramp':
      return (p.from * t + ((p.to - p.from) * t * t) / (2 * durationMs)) / 1000;
    case 'stages': {
      let n = 0;
      let start = 0;
      for (const s of p.stages) {
        const span = Math.max(0, Math.min(t - start, s.ms));
        n += (s.rate * span) / 1000;
        start += s.ms;
      }
      return n;
    }
  }
}

/** Time at which the expected count reaches n (inverse of expectedCount, by bisection). */
function timeForCount(p: RateProfile, n: number, durationMs: number): number {
  if (p.kind === 'constant') return (n * 1000) / p.rate;
  let lo = 0;
  let hi = durationMs;
  if (expectedCount(p, hi, durationMs) < n) return Number.POSITIVE_INFINITY;
  for (let k = 0; k < 60; k++) {
    const mid = (lo + hi) / 2;
    if (expectedCount(p, mid, durationMs) < n) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** A generator of intended send times (ms) for requests 0, 1, 2, … up to the duration. */
export interface Schedule {
  /** Intended time of the next request, or undefined when the run is over. */
  next(): number | undefined;
  readonly durationMs: number;
  readonly expectedTotal: number;
}

/**
 * Uniform spacing (the count integral inverted at 0.5, 1.5, …) or Poisson arrivals (exponential
 * gaps in the count domain, seeded so runs are repeatable).
 */
export function makeSchedule(
  p: RateProfile,
  durationMs: number,
  arrivals: 'uniform' | 'poisson',
  seed = 1,
): Schedule {
  const total = expectedCount(p, durationMs, durationMs);
  let i = 0;
  let poissonN = 0;
  const rand = mulberry32(seed);
  return {
    durationMs,
    expectedTotal: total,
    next(): number | undefined {
      const n = arrivals === 'uniform' ? i + 0.5 : (poissonN += -Math.log(1 - rand()));
      i++;
      if (n > total) return undefined;
      const t = timeForCount(p, n, durationMs);
      return t <= durationMs ? t : undefined;
    },
  };
}

/** Small seeded PRNG (mulberry32) so parameter draws and arrivals are repeatable. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
