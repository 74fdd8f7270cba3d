/**
 * Utility emitters: TYPEOF (StarRocks' type spelling, decided at generation time), binary
 * conversions TO_BINARY/FROM_BINARY ('hex' default, 'encode64', 'utf8') and MURMUR_HASH3_32.
 */
import type { SqlType } from '../../types/index.js';
import type { EmitCall, FunctionEmitter } from '../function-emitter.js';
import { crc32, murmurHash332, ngramSearchEmitters } from './hash.js';
import { arg, argT, constString, unsupported } from './util.js';

/** StarRocks' TYPEOF spelling: `decimal128(19, 2)`, `array<tinyint>`, `map<int,varchar>`. */
export function typeofName(t: SqlType): string {
  switch (t.kind) {
    case 'null':
      return 'null_type';
    case 'decimal': {
      const width = t.precision <= 9 ? 32 : t.precision <= 18 ? 64 : t.precision <= 38 ? 128 : 256;
      return `decimal${width}(${t.precision}, ${t.scale})`;
    }
    case 'string':
    case 'varchar':
      return 'varchar';
    case 'binary':
    case 'varbinary':
      return 'varbinary';
    case 'array':
      return `array<${typeofName(t.element)}>`;
    case 'map':
      return `map<${typeofName(t.key)},${typeofName(t.value)}>`;
    case 'struct':
      return `struct<${t.fields.map((f) => `${f.name} ${typeofName(f.type)}`).join(', ')}>`;
    default:
      return t.kind;
  }
}

function binaryFormat(c: EmitCall): string {
  const fmt = c.args.length > 1 ? constString(c, 1) : 'hex';
  if (fmt === undefined) return unsupported('binary format that is not a constant');
  return fmt.toLowerCase();
}

function toBinary(c: EmitCall): string {
  const s = arg(c, 0);
  switch (binaryFormat(c)) {
    // Undecodable text is an empty binary in StarRocks (odd-length hex too); an empty base64
    // string is NULL.
    case 'hex':
      return `(CASE WHEN length(${s}) % 2 = 1 THEN ''::BLOB ELSE coalesce(try(unhex(${s})), ''::BLOB) END)`;
    case 'encode64':
      return `(CASE WHEN ${s} = '' THEN NULL ELSE coalesce(try(from_base64(${s})), ''::BLOB) END)`;
    case 'utf8':
      return `encode(${s})`;
    default:
      return 'CAST(NULL AS BLOB)';
  }
}

function fromBinary(c: EmitCall): string {
  const b = arg(c, 0);
  switch (binaryFormat(c)) {
    case 'hex':
      return `hex(${b})`;
    case 'encode64':
      return `to_base64(${b})`;
    case 'utf8':
      return `try(decode(${b}))`;
    default:
      return 'CAST(NULL AS VARCHAR)';
  }
}

/** Utility emitters by id. */
export const UTILITY_EMITTERS: Readonly<Record<string, FunctionEmitter>> = {
  typeof: (c) => c.literal(typeofName(argT(c, 0))),
  to_binary: toBinary,
  from_binary: fromBinary,
  murmur_hash3_32: murmurHash332,
  crc32,
  ...ngramSearchEmitters,
};
