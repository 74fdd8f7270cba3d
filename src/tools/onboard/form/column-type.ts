/**
 * What the design rules need to know about a StarRocks column type: is it valid, how many bytes
 * it takes in a prefix (short-key) index or an encoded primary key, and which roles it may play
 * (REFERENCE.md §6.1, §6.4, §7.3; Prefix_index_sort_key.md).
 */

export interface TypeInfo {
  /** Normalised text: `BIGINT`, `VARCHAR(64)`, `DECIMAL(18,2)`. */
  readonly text: string;
  readonly base: string;
  /** Bytes in a prefix index / encoded key; for strings the declared length (upper bound). */
  readonly keyBytes: number;
  readonly isString: boolean;
  readonly isTime: boolean;
  readonly isInteger: boolean;
  /** Allowed as a sort/duplicate/aggregate key column and hash bucket column. */
  readonly canBeKey: boolean;
  /** Allowed as a PRIMARY KEY column (no CHAR, DECIMAL, FLOAT, DOUBLE — §6.4). */
  readonly canBePrimaryKey: boolean;
}

const FIXED: Readonly<Record<string, number>> = {
  BOOLEAN: 1,
  TINYINT: 1,
  SMALLINT: 2,
  INT: 4,
  INTEGER: 4,
  BIGINT: 8,
  LARGEINT: 16,
  FLOAT: 4,
  DOUBLE: 8,
  DATE: 4,
  DATETIME: 8,
};

const NON_KEY = new Set(['FLOAT', 'DOUBLE', 'JSON', 'BITMAP', 'HLL', 'PERCENTILE', 'ARRAY', 'MAP', 'STRUCT']);

/** Parse a type; undefined when it is not a StarRocks column type. */
export function typeInfo(raw: string): TypeInfo | undefined {
  const text = raw.trim().replace(/\s+/g, ' ');
  const upper = text.toUpperCase();
  const complex = /^(ARRAY|MAP|STRUCT)\s*<.*>$/.exec(upper);
  if (complex !== null) return info(upper, complex[1] ?? 'ARRAY', 0);
  const match = /^([A-Z]+)\s*(?:\(\s*([0-9]+)\s*(?:,\s*([0-9]+)\s*)?\))?$/.exec(upper);
  if (match === null) return undefined;
  const base = match[1] === 'INTEGER' ? 'INT' : (match[1] ?? '');
  const length = match[2] === undefined ? undefined : Number(match[2]);
  const scale = match[3] === undefined ? undefined : Number(match[3]);
  if (base in FIXED) {
    if (
      length !== undefined &&
      base !== 'INT' &&
      base !== 'BIGINT' &&
      base !== 'TINYINT' &&
      base !== 'SMALLINT'
    ) {
      return undefined;
    }
    return info(base, base, FIXED[base] ?? 8);
  }
  switch (base) {
    case 'VARCHAR':
      if (length !== undefined && (length < 1 || length > 1048576)) return undefined;
      return info(`VARCHAR(${length ?? 65533})`, base, length ?? 65533);
    case 'CHAR':
      if (length !== undefined && (length < 1 || length > 255)) return undefined;
      return info(`CHAR(${length ?? 1})`, base, length ?? 1);
    case 'STRING':
      return info('STRING', base, 65533);
    case 'VARBINARY':
      return info(length === undefined ? 'VARBINARY' : `VARBINARY(${length})`, base, length ?? 65533);
    case 'DECIMAL':
    case 'DECIMALV3': {
      const precision = length ?? 10;
      if (precision < 1 || precision > 38 || (scale ?? 0) > precision) return undefined;
      return info(`DECIMAL(${precision},${scale ?? 0})`, 'DECIMAL', precision <= 18 ? 8 : 16);
    }
    case 'JSON':
    case 'BITMAP':
    case 'HLL':
    case 'PERCENTILE':
      return info(base, base, 0);
    default:
      return undefined;
  }
}

function info(text: string, base: string, keyBytes: number): TypeInfo {
  const isString = base === 'VARCHAR' || base === 'CHAR' || base === 'STRING' || base === 'VARBINARY';
  return {
    text,
    base,
    keyBytes,
    isString,
    isTime: base === 'DATE' || base === 'DATETIME',
    isInteger: ['TINYINT', 'SMALLINT', 'INT', 'BIGINT', 'LARGEINT'].includes(base),
    canBeKey: !NON_KEY.has(base),
    canBePrimaryKey: !NON_KEY.has(base) && base !== 'CHAR' && base !== 'DECIMAL',
  };
}

/** Estimated raw bytes of a row: fixed widths, half the declared string length, 200 B per JSON. */
export function rowWidth(types: readonly string[]): number {
  return types.reduce((sum, type) => {
    const t = typeInfo(type);
    if (t === undefined) return sum + 16;
    if (t.base === 'JSON' || t.base === 'STRING') return sum + 200;
    return sum + (t.isString ? Math.min(t.keyBytes, 256) / 2 : Math.max(t.keyBytes, 1));
  }, 0);
}
