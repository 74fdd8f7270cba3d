/**
 * BITMAP, HLL and PERCENTILE functions (the aggregate-state types of AGGREGATE KEY tables). Their
 * storage representations are documented in codegen/model-types.ts: BITMAP and HLL are sorted
 * lists of distinct UBIGINTs (HLL holds hashes, so its cardinality is exact), PERCENTILE the list
 * of raw values.
 */
import { T } from '../../types/index.js';
import { aggregate, scalar, sig, type FunctionDef } from './signature.js';

const BIG = T.bigint;
const D = T.double;

/** Scalar and aggregate functions on the state types, by lower-case StarRocks name. */
export const SKETCH_FUNCTIONS: Readonly<Record<string, FunctionDef>> = {
  to_bitmap: scalar([sig(['any'], T.bitmap)]),
  bitmap_empty: scalar([sig([], T.bitmap)], { nullOnNullInput: false }),
  bitmap_hash: scalar([sig(['any'], T.bitmap)], { nullOnNullInput: false }),
  bitmap_count: scalar([sig([T.bitmap], BIG)], { nullOnNullInput: false }),
  bitmap_and: scalar([sig([T.bitmap, T.bitmap], T.bitmap)]),
  bitmap_or: scalar([sig([T.bitmap, T.bitmap], T.bitmap)]),
  bitmap_andnot: scalar([sig([T.bitmap, T.bitmap], T.bitmap)]),
  bitmap_contains: scalar([sig([T.bitmap, BIG], T.boolean)]),
  bitmap_to_string: scalar([sig([T.bitmap], T.varchar())]),
  bitmap_from_string: scalar([sig(['string'], T.bitmap)]),
  bitmap_to_array: scalar([sig([T.bitmap], T.array(BIG))]),
  bitmap_union: aggregate([sig([T.bitmap], T.bitmap)]),
  bitmap_agg: aggregate([sig([T.largeint], T.bitmap)]),
  bitmap_union_int: aggregate([sig([BIG], BIG)], { window: false }),
  bitmap_union_count: aggregate([sig([T.bitmap], BIG)]),
  hll_hash: scalar([sig(['any'], T.hll)], { nullOnNullInput: false }),
  hll_empty: scalar([sig([], T.hll)], { nullOnNullInput: false }),
  hll_cardinality: scalar([sig([T.hll], BIG)], { nullOnNullInput: false }),
  hll_union: aggregate([sig([T.hll], T.hll)]),
  hll_raw_agg: aggregate([sig([T.hll], T.hll)], { id: 'hll_union' }),
  hll_union_agg: aggregate([sig([T.hll], BIG)]),
  percentile_hash: scalar([sig([D], T.percentile)]),
  percentile_empty: scalar([sig([], T.percentile)], { nullOnNullInput: false }),
  percentile_union: aggregate([sig([T.percentile], T.percentile)]),
  percentile_approx_raw: scalar([sig([T.percentile, D], D)]),
};
