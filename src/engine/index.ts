/** The only door to DuckDB (see CONTEXT.md). */
export { Engine, type EngineOptions, type StreamOptions } from './engine.js';
export { EngineConnection, type EngineColumn, type EngineParam, type EngineRows } from './connection.js';
export { mapDuckDbError } from './errors.js';
export { formatDays, formatMicros, formatTime } from './temporal.js';
export { formatJsonText } from './nested.js';
export { formatDecimal, float32Shortest } from './numbers.js';
