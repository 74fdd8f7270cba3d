/**
 * What the compiler needs from the session: the catalog to bind names against, the current
 * catalog/database, variables and prepared-statement parameters. Plain functions so the session
 * owns the state and the compiler stays pure.
 */
import type { CatalogView } from '../catalog/index.js';
import type { Value } from '../types/index.js';
import type { FunctionResolver } from './functions/types.js';

export interface CompileContext {
  readonly catalog: CatalogView;
  readonly currentCatalog: string;
  readonly currentDb: string | null;
  /** `@@name` (scope as written); undefined when the variable does not exist. */
  sessionValue(name: string, scope: 'global' | 'session' | null): Value | undefined;
  /** `@name`; null when unset (MySQL semantics). */
  userVariable(name: string): Value;
  /** USER(): `'name'@'client host'`. */
  readonly currentUser: string;
  /** CURRENT_USER(): the matched account (`'name'@'%'` when the session does not say). */
  readonly currentIdentity?: string;
  readonly connectionId: number;
  /** IS_ROLE_IN_SESSION: whether the role is active (directly or inherited); absent: none is. */
  readonly roleInSession?: (role: string) => boolean;
  /** Prepared-statement parameters; when absent, `?` compiles to `$n` placeholders. */
  readonly params?: readonly Value[];
  /** Function resolver (defaults to the function library's registry). */
  readonly resolveFunction?: FunctionResolver;
}
