/**
 * Column separators and row delimiters as StarRocks reads them: the text as sent, or `\x` followed
 * by hex pairs (`\x01`, `\x0D0A`) for bytes that cannot travel in an HTTP header. At most 50 bytes.
 */
import { LoadError } from './errors.js';

export const MAX_SEPARATOR_BYTES = 50;

/** Decode a separator header; `fallback` when empty. */
export function decodeSeparator(raw: string, fallback: string, what: string): Buffer {
  if (raw === '') return Buffer.from(fallback, 'utf8');
  let bytes: Buffer;
  if (/^\\x/i.test(raw)) {
    const hex = raw.slice(2);
    if (hex.length === 0 || hex.length % 2 !== 0 || !/^[0-9a-f]+$/i.test(hex)) {
      throw new LoadError(`Invalid hex format of ${what}: ${raw}`);
    }
    bytes = Buffer.from(hex, 'hex');
  } else {
    bytes = Buffer.from(raw, 'utf8');
  }
  if (bytes.length > MAX_SEPARATOR_BYTES) {
    throw new LoadError(`The ${what} is limited to ${MAX_SEPARATOR_BYTES} bytes: ${raw}`);
  }
  return bytes;
}

/** StarRocks' printable form of a separator for error messages (`'\t'`, `'0x1'`). */
export function separatorText(sep: Buffer): string {
  let out = "'";
  for (const b of sep) {
    if (b === 0x0a) out += '\\n';
    else if (b === 0x09) out += '\\t';
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += `0x${b.toString(16)}`;
  }
  return `${out}'`;
}
