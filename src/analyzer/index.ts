/** Analyzer/binder: AST → bound tree (see CONTEXT.md). */
export type * from './bound.js';
export type { CompileContext } from './context.js';
export type {
  FunctionResolver,
  FunctionResolution,
  FunctionLookup,
  CallShape,
  FunctionKind,
} from './functions/types.js';
export { analyzeQuery, analyzeExpression, type AnalyzedQuery, type AnalyzedExpression } from './analyze.js';
export { children, exprKey, mapExpr, someExpr } from './expr-walk.js';
export { analysisError } from './errors.js';
export { exprLabel } from './labels.js';
export { selectOver } from './select-over.js';
export { setViewParser } from './view-parser.js';
