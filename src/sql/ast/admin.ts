/** Session, SHOW, utility and account statements. */
import type { AstExpr, AstName } from './expr.js';
import type { AstProperties } from './ddl.js';
import type { AstLimit, AstOrderItem } from './query.js';

export interface AstUse {
  readonly kind: 'use';
  /** `USE db`, `USE catalog.db`, `USE 'catalog name'` (catalog only). */
  readonly catalog?: string;
  readonly db?: string;
}
export interface AstSetCatalog {
  readonly kind: 'set-catalog';
  readonly catalog: string;
}

export type AstSetAssignment =
  /** `SET [GLOBAL|SESSION|LOCAL] x = v`, `SET @@global.x = v`; value null means DEFAULT. */
  | {
      readonly kind: 'system';
      readonly scope: 'global' | 'session';
      readonly name: string;
      readonly value: AstExpr | null;
    }
  | { readonly kind: 'user'; readonly name: string; readonly value: AstExpr }
  | { readonly kind: 'names'; readonly charset: string | null; readonly collation?: string }
  | { readonly kind: 'charset'; readonly charset: string | null }
  | {
      readonly kind: 'password';
      readonly user?: AstUserIdentity;
      readonly password: string;
      readonly hashed: boolean;
    }
  | {
      readonly kind: 'transaction';
      readonly scope: 'global' | 'session' | null;
      readonly isolation?: string;
      readonly readOnly?: boolean;
    };

export interface AstSet {
  readonly kind: 'set';
  readonly assignments: readonly AstSetAssignment[];
}

/**
 * SHOW statements share one node: `what` is the normalised lower-case keyword phrase
 * ('databases', 'tables', 'columns', 'create table', 'variables', 'processlist', 'partitions',
 * 'routine load', 'routine load task', 'grants', 'index', 'table status', …). Clauses not
 * written are absent. Handlers dispatch on `what`.
 */
export interface AstShow {
  readonly kind: 'show';
  readonly what: string;
  readonly full: boolean;
  /** `SHOW ALL ROUTINE LOAD`, `SHOW ALL AUTHENTICATION`. */
  readonly all: boolean;
  readonly scope?: 'global' | 'session';
  /** The object: `SHOW CREATE TABLE t`, `SHOW PARTITIONS FROM t`, `SHOW COLUMNS FROM t`, `SHOW ROUTINE LOAD FOR j`. */
  readonly target?: AstName;
  /** `FROM db` / `IN db` (second FROM of `SHOW COLUMNS FROM t FROM db`), or the catalog of SHOW DATABASES. */
  readonly from?: AstName;
  /** `SHOW GRANTS FOR u`, `SHOW GRANTS FOR ROLE r`. */
  readonly user?: AstUserIdentity;
  readonly role?: string;
  readonly like?: string;
  readonly where?: AstExpr;
  readonly orderBy?: readonly AstOrderItem[];
  readonly limit?: AstLimit;
  /** `SHOW PROC '/path'`. */
  readonly path?: string;
}

export interface AstDescribe {
  readonly kind: 'describe';
  readonly table: AstName;
  readonly all: boolean;
}

export interface AstKill {
  readonly kind: 'kill';
  readonly queryOnly: boolean;
  readonly id: AstExpr;
}

export interface AstTransaction {
  readonly kind: 'transaction';
  readonly action: 'begin' | 'commit' | 'rollback';
  /** `BEGIN WITH LABEL l` / `START TRANSACTION WITH LABEL l`. */
  readonly label?: string;
}

export interface AstPrepare {
  readonly kind: 'prepare';
  readonly name: string;
  /** `PREPARE s FROM 'text'` (string) or `FROM @var`. */
  readonly source:
    { readonly kind: 'text'; readonly text: string } | { readonly kind: 'user-var'; readonly name: string };
}
export interface AstExecute {
  readonly kind: 'execute';
  readonly name: string;
  readonly using: readonly string[];
}
export interface AstDeallocate {
  readonly kind: 'deallocate';
  readonly name: string;
}

/** `'name'@'host'`; host defaults to '%'. */
export interface AstUserIdentity {
  readonly name: string;
  readonly host: string;
  readonly domain?: boolean;
}

export interface AstCreateUser {
  readonly kind: 'create-user';
  readonly ifNotExists: boolean;
  readonly user: AstUserIdentity;
  /** `IDENTIFIED BY 'pw'` (hashed=false) or `IDENTIFIED BY PASSWORD '*hash'` (hashed=true). */
  readonly password?: { readonly value: string; readonly hashed: boolean };
  readonly authPlugin?: { readonly plugin: string; readonly value?: string };
  readonly defaultRoles: readonly string[];
  readonly properties: AstProperties;
}
export interface AstDropUser {
  readonly kind: 'drop-user';
  readonly ifExists: boolean;
  readonly user: AstUserIdentity;
}
export interface AstAlterUser {
  readonly kind: 'alter-user';
  readonly ifExists: boolean;
  readonly user: AstUserIdentity;
  readonly password?: { readonly value: string; readonly hashed: boolean };
  readonly defaultRoles?: readonly string[];
  readonly properties: AstProperties;
}

/** What a GRANT/REVOKE applies to. */
export type AstGrantObject =
  | { readonly kind: 'system' }
  /** `ON db.tbl`, `ON db.*`, `ON *.*`, `ON TABLE db.tbl` (objectType when written). */
  | { readonly kind: 'name'; readonly objectType?: string; readonly names: readonly AstName[] }
  /** `ON ALL TABLES IN DATABASE d` / `IN ALL DATABASES`. */
  | { readonly kind: 'all'; readonly objectType: string; readonly inDatabase?: string };

export interface AstGrantPrivileges {
  readonly kind: 'grant-privileges' | 'revoke-privileges';
  /** Normalised upper-case words: 'SELECT', 'INSERT', 'ALL', 'CREATE TABLE'; legacy `SELECT_PRIV` kept as written. */
  readonly privileges: readonly string[];
  readonly object: AstGrantObject;
  readonly grantee:
    | { readonly kind: 'user'; readonly user: AstUserIdentity }
    | { readonly kind: 'role'; readonly role: string };
  readonly withGrantOption: boolean;
}
export interface AstGrantRole {
  readonly kind: 'grant-role' | 'revoke-role';
  readonly roles: readonly string[];
  readonly grantee:
    | { readonly kind: 'user'; readonly user: AstUserIdentity }
    | { readonly kind: 'role'; readonly role: string };
}
export interface AstRoleStatement {
  readonly kind: 'create-role' | 'drop-role';
  readonly ifExistsOrNot: boolean;
  readonly roles: readonly string[];
}

/**
 * A statement StarRocks' grammar accepts that Rockling recognises but does not model in detail
 * yet. `feature` is the statement kind in StarRocks' words ('CREATE ROUTINE LOAD', 'ADMIN SET
 * CONFIG', 'SYNC', …); `text` is the statement's source text. Executing it answers
 * `not supported: <feature>` (errno 1235) unless a handler exists.
 */
export interface AstGeneric {
  readonly kind: 'generic';
  readonly feature: string;
  readonly text: string;
}

/** `EXPLAIN [LOGICAL|VERBOSE|COSTS|ANALYZE|SCHEDULER] stmt` (also `DESC stmt`). */
export interface AstExplainOptions {
  readonly level: 'normal' | 'logical' | 'verbose' | 'costs' | 'analyze' | 'scheduler';
}
