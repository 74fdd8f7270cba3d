/**
 * Stream Load request headers → load options, with StarRocks' defaults and its error texts
 * (be/src/http/action/stream_load.cpp `_on_header` / `_process_put`). Header names are matched
 * case-insensitively; the caller passes them lower-cased (Node does).
 */
import { LoadError } from './errors.js';
import { decodeSeparator } from './separators.js';

export type LoadFormat = 'csv' | 'json';
export type PartialUpdateMode = 'row' | 'auto' | 'column';

/** Everything a load needs to know about how to read and filter its body. */
export interface LoadOptions {
  /** As sent; empty/absent → the server generates one. */
  readonly label: string | null;
  readonly format: LoadFormat;
  /** Body compression from `format` (gzip/deflate CSV) or `compression`/`Content-Encoding`. */
  readonly compression: 'gzip' | 'deflate' | null;
  readonly columnSeparator: Buffer;
  readonly rowDelimiter: Buffer;
  readonly enclose: number | null;
  readonly escape: number | null;
  readonly skipHeader: number;
  readonly trimSpace: boolean;
  /** Raw `columns` header (parsed against the table later). */
  readonly columns: string | null;
  readonly where: string | null;
  readonly partitions: readonly string[] | null;
  readonly temporaryPartitions: boolean;
  readonly maxFilterRatio: number;
  readonly strictMode: boolean;
  readonly timezone: string | null;
  /** Seconds; StarRocks' FE default `stream_load_default_timeout_second` is 600. */
  readonly timeoutSeconds: number;
  readonly partialUpdate: boolean;
  readonly partialUpdateMode: PartialUpdateMode | null;
  readonly mergeCondition: string | null;
  readonly jsonPaths: readonly string[] | null;
  readonly jsonRoot: string | null;
  readonly stripOuterArray: boolean;
  readonly ignoreJsonSize: boolean;
  readonly negative: boolean;
  readonly logRejectedRecordNum: number;
  readonly loadMemLimit: number | null;
}

export type HeaderBag = Readonly<Record<string, string | readonly string[] | undefined>>;

/** The first value of a header, '' when absent (StarRocks treats empty as absent). */
export function header(headers: HeaderBag, name: string): string {
  const v = headers[name];
  if (v === undefined) return '';
  return typeof v === 'string' ? v : (v[0] ?? '');
}

function strictBool(value: string, message: string): boolean {
  if (/^true$/i.test(value)) return true;
  if (/^false$/i.test(value)) return false;
  throw new LoadError(message);
}

function nonNegativeInt(value: string, invalid: string, negative: string): number {
  const m = /^\s*([+-]?\d+)/.exec(value);
  if (m === null) throw new LoadError(invalid);
  const n = Number(m[1]);
  if (n < 0) throw new LoadError(negative);
  return n;
}

const FORMATS: Readonly<Record<string, { format: LoadFormat; compression: LoadOptions['compression'] }>> = {
  csv: { format: 'csv', compression: null },
  json: { format: 'json', compression: null },
  gzip: { format: 'csv', compression: 'gzip' },
  deflate: { format: 'csv', compression: 'deflate' },
};
const UNSUPPORTED_FORMATS = new Set(['bzip2', 'lz4', 'zstd']);

function parseFormat(h: HeaderBag): Pick<LoadOptions, 'format' | 'compression'> {
  const raw = header(h, 'format');
  if (raw === '') return { format: 'csv', compression: null };
  const known = FORMATS[raw.toLowerCase()];
  if (known !== undefined) return known;
  if (UNSUPPORTED_FORMATS.has(raw.toLowerCase()))
    throw new LoadError(`data format ${raw} is not supported by this server`);
  throw new LoadError(`unknown data format, format=${raw}`);
}

function parseCompression(h: HeaderBag, base: LoadOptions['compression']): LoadOptions['compression'] {
  const encoding = header(h, 'content-encoding');
  const compression = header(h, 'compression');
  if (encoding !== '' && compression !== '')
    throw new LoadError('Only one of http header content-encoding and compression can be set');
  const c = (encoding || compression).toLowerCase();
  if (c === '' || c === 'identity') return base;
  if (c === 'gzip' || c === 'deflate') return c;
  throw new LoadError(`compression ${c} is not supported by this server`);
}

function parseJsonPaths(raw: string): string[] | null {
  if (raw === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new LoadError(`Invalid json path: ${raw}`);
  }
  if (!Array.isArray(parsed) || !parsed.every((p): p is string => typeof p === 'string'))
    throw new LoadError(`Invalid json path: ${raw}`);
  return parsed;
}

function singleByte(raw: string): number | null {
  if (raw === '') return null;
  return Buffer.from(raw, 'utf8')[0] ?? null;
}

/** Parse the request headers; throws LoadError with StarRocks' message on a bad value. */
export function parseLoadOptions(h: HeaderBag): LoadOptions {
  const { format, compression: formatCompression } = parseFormat(h);
  const timeout = header(h, 'timeout');
  if (timeout !== '' && !/^\s*\+?\d+\s*$/.test(timeout)) throw new LoadError('Invalid timeout format');
  const partitions = header(h, 'partitions');
  const tempPartitions = header(h, 'temporary_partitions');
  if (partitions !== '' && tempPartitions !== '')
    throw new LoadError('Can not specify both partitions and temporary partitions');
  const partitionList = partitions || tempPartitions;
  const mode = header(h, 'partial_update_mode');
  const skip = header(h, 'skip_header');
  const trim = header(h, 'trim_space');
  const strict = header(h, 'strict_mode');
  const partial = header(h, 'partial_update');
  const rejected = header(h, 'log_rejected_record_num');
  const memLimit = header(h, 'load_mem_limit');
  const ratio = header(h, 'max_filter_ratio');
  const label = header(h, 'label');
  return {
    label: label === '' ? null : label,
    format,
    compression: parseCompression(h, formatCompression),
    columnSeparator: decodeSeparator(header(h, 'column_separator'), '\t', 'column separator'),
    rowDelimiter: decodeSeparator(header(h, 'row_delimiter'), '\n', 'row delimiter'),
    enclose: singleByte(header(h, 'enclose')),
    escape: singleByte(header(h, 'escape')),
    skipHeader:
      skip === ''
        ? 0
        : nonNegativeInt(
            skip,
            'Invalid csv load skip_header format',
            'skip_header must be equal or greater than 0',
          ),
    trimSpace: trim === '' ? false : strictBool(trim, 'Invalid trim space format. Must be bool type'),
    columns: header(h, 'columns') || null,
    where: header(h, 'where') || null,
    partitions: partitionList === '' ? null : partitionList.split(',').map((p) => p.trim()),
    temporaryPartitions: tempPartitions !== '',
    // strtod: a leading number, else 0
    maxFilterRatio: ratio === '' ? 0 : Number.parseFloat(ratio) || 0,
    strictMode: strict === '' ? false : strictBool(strict, 'Invalid strict mode format. Must be bool type'),
    timezone: header(h, 'timezone') || null,
    timeoutSeconds: timeout === '' ? 600 : Number(timeout.trim()),
    partialUpdate:
      partial === '' ? false : strictBool(partial, 'Invalid partial update flag format. Must be bool type'),
    partialUpdateMode: mode === 'row' || mode === 'auto' || mode === 'column' ? mode : null,
    mergeCondition: header(h, 'merge_condition') || null,
    jsonPaths: parseJsonPaths(header(h, 'jsonpaths')),
    jsonRoot: header(h, 'json_root') || null,
    stripOuterArray: /^true$/i.test(header(h, 'strip_outer_array')),
    ignoreJsonSize: /^true$/i.test(header(h, 'ignore_json_size')),
    negative: header(h, 'negative') === 'true',
    logRejectedRecordNum: rejected === '' ? 0 : logRejected(rejected),
    loadMemLimit:
      memLimit === ''
        ? null
        : nonNegativeInt(
            memLimit,
            'Invalid load mem limit format',
            'load_mem_limit must be equal or greater than 0',
          ),
  };
}

function logRejected(raw: string): number {
  const m = /^\s*([+-]?\d+)/.exec(raw);
  if (m === null) throw new LoadError('Invalid log_rejected_record_num format');
  const n = Number(m[1]);
  if (n < -1) throw new LoadError('log_rejected_record_num must be equal or greater than -1');
  return n;
}

/** Labels: `^[-\w]{1,128}$` (FE `FeNameFormat.LABEL_REGEX`). */
export function checkLabel(label: string): void {
  if (!/^[-\w]{1,128}$/.test(label)) {
    throw new LoadError(`Label format error. regex: ^[-\\w]{1,128}$, label: ${label}`);
  }
}
