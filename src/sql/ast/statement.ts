/** The statement union: everything the parser can return for one `;`-separated statement. */
import type { SourcePos } from '../../errors/index.js';
import type {
  AstAlterUser,
  AstCreateUser,
  AstDeallocate,
  AstDescribe,
  AstDropUser,
  AstExecute,
  AstExplainOptions,
  AstGeneric,
  AstGrantPrivileges,
  AstGrantRole,
  AstKill,
  AstPrepare,
  AstRoleStatement,
  AstSet,
  AstSetCatalog,
  AstShow,
  AstTransaction,
  AstUse,
} from './admin.js';
import type {
  AstAlterTable,
  AstAlterView,
  AstCreateDatabase,
  AstCreateMaterializedView,
  AstCreateTable,
  AstCreateView,
  AstDropDatabase,
  AstDropTable,
  AstDropView,
  AstTruncateTable,
} from './ddl.js';
import type { AstDelete, AstInsert, AstUpdate } from './dml.js';
import type { AstQuery } from './query.js';

export interface AstExplain extends AstExplainOptions {
  readonly kind: 'explain';
  readonly statement: AstQuery | AstInsert | AstUpdate | AstDelete;
}

export type AstStatement =
  | AstQuery
  | AstExplain
  | AstInsert
  | AstUpdate
  | AstDelete
  | AstCreateDatabase
  | AstDropDatabase
  | AstCreateTable
  | AstDropTable
  | AstTruncateTable
  | AstAlterTable
  | AstCreateView
  | AstAlterView
  | AstDropView
  | AstCreateMaterializedView
  | AstUse
  | AstSetCatalog
  | AstSet
  | AstShow
  | AstDescribe
  | AstKill
  | AstTransaction
  | AstPrepare
  | AstExecute
  | AstDeallocate
  | AstCreateUser
  | AstDropUser
  | AstAlterUser
  | AstGrantPrivileges
  | AstGrantRole
  | AstRoleStatement
  | AstGeneric;

export type AstStatementKind = AstStatement['kind'];

/** A parsed statement with where it came from in the submitted text. */
export interface ParsedStatement {
  readonly statement: AstStatement;
  /** The statement's own text (without the trailing `;`), e.g. for SHOW PROCESSLIST and views. */
  readonly text: string;
  readonly pos: SourcePos;
  /** Number of `?` placeholders (prepared statements). */
  readonly paramCount: number;
}
