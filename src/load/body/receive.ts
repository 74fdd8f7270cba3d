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
import { RejectLog } from './rows.js';

export interface ReceivedBody {
  /** 'direct': DuckDB reads `path` with the request's separator; 'canonical': the canonical format. */
  readonly mode: 'direct' | 'canonical';
  readonly path: string;
  /** Records the readers saw (blank lines and skipped header excluded). */
  readonly total: number;
  readonly rejects: RejectLog;
  /** Bytes received on the wire. */
  readonly bytes: number;
  readonly receiveMs: number;
}

export interface ReceiveSpec {
  readonly options: LoadOptions;
  /** Source column names in file order. */
  readonly columns: readonly string[];
  /** Spill file prefix inside the load area (no extension). */
  readonly spillBase: string;
  /** Content-Length when the client sent one. */
  readonly contentLength: number | null;
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
export async function receiveBody(body: AsyncIterable<Buffer>, spec: ReceiveSpec): Promise<ReceivedBody> {
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
    ? await receiveDirect(input, spec)
    : await receiveCanonical(input, spec, `${spec.spillBase}.rows`);
  if (spec.contentLength !== null && bytes !== spec.contentLength)
    throw new LoadError("receive body don't equal with body bytes");
  return { ...result, bytes, receiveMs: Date.now() - started };
}

type Partial = Omit<ReceivedBody, 'bytes' | 'receiveMs'>;

async function receiveDirect(input: AsyncIterable<Buffer>, spec: ReceiveSpec): Promise<Partial> {
  const rawPath = `${spec.spillBase}.raw`;
  const ws = createWriteStream(rawPath);
  const scan = new DirectScan(spec.options.columnSeparator);
  try {
    for await (const chunk of input) {
      scan.feed(chunk);
      await writeOut(ws, chunk);
    }
  } finally {
    ws.end();
    await once(ws, 'close');
  }
  const records = scan.end();
  if (records !== null) {
    return {
      mode: 'direct',
      path: rawPath,
      total: Math.max(0, records - spec.options.skipHeader),
      rejects: new RejectLog(),
    };
  }
  // The scan found a corner DuckDB would read differently: run the general reader over the file.
  return receiveCanonical(
    createReadStream(rawPath, { highWaterMark: 1 << 20 }),
    spec,
    `${spec.spillBase}.rows`,
  );
}

async function receiveCanonical(
  input: AsyncIterable<Buffer>,
  spec: ReceiveSpec,
  path: string,
): Promise<Partial> {
  const o = spec.options;
  const writer = new CanonicalWriter(path);
  const rejects = new RejectLog();
  const reader =
    o.format === 'json'
      ? new JsonReader(
          {
            stripOuterArray: o.stripOuterArray,
            jsonRoot: o.jsonRoot === null ? null : parseJsonPath(o.jsonRoot),
            jsonPaths: o.jsonPaths === null ? null : o.jsonPaths.map(parseJsonPath),
            columns: spec.columns,
          },
          writer,
          rejects,
        )
      : new CsvReader(
          {
            columnSeparator: o.columnSeparator,
            rowDelimiter: o.rowDelimiter,
            enclose: o.enclose,
            escape: o.escape,
            trimSpace: o.trimSpace,
            skipHeader: o.skipHeader,
            columns: spec.columns.length,
          },
          writer,
          rejects,
        );
  if (o.format === 'json' && o.jsonPaths !== null && o.jsonPaths.length !== spec.columns.length) {
    writer.destroy();
    throw new LoadError(
      `The number of jsonpaths (${o.jsonPaths.length}) does not match the number of source columns (${spec.columns.length})`,
    );
  }
  try {
    for await (const chunk of input) {
      reader.feed(chunk);
      await writer.drain();
    }
    reader.end();
    await writer.close();
  } catch (e) {
    writer.destroy();
    throw e;
  }
  return { mode: 'canonical', path, total: reader.total, rejects };
}

/** Re-read a raw spilled body with the general reader (DuckDB refused it: wrong field counts). */
export async function canonicalizeRaw(raw: ReceivedBody, spec: ReceiveSpec): Promise<ReceivedBody> {
  const input = createReadStream(raw.path, { highWaterMark: 1 << 20 });
  const r = await receiveCanonical(input, spec, `${spec.spillBase}.rows`);
  return { ...r, bytes: raw.bytes, receiveMs: raw.receiveMs };
}
