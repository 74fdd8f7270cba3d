/** Primary Key checks and memory (R-T5, R-T6) and the stock-per-row sanity check. */
import { rowWidth, typeInfo } from '../form/column-type.js';
import type { Form, TableSpec } from '../form/model.js';
import { formatBytes, formatCount } from '../form/units.js';
import { horizonDays } from './assess.js';
import type { Notes } from './notes.js';
import type { PkMemory } from './types.js';

/** Rows at the end of the retention window (or the stated row count). */
export function tableRows(spec: TableSpec): number {
  return spec.rows ?? (spec.volume.stockRows ?? 0) + spec.volume.dailyRows * horizonDays(spec);
}

/** R-T5 checks and R-T6 memory estimate. */
export function primaryKeyMemory(
  form: Form,
  spec: TableSpec,
  key: readonly string[],
  partitioned: boolean,
  nBe: number,
  notes: Notes,
): PkMemory {
  let keyBytes = 0;
  let varchar = false;
  for (const name of key) {
    const t = typeInfo(spec.columns.find((c) => c.name === name)?.type ?? '');
    if (t === undefined) continue;
    if (!t.canBePrimaryKey)
      notes.risk(
        'high',
        spec.name,
        `primary key column ${name} is ${t.text}: not allowed in a PK (no CHAR/DECIMAL/FLOAT/DOUBLE)`,
        'R-T5',
      );
    if (t.isString) varchar = true;
    keyBytes += t.isString ? Math.min(t.keyBytes, 128) : t.keyBytes;
  }
  if (keyBytes > 128 && !varchar)
    notes.risk('high', spec.name, `primary key is ${keyBytes} bytes > 128`, 'R-T5');
  else if (varchar)
    notes.risk(
      'low',
      spec.name,
      `primary key contains VARCHAR: keep encoded keys ≤ 128 bytes, prefer integers`,
      'R-T5',
    );
  const rows = tableRows(spec);
  const hotRows = partitioned
    ? Math.min(rows, spec.volume.dailyRows * Math.min(30, horizonDays(spec)))
    : rows;
  if (spec.rows === undefined && spec.volume.stockRows === undefined)
    notes.ask(`${spec.name}: how many rows (distinct keys)? PK memory uses ${formatCount(rows)}`);
  if (partitioned) notes.assume(`${spec.name}: the last 30 days of partitions are hot for the PK index`);
  const replicas = form.cluster.replication;
  const inMemoryBytes = (keyBytes + 9) * hotRows * replicas * 1.5;
  const pk: PkMemory = {
    keyBytes,
    hotRows,
    inMemoryBytes,
    persistentBytes: inMemoryBytes / 10,
    indexDiskBytes: (keyBytes + 8) * rows * 0.5,
  };
  notes.decide(
    'R-T6',
    spec.name,
    `persistent primary-key index (enable_persistent_index = true, SSD): ≈ ${formatBytes(pk.persistentBytes)} memory cluster-wide`,
    `in-memory index would be (${keyBytes} + 9) B × ${formatCount(hotRows)} rows × ${replicas} × 1.5 = ${formatBytes(inMemoryBytes)}; persistent ≈ 1/10; index disk ≈ ${formatBytes(pk.indexDiskBytes)}`,
  );
  if (inMemoryBytes / nBe > 0.1 * form.cluster.ramPerBe) {
    notes.risk(
      'medium',
      spec.name,
      `in-memory PK index ${formatBytes(inMemoryBytes / nBe)} per BE > 10 % of RAM: the persistent index is required`,
      'R-T6',
    );
  }
  return pk;
}

/** Sanity check: stock bytes per row against the declared column widths. */
export function checkRowWidth(spec: TableSpec, notes: Notes): void {
  const rows = spec.volume.stockRows ?? spec.rows;
  if (rows === undefined || rows === 0 || spec.volume.stockBytes === 0) return;
  const perRow = spec.volume.stockBytes / rows;
  const width = rowWidth(spec.columns.map((c) => c.type));
  if (perRow > 10 * width) {
    notes.risk(
      'medium',
      spec.name,
      `stock ${formatBytes(spec.volume.stockBytes)} / ${formatCount(rows)} rows = ${formatBytes(perRow)} per row, but the columns add up to ≈ ${formatBytes(width)}: check the figures`,
    );
    notes.ask(
      `${spec.name}: is ${formatBytes(spec.volume.stockBytes)} really this table's stock? it implies ${formatBytes(perRow)} per row`,
    );
  }
}
