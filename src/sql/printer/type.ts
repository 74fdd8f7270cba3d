/** SqlType → StarRocks type syntax that parses back to the same SqlType. */
import { assertNever } from '../../base/index.js';
import type { SqlType } from '../../types/index.js';
import { ident } from './quote.js';

export function printType(t: SqlType): string {
  switch (t.kind) {
    case 'decimal':
      return `DECIMAL(${t.precision}, ${t.scale})`;
    case 'char':
      return `CHAR(${t.length})`;
    case 'varchar':
      return `VARCHAR(${t.length})`;
    case 'binary':
      return `BINARY(${t.length})`;
    case 'varbinary':
      return `VARBINARY(${t.length})`;
    case 'array':
      return `ARRAY<${printType(t.element)}>`;
    case 'map':
      return `MAP<${printType(t.key)}, ${printType(t.value)}>`;
    case 'struct':
      return `STRUCT<${t.fields.map((f) => `${ident(f.name)} ${printType(f.type)}`).join(', ')}>`;
    case 'null':
      return 'NULL_TYPE';
    case 'boolean':
    case 'tinyint':
    case 'smallint':
    case 'int':
    case 'bigint':
    case 'largeint':
    case 'float':
    case 'double':
    case 'date':
    case 'datetime':
    case 'time':
    case 'string':
    case 'json':
    case 'hll':
    case 'bitmap':
    case 'percentile':
      return t.kind.toUpperCase();
    default:
      return assertNever(t, 'type');
  }
}
