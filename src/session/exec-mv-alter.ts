/**
 * REFRESH / ALTER / DROP / CANCEL REFRESH MATERIALIZED VIEW: the statements the parser keeps as
 * generic text. Each change commits with its catalog entry and the MV document in one transaction
 * (see exec-mv.ts for the MV model).
 */
import { DEFAULT_CATALOG, type TableEntry } from '../catalog/index.js';
import { parseMvCommand, refreshScheme, type MvCommand, type MvDoc } from '../catalog/mv/index.js';
import { compileQuery, dropTableSql } from '../codegen/index.js';
import { SqlError } from '../errors/index.js';
import { parseQuery } from '../sql/index.js';
import type { OkResult } from './api.js';
import { invalid, mvName, platformOf, refreshById } from './exec-mv.js';
import { checkDropDependencies } from './mv-dependencies.js';
import { okResult } from './results.js';
import type { SessionImpl } from './session.js';

/** The statements the parser keeps as generic text: REFRESH/ALTER/DROP/CANCEL REFRESH MV. */
export async function runMvCommand(s: SessionImpl, feature: string, text: string): Promise<OkResult> {
  const cmd = parseMvCommand(feature, text);
  const { db, name } = mvName(s, cmd.name);
  const platform = platformOf(s.db);
  if (cmd.kind === 'drop') return dropMv(s, db, name, cmd.ifExists);
  if (!s.db.catalog.databaseExists(DEFAULT_CATALOG, db)) throw new SqlError('unknown-database', { db });
  const entry = s.db.catalog.getEntry(DEFAULT_CATALOG, db, name);
  if (entry === null || entry.kind !== 'materialized-view') {
    if (platform.docs.get('sync-mv', `${db}.${name}`) !== undefined && cmd.kind === 'refresh')
      return okResult(); // a synchronous MV is maintained with its base table
    throw invalid(`Can not find materialized view:${name}`);
  }
  switch (cmd.kind) {
    case 'refresh':
      await refreshById(s.db, entry.id, cmd.force);
      return okResult();
    case 'cancel':
      return okResult(); // refreshes run to completion inside one statement or tick
    default:
      return alterMv(s, entry, cmd);
  }
}

async function alterMv(s: SessionImpl, entry: TableEntry, cmd: MvCommand): Promise<OkResult> {
  const platform = platformOf(s.db);
  const now = platform.clock.now();
  const result = await platform.docs.change(async (tx, w) => {
    const doc = w.get<MvDoc>('mv', String(entry.id));
    const current = tx.getEntry(DEFAULT_CATALOG, entry.db, entry.name);
    if (doc === undefined || current === null || current.id !== entry.id)
      throw invalid(`Can not find materialized view:${entry.name}`);
    switch (cmd.kind) {
      case 'rename': {
        if (tx.getTable(DEFAULT_CATALOG, entry.db, cmd.to) !== null)
          throw new SqlError('table-exists', { table: cmd.to });
        await tx.replaceTable(current, { ...current, name: cmd.to });
        await w.put('mv', String(entry.id), { ...doc, name: cmd.to });
        break;
      }
      case 'active':
        if (cmd.active)
          compileQuery(parseQuery(doc.queryText), { ...s.compileContext().ctx, currentDb: doc.db });
        await w.put('mv', String(entry.id), {
          ...doc,
          active: cmd.active,
          inactiveReason: cmd.active ? '' : 'user use alter materialized view set status to inactive',
        });
        break;
      case 'refresh-scheme':
        await w.put('mv', String(entry.id), { ...doc, refresh: refreshScheme(cmd.refresh, now) });
        break;
      case 'set': {
        const props = [...current.definition.properties];
        for (const p of cmd.properties) {
          const at = props.findIndex((x) => x.key.toLowerCase() === p.key.toLowerCase());
          if (at >= 0) props[at] = p;
          else props.push(p);
        }
        await tx.replaceTable(current, {
          ...current,
          definition: { ...current.definition, properties: props },
        });
        break;
      }
      default:
        break;
    }
    return okResult();
  });
  platform.scheduler.reschedule(entry.id);
  return result;
}

async function dropMv(s: SessionImpl, db: string, name: string, ifExists: boolean): Promise<OkResult> {
  const platform = platformOf(s.db);
  return platform.docs.change(async (tx, w) => {
    if (!tx.databaseExists(DEFAULT_CATALOG, db)) {
      if (ifExists) return okResult();
      throw new SqlError('unknown-database', { db });
    }
    if (w.get('sync-mv', `${db}.${name}`) !== undefined) {
      await w.remove('sync-mv', `${db}.${name}`);
      return okResult();
    }
    const entry = tx.getEntry(DEFAULT_CATALOG, db, name);
    if (entry === null || entry.kind !== 'materialized-view') {
      if (ifExists) return okResult();
      throw invalid(`Materialized view ${name} is not found`);
    }
    checkDropDependencies(s, db, name);
    await tx.dropTable(DEFAULT_CATALOG, db, name);
    if (entry.storage !== undefined) await tx.conn.execute(dropTableSql(entry.storage));
    await w.remove('mv', String(entry.id));
    platform.scheduler.reschedule(entry.id);
    return okResult();
  });
}
