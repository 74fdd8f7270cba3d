/**
 * validate: compare one table (or query) between a source and a target MySQL-protocol endpoint.
 * Layers, cheapest first: schema pairing → one profile scan per side (COUNT, Σrow-hash, column
 * aggregates) → bisection over key segments down to row-level differences.
 */
import type { Connection, FieldPacket } from 'mysql2/promise';
import { ToolError, connect, quoteIdent, serverInfo, type Target } from '../common/index.js';
import { classifyField, pairColumns, type PairOptions, type Pairing, type PairedColumn } from './columns.js';
import {
  compareAggregates,
  profileSql,
  readProfile,
  type AggregateDiff,
  type Profile,
} from './aggregates.js';
import { bisect, segmentBucket, type BisectStats, type Endpoint, type Segment } from './bisect.js';
import type { DiffSink, RowDiff } from './leaf.js';
import { where, type Side } from './sql.js';
import { heartbeat } from './heartbeat.js';

/** What to compare and how. */
export interface ValidateOptions {
  readonly source: Target;
  readonly target: Target;
  /** Table name (optionally db.table) on the source, or undefined when `query` is given. */
  readonly table?: string;
  readonly targetTable?: string;
  readonly query?: string;
  readonly targetQuery?: string;
  readonly key: string;
  readonly where?: string;
  /** Only rows with `watermarkColumn <= watermark` are compared (both sides). */
  readonly watermarkColumn?: string;
  readonly watermark?: string;
  readonly ignoreColumns: readonly string[];
  readonly fanout: number;
  readonly threshold: number;
  readonly floatTolerance: number;
  readonly maxReport: number;
  readonly aggregates: boolean;
  readonly pair: PairOptions;
  readonly onProgress: (message: string) => void;
}

/** Everything the report shows. */
export interface ValidateResult {
  readonly equal: boolean;
  readonly source: { readonly server: string; readonly dialect: string; readonly count: string };
  readonly target: { readonly server: string; readonly dialect: string; readonly count: string };
  readonly columns: readonly PairedColumn[];
  readonly schema: Omit<Pairing, 'columns'>;
  readonly aggregateDiffs: readonly AggregateDiff[];
  readonly rowDiffs: readonly RowDiff[];
  readonly diffCounts: Readonly<Record<RowDiff['kind'], number>>;
  readonly notes: readonly string[];
  readonly bisect: BisectStats | undefined;
  readonly seconds: number;
}

/** Keeps counts of every difference and the first `max` of them. */
class Collector implements DiffSink {
  readonly diffs: RowDiff[] = [];
  readonly counts: Record<RowDiff['kind'], number> = { missing: 0, extra: 0, changed: 0, duplicate: 0 };
  readonly notes: string[] = [];
  constructor(private readonly max: number) {}
  add(diff: RowDiff): void {
    this.counts[diff.kind]++;
    if (this.diffs.length < this.max) this.diffs.push(diff);
  }
  note(message: string): void {
    this.notes.push(message);
  }
}

function tableRef(name: string, db: string | undefined): string {
  const parts = name.split('.');
  if (parts.length === 2) return parts.map((p) => quoteIdent(p)).join('.');
  if (db === undefined)
    throw new ToolError(`table '${name}' needs a database: give db.table or put /db in the URL`);
  return `${quoteIdent(db)}.${quoteIdent(name)}`;
}

async function fieldsOf(conn: Connection, from: string): Promise<FieldPacket[]> {
  const [, fields] = await conn.query(`SELECT * FROM ${from} LIMIT 0`);
  return fields;
}

async function openSide(
  t: Target,
  from: string,
  filter: string,
): Promise<{ conn: Connection; info: string; side: Omit<Side, 'names' | 'bits'>; fields: FieldPacket[] }> {
  const conn = await connect(t);
  const info = await serverInfo(conn);
  if (info.dialect === 'mysql') {
    // TIMESTAMP columns render in the session zone; pin it so both sides agree.
    await conn.query("SET time_zone = '+00:00'");
  }
  await conn.query('SET NAMES utf8mb4');
  let fields: FieldPacket[];
  try {
    fields = await fieldsOf(conn, from);
  } catch (error) {
    await conn.end();
    throw new ToolError(`cannot read ${from} on ${t.host}:${t.port}: ${(error as Error).message}`, 3);
  }
  return {
    conn,
    info: `${info.version} ${info.comment}`.trim(),
    side: { dialect: info.dialect, from, filter },
    fields,
  };
}

function filterOf(o: ValidateOptions): string {
  const parts: string[] = [];
  if (o.where !== undefined) parts.push(o.where);
  if (o.watermarkColumn !== undefined) {
    if (o.watermark === undefined) throw new ToolError('--watermark-column needs --watermark <value>');
    parts.push(`${quoteIdent(o.watermarkColumn)} <= '${o.watermark.replace(/'/g, "''")}'`);
  }
  return parts.map((p) => `(${p})`).join(' AND ');
}

/** Run the comparison. */
export async function validate(o: ValidateOptions): Promise<ValidateResult> {
  const started = Date.now();
  const srcFrom =
    o.query !== undefined ? `(${o.query}) AS v_src` : tableRef(o.table ?? '', o.source.database);
  const tgtQuery = o.targetQuery ?? o.query;
  const tgtFrom =
    tgtQuery !== undefined
      ? `(${tgtQuery}) AS v_tgt`
      : tableRef(o.targetTable ?? o.table ?? '', o.target.database);
  const filter = filterOf(o);
  const [src, tgt] = await Promise.all([
    openSide(o.source, srcFrom, filter),
    openSide(o.target, tgtFrom, filter),
  ]);
  try {
    return await compareSides(o, src, tgt, started);
  } finally {
    await Promise.allSettled([src.conn.end(), tgt.conn.end()]);
  }
}

type Opened = Awaited<ReturnType<typeof openSide>>;

async function compareSides(
  o: ValidateOptions,
  src: Opened,
  tgt: Opened,
  started: number,
): Promise<ValidateResult> {
  const ignore = new Set(o.ignoreColumns.map((c) => c.toLowerCase()));
  const pairing = pairColumns(src.fields.map(classifyField), tgt.fields.map(classifyField), ignore, o.pair);
  const key = pairing.columns.find((c) => c.name.toLowerCase() === o.key.toLowerCase());
  if (key === undefined) throw new ToolError(`key column '${o.key}' is not on both sides`);
  const columns = pairing.columns.filter((c) => c !== key);
  const mkSide = (s: Opened, which: 'sourceName' | 'targetName', bit: 'sourceBit' | 'targetBit'): Side => ({
    ...s.side,
    names: new Map(pairing.columns.map((c) => [c.name, c[which]])),
    bits: new Set(pairing.columns.filter((c) => c[bit]).map((c) => c.name)),
  });
  const source: Endpoint = { conn: src.conn, side: mkSide(src, 'sourceName', 'sourceBit') };
  const target: Endpoint = { conn: tgt.conn, side: mkSide(tgt, 'targetName', 'targetBit') };
  const root = await rootSegment(source, target, key);
  o.onProgress(`profiling both sides (${columns.length + 1} columns, first ${o.fanout} segments)…`);
  const [sp, tp] = await heartbeat(
    Promise.all([
      profile(source, key, columns, o.aggregates, root, o.fanout),
      profile(target, key, columns, o.aggregates, root, o.fanout),
    ]),
    'profile scan',
    o.onProgress,
  );
  o.onProgress(`rows: source ${sp.count}, target ${tp.count}`);
  const aggregateDiffs = compareAggregates(sp, tp, columns, o.floatTolerance);
  const sink = new Collector(o.maxReport);
  let stats: BisectStats | undefined;
  const nullKeys = [sp.children.get('null'), tp.children.get('null')];
  if (nullKeys.some((n) => n !== undefined)) {
    sink.note(
      `rows with a NULL key: source ${nullKeys[0]?.count ?? 0n}, target ${nullKeys[1]?.count ?? 0n} (not compared)`,
    );
  }
  if (sp.count !== tp.count || sp.hash !== tp.hash) {
    const known = { source: withoutNull(sp.children), target: withoutNull(tp.children) };
    stats = await bisect(source, target, key, columns, root, { source: sp, target: tp }, sink, {
      fanout: o.fanout,
      threshold: o.threshold,
      floatTolerance: o.floatTolerance,
      onProgress: o.onProgress,
      known,
    });
  }
  const rowsDiffer = Object.values(sink.counts).some((n) => n > 0);
  const schemaDiffers =
    pairing.onlySource.length + pairing.onlyTarget.length + pairing.incompatible.length > 0;
  const exactAggDiffs = aggregateDiffs.some(
    (d) => !columns.some((c) => c.name === d.column && c.norm.kind === 'float'),
  );
  if ((sp.count !== tp.count || sp.hash !== tp.hash) && !rowsDiffer) {
    sink.note('checksums differ but no row differs after normalisation (float rounding at a hash boundary?)');
  }
  return {
    equal: !rowsDiffer && !schemaDiffers && !exactAggDiffs,
    source: { server: src.info, dialect: src.side.dialect, count: sp.count.toString() },
    target: { server: tgt.info, dialect: tgt.side.dialect, count: tp.count.toString() },
    columns: pairing.columns,
    schema: {
      onlySource: pairing.onlySource,
      onlyTarget: pairing.onlyTarget,
      incompatible: pairing.incompatible,
    },
    aggregateDiffs,
    rowDiffs: sink.diffs,
    diffCounts: sink.counts,
    notes: sink.notes,
    bisect: stats,
    seconds: (Date.now() - started) / 1000,
  };
}

function withoutNull<T>(m: ReadonlyMap<string, T>): Map<string, T> {
  return new Map([...m].filter(([k]) => k !== 'null'));
}

async function profile(
  ep: Endpoint,
  key: PairedColumn,
  columns: readonly PairedColumn[],
  aggregates: boolean,
  root: Segment,
  fanout: number,
): Promise<Profile> {
  const sql = profileSql(ep.side, key, columns, aggregates, segmentBucket(ep.side, key, root, fanout));
  const [rows] = await ep.conn.query(sql);
  return readProfile(rows as Record<string, unknown>[], columns);
}

/** Integer keys: the union of both sides' [MIN, MAX] (an index lookup); others: the hash root. */
async function rootSegment(source: Endpoint, target: Endpoint, key: PairedColumn): Promise<Segment> {
  if (key.norm.kind !== 'int') return { kind: 'hash', path: [] };
  const range = async (ep: Endpoint): Promise<bigint[]> => {
    const k = quoteIdent(ep.side.names.get(key.name) ?? key.name);
    const [rows] = await ep.conn.query(
      `SELECT MIN(${k}) AS lo, MAX(${k}) AS hi FROM ${ep.side.from}${where(ep.side.filter)}`,
    );
    const r = (rows as Record<string, unknown>[])[0] ?? {};
    return [r['lo'], r['hi']].filter((v) => v !== null && v !== undefined).map((v) => BigInt(String(v)));
  };
  const vals = (await Promise.all([range(source), range(target)])).flat();
  if (vals.length === 0) return { kind: 'range', lo: 0n, hi: 0n };
  const lo = vals.reduce((a, b) => (a < b ? a : b));
  const hi = vals.reduce((a, b) => (a > b ? a : b));
  return { kind: 'range', lo, hi };
}
