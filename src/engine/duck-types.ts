/** DuckDB result types → the StarRocks type a client would see (for internal and untyped results). */
import type { DuckDBType } from '@duckdb/node-api';
import { DuckDBTypeId } from './duckdb.js';
import { T, type SqlType } from '../types/index.js';

/** The StarRocks type closest to a DuckDB type (JSON alias → json, HUGEINT → largeint, …). */
export function sqlTypeOf(t: DuckDBType): SqlType {
  if (t.alias?.toUpperCase() === 'JSON') return T.json;
  switch (t.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return T.boolean;
    case DuckDBTypeId.TINYINT:
      return T.tinyint;
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.UTINYINT:
      return T.smallint;
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.USMALLINT:
      return T.int;
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UINTEGER:
      return T.bigint;
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.UHUGEINT:
      return T.largeint;
    case DuckDBTypeId.FLOAT:
      return T.float;
    case DuckDBTypeId.DOUBLE:
      return T.double;
    case DuckDBTypeId.DECIMAL:
      return T.decimal(t.width, t.scale);
    case DuckDBTypeId.DATE:
      return T.date;
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return T.datetime;
    case DuckDBTypeId.TIME:
      return T.time;
    case DuckDBTypeId.BLOB:
      return { kind: 'varbinary', length: 1048576 };
    case DuckDBTypeId.LIST:
      return T.array(sqlTypeOf(t.valueType));
    case DuckDBTypeId.ARRAY:
      return T.array(sqlTypeOf(t.valueType));
    case DuckDBTypeId.MAP:
      return { kind: 'map', key: sqlTypeOf(t.keyType), value: sqlTypeOf(t.valueType) };
    case DuckDBTypeId.STRUCT:
      return {
        kind: 'struct',
        fields: t.entryNames.map((name, i) => ({ name, type: sqlTypeOf(t.entryTypes[i] ?? t) })),
      };
    case DuckDBTypeId.SQLNULL:
      return T.null;
    default:
      return T.string;
  }
}
