/**
 * Value domains of the Star Schema Benchmark (O'Neil, O'Neil, Chen, revision 3), which takes
 * most of them from TPC-H dbgen: regions and nations, market segments, order priorities, ship
 * modes, part colours, types and containers, and the calendar names of the date dimension.
 */

/** The five regions, indexed by region key. */
export const REGIONS = ['AFRICA', 'AMERICA', 'ASIA', 'EUROPE', 'MIDDLE EAST'] as const;

/** The 25 nations with their region key (TPC-H nation table). */
export const NATIONS: readonly { readonly name: string; readonly region: number }[] = [
  { name: 'ALGERIA', region: 0 },
  { name: 'ARGENTINA', region: 1 },
  { name: 'BRAZIL', region: 1 },
  { name: 'CANADA', region: 1 },
  { name: 'EGYPT', region: 4 },
  { name: 'ETHIOPIA', region: 0 },
  { name: 'FRANCE', region: 3 },
  { name: 'GERMANY', region: 3 },
  { name: 'INDIA', region: 2 },
  { name: 'INDONESIA', region: 2 },
  { name: 'IRAN', region: 4 },
  { name: 'IRAQ', region: 4 },
  { name: 'JAPAN', region: 2 },
  { name: 'JORDAN', region: 4 },
  { name: 'KENYA', region: 0 },
  { name: 'MOROCCO', region: 0 },
  { name: 'MOZAMBIQUE', region: 0 },
  { name: 'PERU', region: 1 },
  { name: 'CHINA', region: 2 },
  { name: 'ROMANIA', region: 3 },
  { name: 'SAUDI ARABIA', region: 4 },
  { name: 'VIETNAM', region: 2 },
  { name: 'RUSSIA', region: 3 },
  { name: 'UNITED KINGDOM', region: 3 },
  { name: 'UNITED STATES', region: 1 },
];

/** Customer market segments. */
export const SEGMENTS = ['AUTOMOBILE', 'BUILDING', 'FURNITURE', 'MACHINERY', 'HOUSEHOLD'] as const;

/** Order priorities. */
export const PRIORITIES = ['1-URGENT', '2-HIGH', '3-MEDIUM', '4-NOT SPECIFIED', '5-LOW'] as const;

/** Ship modes. */
export const SHIP_MODES = ['REG AIR', 'AIR', 'RAIL', 'SHIP', 'TRUCK', 'MAIL', 'FOB'] as const;

/** The TPC-H colour words; SSB builds P_NAME and P_COLOR from them. */
// prettier-ignore
export const COLORS = [
  'almond', 'antique', 'aquamarine', 'azure', 'beige', 'bisque', 'black', 'blanched', 'blue',
  'blush', 'brown', 'burlywood', 'burnished', 'chartreuse', 'chiffon', 'chocolate', 'coral',
  'cornflower', 'cornsilk', 'cream', 'cyan', 'dark', 'deep', 'dim', 'dodger', 'drab', 'firebrick',
  'floral', 'forest', 'frosted', 'gainsboro', 'ghost', 'goldenrod', 'green', 'grey', 'honeydew',
  'hot', 'indian', 'ivory', 'khaki', 'lace', 'lavender', 'lawn', 'lemon', 'light', 'lime', 'linen',
  'magenta', 'maroon', 'medium', 'metallic', 'midnight', 'mint', 'misty', 'moccasin', 'navajo',
  'navy', 'olive', 'orange', 'orchid', 'pale', 'papaya', 'peach', 'peru', 'pink', 'plum', 'powder',
  'puff', 'purple', 'red', 'rose', 'rosy', 'royal', 'saddle', 'salmon', 'sandy', 'seashell',
  'sienna', 'sky', 'slate', 'smoke', 'snow', 'spring', 'steel', 'tan', 'thistle', 'tomato',
  'turquoise', 'violet', 'wheat', 'white', 'yellow',
] as const;

const TYPE_1 = ['STANDARD', 'SMALL', 'MEDIUM', 'LARGE', 'ECONOMY', 'PROMO'];
const TYPE_2 = ['ANODIZED', 'BURNISHED', 'PLATED', 'POLISHED', 'BRUSHED'];
const TYPE_3 = ['TIN', 'NICKEL', 'BRASS', 'STEEL', 'COPPER'];
const CONTAINER_1 = ['SM', 'LG', 'MED', 'JUMBO', 'WRAP'];
const CONTAINER_2 = ['CASE', 'BOX', 'BAG', 'JAR', 'PKG', 'PACK', 'CAN', 'DRUM'];

function cross(...lists: readonly (readonly string[])[]): string[] {
  return lists.reduce<string[]>(
    (acc, list) => acc.flatMap((a) => list.map((b) => (a === '' ? b : `${a} ${b}`))),
    [''],
  );
}

/** The 150 part types ("STANDARD ANODIZED TIN" …). */
export const PART_TYPES: readonly string[] = cross(TYPE_1, TYPE_2, TYPE_3);

/** The 40 containers ("SM CASE" …). */
export const CONTAINERS: readonly string[] = cross(CONTAINER_1, CONTAINER_2);

/** Month names for D_MONTH (D_YEARMONTH uses the first three letters). */
// prettier-ignore
export const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

/** Day names; D_DAYNUMINWEEK is 1 for Sunday … 7 for Saturday. */
export const DAY_NAMES = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;

/** D_SELLINGSEASON by month number (1–12). */
export function sellingSeason(month: number): string {
  if (month >= 11) return 'Christmas';
  if (month >= 9) return 'Fall';
  if (month >= 5) return 'Summer';
  if (month === 4) return 'Spring';
  return 'Winter';
}

/** Fixed holidays (month, day) that set D_HOLIDAYFL. */
const HOLIDAYS = new Set(['12-24', '1-1', '2-20', '4-20', '5-20', '7-20', '8-20', '9-20', '10-20', '11-20']);

/** Whether (month, day) is one of the benchmark's fixed holidays. */
export function isHoliday(month: number, day: number): boolean {
  return HOLIDAYS.has(`${month}-${day}`);
}

/** A city name: the nation's first 9 letters, space-padded, then a digit 0–9 ("UNITED KI1"). */
export function cityName(nation: string, digit: number): string {
  return nation.slice(0, 9).padEnd(9, ' ') + String(digit);
}

/** TPC-H retail price of a part in cents (P_RETAILPRICE × 100); lineorder prices derive from it. */
export function retailPriceCents(partkey: number): number {
  return 90000 + (Math.floor(partkey / 10) % 20001) + 100 * (partkey % 1000);
}
