/**
 * `rockling loadtest --target mysql://… (--sql '…' | --mix mix.yaml) --rate 200 --duration 60s`:
 * open-loop load with honest latency, a live progress line on stderr, report.html + report.json,
 * and a PASS/FAIL verdict (exit 0 / 1; 2 usage, 3 target unusable). Connects only to --target.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  ToolError,
  connect,
  describeTarget,
  formatMs,
  parseDuration,
  parsePositive,
  parseTarget,
  recordOutcome,
  runTool,
  type Target,
} from '../common/index.js';
import { mixFromFile, mixFromSql, prepareMix, type StatementSpec } from './mix.js';
import { makeSchedule, parseRate, profileDuration, type RateProfile } from './schedule.js';
import { runLoad, type Tick } from './runner.js';
import { defaultChecks, evaluate, parseSla, type SlaCheck } from './sla.js';
import { htmlReport, jsonReport, type ReportMeta } from './report.js';
import { formDefaults } from './form.js';

const USAGE = `usage: rockling loadtest --target mysql://user:pass@host:port[/db] (--sql SQL … | --mix FILE) [options]
  --rate R                  200 (constant), 50:300 (ramp over --duration), 50@30s,200@60s (stages)
  --duration D              e.g. 60s, 10m (max 24h; stages carry their own)
  --form FILE               onboarding form: rate = peak QPS × --peak-factor, P99 SLAs per query class
  --peak-factor F           default 1.5
  --arrivals uniform|poisson   default uniform
  --connections N           connection pool size (default 8)
  --think-time D            pause per connection after each response (default 0)
  --max-requests N          hard cap on requests (default: 2 × the schedule's expected count)
  --query-timeout D         per-query timeout (default 30s)
  --drain D                 wait for queued requests after the schedule ends (default 30s)
  --sla EXPR                e.g. 'p99<200ms,errors<0.1%,rate>=98%', 'point.p99<50ms' (repeatable)
  --out DIR                 write report.html and report.json here (default ./loadtest-report)
  --record BUSINESS         record the verdict on the target for 'rockling onboard status' (stage 3)
  --seed N                  PRNG seed for parameters and arrivals (default 1)
  --progress auto|line|off  live progress on stderr (default auto)
`;

const OPTIONS = {
  target: { type: 'string' },
  sql: { type: 'string', multiple: true },
  mix: { type: 'string' },
  rate: { type: 'string' },
  duration: { type: 'string' },
  form: { type: 'string' },
  'peak-factor': { type: 'string' },
  arrivals: { type: 'string' },
  connections: { type: 'string' },
  'think-time': { type: 'string' },
  'max-requests': { type: 'string' },
  'query-timeout': { type: 'string' },
  drain: { type: 'string' },
  sla: { type: 'string', multiple: true },
  out: { type: 'string' },
  record: { type: 'string' },
  seed: { type: 'string' },
  progress: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Entry point. */
export async function main(argv: readonly string[]): Promise<number> {
  return runTool('loadtest', async () => {
    const { values: v } = parseArgs({ args: [...argv], options: OPTIONS, strict: true });
    if (v.help === true) {
      process.stdout.write(USAGE);
      return 0;
    }
    if (v.target === undefined) throw new ToolError(`--target is required\n${USAGE}`);
    if ((v.sql === undefined) === (v.mix === undefined)) throw new ToolError(`give --sql or --mix\n${USAGE}`);
    const target = parseTarget(v.target);
    const specs: StatementSpec[] = v.mix !== undefined ? mixFromFile(v.mix) : mixFromSql(v.sql ?? []);
    const form =
      v.form === undefined
        ? undefined
        : await formDefaults(
            v.form,
            v['peak-factor'] === undefined ? 1.5 : parsePositive('peak-factor', v['peak-factor']),
            specs,
          );
    const rateText = v.rate ?? (form === undefined ? undefined : String(form.rate));
    if (rateText === undefined) throw new ToolError('--rate (or --form) is required');
    const profile = parseRate(rateText);
    const durationMs = profileDuration(
      profile,
      v.duration === undefined ? undefined : parseDuration(v.duration),
    );
    if (durationMs > 24 * 3_600_000) throw new ToolError('--duration is capped at 24h');
    const arrivals = v.arrivals ?? 'uniform';
    if (arrivals !== 'uniform' && arrivals !== 'poisson')
      throw new ToolError('--arrivals is uniform or poisson');
    const seed = v.seed === undefined ? 1 : Number(v.seed);
    const schedule = makeSchedule(profile, durationMs, arrivals, seed);
    const checks: SlaCheck[] = [
      ...defaultChecks(),
      ...(form?.checks ?? []),
      ...(v.sla ?? []).flatMap((s) => parseSla(s)),
    ];
    return run(v, target, specs, profile, rateText, schedule, checks, seed);
  });
}

type Values = ReturnType<
  typeof parseArgs<{ args: string[]; options: typeof OPTIONS; strict: true }>
>['values'];

async function run(
  v: Values,
  target: Target,
  specs: StatementSpec[],
  profile: RateProfile,
  rateText: string,
  schedule: ReturnType<typeof makeSchedule>,
  checks: SlaCheck[],
  seed: number,
): Promise<number> {
  const setup = await connect(target);
  let statements;
  try {
    statements = await prepareMix(specs, setup);
  } finally {
    await setup.end();
  }
  const connections = v.connections === undefined ? 8 : parsePositive('connections', v.connections, true);
  if (connections > 1000) throw new ToolError('--connections is capped at 1000');
  const targetRate = schedule.expectedTotal / (schedule.durationMs / 1000);
  const progress = progressPrinter(v.progress ?? 'auto');
  process.stderr.write(
    `loadtest: ${describeTarget(target)} · ${rateText}/s (${profile.kind}) for ${formatMs(schedule.durationMs)} · ${connections} connections · ${specs.length} statement(s)\n`,
  );
  const startedAt = new Date().toISOString();
  const result = await runLoad({
    target,
    statements,
    schedule,
    connections,
    thinkTimeMs: v['think-time'] === undefined ? 0 : parseDuration(v['think-time'], 'ms'),
    maxRequests:
      v['max-requests'] === undefined
        ? Math.ceil(schedule.expectedTotal * 2) + 10
        : parsePositive('max-requests', v['max-requests'], true),
    drainMs: v.drain === undefined ? 30_000 : parseDuration(v.drain),
    queryTimeoutMs: v['query-timeout'] === undefined ? 30_000 : parseDuration(v['query-timeout']),
    seed,
    onTick: progress.tick,
  });
  progress.done();
  const outcomes = evaluate(checks, result, targetRate);
  const meta: ReportMeta = {
    target: describeTarget(target),
    rate: rateText,
    targetRate,
    connections,
    statements: specs.map((s) => ({ name: s.name, weight: s.weight, sql: s.sql })),
    startedAt,
  };
  const out = v.out ?? 'loadtest-report';
  mkdirSync(out, { recursive: true });
  const json = jsonReport(meta, result, outcomes);
  writeFileSync(join(out, 'report.json'), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(join(out, 'report.html'), htmlReport(meta, result, outcomes));
  const pass = outcomes.every((o) => o.pass);
  const l = json['latencyMs'] as Record<string, number | null>;
  const lines = [
    `requests: scheduled ${result.scheduled}, ok ${result.ok}, errors ${result.errors}, unfinished ${result.unfinished}`,
    `rate: target ${targetRate.toFixed(1)}/s, achieved ${(result.completedInWindow / (result.durationMs / 1000)).toFixed(1)}/s`,
    `latency: p50 ${fmt(l['p50'])} p90 ${fmt(l['p90'])} p95 ${fmt(l['p95'])} p99 ${fmt(l['p99'])} p99.9 ${fmt(l['p99.9'])} max ${fmt(l['max'])}`,
    ...[...result.errorsByCode].map(([code, e]) => `error ${code}: ${e.count} × ${e.message}`),
    ...outcomes.map((o) => `sla ${o.text}`),
    `report: ${join(out, 'report.html')}`,
    `VERDICT: ${pass ? 'PASS' : 'FAIL'}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (v.record !== undefined) {
    await recordOutcome(target, {
      business: v.record,
      stage: 3,
      item: 'loadtest',
      ok: pass,
      detail: `${rateText}/s for ${formatMs(result.durationMs)}: ${outcomes.map((o) => o.text).join('; ')}`,
    });
  }
  return pass ? 0 : 1;
}

function fmt(ms: number | null | undefined): string {
  return ms == null ? '–' : formatMs(ms);
}

function progressPrinter(mode: string): { tick: (t: Tick) => void; done: () => void } {
  const tty = process.stderr.isTTY === true;
  if (mode === 'off') return { tick: () => undefined, done: () => undefined };
  const overwrite = mode === 'auto' ? tty : false;
  let last = '';
  return {
    tick: (t) => {
      last =
        `[${formatMs(Math.min(t.elapsedMs, t.durationMs)).padStart(6)}/${formatMs(t.durationMs)}] ` +
        `${t.intervalCompleted}/s ok+err · p50 ${formatMs(t.intervalP50)} p99 ${formatMs(t.intervalP99)} max ${formatMs(t.intervalMax)} (last 1s) · ` +
        `done ${t.completed}/${t.scheduled} err ${t.errors} · queued ${t.queued} in-flight ${t.inflight}`;
      if (overwrite) process.stderr.write(`\r\x1b[2K${last}`);
      else if (mode === 'line' || Math.round(t.elapsedMs / 1000) % 5 === 0) process.stderr.write(`${last}\n`);
    },
    done: () => {
      if (overwrite && last !== '') process.stderr.write('\n');
    },
  };
}
