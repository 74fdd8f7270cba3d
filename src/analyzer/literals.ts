/**
 * Literal typing with StarRocks' rules: integers take the narrowest integer type that holds them,
 * `1.50` is DECIMAL(3,2), `1e3` is DOUBLE, strings are VARCHAR, DATE/DATETIME literals are
 * validated and normalised here so the code generator only ever prints canonical text.
 */
import { T, integerLiteralType, type SqlType } from '../types/index.js';
import type { BoundExpr, LiteralValue } from './bound.js';
import { analysisError } from './errors.js';

export function literal(value: LiteralValue, type: SqlType): BoundExpr {
  return { kind: 'literal', value, type };
}

export const NULL_LITERAL: BoundExpr = literal({ kind: 'null' }, T.null);

/** Bind a numeric literal as written (`12`, `1.50`, `1e3`, `0x1F`). */
export function numberLiteral(text: string): BoundExpr {
  if (/^0x[0-9a-f]+$/i.test(text)) return hexLiteral(text.slice(2));
  if (/^\d+$/.test(text)) {
    const value = BigInt(text);
    const type = integerLiteralType(value);
    if (type !== null) return literal({ kind: 'int', value }, type);
    return decimalOrDouble(text);
  }
  if (/^(\d+\.\d*|\.\d+)$/.test(text)) return decimalOrDouble(text);
  if (/^(\d+\.?\d*|\.\d+)e[+-]?\d+$/i.test(text)) return doubleLiteral(Number(text), text);
  throw analysisError(`Invalid number literal '${text}'`);
}

/** Negate a literal produced by {@link numberLiteral} (the parser keeps `-` as a unary operator). */
export function negateLiteral(e: BoundExpr & { kind: 'literal' }): BoundExpr | null {
  const v = e.value;
  if (v.kind === 'int') {
    const value = -v.value;
    const type = integerLiteralType(value);
    return type === null ? decimalOrDouble(value.toString()) : literal({ kind: 'int', value }, type);
  }
  if (v.kind === 'decimal') {
    return literal(
      { kind: 'decimal', text: v.text.startsWith('-') ? v.text.slice(1) : `-${v.text}` },
      e.type,
    );
  }
  if (v.kind === 'double') return literal({ kind: 'double', value: -v.value }, T.double);
  return null;
}

function decimalOrDouble(text: string): BoundExpr {
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const [intPartRaw = '', fracPart = ''] = body.split('.');
  const intPart = intPartRaw.replace(/^0+/, '');
  const precision = Math.max(intPart.length + fracPart.length, fracPart.length, 1);
  if (precision > 38) return doubleLiteral(Number(text), text);
  const canonical = `${negative ? '-' : ''}${intPart === '' ? '0' : intPart}${fracPart === '' ? '' : `.${fracPart}`}`;
  return literal({ kind: 'decimal', text: canonical }, T.decimal(precision, fracPart.length));
}

function doubleLiteral(value: number, text: string): BoundExpr {
  if (!Number.isFinite(value)) throw analysisError(`Numeric overflow '${text}'`);
  return literal({ kind: 'double', value }, T.double);
}

export function hexLiteral(hex: string): BoundExpr {
  if (!/^[0-9a-f]*$/i.test(hex)) throw analysisError(`Invalid hex literal '${hex}'`);
  const padded = hex.length % 2 === 1 ? `0${hex}` : hex;
  const bytes = new Uint8Array(padded.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(padded.slice(i * 2, i * 2 + 2), 16);
  return literal({ kind: 'bytes', value: bytes }, { kind: 'varbinary', length: bytes.length });
}

export function stringLiteral(value: string): BoundExpr {
  return literal({ kind: 'string', value }, T.varchar());
}

const DATE_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})$|^(\d{4})(\d{2})(\d{2})$/;
const DATETIME_RE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,6})\d*)?)?)?$/;

/** Parse StarRocks date text into `YYYY-MM-DD`, or null when it is not a valid date. */
export function parseDateText(text: string): string | null {
  const m = DATE_RE.exec(text.trim());
  if (m === null) return null;
  const [y, mo, d] = m[1] !== undefined ? [m[1], m[2], m[3]] : [m[4], m[5], m[6]];
  return validDate(Number(y), Number(mo), Number(d));
}

/** Parse StarRocks datetime text into `YYYY-MM-DD HH:MM:SS[.ffffff]`, or null when invalid. */
export function parseDateTimeText(text: string): string | null {
  const trimmed = text.trim();
  const compact = /^(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?$/.exec(trimmed);
  const m = compact ?? DATETIME_RE.exec(trimmed);
  if (m === null) return null;
  const date = validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  if (date === null) return null;
  const [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (h > 23 || mi > 59 || s > 59) return null;
  const frac = compact === null && m[7] !== undefined ? m[7].padEnd(6, '0') : '';
  const time = `${pad2(h)}:${pad2(mi)}:${pad2(s)}`;
  return frac === '' || /^0+$/.test(frac) ? `${date} ${time}` : `${date} ${time}.${frac}`;
}

function validDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days || y < 0 || y > 9999) return null;
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

export function dateLiteral(text: string): BoundExpr {
  const date = parseDateText(text) ?? parseDateTimeText(text)?.slice(0, 10) ?? null;
  if (date === null) throw analysisError(`Incorrect date value '${text}'`);
  return literal({ kind: 'date', text: date }, T.date);
}

export function dateTimeLiteral(text: string): BoundExpr {
  const value = parseDateTimeText(text);
  if (value === null) throw analysisError(`Incorrect datetime value '${text}'`);
  return literal({ kind: 'datetime', text: value }, T.datetime);
}

/** A small integer literal (INT-typed constants the binder introduces itself). */
export function intLiteral(value: number | bigint): BoundExpr {
  const v = BigInt(value);
  return literal({ kind: 'int', value: v }, integerLiteralType(v) ?? T.largeint);
}
