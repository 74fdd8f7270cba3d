/** StarRocks type names → SqlType (rules `type`, `baseType`, `decimalType` of StarRocks.g4). */
import { notSupported } from '../../../errors/index.js';
import { STRING_LENGTH, T, type SqlType, type StructField } from '../../../types/index.js';
import type { Cursor } from '../cursor.js';

/** Length StarRocks gives VARBINARY/BINARY written without one. */
export const DEFAULT_VARBINARY_LENGTH = 1048576;

/** Default (precision, scale) of decimal spellings written without arguments. */
const DECIMAL_DEFAULTS: Readonly<Record<string, readonly [number, number]>> = {
  DECIMAL: [10, 0],
  NUMERIC: [10, 0],
  NUMBER: [10, 0],
  DECIMALV2: [9, 0],
  DECIMAL32: [9, 3],
  DECIMAL64: [18, 6],
  DECIMAL128: [38, 9],
  DECIMAL256: [76, 12],
};

const SIMPLE_TYPES: Readonly<Record<string, SqlType>> = {
  BOOLEAN: T.boolean,
  BOOL: T.boolean,
  TINYINT: T.tinyint,
  SMALLINT: T.smallint,
  INT: T.int,
  INTEGER: T.int,
  BIGINT: T.bigint,
  LARGEINT: T.largeint,
  FLOAT: T.float,
  DOUBLE: T.double,
  DATE: T.date,
  DATETIME: T.datetime,
  TIME: T.time,
  STRING: T.string,
  TEXT: T.string,
  JSON: T.json,
  HLL: T.hll,
  BITMAP: T.bitmap,
  PERCENTILE: T.percentile,
};

/** Words that start a type (used to decide whether a type follows). */
export function isTypeStart(p: Cursor, k = 0): boolean {
  const t = p.peek(k);
  if (t.kind !== 'word') return false;
  return (
    t.upper in SIMPLE_TYPES ||
    t.upper in DECIMAL_DEFAULTS ||
    ['CHAR', 'VARCHAR', 'BINARY', 'VARBINARY', 'ARRAY', 'MAP', 'STRUCT', 'SIGNED', 'UNSIGNED'].includes(
      t.upper,
    )
  );
}

/** Optional `(n)` display width / length. */
function typeParameter(p: Cursor): number | null {
  if (!p.isOp('(')) return null;
  p.next();
  const n = p.integer();
  p.expectOp(')');
  return n;
}

/** Parse a type. `cast` enables the CAST-only spellings SIGNED/UNSIGNED [INT|INTEGER]. */
export function parseType(p: Cursor): SqlType {
  const t = p.peek();
  if (t.kind !== 'word') {
    p.note('a type');
    return p.fail();
  }
  const name = t.upper;
  const simple = SIMPLE_TYPES[name];
  if (simple) {
    p.next();
    if (['TINYINT', 'SMALLINT', 'INT', 'INTEGER', 'BIGINT', 'LARGEINT'].includes(name)) typeParameter(p);
    return simple;
  }
  const dec = DECIMAL_DEFAULTS[name];
  if (dec) {
    p.next();
    if (!p.acceptOp('(')) return T.decimal(dec[0], dec[1]);
    const precision = p.integer();
    const scale = p.acceptOp(',') ? p.integer() : 0;
    p.expectOp(')');
    return T.decimal(precision, scale);
  }
  switch (name) {
    case 'CHAR':
    case 'CHARACTER':
      p.next();
      return T.char(typeParameter(p) ?? 1);
    case 'VARCHAR':
      p.next();
      return T.varchar(typeParameter(p) ?? STRING_LENGTH);
    case 'BINARY':
    case 'VARBINARY': {
      p.next();
      const length = typeParameter(p) ?? DEFAULT_VARBINARY_LENGTH;
      return name === 'BINARY' ? { kind: 'binary', length } : { kind: 'varbinary', length };
    }
    case 'SIGNED':
    case 'UNSIGNED':
      // StarRocks' TypeParser maps both spellings to INT.
      p.next();
      if (!p.acceptWord('INT')) p.acceptWord('INTEGER');
      return T.int;
    case 'ARRAY':
      p.next();
      return T.array(angle(p, () => parseType(p)));
    case 'MAP':
      p.next();
      return angle(p, () => {
        const key = parseType(p);
        p.expectOp(',');
        const value = parseType(p);
        return { kind: 'map', key, value } as const;
      });
    case 'STRUCT':
      p.next();
      return angle(p, () => {
        const fields: StructField[] = [];
        do {
          const fieldName = p.ident();
          fields.push({ name: fieldName, type: parseType(p) });
        } while (p.acceptOp(','));
        return { kind: 'struct', fields } as const;
      });
    case 'VARIANT':
      throw notSupported('type VARIANT', p.pos());
    default:
      p.note('a type');
      return p.fail();
  }
}

/** `< … >`, closing a `>>` token half at a time. */
function angle<R>(p: Cursor, inner: () => R): R {
  p.expectOp('<');
  const out = p.nested(inner);
  p.splitShift();
  p.expectOp('>');
  return out;
}

/** `SIGNED`/`UNSIGNED` spelling of a CAST target, if that is what comes next. */
export function castSpelling(p: Cursor): 'signed' | 'unsigned' | undefined {
  if (p.isWord('SIGNED')) return 'signed';
  if (p.isWord('UNSIGNED')) return 'unsigned';
  return undefined;
}
