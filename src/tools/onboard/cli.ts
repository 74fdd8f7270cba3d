/**
 * `rockling onboard init|check|assess|plan|apply|status`: the onboarding toolkit, stages 1–2 of
 * the seed's process plus applying the design and tracking the stages.
 */
import { access, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { applyPlan } from './apply/apply.js';
import { connect } from './apply/apply.js';
import { formatStatus, summarise } from './apply/status.js';
import { readEvents, type StoredEvent } from './bookkeeping.js';
import { makePlan, type Plan } from './design/index.js';
import {
  BLANK_FORM,
  checkFormFile,
  EXAMPLE_FORM,
  FORM_SCHEMA,
  formatDiagnostic,
  type Form,
} from './form/index.js';
import { formatBytes, formatDuration } from './form/units.js';
import { renderPlanMd } from './render/markdown.js';
import { writePlan } from './render/index.js';

const USAGE = `usage: rockling onboard <command> [options]

  init [--example] [-o form.yaml] [--force]   write an application form (+ its JSON Schema)
  check <form.yaml> [--json]                  validate the form, normalise units
  assess <form.yaml> [--json]                 stage 1: the review (scenario, volume, freshness, queries, risks)
  plan <form.yaml> -o <dir> [--dialect starrocks|mysql]
                                              stage 2: design + artifacts (tables.sql, loads.sql, PLAN.md, …)
  apply <dir> --target mysql://user:pass@host:port [--dry-run] [--stage 3|4]
        [--var NAME=value]… [--set key=value]… [--replication N] [--files tables.sql,…]
                                              run the plan idempotently, record it in rockling_onboarding.events;
                                              --set gives a property this environment needs, e.g.
                                              --set hive.metastore.uris=thrift://hms-test:9083
                                              --set kafka_broker_list=kafka-test:9092
  status --target mysql://… [business] [--json]
                                              the four stages of each business
`;

interface Args {
  readonly positional: string[];
  readonly flags: Map<string, string[]>;
}

const BOOLEAN_FLAGS = new Set(['--example', '--force', '--json', '--dry-run', '--help', '-h']);

function parseArgs(argv: readonly string[]): Args {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a.startsWith('-')) {
      const eq = a.indexOf('=');
      const [name, inline] =
        a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
      const value = BOOLEAN_FLAGS.has(name) ? 'true' : (inline ?? argv[++i]);
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      flags.set(name, [...(flags.get(name) ?? []), value]);
    } else positional.push(a);
  }
  return { positional, flags };
}

class UsageError extends Error {}

function flag(args: Args, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = args.flags.get(n);
    if (v !== undefined) return v[v.length - 1];
  }
  return undefined;
}

/** Where the commands write (the process streams, or a buffer in tests). */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

let io: Io = { out: () => undefined, err: () => undefined };

function out(text: string): void {
  io.out(text.endsWith('\n') ? text : `${text}\n`);
}

function err(text: string): void {
  io.err(text.endsWith('\n') ? text : `${text}\n`);
}

/** Entry point of `rockling onboard` (the exit status is returned, never thrown). */
export async function main(argv: readonly string[]): Promise<number> {
  return runOnboard(argv, {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
  });
}

/** Run a command with explicit output sinks. */
export async function runOnboard(argv: readonly string[], sinks: Io): Promise<number> {
  io = sinks;
  const [command, ...rest] = argv;
  try {
    const args = parseArgs(rest);
    switch (command) {
      case 'init':
        return await init(args);
      case 'check':
        return await check(args);
      case 'assess':
        return await assessCommand(args);
      case 'plan':
        return await planCommand(args);
      case 'apply':
        return await applyCommand(args);
      case 'status':
        return await statusCommand(args);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        err(`rockling onboard: unknown command '${command}'\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof UsageError) {
      err(`rockling onboard ${command ?? ''}: ${error.message}\n${USAGE}`);
      return 2;
    }
    err(`rockling onboard ${command ?? ''}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

async function init(args: Args): Promise<number> {
  const file = resolve(flag(args, '-o', '--output') ?? args.positional[0] ?? 'onboarding-form.yaml');
  const force = flag(args, '--force') !== undefined;
  if (
    !force &&
    (await access(file).then(
      () => true,
      () => false,
    ))
  ) {
    err(`${file} exists (use --force to overwrite)`);
    return 1;
  }
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, flag(args, '--example') !== undefined ? EXAMPLE_FORM : BLANK_FORM);
  const schema = join(dirname(file), 'onboarding-form.schema.json');
  await writeFile(schema, `${JSON.stringify(FORM_SCHEMA, null, 2)}\n`);
  out(`wrote ${file} and ${schema}\nnext: edit it, then rockling onboard check ${file}`);
  return 0;
}

async function loadForm(args: Args, verbose: boolean): Promise<Form | null> {
  const file = args.positional[0];
  if (file === undefined) throw new UsageError('which form? (a .yaml file)');
  const result = await checkFormFile(file);
  for (const d of result.diagnostics) if (verbose || d.severity === 'error') err(formatDiagnostic(file, d));
  return result.form ?? null;
}

function summary(form: Form): string {
  const lines = [
    `business ${form.business} (${form.title}), owner ${form.owner.name} <${form.owner.contact}>`,
    `scenario ${form.scenarios.join(', ')}; sources ${form.sources.map((s) => `${s.kind}:${s.topic ?? s.table ?? s.location ?? s.name}`).join(', ')}`,
    `stock ${formatBytes(form.volume.stockBytes)} ${form.volume.stockFormat}; daily ${form.volume.dailyRows} rows / ${formatBytes(form.volume.dailyBytes)}`,
    `retention ${form.retentionDays === null ? 'forever' : `${form.retentionDays} days`}; freshness ${formatDuration(form.freshnessS)}`,
    `QPS peak ${form.qpsPeak} / daily ${form.qpsDaily}; P99 point ${form.pointP99Ms ?? '–'} ms, complex ${form.complexP99Ms ?? '–'} ms`,
    `tables ${form.tables.map((t) => `${t.name} (${t.columns.length} columns${t.columnsOrigin === 'sample' ? ' from sample' : ''})`).join(', ') || '–'}; queries ${form.queries.length}`,
  ];
  return lines.join('\n');
}

async function check(args: Args): Promise<number> {
  const form = await loadForm(args, true);
  if (form === null) return 1;
  if (flag(args, '--json') !== undefined) out(JSON.stringify(form, null, 2));
  else out(`ok: ${args.positional[0] ?? ''}\n${summary(form)}`);
  return 0;
}

function assessmentText(plan: Plan): string {
  const md = renderPlanMd(plan);
  const end = md.indexOf('## 4. Tables');
  return end === -1 ? md : md.slice(0, end);
}

async function assessCommand(args: Args): Promise<number> {
  const form = await loadForm(args, false);
  if (form === null) return 1;
  const plan = makePlan(form);
  if (flag(args, '--json') !== undefined) out(JSON.stringify(plan.assessment, null, 2));
  else out(assessmentText(plan));
  return 0;
}

async function planCommand(args: Args): Promise<number> {
  const dir = flag(args, '-o', '--output');
  if (dir === undefined) throw new UsageError('plan needs -o <dir>');
  const dialect = flag(args, '--dialect') ?? 'starrocks';
  if (dialect !== 'starrocks' && dialect !== 'mysql') throw new UsageError('--dialect is starrocks or mysql');
  const form = await loadForm(args, false);
  if (form === null) return 1;
  const plan = makePlan(form);
  const files = await writePlan(plan, dir, dialect);
  out(`wrote ${files.length} files to ${dir}: ${files.join(', ')}`);
  out(
    `${plan.tables.length} table(s), ${plan.mvs.length} MV(s), ${plan.sizing.beCount} BEs (${plan.sizing.cluster} cluster); ${plan.risks.length} risk(s), ${plan.questions.length} open question(s) — see ${join(dir, 'PLAN.md')}`,
  );
  return 0;
}

async function applyCommand(args: Args): Promise<number> {
  const dir = args.positional[0];
  if (dir === undefined) throw new UsageError('which plan directory?');
  const vars = new Map<string, string>();
  for (const v of args.flags.get('--var') ?? []) {
    const eq = v.indexOf('=');
    if (eq <= 0) throw new UsageError(`--var ${v}: expected NAME=value`);
    vars.set(v.slice(0, eq), v.slice(eq + 1));
  }
  const sets = new Map<string, string>();
  for (const v of args.flags.get('--set') ?? []) {
    const eq = v.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set ${v}: expected key=value (a property of the plan's statements)`);
    sets.set(v.slice(0, eq), v.slice(eq + 1));
  }
  const stage = Number(flag(args, '--stage') ?? '3');
  if (stage !== 3 && stage !== 4) throw new UsageError('--stage is 3 (dev/test) or 4 (production)');
  const replication = flag(args, '--replication');
  const files = flag(args, '--files');
  const result = await applyPlan({
    planDir: dir,
    target: flag(args, '--target') ?? null,
    dryRun: flag(args, '--dry-run') !== undefined,
    stage,
    vars,
    sets,
    replication: replication === undefined ? null : Number(replication),
    files: files === undefined ? null : files.split(','),
    log: out,
  });
  if (result.error !== undefined) {
    const s = result.error.statement;
    err(`apply stopped at ${s.file}:${s.line} (${s.item}):\n${s.sql}\n${result.error.message}`);
    return 1;
  }
  const counts = ['ok', 'skipped', 'pending'].map(
    (k) => `${result.steps.filter((x) => x.status === k).length} ${k}`,
  );
  out(`apply finished: ${counts.join(', ')}`);
  return 0;
}

async function statusCommand(args: Args): Promise<number> {
  const target = flag(args, '--target');
  if (target === undefined) throw new UsageError('status needs --target mysql://…');
  const conn = await connect(target);
  try {
    let events: StoredEvent[];
    try {
      events = await readEvents(conn, args.positional[0]);
    } catch (error) {
      if ((error as { errno?: number }).errno === 1146 || (error as { errno?: number }).errno === 1049)
        events = [];
      else throw error;
    }
    const list = summarise(events);
    out(flag(args, '--json') !== undefined ? JSON.stringify(list, null, 2) : formatStatus(list));
    return 0;
  } finally {
    await conn.end();
  }
}
