/** The StarRocks function library as the binder sees it: resolution, lambdas, INTERVAL rewrites. */
export { resolveFunction, functionDef, implementedFunctionNames, registryEmitterIds } from './registry.js';
export { lambdaBinding, type LambdaBinding } from './defs-array-map.js';
export { intervalFunctionName, timestampDiffFunctionName } from './interval.js';
export { commonType, commonType2, castCost } from './type-rules.js';
export { STARROCKS_FUNCTION_NAMES } from './starrocks-names.js';
export type {
  CallShape,
  ConstArg,
  FunctionKind,
  FunctionLookup,
  FunctionResolution,
  FunctionResolver,
} from './types.js';
