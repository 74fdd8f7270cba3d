/**
 * Lineorder rows, written byte by byte into the fact files (and `lineorder_flat`, when it is
 * generated as a file): see generate.ts for the rules. Strings used on every row (dates, names,
 * dimension fragments) are encoded once; numbers are formatted straight into the write buffer.
 */
import { Progress, type LineWriter, type Rng } from '../common/index.js';
import type { Cardinalities } from './dimensions.js';
import { LAST_ORDER_DAY, days } from './dates.js';
import { PRIORITIES, SHIP_MODES, retailPriceCents } from './distributions.js';

/** Independent random streams, one per table. */
export const STREAM = { customer: 1, supplier: 2, part: 3, lineorder: 4 } as const;

/** Sparse order key: keep the low 3 bits, leave a 2-bit gap (TPC-H keeps 8 of every 32 keys). */
function sparseKey(i: number): number {
  return Math.floor(i / 8) * 32 + (i % 8);
}

/** An order's customer: uniform, nudged off multiples of 3 (a third of customers never order). */
function orderCustomer(rng: Rng, customers: number): number {
  let key = rng.int(1, customers);
  let delta = 1;
  while (key % 3 === 0 && customers > 1) {
    key = Math.min(key + delta, customers);
    delta = -delta;
  }
  return key;
}

/** Strings packed into one latin1 buffer, so fact rows copy them without making strings. */
export class Packed {
  readonly data: Buffer;
  readonly offsets: Int32Array;
  constructor(items: readonly string[]) {
    this.offsets = new Int32Array(items.length + 1);
    let total = 0;
    for (const [i, s] of items.entries()) {
      this.offsets[i] = total;
      total += s.length;
    }
    this.offsets[items.length] = total;
    this.data = Buffer.alloc(total);
    for (const [i, s] of items.entries()) this.data.write(s, this.offsets[i] as number, 'latin1');
  }
  /** Append item `i` to `out`. */
  put(out: LineWriter, i: number): void {
    out.slice(this.data, this.offsets[i] as number, this.offsets[i + 1] as number);
  }
  /** The longest item's length. */
  maxLength(): number {
    let m = 0;
    for (let i = 0; i + 1 < this.offsets.length; i++)
      m = Math.max(m, (this.offsets[i + 1] as number) - (this.offsets[i] as number));
    return m;
  }
}

export interface FactContext {
  readonly rng: Rng;
  readonly card: Cardinalities;
  readonly cust: Packed;
  readonly supp: Packed;
  readonly part: Packed;
  readonly lineorder: LineWriter;
  /** Undefined when lineorder_flat is not generated (it is then built by INSERT … SELECT). */
  readonly flat: LineWriter | undefined;
  /** A bound on one flat row's bytes. */
  readonly flatMax: number;
}

const MAX_LINES = 7;
// Per-line scratch space for the order being generated (an order's total needs all its lines).
const L_PART = new Int32Array(MAX_LINES);
const L_SUPP = new Int32Array(MAX_LINES);
const L_QTY = new Int32Array(MAX_LINES);
const L_DISC = new Int32Array(MAX_LINES);
const L_TAX = new Int32Array(MAX_LINES);
const L_COMMIT = new Int32Array(MAX_LINES);
const L_MODE = new Int32Array(MAX_LINES);
const L_EXT = new Int32Array(MAX_LINES);
const L_REV = new Int32Array(MAX_LINES);

/** Draw one order's lines into the scratch arrays; returns the line count and sets ORDER_TOTAL. */
function drawLines(rng: Rng, card: Cardinalities): number {
  const lines = rng.int(1, MAX_LINES);
  let total = 0;
  for (let i = 0; i < lines; i++) {
    const part = rng.int(1, card.part);
    L_PART[i] = part;
    L_SUPP[i] = rng.int(1, card.supplier);
    const qty = rng.int(1, 50);
    const disc = rng.int(0, 10);
    const tax = rng.int(0, 8);
    L_QTY[i] = qty;
    L_DISC[i] = disc;
    L_TAX[i] = tax;
    L_COMMIT[i] = rng.int(30, 90);
    L_MODE[i] = rng.int(0, SHIP_MODES.length - 1);
    const ext = retailPriceCents(part) * qty;
    const rev = Math.floor((ext * (100 - disc)) / 100);
    L_EXT[i] = ext;
    L_REV[i] = rev;
    total += Math.floor((rev * (100 + tax)) / 100);
  }
  orderTotal = total;
  return lines;
}
let orderTotal = 0;

const BAR = 0x7c;
const ASCII = (s: string): Buffer => Buffer.from(s, 'latin1');
const PRIORITY_BYTES = PRIORITIES.map(ASCII);
const SHIP_MODE_BYTES = SHIP_MODES.map(ASCII);
/** Per calendar day: D_DATEKEY digits and the ISO date, encoded once. */
let dayBytes: { key: Buffer[]; iso: Buffer[] } | undefined;
function calendarBytes(): { key: Buffer[]; iso: Buffer[] } {
  dayBytes ??= { key: days().map((d) => ASCII(String(d.datekey))), iso: days().map((d) => ASCII(d.iso)) };
  return dayBytes;
}
/** A bound on one lineorder row's bytes (11 integers of ≤ 16 digits, two names, separators). */
const LINEORDER_MAX = 256;

/** The key columns: orderkey|linenumber|custkey|partkey|suppkey. */
function putKeys(out: LineWriter, orderkey: number, line: number, custkey: number, i: number): void {
  out.int(orderkey);
  out.byte(BAR);
  out.int(line);
  out.byte(BAR);
  out.int(custkey);
  out.byte(BAR);
  out.int(L_PART[i] as number);
  out.byte(BAR);
  out.int(L_SUPP[i] as number);
  out.byte(BAR);
}

/** priority|shippriority|quantity|extendedprice|ordtotalprice|discount|revenue|supplycost|tax| */
function putMiddle(out: LineWriter, priority: number, i: number): void {
  out.raw(PRIORITY_BYTES[priority] as Buffer);
  out.byte(BAR);
  out.byte(0x30);
  out.byte(BAR);
  out.int(L_QTY[i] as number);
  out.byte(BAR);
  out.int(L_EXT[i] as number);
  out.byte(BAR);
  out.int(orderTotal);
  out.byte(BAR);
  out.int(L_DISC[i] as number);
  out.byte(BAR);
  out.int(L_REV[i] as number);
  out.byte(BAR);
  out.int(Math.floor((6 * retailPriceCents(L_PART[i] as number)) / 10));
  out.byte(BAR);
  out.int(L_TAX[i] as number);
  out.byte(BAR);
}

/** Generate one order's lines and write them to both fact files. */
function writeOrder(ctx: FactContext, orderIndex: number): void {
  const { rng } = ctx;
  const cal = calendarBytes();
  const orderkey = sparseKey(orderIndex);
  const dayIndex = rng.int(0, LAST_ORDER_DAY);
  const custkey = orderCustomer(rng, ctx.card.customer);
  const priority = rng.int(0, PRIORITIES.length - 1);
  const lines = drawLines(rng, ctx.card);
  const lo = ctx.lineorder;
  const flat = ctx.flat;
  for (let i = 0; i < lines; i++) {
    const commitDay = dayIndex + (L_COMMIT[i] as number);
    const shipmode = SHIP_MODE_BYTES[L_MODE[i] as number] as Buffer;
    lo.reserve(LINEORDER_MAX);
    putKeys(lo, orderkey, i + 1, custkey, i);
    lo.raw(cal.key[dayIndex] as Buffer);
    lo.byte(BAR);
    putMiddle(lo, priority, i);
    lo.raw(cal.key[commitDay] as Buffer);
    lo.byte(BAR);
    lo.raw(shipmode);
    lo.end();
    if (flat === undefined) continue;
    flat.reserve(ctx.flatMax);
    flat.raw(cal.iso[dayIndex] as Buffer);
    flat.byte(BAR);
    putKeys(flat, orderkey, i + 1, custkey, i);
    putMiddle(flat, priority, i);
    flat.raw(cal.iso[commitDay] as Buffer);
    flat.byte(BAR);
    flat.raw(shipmode);
    flat.byte(BAR);
    ctx.cust.put(flat, custkey);
    flat.byte(BAR);
    ctx.supp.put(flat, L_SUPP[i] as number);
    flat.byte(BAR);
    ctx.part.put(flat, L_PART[i] as number);
    flat.end();
  }
}

export async function writeFacts(ctx: FactContext, quiet: boolean): Promise<void> {
  const progress = new Progress(ctx.flat === undefined ? 'lineorder' : 'lineorder(+flat)', ctx.card.orders, {
    quiet,
  });
  const step = 2_000;
  for (let o = 1; o <= ctx.card.orders; o++) {
    writeOrder(ctx, o);
    if (o % step === 0) {
      progress.tick(step);
      await ctx.lineorder.maybeFlush();
      await ctx.flat?.maybeFlush();
    }
  }
  progress.finish(`${ctx.lineorder.rows.toLocaleString('en-US')} rows`);
}
