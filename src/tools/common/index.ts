export { ToolError } from './errors.js';
export {
  connect,
  describeTarget,
  errorMessage,
  errorNumber,
  isLoopback,
  parseTarget,
  quoteIdent,
  quoteString,
  redact,
  serverInfo,
  type Dialect,
  type ServerInfo,
  type Target,
} from './target.js';
export { formatBytes, formatCount, formatMs, parseDuration, parsePositive } from './units.js';
export { escapeHtml, htmlPage, htmlTable } from './html.js';
export { barChart, lineChart, niceTicks, type Bar, type ChartOptions, type Series } from './svg.js';
export { runTool } from './run.js';
export { recordOutcome, type Outcome } from './record.js';
