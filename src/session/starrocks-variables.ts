/**
 * StarRocks' planner and execution session variables (SessionVariable.java) that scripts and the
 * SQL-tester set. Rockling has no use for most of them (DuckDB plans and executes), but StarRocks
 * accepts them, stores them per session and shows them in SHOW VARIABLES, so Rockling does too.
 * Defaults are StarRocks 3.x defaults as documented.
 */
import { SqlError } from '../errors/index.js';
import type { Value } from '../types/index.js';
import type { VarDef } from './variables.js';

type Default = boolean | number | string;

const KNOBS: Readonly<Record<string, Default>> = {
  activate_all_roles_on_login: false,
  cbo_enable_histogram_join_estimation: true,
  cbo_enable_low_cardinality_optimize: true,
  cbo_push_down_distinct_below_window: true,
  cbo_use_histogram_evaluate_list_partition: false,
  disable_function_fold_constants: false,
  disable_generated_column_rewrite: false,
  enable_agg_spill_preaggregation: true,
  enable_async_profile: true,
  enable_cbo_table_prune: false,
  enable_constant_execute_in_fe: true,
  enable_drop_table_check_mv_dependency: false,
  enable_exchange_pass_through: true,
  enable_force_rule_based_mv_rewrite: true,
  enable_global_runtime_filter: true,
  enable_group_by_compressed_key: true,
  enable_group_execution: true,
  enable_materialized_view_agg_pushdown_rewrite: false,
  enable_materialized_view_rewrite: true,
  enable_materialized_view_transparent_union_rewrite: true,
  enable_multi_cast_limit_push_down: true,
  enable_parallel_merge: true,
  enable_per_bucket_optimize: true,
  enable_phased_scheduler: false,
  enable_pipeline_engine: true,
  enable_pipeline_event_scheduler: false,
  enable_pipeline_level_shuffle: true,
  enable_plan_advisor: true,
  enable_plan_advisor_blacklist: true,
  enable_plan_analyzer: false,
  enable_predicate_move_around: true,
  enable_query_cache: false,
  enable_rbo_table_prune: false,
  enable_rewrite_simple_agg_to_meta_scan: false,
  enable_scan_predicate_expr_reuse: true,
  enable_shared_scan: false,
  enable_short_circuit: false,
  enable_show_predicate_tree_in_profile: false,
  enable_simplify_case_when: true,
  enable_spill: false,
  enable_spm_rewrite: false,
  enable_stats_to_optimize_skew_join: true,
  enable_sync_materialized_view_rewrite: true,
  enable_tablet_internal_parallel: true,
  enable_wait_dependent_event: false,
  group_execution_min_scan_rows: 5000000,
  io_tasks_per_scan_operator: 4,
  jit_level: 1,
  like_predicate_consolidate_min: 2,
  lower_upper_support_utf8: false,
  materialized_view_rewrite_mode: 'DEFAULT',
  materialized_view_union_rewrite_mode: 0,
  new_planner_agg_stage: 0,
  new_planner_optimize_timeout: 3000,
  partial_update_mode: 'auto',
  phased_scheduler_max_concurrency: 2,
  profile_timeout: 2,
  query_debug_options: '',
  scan_olap_partition_num_limit: 0,
  scan_or_to_union_limit: 4,
  scan_or_to_union_threshold: 50000000,
  select_ratio_threshold: '0.15',
  spill_mode: 'auto',
  streaming_preaggregation_mode: 'auto',
  tablet_internal_parallel_mode: 'auto',
};

/** Text knobs StarRocks validates on SET (SessionVariable setters), with its messages. */
const CHECKS: Readonly<Record<string, (value: Value) => Value>> = {
  partial_update_mode: (value) => {
    const v = String(value).toLowerCase();
    if (v === 'auto' || v === 'row' || v === 'column') return v;
    throw new SqlError('analysis-error', { message: 'partial_update_mode only support auto|row|column' });
  },
};

/** The knobs as variable definitions (booleans, integers, or free text). */
export function starrocksKnobDefs(): VarDef[] {
  return Object.entries(KNOBS).map(([name, value]): VarDef => {
    if (typeof value === 'boolean') return { name, kind: 'bool', defaultValue: value };
    if (typeof value === 'number') return { name, kind: 'int', defaultValue: value };
    const check = CHECKS[name];
    return { name, kind: 'string', defaultValue: value, ...(check !== undefined ? { check } : {}) };
  });
}
