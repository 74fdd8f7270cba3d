export {
  type SqlType,
  type SqlTypeKind,
  type StructField,
  STRING_LENGTH,
  T,
  formatType,
  isIntegerType,
  isNumericType,
  isStringType,
  isTemporalType,
} from './sql-type.js';
export { type Value, type RowBatch } from './value.js';
export { renderText, renderDouble, renderFloat } from './render.js';
export {
  renderDate,
  renderDatetime,
  renderDecimal,
  renderJson,
  renderNested,
  renderTime,
  type NestedValue,
} from './render-values.js';
