/**
 * Bisection over key segments: a segment whose (COUNT, Σhash) differ between the sides is split
 * into `fanout` children with one GROUP BY query per side (integer keys: arithmetic key ranges,
 * which use the key index; other keys: MD5 buckets of the key), recursing until a segment holds
 * at most `threshold` rows; those are fetched from both sides and compared row by row.
 * Depth-first, one segment at a time, so memory stays bounded by `threshold` rows per side.
 */
import type { Connection } from 'mysql2/promise';
import type { PairedColumn } from './columns.js';
import { canonicalInt } from './aggregates.js';
import { hashBucket, hashSum, normExpr, rangeBucket, rangeFilter, rowMd5, where, type Side } from './sql.js';
import { heartbeat } from './heartbeat.js';
import { diffLeaf, type DiffSink, type LeafRow } from './leaf.js';

/** A key segment: an inclusive integer range or a path of hash buckets. */
export type Segment =
  | { readonly kind: 'range'; readonly lo: bigint; readonly hi: bigint }
  | { readonly kind: 'hash'; readonly path: readonly number[] };

interface Stats {
  readonly count: bigint;
  readonly hash: string;
}

/** The per-side context bisection needs. */
export interface Endpoint {
  readonly conn: Connection;
  readonly side: Side;
}

/** Knobs (defaults from data-diff: fanout 32, local diff below 16 384 rows). */
export interface BisectOptions {
  readonly fanout: number;
  readonly threshold: number;
  readonly floatTolerance: number;
  readonly onProgress: (message: string) => void;
  /** Children stats of the root already known from the profile scan. */
  readonly known?: {
    readonly source: ReadonlyMap<string, Stats>;
    readonly target: ReadonlyMap<string, Stats>;
  };
}

/** Counters for the report. */
export interface BisectStats {
  segmentsChecked: number;
  segmentsDiffering: number;
  leaves: number;
  rowsFetched: number;
  queries: number;
  maxDepth: number;
}

const MAX_HASH_DEPTH = 15; // MD5 has 32 hex digits; two per level

function segmentFilter(side: Side, key: PairedColumn, seg: Segment, fanout: number): string {
  if (seg.kind === 'range') return rangeFilter(side, key, seg.lo, seg.hi);
  return seg.path.map((b, level) => `${hashBucket(side, key, level, fanout)} = ${b}`).join(' AND ');
}

async function rows(conn: Connection, sql: string): Promise<Record<string, unknown>[]> {
  const [result] = await conn.query({ sql, rowsAsArray: false });
  return result as Record<string, unknown>[];
}

/** The child-segment number of each row of `seg` (GROUP BY expression). */
export function segmentBucket(side: Side, key: PairedColumn, seg: Segment, fanout: number): string {
  return seg.kind === 'range'
    ? rangeBucket(side, key, seg.lo, rangeWidth(seg, fanout))
    : hashBucket(side, key, seg.path.length, fanout);
}

/** Children of `seg` with their stats on one side. */
async function childStats(
  ep: Endpoint,
  key: PairedColumn,
  columns: readonly PairedColumn[],
  seg: Segment,
  fanout: number,
): Promise<Map<string, Stats>> {
  const side = ep.side;
  const bucket = segmentBucket(side, key, seg, fanout);
  const sql =
    `SELECT ${bucket} AS s, COUNT(*) AS n, ${hashSum(side, rowMd5(side, key, columns))} AS h FROM ${side.from}` +
    `${where(side.filter, segmentFilter(side, key, seg, fanout))} GROUP BY ${bucket}`;
  const out = new Map<string, Stats>();
  for (const r of await rows(ep.conn, sql)) {
    out.set(String(r['s']), { count: BigInt(String(r['n'])), hash: canonicalInt(String(r['h'] ?? '0')) });
  }
  return out;
}

function rangeWidth(seg: { lo: bigint; hi: bigint }, fanout: number): bigint {
  const span = seg.hi - seg.lo + 1n;
  const f = BigInt(fanout);
  return (span + f - 1n) / f;
}

function child(seg: Segment, id: string, fanout: number): Segment {
  if (seg.kind === 'hash') return { kind: 'hash', path: [...seg.path, Number(id)] };
  const w = rangeWidth(seg, fanout);
  const lo = seg.lo + BigInt(id) * w;
  const hi = lo + w - 1n < seg.hi ? lo + w - 1n : seg.hi;
  return { kind: 'range', lo, hi };
}

function describe(seg: Segment): string {
  return seg.kind === 'range' ? `[${seg.lo}..${seg.hi}]` : `hash/${seg.path.join('/')}`;
}

function isLeaf(seg: Segment, s: Stats | undefined, t: Stats | undefined, threshold: number): boolean {
  const n = (s?.count ?? 0n) > (t?.count ?? 0n) ? (s?.count ?? 0n) : (t?.count ?? 0n);
  if (n <= BigInt(threshold)) return true;
  return seg.kind === 'range' ? seg.hi <= seg.lo : seg.path.length >= MAX_HASH_DEPTH;
}

async function fetchLeaf(
  ep: Endpoint,
  key: PairedColumn,
  columns: readonly PairedColumn[],
  seg: Segment,
  fanout: number,
  limit: number,
): Promise<LeafRow[]> {
  const side = ep.side;
  const items = [`${normExpr(side, key)} AS k`];
  columns.forEach((c, i) => {
    items.push(`${normExpr(side, c)} AS c${i}`);
    if (c.norm.kind === 'float')
      items.push(`\`${(side.names.get(c.name) ?? c.name).replace(/`/g, '``')}\` AS f${i}`);
  });
  const sql = `SELECT ${items.join(', ')} FROM ${side.from}${where(side.filter, segmentFilter(side, key, seg, fanout))} LIMIT ${limit}`;
  return (await rows(ep.conn, sql)).map((r) => ({
    key: r['k'] === null ? 'NULL' : String(r['k']),
    values: columns.map((_, i) => (r[`c${i}`] === null ? null : String(r[`c${i}`]))),
    floats: columns.map((c, i) =>
      c.norm.kind === 'float' && r[`f${i}`] !== null ? Number(r[`f${i}`]) : undefined,
    ),
  }));
}

/**
 * Find every differing row under `root` (whose stats differ) and send it to `sink`.
 * Returns the counters.
 */
export async function bisect(
  source: Endpoint,
  target: Endpoint,
  key: PairedColumn,
  columns: readonly PairedColumn[],
  root: Segment,
  rootStats: { source: Stats; target: Stats },
  sink: DiffSink,
  opts: BisectOptions,
): Promise<BisectStats> {
  const stats: BisectStats = {
    segmentsChecked: 1,
    segmentsDiffering: 1,
    leaves: 0,
    rowsFetched: 0,
    queries: 0,
    maxDepth: 0,
  };
  const stack: { seg: Segment; s: Stats | undefined; t: Stats | undefined; depth: number }[] = [
    { seg: root, s: rootStats.source, t: rootStats.target, depth: 0 },
  ];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === undefined) break;
    const { seg, depth } = item;
    stats.maxDepth = Math.max(stats.maxDepth, depth);
    if (isLeaf(seg, item.s, item.t, opts.threshold)) {
      const limit = opts.threshold * 4 + 1;
      const [sr, tr] = await Promise.all([
        fetchLeaf(source, key, columns, seg, opts.fanout, limit),
        fetchLeaf(target, key, columns, seg, opts.fanout, limit),
      ]);
      stats.queries += 2;
      stats.leaves++;
      stats.rowsFetched += sr.length + tr.length;
      diffLeaf(sr, tr, columns, opts.floatTolerance, sink);
      if (sr.length === limit || tr.length === limit)
        sink.note(`segment ${describe(seg)} truncated at ${limit} rows (key not unique?)`);
      continue;
    }
    let sc: ReadonlyMap<string, Stats>;
    let tc: ReadonlyMap<string, Stats>;
    if (depth === 0 && opts.known !== undefined) {
      ({ source: sc, target: tc } = opts.known);
    } else {
      [sc, tc] = await heartbeat(
        Promise.all([
          childStats(source, key, columns, seg, opts.fanout),
          childStats(target, key, columns, seg, opts.fanout),
        ]),
        `segment ${describe(seg)} checksums`,
        opts.onProgress,
      );
      stats.queries += 2;
    }
    const ids = [...new Set([...sc.keys(), ...tc.keys()])].sort((a, b) => Number(b) - Number(a));
    let differing = 0;
    for (const id of ids) {
      stats.segmentsChecked++;
      const s = sc.get(id);
      const t = tc.get(id);
      if (s !== undefined && t !== undefined && s.count === t.count && s.hash === t.hash) continue;
      differing++;
      stats.segmentsDiffering++;
      stack.push({ seg: child(seg, id, opts.fanout), s, t, depth: depth + 1 });
    }
    opts.onProgress(`depth ${depth + 1}: ${describe(seg)} → ${differing}/${ids.length} segments differ`);
  }
  return stats;
}
