/** Statement dispatch: one handler per statement kind; unknown kinds answer `not supported`. */
import { SqlError } from '../errors/index.js';
import type { AstShow, ParsedStatement } from '../sql/index.js';
import type { Value } from '../types/index.js';
import type { RowsResult, StatementResult } from './api.js';
import {
  alterSystem,
  alterView,
  createDatabase,
  createTable,
  createView,
  dropDatabase,
  dropTable,
  truncateTable,
} from './exec-ddl.js';
import { runDelete, runUpdate } from './exec-dml.js';
import { alterTable } from './exec-alter.js';
import { showAlterTable } from './show-alter.js';
import { showDynamicPartitionTables, showPartitions, truncatePartitions } from './exec-partition.js';
import { createMv } from './exec-mv.js';
import { runExplain, runInsert, runQuery } from './exec-query.js';
import {
  describeExternal,
  explainExternal,
  guarded,
  platformShow,
  runPlatformGeneric,
  useExternal,
  withExternalReads,
} from './exec-resource.js';
import {
  alterUser,
  createUser,
  dropUser,
  grantPrivileges,
  grantRoles,
  roleStatement,
  setPassword,
} from './exec-security.js';
import { executeAs, setRole } from './exec-impersonate.js';
import { createGroupProvider, dropGroupProvider } from './exec-group-provider.js';
import { routineShow, runRoutineLoad } from './exec-routine.js';
import { runKill, runSet, runSetCatalog, runTransaction, runUse } from './exec-set.js';
import { deallocate, executeNamed, prepareNamed } from './prepared.js';
import { okResult } from './results.js';
import type { SessionImpl } from './session.js';
import { adminSetConfig, adminShowConfig, clusterShow } from './show-cluster.js';
import { runDescribe, runShow } from './show.js';
import { showTemporaryTables } from './exec-temp-table.js';
import { recoverTable } from './exec-recycle.js';

export async function dispatch(
  s: SessionImpl,
  st: ParsedStatement,
  signal: AbortSignal,
  params?: readonly Value[],
): Promise<StatementResult> {
  s.db.countQuestion();
  const stmt = st.statement;
  switch (stmt.kind) {
    case 'query':
      return guarded(s, stmt, () => runQuery(s, stmt, signal, params));
    case 'explain':
      return explainExternal(s, stmt, () => runExplain(s, stmt, params));
    case 'insert':
      return guarded(s, stmt, () => runInsert(s, stmt, signal, params));
    case 'create-database':
      return createDatabase(s, stmt);
    case 'drop-database':
      return dropDatabase(s, stmt);
    case 'create-table':
      return withExternalReads(s, stmt.asQuery, () => createTable(s, stmt, signal));
    case 'drop-table':
      return dropTable(s, stmt, 'table');
    case 'truncate-table':
      return stmt.partitions !== undefined ? truncatePartitions(s, stmt) : truncateTable(s, stmt);
    case 'create-view':
      return createView(s, stmt);
    case 'alter-view':
      return alterView(s, stmt);
    case 'drop-view':
      return dropTable(
        s,
        { kind: 'drop-table', ifExists: stmt.ifExists, name: stmt.name, force: false },
        'view',
      );
    case 'use':
      return useExternal(s, stmt) ?? runUse(s, stmt);
    case 'set-catalog':
      return useExternal(s, stmt) ?? runSetCatalog(s, stmt);
    case 'set':
      return (await setPassword(s, stmt)) ?? runSet(s, stmt, signal);
    case 'show':
      return (
        routineShow(s, stmt, signal) ??
        (await clusterShow(s, stmt)) ??
        partitionShow(s, stmt, signal) ??
        (await platformShow(s, stmt, signal)) ??
        runShow(s, stmt, signal)
      );
    case 'describe':
      return (await describeExternal(s, stmt)) ?? runDescribe(s, stmt);
    case 'kill':
      return runKill(s, stmt, signal);
    case 'transaction':
      return runTransaction(s, stmt);
    case 'prepare':
      return prepareNamed(s, stmt);
    case 'execute':
      return executeNamed(s, stmt, signal);
    case 'deallocate':
      return deallocate(s, stmt);
    case 'generic':
      return (
        runRoutineLoad(s, stmt.feature, stmt.text) ??
        (await runPlatformGeneric(s, stmt.feature, stmt.text)) ??
        runGeneric(s, stmt.feature, stmt.text)
      );
    case 'update':
      return runUpdate(s, stmt, signal);
    case 'delete':
      return runDelete(s, stmt, signal);
    case 'alter-table':
      return alterTable(s, stmt);
    case 'create-materialized-view':
      return createMv(s, stmt, signal);
    case 'create-user':
      return createUser(s, stmt);
    case 'drop-user':
      return dropUser(s, stmt);
    case 'alter-user':
      return alterUser(s, stmt);
    case 'grant-privileges':
    case 'revoke-privileges':
      return grantPrivileges(s, stmt);
    case 'grant-role':
    case 'revoke-role':
      return grantRoles(s, stmt);
    case 'create-role':
    case 'drop-role':
      return roleStatement(s, stmt);
  }
}

/** SHOW statements answered by the partitions/ALTER handlers (null: not one of them). */
function partitionShow(s: SessionImpl, stmt: AstShow, signal: AbortSignal): Promise<RowsResult> | null {
  switch (stmt.what) {
    case 'partitions':
    case 'temporary partitions':
      return showPartitions(s, stmt, signal);
    case 'dynamic partition tables':
      return showDynamicPartitionTables(s, stmt, signal);
    case 'temporary tables':
      return Promise.resolve(showTemporaryTables(s, stmt));
    case 'alter table column':
    case 'alter table rollup':
    case 'alter table optimize':
      return showAlterTable(s, stmt, signal);
    default:
      return null;
  }
}

/** Statements the grammar knows that Rockling answers without a dedicated AST. */
function runGeneric(
  s: SessionImpl,
  feature: string,
  text: string,
): StatementResult | Promise<StatementResult> {
  switch (feature) {
    case 'EXECUTE AS':
      // Superset's impersonation pre-query (root as root) included.
      return executeAs(s, text);
    case 'SET ROLE':
      return setRole(s, text);
    case 'CREATE GROUP PROVIDER':
      return createGroupProvider(s, text);
    case 'DROP GROUP PROVIDER':
      return dropGroupProvider(s, text);
    case 'ADMIN SET CONFIG':
      return adminSetConfig(s, text);
    case 'ADMIN SHOW CONFIG':
      return adminShowConfig(s, text);
    case 'ALTER SYSTEM':
      return alterSystem(s, text);
    case 'RECOVER TABLE':
      return recoverTable(s, text);
    case 'SYNC':
      // StarRocks' SYNC waits for pending replication; Rockling's writes are visible on commit.
      return okResult();
    default:
      void s;
      throw new SqlError('not-supported', { feature });
  }
}
