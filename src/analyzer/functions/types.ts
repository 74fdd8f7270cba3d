/**
 * Contract between the binder and the function library. The binder asks the registry to resolve
 * a call by name and argument types; the registry answers with a canonical function id, the
 * argument types the binder must cast to (implicit casts), and the result type — or null when
 * StarRocks has no such function/signature (the binder then reports it).
 */
import type { SqlType } from '../../types/index.js';

export type FunctionKind = 'scalar' | 'aggregate' | 'window' | 'table';

export interface CallShape {
  readonly distinct: boolean;
  /** `count(*)`. */
  readonly star: boolean;
  /** group_concat / array_agg with ORDER BY. */
  readonly hasOrderBy: boolean;
  /** Called with OVER (…). */
  readonly isWindow: boolean;
  /**
   * Index of the lambda argument when the call has one (`array_map(x -> x + 1, arr)`); its entry
   * in argTypes is the type of the lambda body (see lambdaBinding in defs-array-map.ts).
   */
  readonly lambdaIndex?: number;
  /**
   * Values of constant arguments when the binder knows them (string/number literals after
   * folding); undefined entries are not constant. Some StarRocks return types depend on them
   * (str_to_date returns DATE when its format has no time fields).
   */
  readonly constArgs?: readonly ConstArg[];
}

/** A constant argument value as the binder folded it (undefined: not a constant). */
export type ConstArg = string | number | bigint | boolean | null | undefined;

export interface FunctionResolution {
  /** Canonical lower-case id the code generator knows an emitter for (e.g. 'date_format'). */
  readonly id: string;
  readonly kind: FunctionKind;
  /** Types the arguments must be cast to before the call (same length as the arguments). */
  readonly argTypes: readonly SqlType[];
  readonly returnType: SqlType;
  /** StarRocks returns NULL for NULL input (false for coalesce/ifnull/concat_ws and friends). */
  readonly nullOnNullInput: boolean;
}

/** Outcome of resolving a call: a match, or why not (unknown name vs. no matching signature). */
export type FunctionLookup =
  | { readonly kind: 'found'; readonly resolution: FunctionResolution }
  | { readonly kind: 'unknown-function' }
  | { readonly kind: 'not-supported' }
  | { readonly kind: 'no-matching-signature' };

export type FunctionResolver = (
  name: string,
  argTypes: readonly SqlType[],
  shape: CallShape,
) => FunctionLookup;
