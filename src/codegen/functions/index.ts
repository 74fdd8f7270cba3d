/**
 * FUNCTION_EMITTERS: canonical function id (from the analyzer's function registry) → DuckDB SQL
 * emitter. This table is the whitelist of DuckDB functions user SQL can reach; it never contains
 * file, network, settings or extension functions.
 */
import type { FunctionEmitter } from '../function-emitter.js';
import { AGGREGATE_EMITTERS, WINDOW_EMITTERS } from './aggregate.js';
import { ARRAY_MAP_EMITTERS } from './array-map.js';
import { CONDITIONAL_EMITTERS, SESSION_EMITTERS } from './conditional.js';
import { DATETIME_EMITTERS } from './datetime.js';
import { JSON_EMITTERS } from './json.js';
import { JSON_EDIT_EMITTERS } from './json-edit.js';
import { MATH_EMITTERS } from './math.js';
import { SKETCH_EMITTERS } from './sketch.js';
import { STRING_EMITTERS } from './string.js';
import { UTILITY_EMITTERS } from './utility.js';

/** Emitters by canonical id. */
export const FUNCTION_EMITTERS: Readonly<Record<string, FunctionEmitter>> = Object.freeze({
  ...DATETIME_EMITTERS,
  ...STRING_EMITTERS,
  ...UTILITY_EMITTERS,
  ...MATH_EMITTERS,
  ...CONDITIONAL_EMITTERS,
  ...SESSION_EMITTERS,
  ...JSON_EMITTERS,
  ...JSON_EDIT_EMITTERS,
  ...ARRAY_MAP_EMITTERS,
  ...AGGREGATE_EMITTERS,
  ...WINDOW_EMITTERS,
  ...SKETCH_EMITTERS,
});

export { DEFAULT_TIME_ZONE, parseZone } from './time-zone.js';
export { jsonText } from './json.js';
export { parseDateTimeSql } from './date-text.js';
export type { EmitSession } from '../function-emitter.js';
