import type { SqlType } from './sql-type.js';
import type { Value } from './value.js';

/**
 * Render a value as StarRocks sends it in a text-protocol row (and as the mysql CLI shows it).
 * Booleans are 1/0; doubles use the shortest round-trip form (StarRocks prints 0.1 + 0.2 as
 * 0.30000000000000004 and 1e20 as 1e+20); strings, decimals and temporals are already text.
 */
export function renderText(value: Value, type: SqlType): string | null {
  if (value === null) return null;
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return renderNumber(value, type);
  if (typeof value === 'string') return value;
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('latin1');
}

function renderNumber(value: number, type: SqlType): string {
  if (type.kind === 'float') return renderFloat(value);
  if (type.kind === 'double') return renderDouble(value);
  return Number.isInteger(value) ? String(value) : renderDouble(value);
}

/** StarRocks (fmt / std::to_chars shortest form): `1e+20`, `1.5e-07`, `inf`, `nan`. */
export function renderDouble(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (Object.is(value, -0)) return '-0';
  const s = String(value);
  // JS uses e+N / e-N already; StarRocks pads the exponent to two digits (1e+20, 1.5e-07).
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

/**
 * FLOAT: the shortest decimal that reads back as the same 32-bit float (StarRocks prints
 * cosine_similarity results as 0.9999999, not the widened double 0.9999998807907104).
 */
export function renderFloat(value: number): string {
  if (!Number.isFinite(value)) return renderDouble(value);
  const f = Math.fround(value);
  for (let p = 1; p <= 9; p++) {
    const candidate = Number(f.toPrecision(p));
    if (Math.fround(candidate) === f) return renderDouble(candidate);
  }
  return renderDouble(f);
}
