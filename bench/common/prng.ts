/**
 * A small, fast, seeded pseudo-random generator (SFC32, seeded through SplitMix32) so generated
 * benchmark data is identical for the same (seed, stream) on every machine and Node version.
 * Each table draws from its own stream, so changing how one table is generated never shifts
 * another.
 */

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A seeded generator of 32-bit values, floats in [0, 1) and integers in ranges. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `seed` is the user's seed; `stream` separates independent sequences (one per table). */
  constructor(seed: number, stream: number) {
    const mix = splitmix32((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(stream + 1, 0x85ebca77)) >>> 0);
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = 1;
    for (let i = 0; i < 12; i++) this.next32();
  }

  /** The next unsigned 32-bit value. */
  next32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform integer in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor((this.next32() / 4294967296) * (hi - lo + 1));
  }

  /** A uniformly chosen element of a non-empty list. */
  pick<T>(list: readonly T[]): T {
    return list[this.int(0, list.length - 1)] as T;
  }

  /** `k` distinct elements of `list`, in the order drawn. */
  pickDistinct<T>(list: readonly T[], k: number): T[] {
    const out: T[] = [];
    const used = new Set<number>();
    while (out.length < k) {
      const i = this.int(0, list.length - 1);
      if (used.has(i)) continue;
      used.add(i);
      out.push(list[i] as T);
    }
    return out;
  }
}
