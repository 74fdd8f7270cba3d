/** Shared helpers for benchmark scripts: machine description, timing, statistics, tables, charts. */
export { describeMachine, machineSummary, type MachineDescription } from './machine.js';
export { Rng } from './prng.js';
export { LineWriter } from './line-writer.js';
export { Progress, type ProgressOptions } from './progress.js';
export { barChartSvg, type Bar, type BarChartOptions } from './svg-chart.js';
export { median, geomean, ratio, percentile, formatMs, formatRatio, formatBytes } from './stats.js';
export { runOpenLoop, summarizeLatencies, type OpenLoopOptions, type OpenLoopResult } from './open-loop.js';
export { renderText, renderMarkdown, type Table, type Align } from './table.js';
export { elapsedMs, timed } from './timing.js';
export {
  canonicalNumber,
  canonicalValue,
  canonicalize,
  compareResults,
  describeResult,
  type CanonicalResult,
  type Comparison,
} from './results.js';
export { insertLoad, streamLoad, StreamLoadUnavailable } from './rockling-load.js';
export {
  buildDescription,
  shortReason,
  startRockling,
  type RocklingServer,
  type ServerBuild,
  type StartOptions,
  type StartResult,
} from './rockling-server.js';
export {
  dirBytes,
  importMs,
  measureStart,
  measureStartups,
  nodeBaselineMs,
  procMemory,
  type ProcMemory,
  type StartupFigures,
  type StartupSample,
} from './footprint.js';
