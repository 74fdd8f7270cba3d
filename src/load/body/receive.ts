/**
 * Receive a request body into the load spill area, never holding it whole in memory:
 * - plain CSV that DuckDB can split exactly like StarRocks → the raw bytes (`<id>.raw`), scanned on
 *   the way (direct-scan.ts) so the record count is known without a second pass;
 * - everything else (enclose/escape/odd delimiters/JSON, or a plain CSV the scan rejected) → the
 *   canonical file (`<id>.rows`) written by the general readers, with rejected records collected.
 * Writes wait for the file stream (backpressure), so a fast client cannot grow memory.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { createGunzip, createInflate } from 'node:zlib';
import { Readable } from 'node:stream';
import { LoadError } from '../errors.js';
import type { LoadOptions } from '../options.js';
import { CanonicalWriter } from './canonical.js';
import { CsvReader } from './csv-reader.js';
import { DirectScan, directEligible } from './direct-scan.js';
import { JsonReader } from './json-reader.js';
import { parseJsonPath } from './json-value.js';
import { RejectLog, type RowSink } from './rows.js';

export interface ReceivedBody {
  /** 'direct': DuckDB reads `path` with the request's separator; 'canonical': the canonical format. */
  readonly mode: 'direct' | 'canonical';
  readonly path: string;
  /** Records the readers saw (blank lines and skipped header excluded); null for direct bodies,
   * whose count DuckDB reports. */
  readonly total: number | null;
  readonly rejects: RejectLog;
  /** Bytes received on the wire. */
  readonly bytes: number;
  readonly receiveMs: number;
  /** Records DuckDB must skip at the start of this file (skip_header; first segment only). */
  readonly skip?: number;
  /** The raw files of a direct body, in order (for a re-read by the general reader). */
  readonly rawPaths?: readonly string[];
  /** A direct body's segments, in order (each readable by DuckDB on its own). */
  readonly segments?: readonly ReceivedBody[];
  /** Segments already handed to the sink while receiving (direct bodies). */
  readonly streamed?: number;
  /**
   * A canonical body cut into segments while it arrived: this many were handed to the sink, and
   * this body is only the last one (its own rows and rejects; bytes and time of the whole body).
   */
  readonly canonicalStreamed?: number;
}

/** Receives finished raw segments of a direct body while the rest is still arriving. */
export interface SegmentSink {
  push(segment: ReceivedBody): void;
}

/** Raw segments are cut at a row end after this many bytes, so writing overlaps receiving. */
export const SEGMENT_BYTES = 32 * 1024 * 1024;
/** Spill writes are queued up to this much before the socket is paused (fewer stalls). */
const WRITE_BUFFER = 8 * 1024 * 1024;

export interface ReceiveSpec {
  readonly options: LoadOptions;
  /** Source column names in file order. */
  readonly columns: readonly string[];
  /** Spill file prefix inside the load area (no extension). */
  readonly spillBase: string;
  /** Content-Length when the client sent one. */
  readonly contentLength: number | null;
  /** Segment size of direct bodies (default SEGMENT_BYTES; tests use small ones). */
  readonly segmentBytes?: number;
}

const JSON_LIMIT = 100 * 1024 * 1024;

async function writeOut(ws: WriteStream, chunk: Buffer): Promise<void> {
  if (!ws.write(chunk)) await once(ws, 'drain');
}

function decompress(
  body: AsyncIterable<Buffer>,
  compression: LoadOptions['compression'],
): AsyncIterable<Buffer> {
  if (compression === null) return body;
  const z = compression === 'gzip' ? createGunzip() : createInflate();
  return Readable.from(body).pipe(z);
}

/** Stream the body to the spill area; returns what the executor needs to run the SQL. */
export async function receiveBody(
  body: AsyncIterable<Buffer>,
  spec: ReceiveSpec,
  sink: SegmentSink | null = null,
): Promise<ReceivedBody> {
  const started = Date.now();
  const o = spec.options;
  if (
    o.format === 'json' &&
    !o.ignoreJsonSize &&
    spec.contentLength !== null &&
    spec.contentLength > JSON_LIMIT
  ) {
    throw new LoadError(
      `The size of this batch exceed the max size [${JSON_LIMIT}]  of json type data  data [ ${spec.contentLength} ]. ` +
        'Set ignore_json_size to skip the check, although it may lead huge memory consuming.',
    );
  }
  let bytes = 0;
  const counted = (async function* () {
    for await (const chunk of body) {
      bytes += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
  })();
  const input = decompress(counted, o.compression);
  const result = directEligible(o)
    ? await receiveDirect(input, spec, sink)
    : await receiveCanonical(input, spec, `${spec.spillBase}.rows`, sink);
  if (spec.contentLength !== null && bytes !== spec.contentLength)
    throw new LoadError("receive body don't equal with body bytes");
  return { ...result, bytes, receiveMs: Date.now() - started };
}

type Partial = Omit<ReceivedBody, 'bytes' | 'receiveMs'>;

async function receiveDirect(
  input: AsyncIterable<Buffer>,
  spec: ReceiveSpec,
  sink: SegmentSink | null,
): Promise<Partial> {
  const scan = new DirectScan(spec.options.columnSeparator);
  const segments: ReceivedBody[] = [];
  let streamed = 0;
  let segBytes = 0;
  const segment = (): ReceivedBody => {
    const first = segments.length === 0;
    const skip = first ? spec.options.skipHeader : 0;
    const path = `${spec.spillBase}.raw.${segments.length}`;
    const s = {
      mode: 'direct' as const,
      path,
      total: null,
      skip,
      rejects: new RejectLog(),
      bytes: 0,
      receiveMs: 0,
    };
    segments.push(s);
    return s;
  };
  let current = segment();
  let ws = createWriteStream(current.path, { highWaterMark: WRITE_BUFFER });
  try {
    for await (const chunk of input) {
      scan.feed(chunk);
      const limit = spec.segmentBytes ?? SEGMENT_BYTES;
      const cut = sink !== null && segBytes + chunk.length >= limit ? chunk.lastIndexOf(0x0a) : -1;
      if (cut < 0) {
        await writeOut(ws, chunk);
        segBytes += chunk.length;
        continue;
      }
      await writeOut(ws, chunk.subarray(0, cut + 1));
      ws.end();
      await once(ws, 'close');
      if (sink !== null && scan.reason === null) {
        sink.push(current);
        streamed++;
      }
      current = segment();
      ws = createWriteStream(current.path, { highWaterMark: WRITE_BUFFER });
      const rest = chunk.subarray(cut + 1);
      await writeOut(ws, rest);
      segBytes = rest.length;
    }
  } finally {
    ws.end();
    await once(ws, 'close');
  }
  const rawPaths = segments.map((x) => x.path);
  if (scan.end()) {
    if (sink !== null) {
      sink.push(current);
      streamed++;
    }
    return { ...current, segments, rawPaths, streamed };
  }
  // The scan found a corner DuckDB would read differently: run the general reader over the files.
  const canonical = await receiveCanonical(concatFiles(rawPaths), spec, `${spec.spillBase}.rows`);
  return { ...canonical, rawPaths, streamed };
}

async function* concatFiles(paths: readonly string[]): AsyncGenerator<Buffer> {
  for (const p of paths)
    for await (const chunk of createReadStream(p, { highWaterMark: 1 << 20 })) yield chunk as Buffer;
}

function generalReader(spec: ReceiveSpec, sink: RowSink, rejects: RejectLog): JsonReader | CsvReader {
  const o = spec.options;
  if (o.format === 'json')
    return new JsonReader(
      {
        stripOuterArray: o.stripOuterArray,
        jsonRoot: o.jsonRoot === null ? null : parseJsonPath(o.jsonRoot),
        jsonPaths: o.jsonPaths === null ? null : o.jsonPaths.map(parseJsonPath),
        columns: spec.columns,
      },
      sink,
      rejects,
    );
  return new CsvReader(
    {
      columnSeparator: o.columnSeparator,
      rowDelimiter: o.rowDelimiter,
      enclose: o.enclose,
      escape: o.escape,
      trimSpace: o.trimSpace,
      skipHeader: o.skipHeader,
      columns: spec.columns.length,
    },
    sink,
    rejects,
  );
}

/** The rejects logged since `from` (count, and the kept ones among them). */
function rejectsSince(all: RejectLog, from: { count: number; kept: number }): RejectLog {
  const part = new RejectLog();
  part.count = all.count - from.count;
  part.kept.push(...all.kept.slice(from.kept));
  return part;
}

/**
 * Run the general reader over the body into canonical files. With a `sink` (a Stream Load that
 * writes while it receives), the output is cut into segments of about SEGMENT_BYTES that the sink
 * writes into the table while the reader goes on — the writer only ever holds whole rows, so any
 * cut between two feeds is a row boundary. Returns the last segment.
 */
async function receiveCanonical(
  input: AsyncIterable<Buffer>,
  spec: ReceiveSpec,
  path: string,
  sink: SegmentSink | null = null,
): Promise<Partial> {
  const o = spec.options;
  let part = 0;
  const partPath = (): string => (sink === null ? path : `${path}.${part}`);
  let writer = new CanonicalWriter(partPath());
  const rejects = new RejectLog();
  const forward: RowSink = { row: (f) => writer.row(f) };
  const reader = generalReader(spec, forward, rejects);
  if (o.format === 'json' && o.jsonPaths !== null && o.jsonPaths.length !== spec.columns.length) {
    writer.destroy();
    throw new LoadError(
      `The number of jsonpaths (${o.jsonPaths.length}) does not match the number of source columns (${spec.columns.length})`,
    );
  }
  const limit = spec.segmentBytes ?? SEGMENT_BYTES;
  let from = { total: 0, count: 0, kept: 0 };
  const cut = (): Partial => ({
    mode: 'canonical',
    path: partPath(),
    total: reader.total - from.total,
    rejects: rejectsSince(rejects, from),
  });
  try {
    for await (const chunk of input) {
      reader.feed(chunk);
      await writer.drain();
      if (sink === null || writer.size < limit) continue;
      await writer.close();
      sink.push({ ...cut(), bytes: 0, receiveMs: 0 });
      from = { total: reader.total, count: rejects.count, kept: rejects.kept.length };
      part++;
      writer = new CanonicalWriter(partPath());
    }
    reader.end();
    await writer.close();
  } catch (e) {
    writer.destroy();
    throw e;
  }
  return part > 0 ? { ...cut(), canonicalStreamed: part } : cut();
}

/** Re-read a raw spilled body with the general reader (DuckDB refused it: wrong field counts). */
export async function canonicalizeRaw(raw: ReceivedBody, spec: ReceiveSpec): Promise<ReceivedBody> {
  const r = await receiveCanonical(concatFiles(raw.rawPaths ?? [raw.path]), spec, `${spec.spillBase}.rows`);
  return {
    ...r,
    bytes: raw.bytes,
    receiveMs: raw.receiveMs,
    ...(raw.rawPaths ? { rawPaths: raw.rawPaths } : {}),
  };
}
