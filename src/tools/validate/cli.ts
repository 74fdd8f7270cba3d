/**
 * `rockling validate --source URL --target URL --table t [--target-table u] --key id`:
 * exit 0 when equal, 1 when different, 2 on usage errors, 3 when a side cannot be read.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ToolError, parsePositive, parseTarget, recordOutcome, redact, runTool } from '../common/index.js';
import { validate, type ValidateOptions } from './validate.js';
import { jsonReport, textReport } from './report.js';

const USAGE = `usage: rockling validate --source mysql://user:pass@host:port/db --target mysql://… (--table T | --query SQL) --key COL [options]
  --target-table U          table name on the target when it differs (db.table allowed)
  --target-query SQL        query on the target when it differs from --query
  --key COL                 unique key column (integer keys bisect by key range, others by key hash)
  --where COND              extra row filter applied on both sides
  --watermark-column C --watermark V
                            compare only rows with C <= V (exclude rows still in flight from sync)
  --ignore-columns a,b      leave columns out of the comparison
  --float-digits N          significant digits compared for FLOAT/DOUBLE (default 6 / 15)
  --datetime-precision N    fractional second digits compared (default: the smaller side's)
  --fanout N                segments per bisection step (default 32)
  --threshold N             rows below which a segment is diffed row by row (default 16384)
  --max-report N            differences listed (default 1000; all are counted)
  --no-aggregates           skip per-column aggregates
  --json FILE               write the full result as JSON
  --record BUSINESS         record the outcome on the target for 'rockling onboard status'
  --record-stage N          stage to record it under (default 4, go-live; 3 for the test phase)
  --quiet                   no progress on stderr
`;

/** Entry point. */
export async function main(argv: readonly string[]): Promise<number> {
  return runTool('validate', async () => {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        source: { type: 'string' },
        target: { type: 'string' },
        table: { type: 'string' },
        'target-table': { type: 'string' },
        query: { type: 'string' },
        'target-query': { type: 'string' },
        key: { type: 'string' },
        where: { type: 'string' },
        'watermark-column': { type: 'string' },
        watermark: { type: 'string' },
        'ignore-columns': { type: 'string' },
        'float-digits': { type: 'string' },
        'datetime-precision': { type: 'string' },
        fanout: { type: 'string' },
        threshold: { type: 'string' },
        'max-report': { type: 'string' },
        'no-aggregates': { type: 'boolean' },
        json: { type: 'string' },
        record: { type: 'string' },
        'record-stage': { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
    if (values.help === true) {
      process.stdout.write(USAGE);
      return 0;
    }
    if (values.source === undefined || values.target === undefined || values.key === undefined) {
      throw new ToolError(`--source, --target and --key are required\n${USAGE}`);
    }
    if ((values.table === undefined) === (values.query === undefined)) {
      throw new ToolError(`give exactly one of --table or --query\n${USAGE}`);
    }
    const quiet = values.quiet === true;
    const opts: ValidateOptions = {
      source: parseTarget(values.source),
      target: parseTarget(values.target),
      ...(values.table === undefined ? {} : { table: values.table }),
      ...(values['target-table'] === undefined ? {} : { targetTable: values['target-table'] }),
      ...(values.query === undefined ? {} : { query: values.query }),
      ...(values['target-query'] === undefined ? {} : { targetQuery: values['target-query'] }),
      key: values.key,
      ...(values.where === undefined ? {} : { where: values.where }),
      ...(values['watermark-column'] === undefined ? {} : { watermarkColumn: values['watermark-column'] }),
      ...(values.watermark === undefined ? {} : { watermark: values.watermark }),
      ignoreColumns: (values['ignore-columns'] ?? '').split(',').filter((c) => c !== ''),
      fanout: values.fanout === undefined ? 32 : parsePositive('fanout', values.fanout, true),
      threshold: values.threshold === undefined ? 16384 : parsePositive('threshold', values.threshold, true),
      floatTolerance: 0,
      maxReport:
        values['max-report'] === undefined ? 1000 : parsePositive('max-report', values['max-report'], true),
      aggregates: values['no-aggregates'] !== true,
      pair: {
        ...(values['float-digits'] === undefined
          ? {}
          : { floatDigits: parsePositive('float-digits', values['float-digits'], true) }),
        ...(values['datetime-precision'] === undefined
          ? {}
          : { datetimePrecision: Number(values['datetime-precision']) }),
      },
      onProgress: (m) => {
        if (!quiet) process.stderr.write(`validate: ${m}\n`);
      },
    };
    if (opts.fanout < 2) throw new ToolError('--fanout must be at least 2');
    const result = await validate(opts);
    process.stdout.write(
      textReport(result, { source: redact(values.source), target: redact(values.target) }),
    );
    if (values.json !== undefined) writeFileSync(values.json, jsonReport(result));
    if (values.record !== undefined) {
      const stage = values['record-stage'] === '3' ? 3 : 4;
      const c = result.diffCounts;
      await recordOutcome(opts.target, {
        business: values.record,
        stage,
        item: `validate:${recordedName(values['target-table'] ?? values.table, opts.target.database)}`,
        ok: result.equal,
        detail:
          `${redact(values.source)} vs ${redact(values.target)}: rows ${result.source.count}/${result.target.count}, ` +
          `missing ${c.missing}, extra ${c.extra}, changed ${c.changed}, duplicate ${c.duplicate}` +
          `${result.equal ? ' (equal)' : ' (different)'}`,
      });
      opts.onProgress(`recorded stage ${stage} validate outcome for '${values.record}'`);
    }
    return result.equal ? 0 : 1;
  });
}

/** `db.table` as the bookkeeping item names it (`validate:shop.orders`), or 'query'. */
function recordedName(table: string | undefined, db: string | undefined): string {
  if (table === undefined) return 'query';
  return table.includes('.') || db === undefined ? table : `${db}.${table}`;
}
