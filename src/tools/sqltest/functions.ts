/**
 * The runner's helper functions (`function: name(args)` steps), re-implemented from their
 * documented behaviour (conformance README). Each returns the value the R file compares with
 * `str()`, or throws when the helper itself fails.
 */
import { parsePythonLiteral, type PyValue } from './python-literal.js';

export interface HelperContext {
  /** Run SQL and return rendered rows (throws on SQL error). */
  query(sql: string): Promise<string[][]>;
  sleep(ms: number): Promise<void>;
}

type Helper = (ctx: HelperContext, args: readonly PyValue[]) => Promise<string>;

const POLL_MS = 200;
const WAIT_LIMIT_MS = 120_000;

async function explainText(ctx: HelperContext, query: string, prefix = 'EXPLAIN'): Promise<string> {
  const rows = await ctx.query(`${prefix} ${query}`);
  return rows.map((r) => r.join('\t')).join('\n');
}

function str(v: PyValue | undefined): string {
  return typeof v === 'string' ? v : String(v ?? '');
}

async function pollState(
  ctx: HelperContext,
  sql: string,
  column: number,
  done: (state: string) => boolean,
): Promise<string> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  for (;;) {
    const rows = await ctx.query(sql);
    const last = rows[rows.length - 1];
    const state = last === undefined ? '' : (last[column] ?? '');
    if (state === '' || done(state)) return state;
    if (Date.now() > deadline) throw new Error(`timed out waiting on ${sql} (state ${state})`);
    await ctx.sleep(POLL_MS);
  }
}

function waitAlter(defaultType: string, defaultColumn: number, expect: string): Helper {
  return async (ctx, args) => {
    const type = args[0] === undefined ? defaultType : str(args[0]);
    const column = typeof args[1] === 'number' ? args[1] : defaultColumn;
    const state = await pollState(
      ctx,
      `SHOW ALTER TABLE ${type} ORDER BY CreateTime DESC LIMIT 1`,
      column,
      (s) => s === 'FINISHED' || s === 'CANCELLED',
    );
    if (state !== '' && state !== expect) throw new Error(`alter job ended ${state}`);
    return 'None';
  };
}

function explainContains(prefix: string, wanted: boolean): Helper {
  return async (ctx, args) => {
    const plan = await explainText(ctx, str(args[0]), prefix);
    for (const s of args.slice(1)) {
      if (plan.includes(str(s)) !== wanted)
        throw new Error(`plan ${wanted ? 'lacks' : 'contains'} ${str(s)}`);
    }
    return 'None';
  };
}

const HELPERS: Readonly<Record<string, Helper>> = {
  wait_alter_table_finish: waitAlter('COLUMN', 9, 'FINISHED'),
  wait_alter_table_not_pending: async (ctx, args) => {
    await pollState(
      ctx,
      `SHOW ALTER TABLE ${str(args[0] ?? 'COLUMN')} ORDER BY CreateTime DESC LIMIT 1`,
      9,
      (s) => s !== 'PENDING',
    );
    return 'None';
  },
  wait_optimize_table_finish: async (ctx, args) => {
    const expect = str(args[1] ?? 'FINISHED');
    const state = await pollState(
      ctx,
      `SHOW ALTER TABLE ${str(args[0] ?? 'OPTIMIZE')} ORDER BY CreateTime DESC LIMIT 1`,
      6,
      (s) => s === 'FINISHED' || s === 'CANCELLED',
    );
    if (state !== '' && state !== expect) throw new Error(`optimize ended ${state}`);
    return 'None';
  },
  wait_table_rollup_finish: waitAlter('ROLLUP', 8, 'FINISHED'),
  wait_materialized_view_finish: async (ctx) => {
    const state = await pollState(
      ctx,
      'SHOW ALTER MATERIALIZED VIEW',
      8,
      (s) => s === 'FINISHED' || s === 'CANCELLED',
    );
    if (state !== '' && state !== 'FINISHED') throw new Error(`materialized view job ended ${state}`);
    return 'None';
  },
  wait_async_materialized_view_finish: async (ctx, args) => {
    const [db, mv] = [str(args[0]), str(args[1])].map((x) => x.replace(/'/g, "''"));
    const sql = `SELECT LAST_REFRESH_STATE, LAST_REFRESH_JOB_ID FROM information_schema.materialized_views WHERE TABLE_SCHEMA = '${db}' AND TABLE_NAME = '${mv}'`;
    // The optional third argument: how many refresh runs the MV must have had by then.
    const runs = typeof args[2] === 'number' ? args[2] : 0;
    // The latest refresh task of the MV must end in SUCCESS (StarRocks' runner polls task_runs).
    const deadline = Date.now() + WAIT_LIMIT_MS;
    for (;;) {
      const rows = await ctx.query(sql);
      const state = rows[0]?.[0];
      if (state === undefined) throw new Error(`materialized view ${str(args[0])}.${str(args[1])} not found`);
      // Job ids are `<mv id>-<run number>`.
      const run = Number(/-(\d+)$/.exec(rows[0]?.[1] ?? '')?.[1] ?? 0);
      if (state === 'SUCCESS' && run >= runs) return 'None';
      if (state === 'FAILED') throw new Error('materialized view refresh FAILED');
      if (Date.now() > deadline)
        throw new Error(`timed out waiting on the refresh of ${str(args[1])} (${state})`);
      await ctx.sleep(POLL_MS);
    }
  },
  refresh_mv_manual: async (ctx, args) => {
    await ctx.query(`REFRESH MATERIALIZED VIEW ${str(args[0])}.${str(args[1])} WITH SYNC MODE`);
    return 'True';
  },
  print_table_partitions_num: async (ctx, args) =>
    String((await ctx.query(`SHOW PARTITIONS FROM ${str(args[0])}`)).length),
  assert_explain_contains: explainContains('EXPLAIN', true),
  assert_explain_not_contains: explainContains('EXPLAIN', false),
  assert_explain_verbose_contains: explainContains('EXPLAIN VERBOSE', true),
  assert_explain_costs_contains: explainContains('EXPLAIN COSTS', true),
  check_hit_materialized_view: explainContains('EXPLAIN', true),
  check_no_hit_materialized_view: async (ctx, args) => {
    const plan = await explainText(ctx, str(args[0]));
    for (const s of args.slice(1)) if (plan.includes(str(s))) throw new Error(`plan contains ${str(s)}`);
    return 'None';
  },
  print_hit_materialized_view: async (ctx, args) => {
    const plan = await explainText(ctx, str(args[0]));
    return args.slice(1).some((s) => plan.includes(str(s))) ? 'True' : 'False';
  },
  assert_is_identical_explain_plan: async (ctx, args) => {
    const [a, b] = [await explainText(ctx, str(args[0])), await explainText(ctx, str(args[1]))];
    if (a !== b) throw new Error('plans differ');
    return 'None';
  },
  assert_query_contains: async (ctx, args) => {
    const text = (await ctx.query(str(args[0]))).map((r) => r.join('\t')).join('\n');
    for (const s of args.slice(1)) if (!text.includes(str(s))) throw new Error(`result lacks ${str(s)}`);
    return 'None';
  },
  print_plan_partition_selected_num: async (ctx, args) => {
    const plan = await explainText(ctx, str(args[0]));
    const table = str(args[1]);
    const at = plan.indexOf(`TABLE: ${table}`);
    const m = /partitions=(\d+\/\d+)/.exec(at < 0 ? plan : plan.slice(at));
    return m?.[1] ?? '';
  },
};

/** Parse `name(args…)` and run the helper. */
export async function runHelper(ctx: HelperContext, call: string): Promise<string> {
  const m = /^([a-zA-Z_][a-zA-Z0-9_]*)\s*\(([\s\S]*)\)\s*$/.exec(call.trim());
  if (m === null) throw new Error(`cannot parse helper call ${call}`);
  const name = m[1] ?? '';
  const helper = HELPERS[name];
  if (helper === undefined) throw new Error(`helper ${name} is not implemented by this runner`);
  const parsed = parsePythonLiteral(`[${m[2] ?? ''}]`);
  return helper(ctx, Array.isArray(parsed) ? parsed : [parsed]);
}
