/**
 * Conditional functions and session/utility functions. Conditionals unify their value arguments to
 * the common type (StarRocks' DecimalV3FunctionAnalyzer rules for DECIMAL); none of them is
 * NULL-on-NULL-input. Session functions (DATABASE(), USER(), …) take their values from the session
 * at code generation (EmitCall.session).
 */
import { T } from '../../types/index.js';
import { argType, scalar, sig, VARCHAR, type FunctionDef } from './signature.js';

const same2: FunctionDef = scalar([sig(['same', 'same'], argType(0))], {
  nullOnNullInput: false,
  id: 'ifnull',
});

/** Conditional function table. */
export const CONDITIONAL_FUNCTIONS: Readonly<Record<string, FunctionDef>> = {
  if: scalar([sig([T.boolean, 'same', 'same'], argType(1))], { nullOnNullInput: false }),
  ifnull: same2,
  nvl: same2,
  nullif: scalar([sig(['same', 'same'], argType(0))], { nullOnNullInput: false }),
  coalesce: scalar([sig(['same'], argType(0), 'same', 1)], { nullOnNullInput: false }),
  isnull: scalar([sig(['any'], T.boolean)], { nullOnNullInput: false }),
  isnotnull: scalar([sig(['any'], T.boolean)], { nullOnNullInput: false }),
  assert_true: scalar([sig([T.boolean], T.boolean), sig([T.boolean, VARCHAR], T.boolean)]),
};

const session = (ret = VARCHAR): FunctionDef => scalar([sig([], ret)], { nullOnNullInput: false });
const database = scalar([sig([], VARCHAR)], { nullOnNullInput: false, id: 'database' });
const currentUser = session();

/** Session and utility function table. */
export const SESSION_FUNCTIONS: Readonly<Record<string, FunctionDef>> = {
  database,
  schema: database,
  current_catalog: session(),
  catalog: session(),
  user: session(),
  session_user: session(),
  current_user: currentUser,
  current_role: session(),
  connection_id: session(T.bigint),
  version: session(),
  current_version: session(),
  last_insert_id: session(T.bigint),
  last_query_id: session(),
  host_name: session(),
  sleep: scalar([sig([T.int], T.boolean)]),
};
