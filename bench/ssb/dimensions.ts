/**
 * The SSB dimension tables (customer, supplier, part, dates). Each generator writes its table and
 * returns, per key, the '|'-joined non-key columns, which `lineorder_flat` appends to every fact
 * row. Dimensions are small next to lineorder (part, the largest, is 200,000 × ⌊1 + log2 SF⌋ rows),
 * so keeping these fragments in memory keeps the flat table a single streaming pass.
 */
import { COLORS, CONTAINERS, NATIONS, PART_TYPES, REGIONS, SEGMENTS, cityName } from './distributions.js';
import { days } from './dates.js';
import type { LineWriter, Rng } from '../common/index.js';

/** Row counts for one scale factor. */
export interface Cardinalities {
  readonly customer: number;
  readonly supplier: number;
  readonly part: number;
  readonly dates: number;
  /** Orders; each has 1–7 lineorder rows (about 4 on average). */
  readonly orders: number;
}

/**
 * SSB cardinalities: customer 30,000 × SF, supplier 2,000 × SF, part 200,000 × ⌊1 + log2 SF⌋,
 * 2,556 dates, 1,500,000 × SF orders (≈ 6,000,000 × SF lineorder rows). Below SF 1, part scales
 * linearly (200,000 × SF) so small test data stays small.
 */
export function cardinalities(sf: number): Cardinalities {
  if (!(sf > 0)) throw new Error(`scale factor must be positive, got ${sf}`);
  const atLeast1 = (n: number): number => Math.max(1, Math.floor(n));
  return {
    customer: atLeast1(30_000 * sf),
    supplier: atLeast1(2_000 * sf),
    part: sf >= 1 ? 200_000 * Math.floor(1 + Math.log2(sf)) : atLeast1(200_000 * sf),
    dates: days().length,
    orders: atLeast1(1_500_000 * sf),
  };
}

const ADDRESS_CHARS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ,';

function address(rng: Rng, minLen: number, maxLen: number): string {
  const n = rng.int(minLen, maxLen);
  let s = '';
  for (let i = 0; i < n; i++) s += ADDRESS_CHARS[rng.int(0, ADDRESS_CHARS.length - 1)];
  return s;
}

/** Phone number: country code (nation + 10), then random local digits: 27-918-335-1736. */
function phone(rng: Rng, nation: number): string {
  return `${nation + 10}-${rng.int(100, 999)}-${rng.int(100, 999)}-${rng.int(1000, 9999)}`;
}

function nineDigits(n: number): string {
  return String(n).padStart(9, '0');
}

/** Nation, region and city columns shared by customer and supplier. */
function place(rng: Rng): { nation: number; fields: string } {
  const nation = rng.int(0, NATIONS.length - 1);
  const n = NATIONS[nation] as { name: string; region: number };
  const city = cityName(n.name, rng.int(0, 9));
  return { nation, fields: `${city}|${n.name}|${REGIONS[n.region] as string}` };
}

/** Write `customer`; returns fragments indexed by key (index 0 unused). */
export async function writeCustomers(out: LineWriter, count: number, rng: Rng): Promise<string[]> {
  const frags: string[] = [''];
  for (let key = 1; key <= count; key++) {
    const addr = address(rng, 10, 40);
    const { nation, fields } = place(rng);
    const frag = `Customer#${nineDigits(key)}|${addr}|${fields}|${phone(rng, nation)}|${rng.pick(SEGMENTS)}`;
    frags.push(frag);
    out.line(`${key}|${frag}`);
    await out.maybeFlush();
  }
  return frags;
}

/** Write `supplier`; returns fragments indexed by key (index 0 unused). */
export async function writeSuppliers(out: LineWriter, count: number, rng: Rng): Promise<string[]> {
  const frags: string[] = [''];
  for (let key = 1; key <= count; key++) {
    // The guide's DDL declares s_address varchar(26), so supplier addresses stay ≤ 25 characters.
    const addr = address(rng, 10, 25);
    const { nation, fields } = place(rng);
    const frag = `Supplier#${nineDigits(key)}|${addr}|${fields}|${phone(rng, nation)}`;
    frags.push(frag);
    out.line(`${key}|${frag}`);
    await out.maybeFlush();
  }
  return frags;
}

/**
 * Write `part`; returns fragments indexed by key. SSB draws three distinct colour words: the
 * first is P_COLOR, the other two form P_NAME. Category is MFGR#mc, brand MFGR#mcb (b = 1–40).
 */
export async function writeParts(out: LineWriter, count: number, rng: Rng): Promise<string[]> {
  const frags: string[] = [''];
  for (let key = 1; key <= count; key++) {
    const [color, w1, w2] = rng.pickDistinct(COLORS, 3);
    const mfgr = `MFGR#${rng.int(1, 5)}`;
    const category = `${mfgr}${rng.int(1, 5)}`;
    const brand = `${category}${rng.int(1, 40)}`;
    const type = rng.pick(PART_TYPES);
    const size = rng.int(1, 50);
    const frag = `${w1} ${w2}|${mfgr}|${category}|${brand}|${color}|${type}|${size}|${rng.pick(CONTAINERS)}`;
    frags.push(frag);
    out.line(`${key}|${frag}`);
    await out.maybeFlush();
  }
  return frags;
}

/** Write `dates` (2,556 rows). */
export async function writeDates(out: LineWriter): Promise<void> {
  for (const d of days()) out.line(d.row);
  await out.flush();
}
