/** The CREATE TABLE step: validate partition properties and record the initial partitions. */
import type { EngineConnection } from '../../engine/index.js';
import type { TableEntry } from '../model.js';
import { dynamicStep, validatePartitionProperties } from './dynamic.js';
import { partitionsFromDefs } from './layout.js';
import { schemeOf } from './scheme.js';
import { deleteTablePartitions, insertPartitions } from './store.js';

/**
 * Run inside the CREATE TABLE transaction after the storage exists: partitions from the
 * PARTITION BY clause, then the dynamic partitions due now (StarRocks creates them at once).
 */
export async function createTablePartitions(
  conn: EngineConnection,
  entry: TableEntry,
  now: string,
): Promise<void> {
  if (entry.kind !== 'table') return;
  const desc = entry.definition.partition;
  const scheme = schemeOf(desc, entry.columns);
  validatePartitionProperties(scheme, entry.definition.properties);
  await deleteTablePartitions(conn, entry.id);
  if (scheme === null || desc === undefined || desc.kind === 'expr') return;
  await insertPartitions(conn, partitionsFromDefs(scheme, entry.id, desc.partitions, [], false));
  await dynamicStep(conn, entry, now);
}
