/** Rows of the dynamic information_schema tables, from session state (materialised per query). */
import { materializeSystemTable, type TableDescriptor } from '../catalog/index.js';
import type { EngineConnection, EngineParam } from '../engine/index.js';
import { beTabletRows } from './be-tablets.js';
import { isExternalScan, materializeExternal } from './exec-catalog.js';
import { mvRows } from './exec-mv.js';
import { routineLoadJobsRows, routineLoadsRows } from './exec-routine.js';
import type { SessionImpl } from './session.js';
import { showText } from './variables.js';

/** Variable rows (name, value[, default, changed]) in name order, as SHOW VARIABLES lists them. */
export function variableRows(
  s: SessionImpl,
  scope: 'global' | 'session',
): [string, string, string, boolean][] {
  return [...s.db.varDefs.values()]
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((d) => {
      const value = s.getVar(d.name, scope);
      const text = showText(value ?? null);
      const dflt = showText(d.defaultValue);
      return [d.name, text, dflt, text !== dflt];
    });
}

/** PROCESSLIST rows: Id, User, Host, db, Command, Time, State, Info. */
export function processRows(s: SessionImpl): EngineParam[][] {
  return s.db
    .listSessions()
    .map((x) => [
      x.connectionId,
      x.user,
      x.host,
      x.currentDb,
      x.running !== null ? 'Query' : 'Sleep',
      x.idleSeconds,
      x.running !== null ? 'OK' : '',
      x.running?.text ?? null,
    ]);
}

function rowsFor(s: SessionImpl, t: TableDescriptor): EngineParam[][] {
  switch (t.name) {
    case 'session_variables':
      return variableRows(s, 'session').map(([n, v]) => [n, v]);
    case 'global_variables':
      return variableRows(s, 'global').map(([n, v]) => [n, v]);
    case 'verbose_session_variables':
      return variableRows(s, 'session');
    case 'processlist':
      return processRows(s);
    case 'routine_load_jobs':
      return routineLoadJobsRows(s);
    case 'routine_loads':
      return routineLoadsRows(s);
    case 'materialized_views':
      return mvRows(s.db, null);
    default:
      return [];
  }
}

/** Fill every dynamic table a statement reads, on the connection that will run it. */
export async function materializeDynamic(
  s: SessionImpl,
  conn: EngineConnection,
  tables: ReadonlySet<TableDescriptor>,
): Promise<void> {
  for (const t of tables) {
    // External-catalog reads are TEMP VIEWs over their staged files (exec-catalog.ts).
    if (isExternalScan(t)) await materializeExternal(conn, t);
    else if (t.name === 'be_tablets') await materializeSystemTable(conn, t, await beTabletRows(s, conn));
    else await materializeSystemTable(conn, t, rowsFor(s, t));
  }
}
