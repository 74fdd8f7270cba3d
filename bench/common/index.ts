/** Shared helpers for benchmark scripts: machine description, timing, statistics, tables, charts. */
export { describeMachine, machineSummary, type MachineDescription } from './machine.js';
export { Rng } from './prng.js';
export { Progress, type ProgressOptions } from './progress.js';
export { barChartSvg, type Bar, type BarChartOptions } from './svg-chart.js';
export { median, geomean, ratio, formatMs, formatRatio, formatBytes } from './stats.js';
export { renderText, renderMarkdown, type Table, type Align } from './table.js';
export { elapsedMs, timed } from './timing.js';
