export {
  type SqlType,
  type SqlTypeKind,
  type StructField,
  STRING_LENGTH,
  T,
  formatType,
  spellType,
  type TypeSpelling,
  isIntegerType,
  isNumericType,
  isStringType,
  isTemporalType,
} from './sql-type.js';
export { type Value, type RowBatch } from './value.js';
export { renderText, renderDouble, renderFloat } from './render.js';
export {
  MAX_DECIMAL_PRECISION,
  TypeRuleError,
  arithmeticTyping,
  canCast,
  commonSuperType,
  commonSuperTypeOf,
  comparisonType,
  decimalCompatible,
  inListType,
  integerLiteralType,
  integerRange,
  numericResultType,
  sameType,
  type ArithOp,
  type ArithTyping,
  type CompareKind,
} from './coercion.js';
export {
  renderDate,
  renderDatetime,
  renderDecimal,
  renderJson,
  renderNested,
  renderTime,
  type NestedValue,
} from './render-values.js';
