/**
 * StarRocks' JSON Stream Load reading (be/src/exec/json_scanner.cpp): the first non-blank byte
 * decides — `{` a stream of objects, `[` an array — anything else fails the load. An outer array
 * becomes rows only with `strip_outer_array` (otherwise the array is one non-object row, filtered);
 * with `json_root` every document (each element of an outer array) is narrowed to the root first
 * and strip_outer_array applies to an array found there. Fields come from `jsonpaths` in order, or
 * by column name (exact, then case-insensitive); missing keys are NULL. Streaming: documents (or
 * elements of an outer array being stripped) are cut out of the byte stream one at a time, so a
 * huge body needs memory for one document only.
 */
import { LoadError } from '../errors.js';
import {
  fieldText,
  isJsonObject,
  JsonSyntaxError,
  LONG_NUMBER,
  member,
  members,
  parseJsonFast,
  walk,
  type JsonObject,
  type JsonValue,
  type PathStep,
} from './json-value.js';
import type { Fields, RejectLog, RowSink } from './rows.js';

export interface JsonReaderOptions {
  readonly stripOuterArray: boolean;
  readonly jsonRoot: readonly PathStep[] | null;
  readonly jsonPaths: readonly (readonly PathStep[])[] | null;
  /** Source column names, for key lookup when there are no jsonpaths. */
  readonly columns: readonly string[];
}

const WS = (b: number): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
const MAX_DOCUMENT_BYTES = 1024 * 1024 * 1024;

export class JsonReader {
  private started = false;
  private depth = 0;
  /** 1 while inside an outer array whose elements are being cut out. */
  private base = 0;
  private inString = false;
  private escaped = false;
  private collecting = false;
  private scalar = false;
  private parts: Buffer[] = [];
  private partBytes = 0;
  total = 0;
  /** Elements read by the one-parse fast path (tests check it is taken). */
  batched = 0;

  constructor(
    private readonly o: JsonReaderOptions,
    private readonly sink: RowSink,
    private readonly rejects: RejectLog,
  ) {}

  feed(chunk: Buffer): void {
    let start = this.collecting ? 0 : -1;
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      const b = chunk[i] as number;
      if (this.collecting) {
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else if (b === 0x5c) this.escaped = true;
          else if (b === 0x22) {
            this.inString = false;
            if (this.scalar && this.depth === this.base) {
              this.finish(chunk, start, i + 1);
              start = -1;
            }
          }
          continue;
        }
        if (this.scalar) {
          if (WS(b) || b === 0x2c || b === 0x5d || b === 0x7d) {
            this.finish(chunk, start, i);
            start = -1;
            i--; // let the terminator be seen outside the value
          } else if (b === 0x22) this.inString = true;
          continue;
        }
        if (b === 0x22) this.inString = true;
        else if (b === 0x7b || b === 0x5b) this.depth++;
        else if (b === 0x7d || b === 0x5d) {
          this.depth--;
          if (this.depth === this.base) {
            this.finish(chunk, start, i + 1);
            start = -1;
          }
        }
        continue;
      }
      if (WS(b)) continue;
      if (!this.started) {
        this.started = true;
        if (b !== 0x7b && b !== 0x5b)
          throw new LoadError(`illegal json started with ${String.fromCharCode(b)}`);
      }
      if (this.base === 1 && (b === 0x2c || b === 0x5d)) {
        if (b === 0x5d) this.base = this.depth = 0;
        continue;
      }
      if (this.base === 0 && b === 0x5b && this.o.stripOuterArray && this.o.jsonRoot === null) {
        this.base = this.depth = 1;
        continue;
      }
      if (this.base === 1 && b === 0x7b) {
        const k = this.batch(chunk, i);
        if (k > i) {
          i = k;
          continue;
        }
      }
      this.collecting = true;
      start = i;
      if (b === 0x7b || b === 0x5b) {
        this.scalar = false;
        this.depth++;
      } else {
        this.scalar = true;
        this.inString = b === 0x22;
      }
    }
    if (this.collecting && start >= 0) this.keep(chunk.subarray(start));
  }

  /**
   * Fast path inside a stripped outer array: the elements from `i` (an element's `{`) up to the
   * chunk's last `}` that is followed by `,` or `]` are parsed with ONE JSON.parse instead of being
   * cut out byte by byte. A region that parses is exactly a run of whole elements (a cut inside a
   * string or a nested value cannot parse); anything else — a malformed element, a 16+ digit
   * number, no such `}` — returns -1 and the byte scanner handles the region as before.
   * Returns the index of the region's last byte.
   */
  private batch(chunk: Buffer, i: number): number {
    const n = chunk.length;
    let k = chunk.lastIndexOf(0x7d);
    for (; k > i; k = chunk.lastIndexOf(0x7d, k - 1)) {
      let j = k + 1;
      while (j < n && WS(chunk[j] as number)) j++;
      if (j < n && (chunk[j] === 0x2c || chunk[j] === 0x5d)) break;
    }
    if (k <= i) return -1;
    // Both ends are ASCII, so the slice never splits a UTF-8 sequence.
    const text = chunk.toString('utf8', i, k + 1);
    if (LONG_NUMBER.test(text)) return -1;
    let docs: unknown;
    try {
      docs = JSON.parse(`[${text}]`);
    } catch {
      return -1;
    }
    for (const doc of docs as JsonValue[]) this.document(doc, isJsonObject(doc) ? '' : JSON.stringify(doc));
    this.batched += (docs as JsonValue[]).length;
    return k;
  }

  end(): void {
    if (this.collecting) {
      if (this.scalar) this.finish(Buffer.alloc(0), 0, 0);
      else {
        const text = Buffer.concat(this.parts).toString('utf8');
        this.reset();
        this.reject(text, 'Failed to parse json data: unexpected end of data');
      }
    }
  }

  private keep(part: Buffer): void {
    this.parts.push(Buffer.from(part));
    this.partBytes += part.length;
    if (this.partBytes > MAX_DOCUMENT_BYTES) throw new LoadError('JSON document too large');
  }

  private reset(): void {
    this.parts = [];
    this.partBytes = 0;
    this.collecting = false;
    this.scalar = false;
    this.inString = false;
    this.escaped = false;
    this.depth = this.base;
  }

  private finish(chunk: Buffer, start: number, end: number): void {
    const last = chunk.subarray(start, end);
    const text = (this.parts.length > 0 ? Buffer.concat([...this.parts, last]) : last).toString('utf8');
    this.reset();
    let doc: JsonValue;
    try {
      doc = parseJsonFast(text);
    } catch (e) {
      if (!(e instanceof JsonSyntaxError)) throw e;
      this.reject(text, `Failed to parse json data: ${e.message}`);
      return;
    }
    this.document(doc, text);
  }

  private document(doc: JsonValue, text: string): void {
    const root = this.o.jsonRoot;
    if (root === null) {
      if (Array.isArray(doc)) {
        if (!this.o.stripOuterArray)
          return this.reject(text, 'JSON data is an array, strip_outer_array must be set true');
        for (const el of doc) this.row(el, text);
        return;
      }
      return this.row(doc, text);
    }
    for (const d of Array.isArray(doc) ? doc : [doc]) {
      const r = walk(d, root);
      if (r === undefined) {
        this.reject(text, 'JSON Root not found');
        continue;
      }
      if (Array.isArray(r) && this.o.stripOuterArray) for (const el of r) this.row(el, text);
      else this.row(r, text);
    }
  }

  private row(v: JsonValue, text: string): void {
    if (!isJsonObject(v)) {
      return this.reject(
        text,
        Array.isArray(v)
          ? 'JSON data is an array, strip_outer_array must be set true'
          : 'The value of JSON data is not an object',
      );
    }
    this.total++;
    const paths = this.o.jsonPaths;
    const fields: Fields =
      paths !== null
        ? paths.map((p) => fieldText(walk(v, p)))
        : this.o.columns.map((c) => fieldText(lookup(v, c)));
    this.sink.row(fields);
  }

  private reject(text: string, reason: string): void {
    this.total++;
    this.rejects.add(text.length > 1000 ? `${text.slice(0, 1000)}...` : text, reason);
  }
}

function lookup(obj: Map<string, JsonValue> | JsonObject, name: string): JsonValue | undefined {
  const exact = member(obj, name);
  if (exact !== undefined) return exact;
  const lower = name.toLowerCase();
  for (const [k, v] of members(obj)) if (k.toLowerCase() === lower) return v;
  return undefined;
}
