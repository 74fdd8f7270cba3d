/**
 * Column typing and pairing for validation: each side's result-set metadata (so tables and
 * queries work alike) is mapped to a normalisation class, and the two sides' classes are merged
 * into one rule both sides can render identically (DECIMAL to the larger scale, DATETIME to the
 * smaller precision, floats to significant digits, CHAR right-trimmed).
 */
import type { FieldPacket } from 'mysql2/promise';

/** How a column's values are rendered before hashing, identically on both sides. */
export type Norm =
  | { readonly kind: 'int'; readonly bool: boolean }
  | { readonly kind: 'decimal'; readonly scale: number }
  | { readonly kind: 'float'; readonly digits: number }
  | { readonly kind: 'string'; readonly rtrim: boolean }
  | { readonly kind: 'date' }
  | { readonly kind: 'datetime'; readonly fsp: number }
  | { readonly kind: 'binary' }
  | { readonly kind: 'bit' }
  | { readonly kind: 'text' };

/** One side's view of a column. */
export interface SideColumn {
  readonly name: string;
  readonly norm: Norm;
  /** For reports: e.g. 'DECIMAL(scale 2)'. */
  readonly typeText: string;
}

/** A column compared on both sides under one rule. */
export interface PairedColumn {
  readonly name: string;
  readonly sourceName: string;
  readonly targetName: string;
  readonly norm: Norm;
  readonly sourceType: string;
  readonly targetType: string;
  /** One side is BIT (MySQL): render with +0 there. */
  readonly sourceBit: boolean;
  readonly targetBit: boolean;
}

const NOT_FIXED_DEC = 31;
const BINARY_CHARSET = 63;

/** Classify one column from its wire metadata (MySQL protocol type codes). */
export function classifyField(field: FieldPacket): SideColumn {
  const type = field.columnType ?? 253;
  const decimals = field.decimals ?? 0;
  const binary = field.characterSet === BINARY_CHARSET;
  const name = field.name;
  const make = (norm: Norm, typeText: string): SideColumn => ({ name, norm, typeText });
  switch (type) {
    case 1:
      return make({ kind: 'int', bool: (field.columnLength ?? 0) === 1 }, 'TINYINT');
    case 2:
    case 3:
    case 8:
    case 9:
    case 13:
      return make({ kind: 'int', bool: false }, `INT(type ${type})`);
    case 0:
    case 246:
      return make({ kind: 'decimal', scale: decimals }, `DECIMAL(scale ${decimals})`);
    case 4:
      return make({ kind: 'float', digits: 6 }, 'FLOAT');
    case 5:
      return decimals !== NOT_FIXED_DEC && decimals < NOT_FIXED_DEC && decimals > 0
        ? make({ kind: 'float', digits: 15 }, `DOUBLE(${decimals})`)
        : make({ kind: 'float', digits: 15 }, 'DOUBLE');
    case 10:
    case 14:
      return make({ kind: 'date' }, 'DATE');
    case 7:
    case 12:
      return make({ kind: 'datetime', fsp: Math.min(decimals, 6) }, `DATETIME(${Math.min(decimals, 6)})`);
    case 16:
      return make({ kind: 'bit' }, 'BIT');
    case 254:
      return binary ? make({ kind: 'binary' }, 'BINARY') : make({ kind: 'string', rtrim: true }, 'CHAR');
    case 249:
    case 250:
    case 251:
    case 252:
    case 253:
    case 15:
      return binary
        ? make({ kind: 'binary' }, 'VARBINARY/BLOB')
        : make({ kind: 'string', rtrim: false }, 'VARCHAR');
    default:
      return make({ kind: 'text' }, `type ${type}`);
  }
}

/** Options that change how column pairs are normalised. */
export interface PairOptions {
  /** Significant digits for FLOAT/DOUBLE (default: 6 if either side is FLOAT, else 15). */
  readonly floatDigits?: number;
  /** Override DATETIME fractional digits compared (default: the smaller of both sides). */
  readonly datetimePrecision?: number;
}

/** Merge two sides' classes into one rule; undefined if the two cannot be compared. */
export function mergeNorms(a: Norm, b: Norm, opts: PairOptions): Norm | undefined {
  const isNumeric = (n: Norm): boolean =>
    n.kind === 'int' || n.kind === 'decimal' || n.kind === 'float' || n.kind === 'bit';
  if (a.kind === 'float' || b.kind === 'float') {
    if (!isNumeric(a) || !isNumeric(b)) return undefined;
    const digits = Math.min(a.kind === 'float' ? a.digits : 15, b.kind === 'float' ? b.digits : 15);
    return { kind: 'float', digits: opts.floatDigits ?? digits };
  }
  if (isNumeric(a) && isNumeric(b)) {
    const scale = Math.max(a.kind === 'decimal' ? a.scale : 0, b.kind === 'decimal' ? b.scale : 0);
    if (scale > 0 || a.kind === 'decimal' || b.kind === 'decimal') return { kind: 'decimal', scale };
    return { kind: 'int', bool: a.kind === 'int' && a.bool && b.kind === 'int' && b.bool };
  }
  if (a.kind === 'datetime' && b.kind === 'datetime') {
    return { kind: 'datetime', fsp: opts.datetimePrecision ?? Math.min(a.fsp, b.fsp) };
  }
  if ((a.kind === 'date' && b.kind === 'datetime') || (a.kind === 'datetime' && b.kind === 'date')) {
    return { kind: 'datetime', fsp: 0 };
  }
  if (a.kind === 'string' && b.kind === 'string') return { kind: 'string', rtrim: a.rtrim || b.rtrim };
  if (a.kind === b.kind) return a;
  if ((a.kind === 'string' || a.kind === 'text') && (b.kind === 'string' || b.kind === 'text')) {
    return { kind: 'string', rtrim: false };
  }
  return undefined;
}

/** Result of pairing two column lists by (case-insensitive) name. */
export interface Pairing {
  readonly columns: readonly PairedColumn[];
  readonly onlySource: readonly string[];
  readonly onlyTarget: readonly string[];
  readonly incompatible: readonly string[];
}

/** Pair source and target columns by name; `ignore` names are left out on both sides. */
export function pairColumns(
  source: readonly SideColumn[],
  target: readonly SideColumn[],
  ignore: ReadonlySet<string>,
  opts: PairOptions,
): Pairing {
  const byName = new Map(target.map((c) => [c.name.toLowerCase(), c]));
  const columns: PairedColumn[] = [];
  const onlySource: string[] = [];
  const incompatible: string[] = [];
  const seen = new Set<string>();
  for (const s of source) {
    const key = s.name.toLowerCase();
    if (ignore.has(key)) continue;
    const t = byName.get(key);
    if (t === undefined) {
      onlySource.push(s.name);
      continue;
    }
    seen.add(key);
    const norm = mergeNorms(s.norm, t.norm, opts);
    if (norm === undefined) {
      incompatible.push(`${s.name} (${s.typeText} vs ${t.typeText})`);
      continue;
    }
    columns.push({
      name: s.name,
      sourceName: s.name,
      targetName: t.name,
      norm,
      sourceType: s.typeText,
      targetType: t.typeText,
      sourceBit: s.norm.kind === 'bit',
      targetBit: t.norm.kind === 'bit',
    });
  }
  const onlyTarget = target.filter(
    (t) => !seen.has(t.name.toLowerCase()) && !ignore.has(t.name.toLowerCase()),
  );
  return { columns, onlySource, onlyTarget: onlyTarget.map((t) => t.name), incompatible };
}
