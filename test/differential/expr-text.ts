/**
 * String, DATE and DATETIME expressions with StarRocks' semantics (character positions are
 * UTF-8 characters, LENGTH is bytes, string → DATE casts that fail are NULL, month arithmetic
 * clamps to the month's last day, DATE ± INTERVAL is DATETIME).
 */
import { columnEx, ex, type Ex, type G, pickColumn, strict, type Row } from './expr.js';
import { dateDays, dateText, dtMicros, dtText, type OT, type OV, TY } from './model.js';
import { DATES, DATETIMES, STRINGS } from './data.js';

const chars = (s: string): string[] => Array.from(s);
const DAY_US = 86_400_000_000n;

/** StarRocks SUBSTR: 1-based, negative counts from the end, 0 or out of range is ''. */
export function substr(s: string, pos: number, len: number | null): string {
  const cs = chars(s);
  if (pos === 0 || (len !== null && len <= 0)) return '';
  const start = pos > 0 ? pos - 1 : cs.length + pos;
  if (start < 0 || start >= cs.length) return '';
  return cs.slice(start, len === null ? undefined : start + len).join('');
}

function pad(s: string, n: number, p: string, left: boolean): OV {
  if (n < 0) return null;
  const cs = chars(s);
  if (cs.length >= n) return cs.slice(0, n).join('');
  const fill = chars(p.repeat(n))
    .slice(0, n - cs.length)
    .join('');
  return left ? fill + s : s + fill;
}

/** Text of a value as CAST(x AS VARCHAR) gives it in StarRocks. */
export function castText(v: OV, t: OT): OV {
  if (v === null) return null;
  switch (t.k) {
    case 'int':
      return String(v);
    case 'dec':
      return decFull(v as bigint, t.s);
    case 'date':
      return dateText(v as number);
    case 'dt':
      return dtText(v as bigint);
    case 'bool':
      return v === true ? '1' : '0';
    case 'str':
      return v as string;
    case 'dbl':
      throw new Error('double text is not generated');
  }
}

/** A decimal with all its scale digits (`1.50`), as StarRocks casts DECIMAL to VARCHAR. */
export function decFull(u: bigint, s: number): string {
  const neg = u < 0n;
  const digits = (neg ? -u : u).toString().padStart(s + 1, '0');
  const body = s === 0 ? digits : `${digits.slice(0, digits.length - s)}.${digits.slice(digits.length - s)}`;
  return neg ? `-${body}` : body;
}

/** A string expression. */
export function genStr(g: G, d: number): Ex {
  const r = g.rng;
  if (d <= 0 || r.int(0, 9) < 3) {
    const c = pickColumn(g, 'str');
    if (c !== null && r.int(0, 2) > 0) return columnEx(c);
    const v = r.pick(STRINGS);
    const text = `'${v.replace(/'/g, "''")}'`;
    return ex(TY.str, text, () => v, { duck: text });
  }
  const x = genStr(g, d - 1);
  switch (r.int(0, 11)) {
    case 0: {
      const y = genStr(g, d - 1);
      return ex(
        TY.str,
        `concat(${x.sr}, ${y.sr})`,
        strict<[string, string]>([x, y], (a, b) => a + b),
      );
    }
    case 1: {
      const y = genStr(g, d - 1);
      const ev = (row: Row): OV => {
        const parts = [x.ev(row), y.ev(row)].filter((v) => v !== null);
        return parts.join('-');
      };
      return ex(TY.str, `concat_ws('-', ${x.sr}, ${y.sr})`, ev);
    }
    case 2: {
      const fn = r.pick(['upper', 'lower', 'reverse', 'trim', 'ltrim', 'rtrim'] as const);
      const ev = strict<[string]>([x], (s) => {
        if (fn === 'upper') return s.toUpperCase();
        if (fn === 'lower') return s.toLowerCase();
        if (fn === 'reverse') return chars(s).reverse().join('');
        if (fn === 'trim') return s.replace(/^ +| +$/g, '');
        return fn === 'ltrim' ? s.replace(/^ +/, '') : s.replace(/ +$/, '');
      });
      return ex(TY.str, `${fn}(${x.sr})`, ev);
    }
    case 3: {
      const pos = r.int(-4, 5);
      const len = r.int(0, 2) === 0 ? null : r.int(-1, 4);
      const sql = `substr(${x.sr}, ${pos}${len === null ? '' : `, ${len}`})`;
      return ex(
        TY.str,
        sql,
        strict<[string]>([x], (s) => substr(s, pos, len)),
      );
    }
    case 4: {
      const n = r.int(-1, 4);
      const fn = r.pick(['left', 'right'] as const);
      const ev = strict<[string]>([x], (s) => {
        const cs = chars(s);
        if (n <= 0) return '';
        return (fn === 'left' ? cs.slice(0, n) : cs.slice(Math.max(0, cs.length - n))).join('');
      });
      return ex(TY.str, `${fn}(${x.sr}, ${n})`, ev);
    }
    case 5: {
      const n = r.int(-1, 7);
      const p = r.pick(['xy', '*']);
      const left = r.int(0, 1) === 0;
      const ev = strict<[string]>([x], (s) => pad(s, n, p, left));
      return ex(TY.str, `${left ? 'lpad' : 'rpad'}(${x.sr}, ${n}, '${p}')`, ev);
    }
    case 6: {
      const n = r.int(-1, 3);
      return ex(
        TY.str,
        `repeat(${x.sr}, ${n})`,
        strict<[string]>([x], (s) => (n <= 0 ? '' : s.repeat(n))),
      );
    }
    case 7: {
      const [from, to] = r.pick([
        ['a', 'zz'],
        ['b', ''],
        [' ', '_'],
      ] as const);
      return ex(
        TY.str,
        `replace(${x.sr}, '${from}', '${to}')`,
        strict<[string]>([x], (s) => s.split(from).join(to)),
      );
    }
    case 8: {
      const v = g.of(r.pick(['int', 'dec', 'date', 'dt', 'bool'] as const), d - 1);
      return ex(TY.str, `CAST(${v.sr} AS VARCHAR)`, (row) => castText(v.ev(row), v.t));
    }
    case 9:
      return dateFormat(g, d);
    case 10: {
      const n = r.int(1, 4);
      // Out of range is NULL in StarRocks (not '' as in PostgreSQL/Spark).
      const ev = strict<[string]>([x], (s) => s.split(',')[n - 1] ?? null);
      return ex(TY.str, `split_part(${x.sr}, ',', ${n})`, ev);
    }
    default:
      return g.of('str', d - 1);
  }
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** DATE_FORMAT with MySQL format codes (a subset). */
function dateFormat(g: G, d: number): Ex {
  const x = g.of(g.rng.pick(['date', 'dt'] as const), d - 1);
  const fmt = g.rng.pick(['%Y-%m-%d', '%Y%m', '%d/%m/%y', '%H:%i:%s', '%Y-%m-%d %H:%i', '%M %e, %Y']);
  const ev = strict<[OV]>([x], (v) => {
    const text = x.t.k === 'date' ? `${dateText(v as number)} 00:00:00` : dtText(v as bigint);
    const [y = '', mo = '', dd = '', h = '', mi = '', s = ''] = text.split(/[- :.]/);
    const map: Record<string, string> = {
      Y: y,
      y: y.slice(2),
      m: mo,
      d: dd,
      e: String(Number(dd)),
      H: h,
      i: mi,
      s,
      M: MONTHS[Number(mo) - 1] ?? '',
    };
    return fmt.replace(/%(.)/g, (_, c: string) => map[c] ?? c);
  });
  return ex(TY.str, `date_format(${x.sr}, '${fmt}')`, ev);
}

/**
 * StarRocks' string → DATE / DATETIME parse (BE date::from_string): `YYYY?MM?DD` with any
 * non-digit separators, else digit fields split by punctuation (spaces only before the time, `T`
 * after the day), else digits only (4-digit year for 4, 8 or ≥ 14 digits, else 2-digit); a 2-digit
 * year is 20YY below 70, 19YY from 70; text after the value is ignored.
 */
export function strToDt(v: OV): OV {
  if (v === null) return null;
  const f = dtFields((v as string).replace(/^[\s\v]+|[\s\v]+$/g, ''));
  if (f === null) return null;
  const [y, mo, dd, h, mi, sec, frac] = f;
  if (y > 9999 || h > 23 || mi > 59 || sec > 59 || mo < 1 || mo > 12 || dd < 1) return null;
  // setUTCFullYear keeps years 0–99 as they are (Date.UTC would read them as 1900–1999).
  const at = new Date(0);
  at.setUTCFullYear(y, mo - 1, dd);
  if (at.getUTCDate() !== dd) return null;
  const days = BigInt(Math.round(at.getTime() / 86_400_000));
  return (days * 86400n + BigInt(h * 3600 + mi * 60 + sec)) * 1_000_000n + BigInt(frac);
}

type DtFields = [number, number, number, number, number, number, string];

function dtFields(s: string): DtFields | null {
  // A 1-digit leading field before '.' is MySQL's "interval format": a 2-digit year ('3.5-3' is 2003).
  let text = s.replace(/^(\d{4})\D(\d{2})\D(\d{2})/, '$1-$2-$3').replace(/^(\d)\./, '0$1.');
  const digits = /^(\d+)(\.\d*)?$/.exec(text);
  if (digits !== null) {
    const n = (digits[1] as string).length;
    const widths = n === 4 || n === 8 || n >= 14 ? [4, 2, 2, 2, 2, 2] : [2, 2, 2, 2, 2, 2];
    const parts: string[] = [];
    let at = 0;
    for (const w of widths) {
      const part = (digits[1] as string).slice(at, at + w);
      at += w;
      if (part !== '') parts.push(part);
    }
    if (parts.length < 3) return null;
    text = `${parts.slice(0, 3).join('-')} ${parts.slice(3).join(':')}${digits[2] ?? ''}`;
  }
  const m =
    /^(\d+)[!-/:-@[-`{-~]+(\d+)[!-/:-@[-`{-~]+(\d+)(?:(?:T|[!-/:-@[-`{-~\s]+)(\d+)(?:[!-/:-@[-`{-~]+(\d+)(?:[!-/:-@[-`{-~]+(\d+)(?:\.(\d{1,6}))?)?)?)?/.exec(
      text,
    );
  if (m === null || m.slice(1, 8).some((x) => x !== undefined && x.length > 6)) return null;
  const num = (i: number): number => Number(m[i] ?? 0);
  const yy = m[1] as string;
  const year = yy.length === 2 ? num(1) + (num(1) < 70 ? 2000 : 1900) : num(1);
  return [year, num(2), num(3), num(4), num(5), num(6), (m[7] ?? '').padEnd(6, '0')];
}

/** A DATE expression. */
export function genDate(g: G, d: number): Ex {
  const r = g.rng;
  if (d <= 0 || r.int(0, 9) < 4) {
    const c = pickColumn(g, 'date');
    if (c !== null && r.int(0, 2) > 0) return columnEx(c);
    const v = r.pick(DATES);
    return ex(TY.date, `DATE '${v}'`, () => dateDays(v), { duck: `DATE '${v}'` });
  }
  switch (r.int(0, 3)) {
    case 0: {
      const x = genDt(g, d - 1);
      return ex(
        TY.date,
        `date(${x.sr})`,
        strict<[bigint]>([x], (v) => Number((v - (((v % DAY_US) + DAY_US) % DAY_US)) / DAY_US)),
      );
    }
    case 1: {
      const x = genDate(g, d - 1);
      const ev = strict<[number]>([x], (v) => {
        const dt = new Date(v * 86_400_000);
        return Math.round(Date.UTC(dt.getUTCFullYear(), dt.getUTCMonth() + 1, 0) / 86_400_000);
      });
      return ex(TY.date, `last_day(${x.sr})`, ev);
    }
    case 2: {
      const x = genStr(g, d - 1);
      const ev = (row: Row): OV => {
        const us = strToDt(x.ev(row));
        return us === null ? null : Number((us as bigint) / DAY_US);
      };
      return ex(TY.date, `CAST(${x.sr} AS DATE)`, ev);
    }
    default:
      return g.of('date', d - 1);
  }
}

/** Add months to a timestamp, clamping the day to the target month's length (MySQL/StarRocks). */
export function addMonths(us: bigint, months: number): bigint {
  const dayPart = ((us % DAY_US) + DAY_US) % DAY_US;
  const days = Number((us - dayPart) / DAY_US);
  const dt = new Date(days * 86_400_000);
  const total = dt.getUTCFullYear() * 12 + dt.getUTCMonth() + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const nd = Math.round(Date.UTC(y, m, Math.min(dt.getUTCDate(), last)) / 86_400_000);
  return BigInt(nd) * DAY_US + dayPart;
}

const UNIT_US: Readonly<Record<string, bigint>> = {
  DAY: DAY_US,
  WEEK: 7n * DAY_US,
  HOUR: 3_600_000_000n,
  MINUTE: 60_000_000n,
  SECOND: 1_000_000n,
};

/** A DATETIME expression. */
export function genDt(g: G, d: number): Ex {
  const r = g.rng;
  if (d <= 0 || r.int(0, 9) < 3) {
    const c = pickColumn(g, 'dt');
    if (c !== null && r.int(0, 2) > 0) return columnEx(c);
    const v = r.pick(DATETIMES);
    return ex(TY.dt, `CAST('${v}' AS DATETIME)`, () => dtMicros(v), { duck: `TIMESTAMP '${v}'` });
  }
  const x = g.of(r.pick(['date', 'dt'] as const), d - 1);
  const asUs = (v: OV): bigint => (x.t.k === 'date' ? BigInt(v as number) * DAY_US : (v as bigint));
  switch (r.int(0, 2)) {
    case 0:
    case 1: {
      const unit = r.pick(['DAY', 'MONTH', 'YEAR', 'HOUR', 'MINUTE', 'WEEK', 'SECOND'] as const);
      const n = r.int(-14, 14);
      const sub = r.int(0, 2) === 0;
      const form = r.int(0, 2);
      const sql =
        form === 0
          ? `${sub ? 'date_sub' : 'date_add'}(${x.sr}, INTERVAL ${n} ${unit})`
          : `(${x.sr} ${sub ? '-' : '+'} INTERVAL ${n} ${unit})`;
      const k = sub ? -n : n;
      const ev = strict<[OV]>([x], (v) => {
        const us = asUs(v);
        if (unit === 'MONTH' || unit === 'YEAR') return addMonths(us, unit === 'YEAR' ? 12 * k : k);
        return us + BigInt(k) * (UNIT_US[unit] ?? 0n);
      });
      return ex(TY.dt, sql, ev);
    }
    default:
      return ex(
        TY.dt,
        `CAST(${x.sr} AS DATETIME)`,
        strict<[OV]>([x], (v) => asUs(v)),
      );
  }
}

/** Integer-valued functions over strings and dates. */
export function genIntFromText(g: G, d: number): Ex {
  const r = g.rng;
  switch (r.int(0, 3)) {
    case 0: {
      const x = genStr(g, d - 1);
      const fn = r.pick(['length', 'char_length'] as const);
      const ev = strict<[string]>([x], (s) =>
        BigInt(fn === 'length' ? Buffer.byteLength(s) : chars(s).length),
      );
      return ex(TY.int, `${fn}(${x.sr})`, ev);
    }
    case 1: {
      const x = g.of(r.pick(['date', 'dt'] as const), d - 1);
      const fn = r.pick(['year', 'month', 'day', 'dayofweek', 'quarter'] as const);
      const ev = strict<[OV]>([x], (v) => {
        const us = x.t.k === 'date' ? BigInt(v as number) * DAY_US : (v as bigint);
        const dt = new Date(Number(us / 1000n));
        if (fn === 'year') return BigInt(dt.getUTCFullYear());
        if (fn === 'month') return BigInt(dt.getUTCMonth() + 1);
        if (fn === 'quarter') return BigInt(Math.floor(dt.getUTCMonth() / 3) + 1);
        return BigInt(fn === 'day' ? dt.getUTCDate() : dt.getUTCDay() + 1);
      });
      return ex(fn === 'year' ? TY.smallint : TY.tinyint, `${fn}(${x.sr})`, ev);
    }
    case 2: {
      const x = g.of(r.pick(['date', 'dt'] as const), d - 1);
      const y = g.of(r.pick(['date', 'dt'] as const), d - 1);
      const day = (v: OV, t: OT): number =>
        t.k === 'date'
          ? (v as number)
          : Number(((v as bigint) - ((((v as bigint) % DAY_US) + DAY_US) % DAY_US)) / DAY_US);
      const ev = strict<[OV, OV]>([x, y], (a, b) => BigInt(day(a, x.t) - day(b, y.t)));
      return ex(TY.int, `datediff(${x.sr}, ${y.sr})`, ev);
    }
    default: {
      const x = genStr(g, d - 1);
      const sub = r.pick(['a', 'b', '', 'x']);
      const ev = strict<[string]>([x], (s) => {
        const i = s.indexOf(sub);
        return BigInt(i < 0 ? 0 : chars(s.slice(0, i)).length + 1);
      });
      return ex(TY.int, `locate('${sub}', ${x.sr})`, ev);
    }
  }
}
