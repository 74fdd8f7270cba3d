/** sqllogictest runner: parse .slt files and run them in-process or over the MySQL protocol. */
export { parseSlt, SltParseError, type SltRecord, type SortMode } from './parse.js';
export { runSlt, formatReport, type SltFailure, type SltReport } from './run.js';
export { inProcessTarget, wireTarget, type SltTarget, type SltOutcome, type SltError } from './targets.js';
