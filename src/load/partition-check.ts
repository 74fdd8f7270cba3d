/**
 * Which partitions a load may write (StarRocks' StreamLoadPlanner.getAllPartitionIds and the
 * OlapTableSink it builds): the `partitions` header's list, else every partition of the table.
 * The answer is a membership predicate for the plan's partition check (plan-rows.ts): rows
 * outside it are filtered, not fatal. Expression-partitioned tables without the header create
 * their partitions on write (src/catalog/partitions), so nothing is filtered there; with the
 * header automatic creation is off (StarRocks: `isSpecifiedPartitions` disables it).
 */
import { partitions, type TableEntry } from '../catalog/index.js';
import type { EngineConnection } from '../engine/index.js';
import { LoadError } from './errors.js';
import type { LoadOptions } from './options.js';
import type { LoadPlan } from './plan.js';

function unknownPartition(name: string, table: string): LoadError {
  return new LoadError(`Unknown partition '${name}' in table '${table}'`);
}

/**
 * The membership predicate for a load into `table` (read on `conn`, inside the load's transaction
 * when it runs), or null when every row has a partition. Throws StarRocks' plan-time errors:
 * unknown partition names, a table without partitions.
 */
export async function partitionMember(
  conn: EngineConnection,
  table: TableEntry,
  options: Pick<LoadOptions, 'partitions' | 'temporaryPartitions'>,
  written: readonly string[] | undefined,
): Promise<string | null> {
  const names = options.partitions;
  if (names !== null && options.temporaryPartitions)
    throw new LoadError('Loading into temporary partitions is not supported');
  const def = table.definition.partition;
  if (def === undefined) {
    // An unpartitioned table has one partition named like the table.
    for (const n of names ?? [])
      if (n.toLowerCase() !== table.name.toLowerCase()) throw unknownPartition(n, table.name);
    return null;
  }
  const scheme = partitions.schemeOf(def, table.columns);
  if (scheme === null) return null;
  if (names === null && scheme.auto) return null;
  const normal = (await partitions.listPartitions(conn, table.id)).filter((p) => !p.temp);
  if (names === null && normal.length === 0)
    throw new LoadError(
      `data cannot be inserted into table with empty partition. Use \`SHOW PARTITIONS FROM ${table.name}\` to see the currently partitions of this table. `,
    );
  const targets =
    names === null
      ? normal
      : names.map((n) => {
          const p = normal.find((x) => x.name.toLowerCase() === n.toLowerCase());
          if (p === undefined) throw unknownPartition(n, table.name);
          return p;
        });
  // A partial update that leaves a partition column out cannot be placed here (StarRocks requires
  // the key columns, which hold the partition columns of a PRIMARY KEY table).
  if (written !== undefined) {
    const have = new Set(written.map((c) => c.toLowerCase()));
    if (!scheme.columns.every((c) => have.has(c.toLowerCase()))) return null;
  }
  return partitions.membershipSql(scheme, targets);
}

/** `plan` with the partition check of its table as it is now (on `conn`). */
export async function withPartitions(
  conn: EngineConnection,
  plan: LoadPlan,
  options: LoadOptions,
): Promise<LoadPlan> {
  const member = await partitionMember(conn, plan.table, options, plan.write.columns);
  return member === null ? plan : plan.withPartitionCheck(member);
}
