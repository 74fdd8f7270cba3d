/**
 * `ALTER TABLE … ADD PARTITIONS START … END … EVERY …` on a table with expression (automatic)
 * time partitioning: StarRocks only accepts batches that look exactly like the partitions it
 * would create itself — the table's time unit, step 1, whole units, start before end.
 */
import { SqlError } from '../../errors/index.js';
import type { AstPartitionDef } from '../../sql/index.js';
import { boundValue, compareValue, truncUnit } from './bounds.js';
import type { PartitionScheme } from './scheme.js';

function analysis(message: string): SqlError {
  return new SqlError('analysis-error', { message });
}

/** Check a START/END/EVERY batch against an automatic time-partitioned table (no-op otherwise). */
export function checkAutoBatch(
  scheme: PartitionScheme,
  def: Extract<AstPartitionDef, { kind: 'batch' }>,
): void {
  const gran = scheme.granularity;
  const t = scheme.keyTypes[0];
  if (!scheme.auto || gran === undefined || t === undefined || def.every.kind !== 'interval') return;
  const unit = def.every.unit.toLowerCase();
  if (unit !== gran.unit)
    throw analysis(
      `The granularity of the auto-partitioned table granularity(${gran.unit}) should be consistent with the increased partition granularity(${unit.toUpperCase()}).`,
    );
  // Shown as datetime values whatever the key type (StarRocks formats the batch range that way).
  const dt = t.kind === 'date' ? { kind: 'datetime' as const } : t;
  const start = boundValue(dt, def.start);
  const end = boundValue(dt, def.end);
  if (start === null || end === null) return;
  const fs = truncUnit(dt, start, gran.unit);
  const fe = truncUnit(dt, end, gran.unit);
  if (fs !== start || fe !== end)
    throw analysis(
      `Batch build partition range [${start},${end}) should be a standard unit of time (${gran.unit.toUpperCase()}) . ` +
        `suggest range [${fs},${fe})If you want to create partial partitions in batch, you can turn off this check ` +
        'by setting the FE config enable_create_partial_partition_in_batch=true',
    );
  if (compareValue(dt, start, end) >= 0)
    throw analysis('Batch build partition start date should less than end date.');
}
